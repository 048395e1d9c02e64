#include "api/tencent/ssl/order_actions.h"

#include "api/core/json_fields.h"

namespace cloudssl::api {

std::string cancel_certificate_order(Client& client, const std::string& certificate_id,
                                     const CallOptions& options) {
  const auto answer =
      client.call("CancelCertificateOrder", {{"CertificateId", certificate_id}}, options);
  const std::string id = fields::text(answer, "CertificateId");
  return id.empty() ? certificate_id : id;
}

ChainCheck check_certificate_chain(Client& client, const std::string& certificate_chain,
                                   const CallOptions& options) {
  const auto answer =
      client.call("CheckCertificateChain", {{"CertificateChain", certificate_chain}}, options);
  ChainCheck out;
  out.is_valid = fields::boolean(answer, "IsValid").value_or(false);
  out.is_trusted_ca = fields::boolean(answer, "IsTrustedCA").value_or(false);
  out.chains = fields::strings(answer, "Chains");
  return out;
}

}  // namespace cloudssl::api
