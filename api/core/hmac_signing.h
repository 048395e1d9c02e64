// What the HMAC-SHA256 request signers of every cloud share (api/tencent/tc3_signer.h,
// api/volcengine/signer.h): the hashing primitives, the signed-header list, the canonical
// header lines, and the Authorization header "ALGORITHM Credential=…, SignedHeaders=…,
// Signature=…" both clouds use, written and parsed in one place. Pure functions: the client
// signs with them, the simulator verifies with them (through a cloud's signer).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::api {

// Hashing primitives (OpenSSL). hmac_sha256 returns raw bytes.
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string hex(std::string_view bytes);  // lower-case
// hex(HMAC-SHA256(signing_key, string_to_sign)): the signature of both clouds' schemes.
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

// `s` without leading and trailing spaces, tabs and line breaks.
std::string_view trim_space(std::string_view s);
// The parts of `s` between the separators ("a;;b" gives "a", "", "b"; "" gives one "").
std::vector<std::string_view> split(std::string_view s, char sep);

// "content-type;host;x-date": the header names trimmed and lower-cased, sorted, joined with ';'.
std::string signed_headers(const std::map<std::string, std::string>& headers);
// "name:value\n" for every header, by lower-cased name; `value` gives a value's canonical form
// (each cloud has its own).
std::string canonical_headers(const std::map<std::string, std::string>& headers,
                              std::string (*value)(std::string_view));

// Every intermediate of one signing, for tests and debugging (never log `signature` or
// `authorization` outside tests: they are credentials while the request is fresh).
struct HmacSigned {
  std::string canonical_request;
  std::string credential_scope;
  std::string string_to_sign;
  std::string signed_headers;
  std::string signature;
  std::string authorization;
};

// "ALGORITHM Credential=<credential>, SignedHeaders=<signed_headers>, Signature=<signature>",
// where the credential is the key id and the scope joined with '/'.
std::string hmac_authorization(std::string_view algorithm, std::string_view key_id,
                               std::string_view scope, std::string_view signed_headers,
                               std::string_view signature);
// Its parts; nullopt unless the header has that form, with a non-empty key id (the
// credential's first '/'-separated part), signature and signed header names.
struct HmacAuthorization {
  std::string algorithm;
  std::vector<std::string> credential;  // key id, then the scope's parts
  std::vector<std::string> signed_headers;
  std::string signature;
};
std::optional<HmacAuthorization> parse_hmac_authorization(std::string_view header);

// Comparison whose time does not depend on where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace cloudssl::api
