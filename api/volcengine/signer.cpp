#include "api/volcengine/signer.h"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <utility>

#include "api/core/utc_text.h"

namespace cloudssl::api::volcengine {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trimmed, with every inner run of white space as one space (the SDK's canonical value).
std::string canonical_value(std::string_view value) {
  value = trim_space(value);
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

std::string x_date(std::int64_t timestamp) { return utc_text(timestamp, "%Y%m%dT%H%M%SZ"); }

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

std::string canonical_request(const CanonicalInput& input) {
  return input.method + '\n' + (input.path.empty() ? "/" : input.path) + '\n' +
         canonical_query(input.query) + '\n' + canonical_headers(input.headers, canonical_value) +
         '\n' + signed_headers(input.headers) + '\n' + sha256_hex(input.payload);
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

std::string authorization(std::string_view access_key, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature) {
  return hmac_authorization(kAlgorithm, access_key, scope, signed_headers, signature);
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
  auto parsed = parse_hmac_authorization(header);
  // Credential=AccessKey/Date/region/service/request
  if (!parsed || parsed->credential.size() != 5) return std::nullopt;
  auto& [algorithm, c, headers, sig] = *parsed;
  return AuthorizationParts{algorithm, c[0], c[1], c[2], c[3], c[4], headers, sig};
}

}  // namespace cloudssl::api::volcengine
