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

// FailedOperation.RevokeResourceFailed: cloud resources still use the certificate.
bool revoke_refused_bound(const ApiError& e);
// FailedOperation.InvalidCertificateSource: not issued through Tencent (an upload).
bool revoke_refused_source(const ApiError& e);
// FailedOperation.InvalidCertificateStatusCode: not in a state that can be revoked.
bool revoke_refused_status(const ApiError& e);

}  // namespace cloudssl::api
