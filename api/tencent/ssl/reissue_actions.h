// Typed SSL API action for reissuing a certificate (seed 004, ReplaceCertificate): the request,
// the new certificate's id it answers, and the refusal codes as values, so resources never
// spell an error code.
#pragma once

#include <string>

#include "api/core/api_error.h"
#include "api/core/client.h"
#include "provider/util/secret_string.h"

namespace cloudssl::api {

struct ReplaceCertificateRequest {
  std::string certificate_id = {};  // the certificate to reissue
  std::string valid_type = {};      // ValidType: DNS_AUTO, DNS or FILE (required)
  std::string csr_type = {};     // CsrType: Original, Upload or Online; empty = omitted (Original)
  std::string csr_content = {};  // CsrContent: the CSR PEM with Upload; empty = omitted
  SecretString csr_key_password = {};       // CsrkeyPassword (the API's spelling); empty = omitted
  std::string reason = {};                  // Reason; empty = omitted
  std::string cert_csr_encrypt_algo = {};   // CertCSREncryptAlgo (Online only); empty = omitted
  std::string cert_csr_key_parameter = {};  // CertCSRKeyParameter (Online only); empty = omitted
};
void to_json(nlohmann::json& j, const ReplaceCertificateRequest& r);

// Reissues the certificate and answers the NEW certificate's id. The reissue then goes through
// domain validation like an application (DescribeCertificate shows its records); CertificateExtra
// links the two: ReplacedFor on the original, ReplacedBy on the reissue. Not idempotent: a
// caller that may repeat it looks the original's ReplacedFor up first.
std::string replace_certificate(Client& client, const ReplaceCertificateRequest& request,
                                const CallOptions& options = {});

// Reissued before (a free certificate is reissued once).
inline constexpr ErrorCode reissue_refused_already_replaced{"FailedOperation.OrderAlreadyReplaced"};
// The key is not one the certificate can be reissued with (a free certificate: RSA 2048 only).
inline constexpr ErrorCode reissue_refused_algorithm{"InvalidParameter.RenewAlgorithmInvalid"};
// Not issued through Tencent (an upload).
inline constexpr ErrorCode reissue_refused_source{"FailedOperation.InvalidCertificateSource"};
// Not issued (or no longer valid).
inline constexpr ErrorCode reissue_refused_status{"FailedOperation.InvalidCertificateStatusCode"};

}  // namespace cloudssl::api
