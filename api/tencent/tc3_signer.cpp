#include "api/tencent/tc3_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "provider/util/ascii.h"

namespace cloudssl::api::tencent::tc3 {
namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
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

}  // namespace

std::string to_hex(std::string_view bytes) {
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
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex({reinterpret_cast<const char*>(digest), sizeof digest});
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

std::string utc_date(std::int64_t timestamp) {
  const std::time_t t = static_cast<std::time_t>(timestamp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

std::string signed_headers(const std::map<std::string, std::string>& headers) {
  // Keys may arrive in any case; lower-case them and keep ASCII order of the lowered keys.
  std::vector<std::string> names;
  names.reserve(headers.size());
  for (const auto& [name, value] : headers) names.push_back(ascii_lower(trim(name)));
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out.push_back(';');
    out += name;
  }
  return out;
}

std::string canonical_request(const CanonicalInput& input) {
  std::map<std::string, std::string> lowered;
  for (const auto& [name, value] : input.headers)
    lowered[ascii_lower(trim(name))] = ascii_lower(trim(value));
  std::string headers;
  for (const auto& [name, value] : lowered) headers += name + ':' + value + '\n';
  return input.method + '\n' + input.uri + '\n' + input.query + '\n' + headers + '\n' +
         signed_headers(input.headers) + '\n' + sha256_hex(input.payload);
}

std::string credential_scope(std::string_view date, std::string_view service) {
  return std::string(date) + '/' + std::string(service) + "/tc3_request";
}

std::string string_to_sign(std::int64_t timestamp, std::string_view scope,
                           std::string_view canonical_request) {
  return std::string(kAlgorithm) + '\n' + std::to_string(timestamp) + '\n' + std::string(scope) +
         '\n' + sha256_hex(canonical_request);
}

std::string signing_key(std::string_view secret_key, std::string_view date,
                        std::string_view service) {
  const std::string secret_date = hmac_sha256("TC3" + std::string(secret_key), date);
  const std::string secret_service = hmac_sha256(secret_date, service);
  return hmac_sha256(secret_service, "tc3_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return to_hex(hmac_sha256(signing_key, string_to_sign));
}

std::string authorization(std::string_view secret_id, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature) {
  return std::string(kAlgorithm) + " Credential=" + std::string(secret_id) + '/' +
         std::string(scope) + ", SignedHeaders=" + std::string(signed_headers) +
         ", Signature=" + std::string(signature);
}

Signed sign(const CanonicalInput& input, std::string_view secret_id, std::string_view secret_key,
            std::int64_t timestamp, std::string_view service) {
  Signed s;
  const std::string date = utc_date(timestamp);
  s.canonical_request = canonical_request(input);
  s.hashed_canonical_request = sha256_hex(s.canonical_request);
  s.credential_scope = credential_scope(date, service);
  s.string_to_sign = string_to_sign(timestamp, s.credential_scope, s.canonical_request);
  s.signed_headers = signed_headers(input.headers);
  s.signature = signature(signing_key(secret_key, date, service), s.string_to_sign);
  s.authorization = authorization(secret_id, s.credential_scope, s.signed_headers, s.signature);
  return s;
}

std::optional<AuthorizationParts> parse_authorization(std::string_view header) {
  AuthorizationParts parts;
  header = trim(header);
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  parts.algorithm = std::string(header.substr(0, space));
  header.remove_prefix(space + 1);

  // Three comma-separated "Name=value" fields in the documented order.
  const auto fields = split(header, ',');
  if (fields.size() != 3) return std::nullopt;
  std::string_view credential = trim(fields[0]);
  std::string_view headers = trim(fields[1]);
  std::string_view sig = trim(fields[2]);
  if (!consume(credential, "Credential=") || !consume(headers, "SignedHeaders=") ||
      !consume(sig, "Signature=")) {
    return std::nullopt;
  }
  const auto scope = split(credential, '/');
  if (scope.size() != 4) return std::nullopt;
  parts.secret_id = std::string(scope[0]);
  parts.date = std::string(scope[1]);
  parts.service = std::string(scope[2]);
  parts.terminator = std::string(scope[3]);
  for (auto name : split(headers, ';')) {
    if (name.empty()) return std::nullopt;
    parts.signed_headers.emplace_back(name);
  }
  parts.signature = std::string(sig);
  if (parts.secret_id.empty() || parts.signature.empty()) return std::nullopt;
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

}  // namespace cloudssl::api::tencent::tc3
