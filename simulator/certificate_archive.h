// The zip archives the SSL API hands a certificate out in: DownloadCertificate's one archive
// with a folder per server type, and DescribeDownloadCertificateUrl's archive for one
// ServiceType (nginx, apache, tomcat, iis, jks, other, root). The layouts are written down in
// simulator/README.md ("Downloads"); the keystores (.pfx, .jks) are real PKCS#12 files
// protected by the password in keystorePass.txt, which Java's keytool reads as well.
#pragma once

#include <string>
#include <vector>

#include "simulator/model.h"

namespace cloudssl::sim {

// The ServiceType values DescribeDownloadCertificateUrl documents.
const std::vector<std::string>& download_service_types();

// DownloadCertificate's archive. `masked_key` puts the masked "*******" where the key files
// would hold the key (Settings::mask_private_key); a certificate without a key has no key
// files and no keystores. `password` protects the keystores.
std::string download_archive(const Certificate& c, bool masked_key, const std::string& password);

// The archive of one ServiceType (one folder, "<domain>_<type>/").
std::string service_archive(const Certificate& c, const std::string& service_type, bool masked_key,
                            const std::string& password);

// "<domain>_<type>.zip" ('*' of a wildcard domain becomes '_').
std::string service_archive_name(const Certificate& c, const std::string& service_type);

// Standard base64 (padding, no line breaks), as the API's Content field.
std::string base64_encode(const std::string& bytes);

}  // namespace cloudssl::sim
