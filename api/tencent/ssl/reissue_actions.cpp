// ReplaceCertificate (see the header).
#include "api/tencent/ssl/reissue_actions.h"

#include "api/core/json_fields.h"

namespace cloudssl::api {

using nlohmann::json;

void to_json(json& j, const ReplaceCertificateRequest& r) {
  j = {{"CertificateId", r.certificate_id}, {"ValidType", r.valid_type}};
  auto put = [&j](const char* name, const std::string& value) {
    if (!value.empty()) j[name] = value;
  };
  put("CsrType", r.csr_type);
  put("CsrContent", r.csr_content);
  put("CsrkeyPassword", r.csr_key_password.value());
  put("Reason", r.reason);
  put("CertCSREncryptAlgo", r.cert_csr_encrypt_algo);
  put("CertCSRKeyParameter", r.cert_csr_key_parameter);
}

std::string replace_certificate(Client& client, const ReplaceCertificateRequest& request,
                                const CallOptions& options) {
  json response = client.call("ReplaceCertificate", json(request), options);
  return fields::text(response, "CertificateId");
}

}  // namespace cloudssl::api
