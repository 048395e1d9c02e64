// The certificate issuance state machine (docs/design/ssl-api.md §3.7) as a wait loop sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"

namespace cloudssl::certificates {

enum class IssuanceState {
  Pending,      // 0 review, 4 DNS record added, 11 reissuing, 15 migrating, 6/9 transitional
  Issued,       // 1
  Failed,       // 2 review failed, 3 expired, 7 cancelled, 10 revoked, 14 refunded
  NeedsAction,  // 5, 8, 12, 13: information or a letter the CA waits for; time changes nothing
};

IssuanceState issuance_state(std::optional<std::int64_t> status);

// "issued", "review failed", ... for messages (StatusName is localised; never parsed).
std::string status_text(std::optional<std::int64_t> status);

// Who waits on a NeedsAction status: the fix for 12 (waiting for a revocation letter) points
// opposite ways. A revocation completes once the letter is uploaded; a wait for the
// certificate's issuance can only go on if the revocation is cancelled.
enum class NeedsActionWait {
  Issuance,    // cloudssl_certificate_validation, cloudssl_paid_certificate
  Revocation,  // cloudssl_certificate_revocation
};

// What a person does, and where, for a certificate waiting in `status` (a NeedsAction status: 5
// submit the organisation's information, 8 upload the confirmation letter, 12 upload the
// revocation letter or cancel the revocation, as `wait` wants, 13 submit a free certificate's
// information). "" for the other statuses.
std::string needs_action_fix(std::optional<std::int64_t> status,
                             NeedsActionWait wait = NeedsActionWait::Issuance);

// The tag key every order cloudssl_paid_certificate buys carries (its value names the purchase).
inline constexpr const char* kPaidOrderTag = "cloudssl-order";

// What a failed review's StatusMsg (status 2) of a paid order concerns: the
// cloudssl_paid_certificate attributes (a diagnostic points at the first one configured) and how
// to fix them. `closed`: the validation timed out and the CA closed the order
// ("请您重新进行证书申请", apply again), which ModifyCertificateResubmit does not reopen.
struct ReviewFailure {
  std::vector<std::string> attributes;
  std::string fix;
  bool closed = false;
  // False for an empty StatusMsg or one seed 004 does not list: `attributes` is then only
  // where a diagnostic points, not what the review refused.
  bool documented = true;
};
// `verify_type`: the order's validation method (VerifyType), which the closed order's fix is
// tailored to.
ReviewFailure review_failure(const std::string& status_msg, const std::string& verify_type = "");

// Whether `c` is an order a cloudssl_paid_certificate bought (it carries kPaidOrderTag).
bool is_paid_order(const api::Certificate& c);

}  // namespace cloudssl::certificates
