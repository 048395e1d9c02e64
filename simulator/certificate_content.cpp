#include "simulator/certificate_content.h"

#include "simulator/api_failure.h"
#include "simulator/cert_info.h"

namespace cloudssl::sim {

void load_certificate_content(Certificate& cert, const std::string& public_pem,
                              const std::string& private_pem) {
  CertInfo info = parse_certificate(public_pem);
  if (!private_pem.empty() && !key_matches_certificate(public_pem, private_pem)) {
    throw ApiFailure("FailedOperation.CertificateMismatch",
                     "The certificate and the private key do not match.");
  }
  cert.public_pem = public_pem;
  cert.private_pem = private_pem;
  cert.domain = info.domain;
  cert.sans = info.all_domains();
  cert.not_before = info.not_before;
  cert.not_after = info.not_after;
  cert.fingerprint = info.fingerprint;
  cert.encrypt_algorithm = info.encrypt_algorithm;
  cert.chain = nlohmann::json::array();
  for (const auto& c : info.chain) {
    cert.chain.push_back({{"Issuer", c.issuer},
                          {"Subject", c.subject},
                          {"Fingerprint", c.fingerprint},
                          {"ValidFrom", c.valid_from},
                          {"ValidTo", c.valid_to}});
  }
}

int effective_status(const Certificate& cert, std::int64_t now) {
  if (cert.status == 1 && cert.not_after > 0 && cert.not_after < now) return 3;
  return cert.status;
}

}  // namespace cloudssl::sim
