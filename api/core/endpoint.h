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
// '?' or '#': only an '@' before that is credentials. The host part is host[:port] or
// [v6][:port], with a port from 1 to 65535 and no '%'. No problem quotes the value.
std::optional<std::string> endpoint_problem(std::string_view endpoint);

// What a message may quote of `endpoint`: what was recognised as scheme://host[:port] (with
// its trailing slashes), the whole of a usable endpoint. Credentials go: everything between the
// scheme's "://" and the last '@' becomes "(credentials removed)@"; when that '@' follows a '/',
// '?' or '#' (a password holding one, or an '@' in a query), nothing after "://" is quoted. What
// was not recognised (no scheme token before the first "://", an
// authority that is not host[:port], a path, query or fragment) is written "(not quoted)": it
// may be a secret ("AKIDs3cret...", "https://AKID:s3cret", "https://host/?SecretKey=...").
std::string quotable_endpoint(std::string_view endpoint);

// The endpoint's parts; throws std::invalid_argument naming the endpoint and the problem.
Endpoint parse_endpoint(std::string_view endpoint);

// Whether `endpoint` is usable (endpoint_problem: no credentials before the host, among others)
// and its host is this machine's loopback: localhost, 127.0.0.0/8 or [::1], whatever its port or
// trailing dots. Anything else, or anything that does not parse, is not: the test settings it
// gates (a shorter owner-tag wait) must fail closed.
bool loopback_endpoint(std::string_view endpoint);

}  // namespace cloudssl::api
