// Volcengine OpenAPI request signing (HMAC-SHA256 with X-Date, credential scope
// "date/region/service/request"), as pure functions usable by both sides: the client signs what
// it is about to send, the simulator recomputes the signature from what it received. The
// algorithm follows Volcengine's own SDKs (volc-sdk-nodejs lib/base/sign.js, volc-sdk-golang
// base/sign.go); tests/unit/api/volcengine/signer_vectors.json holds vectors the official Node
// SDK produced, which tests check byte for byte.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/core/hmac_signing.h"

namespace cloudssl::api::volcengine {

inline constexpr std::string_view kAlgorithm = "HMAC-SHA256";
inline constexpr std::string_view kTerminator = "request";

// Hashing primitives (api/core/hmac_signing.h). hmac_sha256 and signing_key return raw bytes.
using api::constant_time_equal;
using api::hex;  // lower-case
using api::hmac_sha256;
using api::sha256_hex;
using api::signature;       // hex(HMAC(signing_key, string_to_sign))
using api::signed_headers;  // "host;x-content-sha256;x-date"

// X-Date of a Unix timestamp: "20240102T030405Z" (UTC, ISO 8601 basic format).
std::string x_date(std::int64_t timestamp);
// The inverse; nullopt unless `text` is exactly that form of a valid UTC time.
std::optional<std::int64_t> parse_x_date(std::string_view text);

// RFC 3986 escaping: every byte except A-Z a-z 0-9 - _ . ~ becomes %XX (upper-case hex).
std::string uri_escape(std::string_view text);
// Decodes a query component ("+" is a space, %XX a byte); nullopt on a malformed escape.
std::optional<std::string> uri_unescape(std::string_view text);

using QueryParams = std::vector<std::pair<std::string, std::string>>;  // decoded, in order
// "a=1&b=x%20y": pairs sorted by name, then by value; names and values escaped.
std::string canonical_query(QueryParams params);
// Splits a raw query string ("a=1&b=x+y") into decoded pairs; nullopt on a bad escape.
std::optional<QueryParams> parse_query(std::string_view raw);

// What gets signed. `headers` maps a header name (any case) to its value as sent or received;
// every entry is signed.
struct CanonicalInput {
  std::string method = "GET";
  std::string path = "/";
  QueryParams query;
  std::map<std::string, std::string> headers;
  std::string_view payload;  // the exact body bytes ("" for a GET)
};

// METHOD \n path \n canonical query \n "name:value\n"... \n signed headers \n hex(sha256(body)).
// Header values are trimmed and inner runs of white space become one space.
std::string canonical_request(const CanonicalInput& input);
// "20240102/cn-north-1/certificate_service/request"
std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service);
// "HMAC-SHA256" \n X-Date \n scope \n hex(sha256(canonical request))
std::string string_to_sign(std::string_view x_date, std::string_view scope,
                           std::string_view canonical_request);
// HMAC(HMAC(HMAC(HMAC(secret, date), region), service), "request"), raw bytes.
std::string signing_key(std::string_view secret_key, std::string_view date, std::string_view region,
                        std::string_view service);
// "HMAC-SHA256 Credential=AK/scope, SignedHeaders=..., Signature=..."
std::string authorization(std::string_view access_key, std::string_view scope,
                          std::string_view signed_headers, std::string_view signature);

// Every intermediate of one signing (a signature is a credential while the X-Date is fresh).
using Signed = api::HmacSigned;

struct Credentials {
  std::string access_key;
  std::string secret_key;     // a secret: never logged
  std::string session_token;  // "" = long-term keys; else sent as X-Security-Token
};

// Signs `input` as of `x_date_text` (whose first 8 characters are the scope's date).
Signed sign(const CanonicalInput& input, std::string_view access_key, std::string_view secret_key,
            std::string_view x_date_text, std::string_view region, std::string_view service);

// The headers a client adds to a request before sending it: Host, X-Date, X-Content-Sha256,
// X-Security-Token (with a session token) and Authorization, all of them signed except the
// last. `host` is the Host header as it will be sent.
std::map<std::string, std::string> signing_headers(const Credentials& credentials,
                                                   std::string_view method, std::string_view host,
                                                   std::string_view path, const QueryParams& query,
                                                   std::string_view payload, std::int64_t timestamp,
                                                   std::string_view region,
                                                   std::string_view service);

// The parts of an Authorization header, for verification on the server side; nullopt when the
// header is not "ALGORITHM Credential=AK/date/region/service/request, SignedHeaders=..,
// Signature=..".
struct AuthorizationParts {
  std::string algorithm;
  std::string access_key, date, region, service, terminator;  // the credential ("request" last)
  std::vector<std::string> signed_headers;
  std::string signature;
};
std::optional<AuthorizationParts> parse_authorization(std::string_view header);

}  // namespace cloudssl::api::volcengine
