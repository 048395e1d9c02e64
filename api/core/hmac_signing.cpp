// The HMAC-SHA256 signing pieces shared by the clouds' request signers (hmac_signing.h).
#include "api/core/hmac_signing.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <stdexcept>

#include "provider/util/ascii.h"

namespace cloudssl::api {
namespace {

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex({reinterpret_cast<const char*>(digest), length});
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest,
           &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return {reinterpret_cast<const char*>(digest), length};
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex(hmac_sha256(signing_key, string_to_sign));
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

std::string_view trim_space(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string signed_headers(const std::map<std::string, std::string>& headers) {
  // Keys may arrive in any case; lower-case them and keep ASCII order of the lowered keys.
  std::vector<std::string> names;
  names.reserve(headers.size());
  for (const auto& [name, value] : headers) names.push_back(ascii_lower(trim_space(name)));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out.push_back(';');
    out += name;
  }
  return out;
}

std::string canonical_headers(const std::map<std::string, std::string>& headers,
                              std::string (*value)(std::string_view)) {
  std::map<std::string, std::string> lowered;
  for (const auto& [name, text] : headers) lowered[ascii_lower(trim_space(name))] = value(text);
  std::string out;
  for (const auto& [name, text] : lowered) out += name + ':' + text + '\n';
  return out;
}

std::string hmac_authorization(std::string_view algorithm, std::string_view key_id,
                               std::string_view scope, std::string_view signed_headers,
                               std::string_view signature) {
  return std::string(algorithm) + " Credential=" + std::string(key_id) + '/' + std::string(scope) +
         ", SignedHeaders=" + std::string(signed_headers) + ", Signature=" + std::string(signature);
}

std::optional<HmacAuthorization> parse_hmac_authorization(std::string_view header) {
  HmacAuthorization parts;
  header = trim_space(header);
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  parts.algorithm = std::string(header.substr(0, space));
  header.remove_prefix(space + 1);

  // Three comma-separated "Name=value" fields in the documented order.
  const auto fields = split(header, ',');
  if (fields.size() != 3) return std::nullopt;
  std::string_view credential = trim_space(fields[0]);
  std::string_view headers = trim_space(fields[1]);
  std::string_view signature = trim_space(fields[2]);
  if (!consume(credential, "Credential=") || !consume(headers, "SignedHeaders=") ||
      !consume(signature, "Signature=")) {
    return std::nullopt;
  }
  for (auto part : split(credential, '/')) parts.credential.emplace_back(part);
  for (auto name : split(headers, ';')) parts.signed_headers.emplace_back(name);
  parts.signature = std::string(signature);
  const auto empty = [](const std::string& name) { return name.empty(); };
  if (parts.credential.front().empty() || parts.signature.empty() ||
      std::any_of(parts.signed_headers.begin(), parts.signed_headers.end(), empty)) {
    return std::nullopt;
  }
  return parts;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace cloudssl::api
