// Filling a Certificate's derived fields (domain, SANs, validity, fingerprint, algorithm,
// chain) from its PEM, and the checks UploadCertificate-like actions share.
#pragma once

#include <string>

#include "simulator/model.h"

namespace cloudssl::sim {

// Parses `public_pem` (and checks `private_pem` belongs to it when non-empty) and stores both
// with the derived fields. Throws ApiFailure (CertificateParseError, CertificateMismatch).
void load_certificate_content(Certificate& cert, const std::string& public_pem,
                              const std::string& private_pem);

// Status as read: an issued certificate past its end time reads as 3 (expired).
int effective_status(const Certificate& cert, std::int64_t now);

}  // namespace cloudssl::sim
