// TC3-HMAC-SHA256 verification (docs/design/ssl-api.md §1.3-1.4): the canonical request is rebuilt from
// the method, path, query, the signed headers exactly as received (Host included) and the
// body bytes, with service "ssl" (or "tag"). Failures throw ApiFailure with the documented
// AuthFailure.* codes.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace cloudssl::sim {

struct Credentials {
  std::string secret_id, secret_key;  // the key is a secret: never logged
  std::string token;                  // "" = temporary credentials not in use
};

struct IncomingRequest {
  std::string method;  // "POST" / "GET"
  std::string path;    // "/"
  std::string query;   // raw text after '?'
  std::string body;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& lower_name) const;
  bool has_header(const std::string& lower_name) const;
};

// Verifies the request; returns the SecretId it was signed with. `now` is the server's signature
// clock (SimClock::signature_now).
// `service` is what the credential scope must name: "ssl" for the SSL API, "tag" for the Tag
// API the simulator also serves.
std::string verify_tc3(const IncomingRequest& request, const Credentials& credentials,
                       std::int64_t now, const std::string& service = "ssl");

}  // namespace cloudssl::sim
