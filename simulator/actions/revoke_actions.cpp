// Revocation (seed 004, RevokeCertificate): an issued certificate from a CA (not an upload) that
// no cloud resource uses goes to Status 9 with revocation validation records to publish
// (RevokeDomainValidateAuths, also DescribeCertificate's DvRevokeAuthDetail), and to Status 10
// once they are validated: at once for DNS_AUTO (Tencent adds the record itself), otherwise
// through the admin `validate`. A certificate a `revoke_letters` rule matches waits for its
// revocation letter (12) first, until the admin revoke-letter endpoint (the console's upload).
#include "simulator/actions/action_table.h"
#include "simulator/api_failure.h"
#include "simulator/certificate_content.h"
#include "simulator/settings.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

// One DvAuths object per domain of the certificate, in the method it was validated with.
json revocation_records(World& world, const Certificate& cert) {
  json out = json::array();
  const bool file = cert.verify_type == "FILE";
  for (const auto& domain : cert.sans.empty() ? std::vector<std::string>{cert.domain} : cert.sans) {
    const std::string sub = "_revoke_" + world.random_hex(8);
    out.push_back({{"DvAuthKey", file ? std::string("fileauth.txt") : sub + "." + domain},
                   {"DvAuthValue", world.random_hex(40)},
                   {"DvAuthDomain", domain},
                   {"DvAuthPath", file ? "/.well-known/pki-validation/" : ""},
                   {"DvAuthSubDomain", file ? std::string() : sub},
                   {"DvAuthVerifyType", file ? "FILE" : "TXT"}});
  }
  return out;
}

// RevokeDomainValidateAuths as the action answers them.
json revoke_answer(const json& auths) {
  json out = json::array();
  for (const auto& a : auths) {
    out.push_back({{"DomainValidateAuthPath", a.value("DvAuthPath", "")},
                   {"DomainValidateAuthKey", a.value("DvAuthKey", "")},
                   {"DomainValidateAuthValue", a.value("DvAuthValue", "")},
                   {"DomainValidateAuthDomain", a.value("DvAuthDomain", "")}});
  }
  return out;
}

json revoke_certificate(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  if (cert.from == "upload") {
    throw ApiFailure("FailedOperation.InvalidCertificateSource",
                     "An uploaded certificate cannot be revoked here: revoke it with its CA.");
  }
  if (effective_status(cert, world.now()) != 1) {
    throw ApiFailure("FailedOperation.InvalidCertificateStatusCode",
                     "Only an issued certificate can be revoked.");
  }
  if (certificate_is_bound(world, cert.id)) {
    throw ApiFailure("FailedOperation.RevokeResourceFailed",
                     "The certificate is associated with cloud resources and cannot be revoked.");
  }
  cert.status = 9;
  cert.status_msg = "";
  cert.revoke_reason = p.str_or("Reason", "");
  cert.revoke_auths = revocation_records(world, cert);
  cert.revoke_validated = cert.verify_type == "DNS_AUTO";
  cert.revoke_reads = 0;
  // The CA asks for a revocation letter first (12): the revocation goes on (9) once it is
  // uploaded in the console (the admin revoke-letter endpoint).
  if (take_failure(world.settings.revoke_letters, cert.domain)) cert.status = 12;
  return {{"RevokeDomainValidateAuths", revoke_answer(cert.revoke_auths)}};
}

}  // namespace

void register_revoke_actions(ActionTable& t) {
  t["RevokeCertificate"] = {{"CertificateId", "Reason"}, revoke_certificate};
}

}  // namespace cloudssl::sim
