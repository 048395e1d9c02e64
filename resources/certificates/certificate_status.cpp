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
  switch (status.value_or(-1)) {
    case 5:
      // Seed 004, CertificateInfoSubmit (付费提交证书资料) and CertificateOrderSubmit: the
      // information of an organisation's (OV/EV) order, which cloudssl_paid_certificate sends on
      // apply; an order it bought whose submission was refused stays in 5 until the next apply.
      return "Submit the certificate's information: the organisation, its contacts and the "
             "validation method. For a certificate bought by cloudssl_paid_certificate, that "
             "resource's apply submits it (CertificateInfoSubmit, then CertificateOrderSubmit; "
             "nothing is bought again): when its apply warned that the submission was refused, "
             "correct what the warning names (company_id or organisation, manager_id or admin "
             "and tech, contact_email, verify_type) and apply. For a certificate bought "
             "elsewhere, submit its information in the Tencent Cloud SSL certificate console, "
             "https://console.cloud.tencent.com/ssl (the certificate's 提交资料).";
    case 8:
      // Seed 004, UploadConfirmLetter: "不再维护其功能，请用户前往腾讯云证书控制台上传证书确认函"
      // (no longer maintained: upload the letter in the certificate console), so no API call can
      // do it.
      return "Upload the certificate's confirmation letter (确认函, jpg, png or pdf) in the "
             "Tencent "
             "Cloud SSL certificate console, https://console.cloud.tencent.com/ssl (the "
             "certificate's details); the API's UploadConfirmLetter is no longer maintained, so "
             "Terraform cannot upload it. The review goes on once the CA has the letter.";
    case 12:
      // Seed 004, UploadRevokeLetter:
      // "不再维护其功能，请用户前往腾讯云证书控制台上传证书吊销确认函" (no longer maintained:
      // upload the revocation letter in the certificate console).
      return "The certificate's revocation waits for its revocation letter (吊销确认函): download "
             "the template, sign it and upload it in the Tencent Cloud SSL certificate console, "
             "https://console.cloud.tencent.com/ssl (the certificate's details); the API's "
             "UploadRevokeLetter is no longer maintained, so Terraform cannot upload it. The "
             "revocation goes on once the CA has the letter (status 9, then 10 revoked), and a "
             "revoked certificate is never issued again: to keep this certificate, cancel the "
             "revocation in the console instead.";
    case 13:
      // Seed 004 has no action that submits a free certificate's information: ApplyCertificate
      // applies for a new certificate with it (DomainName, DvAuthMethod), so a certificate in 13
      // was started in the console and is finished there.
      return "Submit the free certificate's information (its domain and validation method) in "
             "the Tencent Cloud SSL certificate console, https://console.cloud.tencent.com/ssl "
             "(the certificate's 提交资料); no API action submits it for an existing free "
             "certificate. Or apply for a new one with cloudssl_free_certificate, whose "
             "application (ApplyCertificate) carries the domain and dv_auth_method and so never "
             "waits in this status.";
    default:
      return "";
  }
}

}  // namespace cloudssl::certificates
