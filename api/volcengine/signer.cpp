#include "api/volcengine/signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <stdexcept>

#include "provider/util/ascii.h"

namespace cloudssl::api::volcengine {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Trimmed, with every inner run of white space as one space (the SDK's canonical value).
std::string canonical_value(std::string_view value) {
  value = trim(value);
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
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

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
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

std::string x_date(std::int64_t timestamp) {
  const auto t = static_cast<std::time_t>(timestamp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &tm);
  return buffer;
}

std::optional<std::int64_t> parse_x_date(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z' || !all_digits(text.substr(0, 8)) ||
      !all_digits(text.substr(9, 6))) {
    return std::nullopt;
  }
  auto number = [&](std::size_t pos, std::size_t len) {
    return std::stoi(std::string(text.substr(pos, len)));
  };
  std::tm tm{};
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(4, 2) - 1;
  tm.tm_mday = number(6, 2);
  tm.tm_hour = number(9, 2);
  tm.tm_min = number(11, 2);
  tm.tm_sec = number(13, 2);
  const std::int64_t seconds = timegm(&tm);
  // timegm normalises out-of-range fields (month 13, hour 25): such a date is not valid.
  if (x_date(seconds) != text) return std::nullopt;
  return seconds;
}

std::string uri_escape(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

std::optional<std::string> uri_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string canonical_query(QueryParams params) {
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += uri_escape(name) + '=' + uri_escape(value);
  }
  return out;
}

std::optional<QueryParams> parse_query(std::string_view raw) {
  QueryParams params;
  if (raw.empty()) return params;
  for (auto pair : split(raw, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = uri_unescape(pair.substr(0, eq));
    auto value = uri_unescape(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    params.emplace_back(std::move(*name), std::move(*value));
  }
  return params;
}

std::string signed_headers(const std::map<std::string, std::string>& headers) {
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
  for (const auto& [name, value] : input.headers) {
    lowered[ascii_lower(trim(name))] = canonical_value(value);
  }
  std::string headers;
  for (const auto& [name, value] : lowered) headers += name + ':' + value + '\n';
  return input.method + '\n' + (input.path.empty() ? "/" : input.path) + '\n' +
         canonical_query(input.query) + '\n' + headers + '\n' + signed_headers(input.headers) +
         '\n' + sha256_hex(input.payload);
}

std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service) {
  return std::string(date) + '/' + std::string(region) + '/' + std::string(service) + '/' +
         std::string(kTerminator);
}

std::string string_to_sign(std::string_view x_date_text, std::string_view scope,
                           std::string_view canonical_request) {
  return std::string(kAlgorithm) + '\n' + std::string(x_date_text) + '\n' + std::string(scope) +
         '\n' + sha256_hex(canonical_request);
}

std::string signing_key(std::string_view secret_key, std::string_view date, std::string_view region,
                        std::string_view service) {
  const std::string k_date = hmac_sha256(secret_key, date);
  const std::string k_region = hmac_sha256(k_date, region);
  const std::string k_service = hmac_sha256(k_region, service);
  return hmac_sha256(k_service, kTerminator);
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex(hmac_sha256(signing_key, string_to_sign));
}

std::string authorization(std::string_view access_key, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature) {
  return std::string(kAlgorithm) + " Credential=" + std::string(access_key) + '/' +
         std::string(scope) + ", SignedHeaders=" + std::string(signed_headers) +
         ", Signature=" + std::string(signature);
}

Signed sign(const CanonicalInput& input, std::string_view access_key, std::string_view secret_key,
            std::string_view x_date_text, std::string_view region, std::string_view service) {
  Signed s;
  const std::string_view date = x_date_text.substr(0, 8);
  s.canonical_request = canonical_request(input);
  s.credential_scope = credential_scope(date, region, service);
  s.string_to_sign = string_to_sign(x_date_text, s.credential_scope, s.canonical_request);
  s.signed_headers = signed_headers(input.headers);
  s.signature = signature(signing_key(secret_key, date, region, service), s.string_to_sign);
  s.authorization = authorization(access_key, s.credential_scope, s.signed_headers, s.signature);
  return s;
}

std::map<std::string, std::string> signing_headers(const Credentials& credentials,
                                                   std::string_view method, std::string_view host,
                                                   std::string_view path, const QueryParams& query,
                                                   std::string_view payload, std::int64_t timestamp,
                                                   std::string_view region,
                                                   std::string_view service) {
  const std::string date = x_date(timestamp);
  CanonicalInput input;
  input.method = std::string(method);
  input.path = std::string(path);
  input.query = query;
  input.payload = payload;
  input.headers = {
      {"Host", std::string(host)}, {"X-Date", date}, {"X-Content-Sha256", sha256_hex(payload)}};
  if (!credentials.session_token.empty()) {
    input.headers["X-Security-Token"] = credentials.session_token;
  }
  const Signed s =
      sign(input, credentials.access_key, credentials.secret_key, date, region, service);
  auto headers = input.headers;
  headers["Authorization"] = s.authorization;
  return headers;
}

std::optional<AuthorizationParts> parse_authorization(std::string_view header) {
  AuthorizationParts parts;
  header = trim(header);
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  parts.algorithm = std::string(header.substr(0, space));
  header.remove_prefix(space + 1);

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
  if (scope.size() != 5) return std::nullopt;
  parts.access_key = std::string(scope[0]);
  parts.date = std::string(scope[1]);
  parts.region = std::string(scope[2]);
  parts.service = std::string(scope[3]);
  parts.terminator = std::string(scope[4]);
  for (auto name : split(headers, ';')) {
    if (name.empty()) return std::nullopt;
    parts.signed_headers.emplace_back(name);
  }
  parts.signature = std::string(sig);
  if (parts.access_key.empty() || parts.signature.empty()) return std::nullopt;
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

}  // namespace cloudssl::api::volcengine
