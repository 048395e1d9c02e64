#include "resources/certificates/certificate_status.h"

namespace cloudssl::certificates {

IssuanceState issuance_state(std::optional<std::int64_t> status) {
  switch (status.value_or(0)) {
    case 1:
      return IssuanceState::Issued;
    case 2:
    case 3:
    case 7:
    case 10:
    case 14:
      return IssuanceState::Failed;
    case 5:
    case 8:
    case 12:
    case 13:
      return IssuanceState::NeedsAction;
    default:
      return IssuanceState::Pending;  // unknown values included: decode, do not guess
  }
}

std::string status_text(std::optional<std::int64_t> status) {
  if (!status) return "unknown";
  switch (*status) {
    case 0:
      return "under review";
    case 1:
      return "issued";
    case 2:
      return "review failed";
    case 3:
      return "expired";
    case 4:
      return "DNS validation record added";
    case 5:
      return "enterprise certificate waiting for documents";
    case 6:
      return "order being cancelled";
    case 7:
      return "cancelled";
    case 8:
      return "waiting for a confirmation letter";
    case 9:
      return "being revoked";
    case 10:
      return "revoked";
    case 11:
      return "being reissued";
    case 12:
      return "waiting for a revocation letter";
    case 13:
      return "free certificate waiting for information";
    case 14:
      return "refunded";
    case 15:
      return "being migrated";
    default:
      return "status " + std::to_string(*status);
  }
}

std::string needs_action_fix(std::optional<std::int64_t> status) {
  // Seed 004, UploadConfirmLetter: "不再维护其功能，请用户前往腾讯云证书控制台上传证书确认函" (no
  // longer maintained: upload the letter in the certificate console), so no API call can do it.
  if (status == 8)
    return "Upload the certificate's confirmation letter (确认函, jpg, png or pdf) in the Tencent "
           "Cloud SSL certificate console, https://console.cloud.tencent.com/ssl (the "
           "certificate's details); the API's UploadConfirmLetter is no longer maintained, so "
           "Terraform cannot upload it. The review goes on once the CA has the letter.";
  return "";
}

}  // namespace cloudssl::certificates
