// RevokeCertificate (see the header).
#include "api/tencent/ssl/revocation_actions.h"

#include "api/core/json_fields.h"

namespace cloudssl::api {

using nlohmann::json;

std::vector<RevocationRecord> revoke_certificate(Client& client, const std::string& certificate_id,
                                                 const std::string& reason,
                                                 const CallOptions& options) {
  json request = {{"CertificateId", certificate_id}};
  if (!reason.empty()) request["Reason"] = reason;
  json response = client.call("RevokeCertificate", request, options);
  std::vector<RevocationRecord> out;
  if (const json* items = fields::field(response, "RevokeDomainValidateAuths");
      items && items->is_array()) {
    for (const auto& item : *items) {
      if (!item.is_object()) continue;
      out.push_back({.domain = fields::text(item, "DomainValidateAuthDomain"),
                     .path = fields::text(item, "DomainValidateAuthPath"),
                     .key = fields::text(item, "DomainValidateAuthKey"),
                     .value = fields::text(item, "DomainValidateAuthValue")});
    }
  }
  return out;
}

}  // namespace cloudssl::api
