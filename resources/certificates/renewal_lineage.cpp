#include "resources/certificates/renewal_lineage.h"

#include "lib/pem/pem.h"
#include "provider/log/logger.h"
#include "provider/util/ascii.h"
#include "resources/certificates/certificate_values.h"
#include "resources/certificates/free_certificate_fields.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

constexpr std::string_view kKey = "renewal_of";

}  // namespace

std::optional<RenewalSource> renewal_source(const framework::PrivateState& state) {
  auto entry = state.get(kKey);
  if (!entry || !entry->is_object()) return std::nullopt;
  RenewalSource source{entry->value("id", ""), entry->value("domain", ""),
                       entry->value("not_after", "")};
  if (source.certificate_id.empty()) return std::nullopt;
  return source;
}

void set_renewal_source(framework::PrivateState& state, const RenewalSource& source) {
  state.set(
      kKey,
      {{"id", source.certificate_id}, {"domain", source.domain}, {"not_after", source.not_after}});
}

void clear_renewal_source(framework::PrivateState& state) { state.erase(kKey); }

bool renewal_source_expired(const RenewalSource& source,
                            std::chrono::system_clock::time_point now) {
  auto end = pem::parse_rfc3339(source.not_after);
  return end && *end <= now;
}

void RenewalHandover::deposit(RenewalSource source) {
  std::lock_guard lock(mutex_);
  std::string key = ascii_lower(source.domain);
  by_domain_.emplace(std::move(key), std::move(source));
}

std::optional<RenewalSource> RenewalHandover::take(const std::string& domain) {
  std::lock_guard lock(mutex_);
  auto it = by_domain_.find(ascii_lower(domain));
  if (it == by_domain_.end()) return std::nullopt;
  RenewalSource source = std::move(it->second);
  by_domain_.erase(it);
  return source;
}

std::optional<RenewalSource> find_renewal_candidate(api::Client& ssl, const std::string& domain,
                                                    std::optional<std::int64_t> project_id,
                                                    std::chrono::seconds renew_before,
                                                    const framework::Context& ctx,
                                                    std::string& why_not) {
  api::DescribeCertificatesRequest request;
  request.search_key = domain;
  request.certificate_type = "SVR";
  request.certificate_status = {1};
  const auto now = std::chrono::system_clock::now();
  std::vector<RenewalSource> candidates;
  for (const api::Certificate& c :
       api::describe_all_certificates(ssl, request, common::call_options(ctx))) {
    if (ascii_lower(c.domain) != ascii_lower(domain) || c.package_type != kFreePackageType)
      continue;
    if (c.status != 1 || !c.renew_order.empty() || !c.has_renew_order.empty()) continue;
    if (project_id && c.project_id && *c.project_id != *project_id) continue;
    auto end = parse_api_time(c.cert_end_time);
    if (!end || *end <= now || *end > now + renew_before) continue;
    candidates.push_back({c.certificate_id, c.domain, pem::rfc3339(*end)});
  }
  if (candidates.size() == 1) return candidates.front();
  if (candidates.size() > 1) {
    why_not = std::to_string(candidates.size()) +
              " issued free certificates of this domain are inside the renewal window (";
    for (std::size_t i = 0; i < candidates.size(); ++i)
      why_not += (i ? ", " : "") + candidates[i].certificate_id;
    why_not += ")";
  }
  log::debug("Renewal source lookup",
             {{"domain", domain}, {"candidates", static_cast<int>(candidates.size())}});
  return std::nullopt;
}

}  // namespace cloudssl::certificates
