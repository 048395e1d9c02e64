// The certificate issuance state machine (docs/design/ssl-api.md §3.7) as a wait loop sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cloudssl::certificates {

enum class IssuanceState {
  Pending,      // 0 review, 4 DNS record added, 11 reissuing, 15 migrating, 6/9 transitional
  Issued,       // 1
  Failed,       // 2 review failed, 3 expired, 7 cancelled, 10 revoked, 14 refunded
  NeedsAction,  // 5, 8, 12, 13: documents or letters only a human can provide
};

IssuanceState issuance_state(std::optional<std::int64_t> status);

// "issued", "review failed", ... for messages (StatusName is localised; never parsed).
std::string status_text(std::optional<std::int64_t> status);

// What a person does for a certificate waiting in `status` (a NeedsAction status): for 8, upload
// the confirmation letter in the console. "" when this has no specific advice.
std::string needs_action_fix(std::optional<std::int64_t> status);

}  // namespace cloudssl::certificates
