// Typed SSL API actions that hand a certificate out (seed 004, DownloadCertificate and
// DescribeDownloadCertificateUrl): the certificate's zip archive, and the archive of one server
// type fetched from the link the API answers. Both archives hold the private key: they are
// returned as SecretStrings, and the client's logs redact the answer's Content and link
// (redaction.h). Unpacking the archives is the caller's (lib/zip).
#pragma once

#include <string>

#include "api/core/api_error.h"
#include "api/core/client.h"
#include "provider/util/secret_string.h"

namespace cloudssl::api {

// DownloadCertificate: the zip archive (base64-decoded Content). Throws ApiError; an answer
// whose Content is not base64 is an ApiError with code "InvalidDownload".
SecretString download_certificate(Client& client, const std::string& certificate_id,
                                  const CallOptions& options = {});

struct ServiceArchive {
  std::string file_name;  // DownloadFilename, e.g. "www.example.com_nginx.zip"
  SecretString zip;       // the archive's bytes
};

// DescribeDownloadCertificateUrl for `service_type` (nginx, apache, tomcat, iis, jks, other,
// root), then a GET of the link it answers (same CA settings and deadline as the API calls).
// Throws ApiError; a link that does not answer 200 is an ApiError with code "InvalidDownload".
ServiceArchive download_service_archive(Client& client, const std::string& certificate_id,
                                        const std::string& service_type,
                                        const CallOptions& options = {});

// Why a download was refused, from the API's error code: the one place those codes are spelled.
enum class DownloadRefusal {
  None,                    // not a refusal (an other error)
  NotFound,                // FailedOperation.CertificateNotFound
  NotAllowed,              // FailedOperation.CertificateNotAllowDownload
  Status,                  // FailedOperation.CertificateStatusNotAllowDownload
  ServiceTypeUnsupported,  // FailedOperation.CertificateDownloadServiceTypeNotSupport
};
DownloadRefusal download_refusal(const ApiError& e);

}  // namespace cloudssl::api
