#include "api/core/redaction.h"

#include <algorithm>
#include <array>

#include "provider/util/ascii.h"

namespace cloudssl::api {
namespace {

// Lower case without '_' and '-': Tencent's "CertificatePrivateKey" and Volcengine's
// "private_key" / "session_token" are matched by the same names.
std::string folded(std::string_view s) {
  std::string out = ascii_lower(s);
  out.erase(std::remove_if(out.begin(), out.end(), [](char c) { return c == '_' || c == '-'; }),
            out.end());
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// DownloadCertificate's "Content" is the base64 zip that holds the key: a secret when it is a
// string (Volcengine's "content" is the list of certificates, redacted field by field).
bool secret_value(std::string_view key, const nlohmann::json& item) {
  if (item.is_null()) return false;
  return is_secret_field(key) || (item.is_string() && folded(key) == "content");
}

}  // namespace

bool is_secret_field(std::string_view name) {
  const std::string n = folded(name);
  // A CSR is not a secret, but Volcengine's answers carry one beside the key and nothing needs
  // it in a log. DescribeDownloadCertificateUrl answers a link anyone holding it can download
  // the key from.
  static constexpr std::array<std::string_view, 6> kExact = {
      "authorization", "secretkey", "token", "xtctoken", "csr", "downloadcertificateurl"};
  static constexpr std::array<std::string_view, 4> kSuffixes = {"password", "privatekey",
                                                                "secretkey", "token"};
  if (std::find(kExact.begin(), kExact.end(), n) != kExact.end()) return true;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view suffix) { return ends_with(n, suffix); });
}

bool is_secret_header(std::string_view name) {
  const std::string n = ascii_lower(name);
  return n == "authorization" || n == "x-tc-token" || n == "x-security-token";
}

nlohmann::json redact(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) {
      out[key] = secret_value(key, item) ? nlohmann::json(kRedacted) : redact(item);
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(redact(item));
    return out;
  }
  return value;
}

std::string redact_body(std::string_view body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return "<non-JSON body, " + std::to_string(body.size()) + " bytes>";
  }
  return redact(parsed).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cloudssl::api
