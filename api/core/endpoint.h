// An API endpoint ("https://ssl.tencentcloudapi.com", "http://127.0.0.1:8080"): scheme and
// host only, the API being served at "/". Checked in one place for every client and for the
// provider's configuration diagnostics.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cloudssl::api {

struct Endpoint {
  std::string scheme;  // "http" or "https"
  std::string host;    // host[:port], the Host header's value
  std::string url() const { return scheme + "://" + host + "/"; }
};

// Why `endpoint` is unusable ("it has no scheme", "it has a path (...)", "it has a query (...)"),
// or nullopt when it is fine. Trailing slashes are allowed. The host part ends at the first '/',
// '?' or '#': only an '@' before that is credentials.
std::optional<std::string> endpoint_problem(std::string_view endpoint);

// `endpoint` with everything between its scheme's "://" (or, without a scheme, its start) and
// its last '@' replaced by a mark, for messages that quote it: a password may hold '/', '?',
// '#' or "://". A scheme is a scheme token (RFC 3986) before the first "://"; anything else
// there ("id:secret@https://host") is no scheme.
std::string without_userinfo(std::string_view endpoint);

// The endpoint's parts; throws std::invalid_argument naming the endpoint and the problem.
Endpoint parse_endpoint(std::string_view endpoint);

// Whether `endpoint` is usable (endpoint_problem: no credentials before the host, among others)
// and its host is this machine's loopback: localhost, 127.0.0.0/8 or [::1], whatever its port or
// trailing dots. Anything else, or anything that does not parse, is not: the test settings it
// gates (a shorter owner-tag wait) must fail closed.
bool loopback_endpoint(std::string_view endpoint);

}  // namespace cloudssl::api
