// Downloads (seed 004, DownloadCertificate and DescribeDownloadCertificateUrl): the certificate
// as a base64 zip in the answer, or a link to one server type's zip that this port serves
// (GET /_download/<token>/<file name>, Simulator::handle_download). A certificate set not to be
// downloaded answers FailedOperation.CertificateNotAllowDownload; one that is not issued (or
// expired) FailedOperation.CertificateStatusNotAllowDownload.
#include <algorithm>

#include "simulator/actions/action_table.h"
#include "simulator/api_failure.h"
#include "simulator/certificate_archive.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

const Certificate& downloadable(World& world, const std::string& id) {
  const Certificate& cert = world.certificate(id);
  if (!cert.allow_download) {
    throw ApiFailure("FailedOperation.CertificateNotAllowDownload",
                     "The certificate has been set not to allow downloads.");
  }
  // Issued (1) and expired (3) certificates have content to hand out; orders do not.
  if ((cert.status != 1 && cert.status != 3) || cert.public_pem.empty()) {
    throw ApiFailure(
        "FailedOperation.CertificateStatusNotAllowDownload",
        "The certificate's status (" + std::to_string(cert.status) + ") does not allow downloads.");
  }
  return cert;
}

json download_certificate(World& world, const Params& p, const RequestMeta&) {
  const Certificate& cert = downloadable(world, p.str("CertificateId"));
  const std::string zip =
      download_archive(cert, world.settings.mask_private_key, world.random_hex(12));
  return {{"Content", base64_encode(zip)}, {"ContentType", "application/zip"}};
}

json describe_download_certificate_url(World& world, const Params& p, const RequestMeta& meta) {
  const std::string type = p.str_or("ServiceType", "");
  const auto& types = download_service_types();
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    throw ApiFailure("FailedOperation.CertificateDownloadServiceTypeNotSupport",
                     "The service type `" + type + "` cannot be downloaded.");
  }
  const Certificate& cert = downloadable(world, p.str("CertificateId"));
  const std::string name = service_archive_name(cert, type);
  const std::string token = world.random_hex(32);
  world.downloads[token] =
      service_archive(cert, type, world.settings.mask_private_key, world.random_hex(12));
  const std::string host = meta.host.empty() ? std::string("127.0.0.1") : meta.host;
  return {{"DownloadCertificateUrl", "http://" + host + "/_download/" + token + "/" + name},
          {"DownloadFilename", name}};
}

}  // namespace

void register_download_actions(ActionTable& t) {
  t["DownloadCertificate"] = {{"CertificateId"}, download_certificate, false};
  t["DescribeDownloadCertificateUrl"] = {
      {"CertificateId", "ServiceType"}, describe_download_certificate_url, false};
}

}  // namespace cloudssl::sim
