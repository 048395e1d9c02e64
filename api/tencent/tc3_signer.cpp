#include "api/tencent/tc3_signer.h"

#include <ctime>
#include <utility>

#include "api/core/utc_text.h"
#include "provider/util/ascii.h"

namespace cloudssl::api::tencent::tc3 {
namespace {

// §1.4: header values are trimmed and lower-cased.
std::string lowered_value(std::string_view value) { return ascii_lower(trim_space(value)); }

}  // namespace

std::string utc_date(std::int64_t timestamp) { return utc_text(timestamp, "%Y-%m-%d"); }

std::string canonical_request(const CanonicalInput& input) {
  return input.method + '\n' + input.uri + '\n' + input.query + '\n' +
         canonical_headers(input.headers, lowered_value) + '\n' + signed_headers(input.headers) +
         '\n' + sha256_hex(input.payload);
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

std::string authorization(std::string_view secret_id, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature) {
  return hmac_authorization(kAlgorithm, secret_id, scope, signed_headers, signature);
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
  auto parsed = parse_hmac_authorization(header);
  // Credential=SecretId/Date/service/tc3_request
  if (!parsed || parsed->credential.size() != 4) return std::nullopt;
  auto& [algorithm, c, headers, sig] = *parsed;
  return AuthorizationParts{algorithm, c[0], c[1], c[2], c[3], headers, sig};
}

}  // namespace cloudssl::api::tencent::tc3
