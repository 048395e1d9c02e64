// Typed SSL API action for revoking a certificate (seed 004, RevokeCertificate): the request,
// the revocation validation records it answers, and the refusal codes as values, so resources
// never spell an error code.
#pragma once

#include <string>
#include <vector>

#include "api/core/api_error.h"
#include "api/core/client.h"

namespace cloudssl::api {

// One RevokeDomainValidateAuths item: what to publish so the CA accepts the revocation.
struct RevocationRecord {
  std::string domain;  // DomainValidateAuthDomain
  std::string path;    // DomainValidateAuthPath: the file's folder (file validation), else ""
  std::string key;     // DomainValidateAuthKey: the DNS record name, or the file name
  std::string value;   // DomainValidateAuthValue
  friend bool operator==(const RevocationRecord&, const RevocationRecord&) = default;
};

// Starts the revocation; `reason` empty = omitted. The certificate then reads Status 9
// (revoking) until the CA has validated the records, then 10 (revoked).
std::vector<RevocationRecord> revoke_certificate(Client& client, const std::string& certificate_id,
                                                 const std::string& reason,
                                                 const CallOptions& options = {});

// Cloud resources still use the certificate.
inline constexpr ErrorCode revoke_refused_bound{"FailedOperation.RevokeResourceFailed"};
// Not issued through Tencent (an upload).
inline constexpr ErrorCode revoke_refused_source{"FailedOperation.InvalidCertificateSource"};
// Not in a state that can be revoked.
inline constexpr ErrorCode revoke_refused_status{"FailedOperation.InvalidCertificateStatusCode"};

}  // namespace cloudssl::api
