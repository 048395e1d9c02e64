#include "api/tencent/ssl/download_actions.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "api/core/http_client.h"
#include "api/core/json_fields.h"

namespace cloudssl::api {

namespace {

using nlohmann::json;

// Standard base64 (padding; whitespace tolerated) into a SecretString, or nullopt.
std::optional<SecretString> base64_decode(std::string text) {
  SecretString input(std::move(text));
  std::string clean;
  clean.reserve(input.value().size());
  for (char c : input.value()) {
    if (c != '\n' && c != '\r' && c != ' ') clean.push_back(c);
  }
  SecretString cleaned(std::move(clean));
  const std::string& in = cleaned.value();
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  if (n < 0) {
    SecretString wipe(std::move(out));
    return std::nullopt;
  }
  // EVP_DecodeBlock counts the padding's bytes as data.
  std::size_t size = static_cast<std::size_t>(n);
  if (!in.empty() && in.back() == '=') --size;
  if (in.size() > 1 && in[in.size() - 2] == '=') --size;
  out.resize(size);
  return SecretString(std::move(out));
}

ApiError invalid_download(const std::string& action, const std::string& why) {
  return ApiError(action, "InvalidDownload", why, "", ErrorClass::Final);
}

}  // namespace

SecretString download_certificate(Client& client, const std::string& certificate_id,
                                  const CallOptions& options) {
  json answer = client.call("DownloadCertificate", {{"CertificateId", certificate_id}}, options);
  // Taken over from the answer, so no copy of the archive outlives this call.
  SecretString content;
  if (auto it = answer.find("Content"); it != answer.end() && it->is_string()) {
    content = SecretString(std::move(*it->get_ptr<std::string*>()));
  }
  if (content.empty()) {
    throw invalid_download("DownloadCertificate", "the answer has no Content");
  }
  auto zip = base64_decode(content.value());
  if (!zip) throw invalid_download("DownloadCertificate", "the answer's Content is not base64");
  return std::move(*zip);
}

ServiceArchive download_service_archive(Client& client, const std::string& certificate_id,
                                        const std::string& service_type,
                                        const CallOptions& options) {
  const json answer =
      client.call("DescribeDownloadCertificateUrl",
                  {{"CertificateId", certificate_id}, {"ServiceType", service_type}}, options);
  const SecretString url(fields::text(answer, "DownloadCertificateUrl"));
  ServiceArchive out;
  out.file_name = fields::text(answer, "DownloadFilename");
  if (url.empty()) {
    throw invalid_download("DescribeDownloadCertificateUrl", "the answer has no download link");
  }
  HttpRequest request;
  request.method = HttpMethod::Get;
  request.url = url.value();
  request.connect_timeout = client.settings().connect_timeout;
  request.total_timeout = client.settings().request_timeout;
  if (options.deadline != std::chrono::steady_clock::time_point::max()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        options.deadline - std::chrono::steady_clock::now());
    request.total_timeout =
        std::max(std::chrono::milliseconds(1), std::min(request.total_timeout, left));
  }
  HttpClient http(client.settings().ca_file);
  HttpResponse response;
  try {
    response = http.send(request, options.cancel);
  } catch (const TransportError& e) {
    // The link is a secret: the error names the file, not the link.
    throw ApiError("DescribeDownloadCertificateUrl", e.code(),
                   "downloading " + out.file_name + " failed", "", classify_generic(e.code(), 0));
  }
  if (response.status != 200) {
    SecretString wipe(std::move(response.body));
    throw invalid_download(
        "DescribeDownloadCertificateUrl",
        "downloading " + out.file_name + " answered HTTP " + std::to_string(response.status));
  }
  out.zip = SecretString(std::move(response.body));
  return out;
}

DownloadRefusal download_refusal(const ApiError& e) {
  if (e.is("FailedOperation.CertificateNotFound")) return DownloadRefusal::NotFound;
  if (e.is("FailedOperation.CertificateNotAllowDownload")) return DownloadRefusal::NotAllowed;
  if (e.is("FailedOperation.CertificateStatusNotAllowDownload")) return DownloadRefusal::Status;
  if (e.is("FailedOperation.CertificateDownloadServiceTypeNotSupport")) {
    return DownloadRefusal::ServiceTypeUnsupported;
  }
  return DownloadRefusal::None;
}

}  // namespace cloudssl::api
