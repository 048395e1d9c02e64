// Action cloudssl_renew_certificate (Terraform >= 1.14: `action_trigger` on a resource change,
// or `terraform apply -invoke`): renews a free certificate now, the way the provider renews
// everywhere else (renewal_lineage.h): ApplyCertificate with OldCertificateId, which the API
// accepts for an issued free certificate within 30 days of its expiry and which creates the
// renewal relationship hosting uses. The renewal is a new certificate (a new id) applied for
// with the old one's domain, validation method, project, alias and key algorithm; its
// validation records are reported as progress.
//
// State: an action writes none. The cloudssl_free_certificate managing the old certificate
// keeps it (it stays valid until it expires); its next refresh shows the renewal in
// renewal_certificate_id. A certificate that already has a renewal is not renewed again (a
// warning names the renewal), so invoking the action twice applies for one renewal.
#include <string>

#include "api/core/api_error.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/validators.h"
#include "resources/certificates/factories.h"
#include "resources/certificates/free_certificate_fields.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

namespace {

using namespace common::schema_names;

// What the user must publish for the renewal to be issued, one line per record.
std::string record_text(const api::DvAuth& a) {
  if (a.verify_type == "FILE")
    return "validation file for " + a.domain + ": serve http://" + a.domain + a.path + a.key +
           " with the content " + a.value;
  return "validation record for " + a.domain + ": " +
         (a.verify_type.empty() ? "DNS" : a.verify_type) + " " + a.key + " = " + a.value;
}

class RenewCertificateAction final : public framework::Action {
 public:
  framework::Schema schema() const override {
    framework::Schema s;
    s.block.description =
        "Renews a free certificate now (ApplyCertificate with OldCertificateId, allowed within "
        "30 days of its expiry) and reports the renewal's id and validation records.";
    s.block.attributes = {common::certificate_id_argument("certificate_id",
                                                          "The issued free certificate to renew (a "
                                                          "cloudssl_free_certificate id).")};
    return s;
  }

  void invoke(const framework::ActionRequest& req, framework::ActionProgress& progress,
              Diagnostics& d) const override {
    const std::string id = req.config.get_string("certificate_id").value_or("");
    api::Client& ssl = common::ssl_client(req.ctx);
    const auto old = api::find_certificate(ssl, id, common::call_options(req.ctx));
    if (!old) {
      d.error("Certificate not found",
              "No certificate " + id +
                  " in the account; set certificate_id to the id of an "
                  "issued free certificate.",
              Path::root("certificate_id"));
      return;
    }
    if (old->package_type != kFreePackageType) {
      d.error("Not a free certificate",
              "Certificate " + id + " is not a free DV certificate (package type " +
                  (old->package_type.empty() ? "none" : old->package_type) +
                  "); this action renews free certificates only. Renew an uploaded certificate "
                  "by uploading its successor (cloudssl_certificate).",
              Path::root("certificate_id"));
      return;
    }
    if (const std::string renewal = renewal_of(*old); !renewal.empty()) {
      progress.report("Certificate " + id + " already has a renewal: " + renewal);
      d.warning("Already renewed", "Certificate " + id + " was renewed before, by certificate " +
                                       renewal + "; no second renewal was applied for.");
      return;
    }
    if (old->has_renew_order == "yes") {
      d.warning("Already renewed", "The API reports a renewal order for certificate " + id +
                                       "; no second renewal was applied for.");
      return;
    }

    api::ApplyCertificateRequest apply;
    apply.old_certificate_id = id;
    apply.domain_name = old->domain;
    apply.dv_auth_method = dv_auth_method_of(old->verify_type);
    apply.project_id = old->project_id;
    apply.alias = old->alias;
    apply.package_type = std::string(kFreePackageType);
    if (old->encrypt_algorithm.rfind("ECC", 0) == 0) {
      apply.csr_encrypt_algo = "ECC";
      apply.csr_key_parameter = "prime256v1";
    }
    progress.report("Applying for the renewal of certificate " + id + " (" + old->domain + ", " +
                    (apply.dv_auth_method.empty() ? "default validation" : apply.dv_auth_method) +
                    ")");
    const std::string renewal = api::apply_certificate(ssl, apply, common::call_options(req.ctx));
    if (renewal.empty()) {
      d.error("ApplyCertificate returned no certificate id",
              "The renewal of certificate " + id +
                  " may have been created; look for it in the "
                  "console before invoking the action again.");
      return;
    }
    progress.report("Certificate " + id + " is renewed by certificate " + renewal);

    // The records to publish, when the API has them already (DNS_AUTO adds its own).
    try {
      const api::Certificate created =
          api::describe_certificate(ssl, renewal, common::call_options(req.ctx));
      if (apply.dv_auth_method == "DNS_AUTO")
        progress.report("The validation records are added automatically (DNS_AUTO)");
      for (const api::DvAuth& a : created.dv_auths) progress.report(record_text(a));
    } catch (const api::ApiError& e) {
      d.warning("Renewal applied for, not read back",
                "Certificate " + renewal + " renews " + id + " but could not be read: " + e.code() +
                    ": " + e.message() + ". Its validation records are in the console.");
    }
  }
};

}  // namespace

std::shared_ptr<framework::Action> make_renew_certificate_action() {
  return std::make_shared<RenewCertificateAction>();
}

}  // namespace cloudssl::certificates
