#include "resources/certificates/certificate_status.h"

#include <algorithm>

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
      return "an enterprise certificate waiting for documents";
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
      return "a free certificate waiting for information";
    case 14:
      return "refunded";
    case 15:
      return "being migrated";
    default:
      return "status " + std::to_string(*status);
  }
}

std::string needs_action_fix(std::optional<std::int64_t> status, NeedsActionWait wait) {
  switch (status.value_or(-1)) {
    case 5:
      // Seed 004, CertificateInfoSubmit (付费提交证书资料) and CertificateOrderSubmit: the
      // information of an organisation's (OV/EV) order, which cloudssl_paid_certificate sends on
      // apply; an order it bought whose submission was refused stays in 5 until the next apply.
      return "Submit the certificate's information: the organisation, its contacts and the "
             "validation method. For a certificate bought by cloudssl_paid_certificate, that "
             "resource's apply submits it (CertificateInfoSubmit, then CertificateOrderSubmit; "
             "nothing is bought again): when its apply warned that the submission was refused, "
             "correct what the API refused (the warning quotes its error), usually company_id or "
             "organisation, manager_id or admin and tech, contact_email or verify_type, and "
             "apply. For a certificate bought "
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
      // upload the revocation letter in the certificate console). The letter completes the
      // revocation (9, then 10 revoked), so only a revocation's wait is helped by uploading it.
      if (wait == NeedsActionWait::Issuance)
        return "The certificate is being revoked: its revocation waits for a revocation letter "
               "(吊销确认函). To keep waiting for this certificate, cancel the revocation in the "
               "Tencent Cloud SSL certificate console, https://console.cloud.tencent.com/ssl "
               "(the certificate's details), then apply again. Uploading the letter completes "
               "the revocation (status 9, then 10 revoked), and this validation can never pass: "
               "point certificate_id at another certificate.";
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
             "application (ApplyCertificate) carries the domain and dv_auth_method and so does not "
             "need this console step.";
    default:
      return "";
  }
}

// Seed 004 (DescribeCertificate, StatusMsg, "证书审核失败状态信息") lists the known messages.
ReviewFailure review_failure(const std::string& status_msg, const std::string& verify_type) {
  const auto says = [&](const char* text) { return status_msg.find(text) != std::string::npos; };
  if (says("域名验证超时")) {
    // Seed 004, CertificateOrderSubmit VerifyType: DNS_AUTO adds the records only for a zone
    // hosted in Tencent Cloud DNS (云解析DNS) under the account that applies.
    const std::string records =
        verify_type == "DNS_AUTO"
            ? "With verify_type = \"DNS_AUTO\" the records are added only when the zone is hosted "
              "in Tencent Cloud DNS under the same Tencent Cloud account as the certificate: "
              "move it there, or set another verify_type and publish the new order's validation "
              "records (dv_auths) before the CA's deadline."
            : "Publish its validation records (dv_auths) before the CA's deadline, or set "
              "verify_type = \"DNS_AUTO\" for a zone hosted in Tencent Cloud DNS under the same "
              "Tencent Cloud account, which adds the records itself.";
    return {{"verify_type"},
            "The domain validation timed out and the CA closed the order; resubmitting does not "
            "reopen a closed order, so applying does not resubmit it. To apply again, replace "
            "the certificate (terraform apply -replace=ADDRESS): that buys a new one, charged "
            "to the account. " +
                records,
            true};
  }
  if (says("域名未通过安全审查"))
    return {{"common_name", "other_names"},
            "The CA's security check refused a name of the order. Remove or replace the name it "
            "refused in common_name or other_names (a name flagged for phishing or malware, or "
            "not registered to you), then apply: the order is resubmitted with the new names "
            "(ModifyCertificateResubmit), nothing is bought."};
  if (says("证书资料未通过"))
    return {{"company_id", "organisation", "manager_id", "admin", "tech"},
            "The CA refused the organisation's information; its reviewers call the contact "
            "given in the submission. Correct the organisation (company_id, or organisation) "
            "and the contacts (manager_id, or admin and tech) so that they match the company's "
            "registration documents, then apply: the order is resubmitted with them "
            "(ModifyCertificateResubmit, the console's \"修改资料\"), nothing is bought."};
  if (says("订单审核失败"))
    return {
        {"common_name", "other_names", "company_id", "organisation", "manager_id", "admin", "tech"},
        "The order's review failed without a reason. See the order in the Tencent Cloud "
        "console (SSL certificates, the certificate's details) or ask Tencent support what "
        "was refused, correct the names (common_name, other_names) or the organisation and "
        "contacts (company_id, organisation, manager_id, admin, tech), then apply: the "
        "order is resubmitted (ModifyCertificateResubmit), nothing is bought."};
  return {{"common_name"},
          "The review's reason is not one the API documents. Applying resubmits it "
          "(ModifyCertificateResubmit) with the information in the configuration; fix what the "
          "review refused first.",
          false,
          false};
}

bool is_paid_order(const api::Certificate& c) {
  return std::any_of(c.tags.begin(), c.tags.end(),
                     [](const api::Tag& t) { return t.key == kPaidOrderTag; });
}

}  // namespace cloudssl::certificates
