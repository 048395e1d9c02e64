// ephemeral "cloudssl_volcengine_certificate" (Terraform >= 1.10): one certificate of
// Volcengine's certificate center with its chain and private key, for write-only arguments such
// as cloudssl_certificate.private_key_wo. Terraform never stores an ephemeral resource's values
// in plan or state; the key is also marked sensitive, and the client logs no answer bodies.
#include <algorithm>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "provider/framework/validators.h"
#include "resources/common/schema_names.h"
#include "resources/volcengine/certificate_view.h"
#include "resources/volcengine/factories.h"
#include "resources/volcengine/volcengine_calls.h"

namespace cloudssl::volcengine {

namespace {

using namespace common::schema_names;

class CertificateEphemeralResource final : public framework::EphemeralResource {
 public:
  framework::Schema schema() const override {
    framework::Schema s;
    s.block.description =
        "One certificate of Volcengine's certificate center with its private key, for "
        "write-only arguments such as cloudssl_certificate.private_key_wo (Terraform >= 1.10). "
        "Nothing of it is stored in plan or state.";
    s.block.attributes = certificate_attributes();
    for (auto& a : s.block.attributes) {
      if (a.name == "id") {
        a.computed = false;
        a.required = true;
        a.description = "Certificate id (cert-…), e.g. from cloudssl_volcengine_certificates.";
        a.validators = {framework::validators::non_empty()};
      }
    }
    s.block.attributes.push_back(
        {.name = "private_key_pem",
         .type = Type::string(),
         .computed = true,
         .sensitive = true,
         .description = "The certificate's private key in PEM. Sensitive; never stored."});
    return s;
  }

  framework::EphemeralOpenResult open(const framework::EphemeralOpenRequest& req,
                                      framework::Diagnostics& d) const override {
    const std::string id = req.config.get_string("id").value_or("");
    const Value nothing = null_result(req.config);
    if (id.empty()) {
      d.error("Invalid id", "id must be a certificate id such as cert-0123….", Path::root("id"));
      return {.result = nothing, .private_state = {}, .renew_at = std::nullopt};
    }
    api::volcengine::CertificateFilters filters;
    filters.instance_ids = {id};
    std::vector<api::volcengine::VolcengineCertificate> found;
    if (!call_volcengine(req.ctx, d, [&](api::Client& client, const api::CallOptions& options) {
          found = api::volcengine::certificate_get_all(client, options, filters,
                                                       api::volcengine::kMaxPageSize,
                                                       /*keep_private_key=*/true);
        })) {
      return {.result = nothing, .private_state = {}, .renew_at = std::nullopt};
    }
    const auto match =
        std::find_if(found.begin(), found.end(), [&](const auto& c) { return c.id == id; });
    if (match == found.end()) {
      d.error("Volcengine certificate not found",
              "CertificateGetInstance has no certificate " + id +
                  " in this account (check the id, and the access key's project).",
              Path::root("id"));
      return {.result = nothing, .private_state = {}, .renew_at = std::nullopt};
    }
    if (match->private_key.empty()) {
      d.error("No private key",
              "Volcengine holds no private key for " + id +
                  " (a certificate uploaded without its key, or not issued yet).",
              Path::root("id"));
      return {.result = nothing, .private_state = {}, .renew_at = std::nullopt};
    }
    Value result = with_certificate(req.config, *match)
                       .with("private_key_pem", Value::string(match->private_key.value()));
    return {.result = std::move(result), .private_state = {}, .renew_at = std::nullopt};
  }

 private:
  // The configuration with every computed attribute null: what an open that failed returns
  // (the engine requires a wholly known value of the schema's type).
  static Value null_result(const Value& config) {
    Value out = config;
    for (const auto& a : certificate_attributes()) {
      if (a.name != "id") out = out.with(a.name, Value::null(a.type));
    }
    return out.with("private_key_pem", Value::null(Type::string()));
  }
};

}  // namespace

std::shared_ptr<framework::EphemeralResource> make_volcengine_certificate_ephemeral_resource() {
  return std::make_shared<CertificateEphemeralResource>();
}

}  // namespace cloudssl::volcengine
