// Action cloudssl_check_domain_verification (Terraform >= 1.14: `action_trigger` on a resource
// change, or `terraform apply -invoke`): asks the CA to check a pending certificate's domain
// validation now (CheckCertificateDomainVerification) and reports each domain's result as
// progress. It does not wait for issuance — cloudssl_certificate_validation does that,
// declaratively; this is the imperative "check now" after the records were put in place.
//
// A domain not verified yet is a warning naming the API's reason (the records may still be
// propagating); an API error (not a DV certificate, a status that allows no check) is an error.
#include <string>

#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/capabilities.h"
#include "resources/certificates/factories.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"

namespace cloudssl::certificates {

namespace {

// The CA's answer for one domain in words (CaCheck 2 = passed; LocalCheck 1 = the records
// or file were found).
std::string result_text(const api::DomainValidationResult& r) {
  std::string text = r.domain + " (" + (r.verify_type.empty() ? "?" : r.verify_type) + "): ";
  if (r.issued.value_or(false)) return text + "verified, the certificate is issued";
  if (r.ca_check.value_or(0) == 2) return text + "verified by the CA";
  text += "not verified yet";
  if (!r.local_check_fail_reason.empty()) text += " (" + r.local_check_fail_reason + ")";
  return text;
}

class CheckDomainVerificationAction final : public framework::Action {
 public:
  framework::Schema schema() const override {
    framework::Schema s;
    s.block.description =
        "Asks the CA to check a pending certificate's domain validation now "
        "(CheckCertificateDomainVerification) and reports each domain's result.";
    s.block.attributes = {common::certificate_id_argument(
        "certificate_id",
        "The pending certificate (a cloudssl_free_certificate id) whose validation to check.")};
    return s;
  }

  void invoke(const framework::ActionRequest& req, framework::ActionProgress& progress,
              framework::Diagnostics& d) const override {
    const std::string id = req.config.get_string("certificate_id").value_or("");
    progress.report("Asking the CA to check the domain validation of certificate " + id);
    const auto results = api::check_certificate_domain_verification(common::ssl_client(req.ctx), id,
                                                                    common::call_options(req.ctx));
    if (results.empty()) {
      d.warning(
          "No domain checked",
          "CheckCertificateDomainVerification returned no result for certificate " + id + ".");
      return;
    }
    std::string pending;
    for (const api::DomainValidationResult& r : results) {
      progress.report(result_text(r));
      if (!r.issued.value_or(false) && r.ca_check.value_or(0) != 2)
        pending += "\n- " + result_text(r);
    }
    if (!pending.empty())
      d.warning("Domain validation not passed yet",
                "Certificate " + id + ":" + pending +
                    "\nCheck the validation records (dv_auths of cloudssl_free_certificate); "
                    "DNS changes may take a while to propagate. Invoke the action again later, "
                    "or let cloudssl_certificate_validation wait for issuance.");
  }
};

}  // namespace

std::shared_ptr<framework::Action> make_check_domain_verification_action() {
  return std::make_shared<CheckDomainVerificationAction>();
}

}  // namespace cloudssl::certificates
