// How the replacement that renews a cloudssl_free_certificate learns, at apply, which
// certificate it renews (ApplyCertificate.OldCertificateId).
//
// The plan knows: its first PlanResourceChange sees the old certificate as prior state and
// records it in the private state, which Terraform hands to the replacement's second plan
// (prior_private). Apply is harder: the apply-time re-plan of a replacement's create sees no
// prior state and, before protocol 6.11, no private state either. So the source travels by
// the first of these that exists:
//   1. Terraform >= 1.16 (store_planned_private): the plan's private state comes back in the
//      apply-time re-plan; the lineage is even known in the plan.
//   2. Default order (destroy, then create, in one provider process): the destroy half
//      receives the plan's private state, keeps the old certificate (the API renews only
//      existing ones) and hands its id to the create half in memory.
//   3. create_before_destroy on older clients: nothing reaches the create, so it looks the
//      old certificate up — the one issued, unrenewed free certificate of the same domain and
//      project inside the renewal window — and renews it only if exactly one exists.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "api/core/client.h"
#include "provider/framework/private_state.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

struct RenewalSource {
  std::string certificate_id;
  std::string domain;
  std::string not_after;  // RFC 3339 UTC; empty when unknown
};

// The private-state entry a renewal plan carries (absent on every other plan and in state).
std::optional<RenewalSource> renewal_source(const framework::PrivateState& state);
void set_renewal_source(framework::PrivateState& state, const RenewalSource& source);
void clear_renewal_source(framework::PrivateState& state);

// True when the source expired before `now`: the API then refuses the renewal.
bool renewal_source_expired(const RenewalSource& source, std::chrono::system_clock::time_point now);

// Hand-over from a renewal's destroy half to its create half within one provider process
// (the apply walk), keyed by domain: both halves see the same domain, nothing else in common.
class RenewalHandover {
 public:
  void deposit(RenewalSource source);
  std::optional<RenewalSource> take(const std::string& domain);

 private:
  std::mutex mutex_;
  std::multimap<std::string, RenewalSource> by_domain_;
};

// Case 3 above. nullopt when no single candidate exists; `why_not` then says what was found
// when that is worth a warning (several candidates), else stays empty.
std::optional<RenewalSource> find_renewal_candidate(api::Client& ssl, const std::string& domain,
                                                    std::optional<std::int64_t> project_id,
                                                    std::chrono::seconds renew_before,
                                                    const framework::Context& ctx,
                                                    std::string& why_not);

}  // namespace cloudssl::certificates
