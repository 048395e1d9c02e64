// TC3-HMAC-SHA256 (Tencent Cloud API signature v3, docs/design/ssl-api.md §1.4), in pieces general
// enough for both sides: the client signs what it is about to send, the simulator recomputes the
// signature from the method, URI, query, headers and body it received.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/core/hmac_signing.h"

namespace cloudssl::api::tencent::tc3 {

inline constexpr std::string_view kAlgorithm = "TC3-HMAC-SHA256";

// Hashing primitives (api/core/hmac_signing.h). hmac_sha256 and signing_key return raw bytes.
using api::constant_time_equal;
using api::hmac_sha256;
using api::sha256_hex;
using api::signature;       // hex(HMAC(signing_key, string_to_sign))
using api::signed_headers;  // "content-type;host;x-tc-action"
inline std::string to_hex(std::string_view bytes) { return api::hex(bytes); }  // lower-case

// "YYYY-MM-DD" of a Unix timestamp in UTC (never local time: §1.4's midnight warning).
std::string utc_date(std::int64_t timestamp);

// What gets signed. `headers` maps the lower-case header name to its value as sent or
// received; every entry is signed (std::map gives the ASCII order §1.4 requires).
struct CanonicalInput {
  std::string method = "POST";
  std::string uri = "/";
  std::string query;  // POST: empty; GET: the text after '?', exactly as sent
  std::map<std::string, std::string> headers;
  std::string_view payload;  // the exact body bytes
};

// The six-part canonical request; header names and values are trimmed and lower-cased.
std::string canonical_request(const CanonicalInput& input);
// "2019-02-25/ssl/tc3_request"
std::string credential_scope(std::string_view date, std::string_view service);
std::string string_to_sign(std::int64_t timestamp, std::string_view scope,
                           std::string_view canonical_request);
// SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"), raw bytes.
std::string signing_key(std::string_view secret_key, std::string_view date,
                        std::string_view service);
std::string authorization(std::string_view secret_id, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature);

// Every intermediate of one signing (api::HmacSigned; a signature is a credential for five
// minutes), and the hashed canonical request §1.4 step 2 shows.
struct Signed : api::HmacSigned {
  std::string hashed_canonical_request;
};

Signed sign(const CanonicalInput& input, std::string_view secret_id, std::string_view secret_key,
            std::int64_t timestamp, std::string_view service = "ssl");

// The parts of an Authorization header, for verification on the server side. nullopt when
// the header is not of the form in §1.4 step 4.
struct AuthorizationParts {
  std::string algorithm;
  std::string secret_id, date, service, terminator;  // the credential ("tc3_request" last)
  std::vector<std::string> signed_headers;
  std::string signature;
};
std::optional<AuthorizationParts> parse_authorization(std::string_view header);

}  // namespace cloudssl::api::tencent::tc3
