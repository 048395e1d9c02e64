#include "api/core/endpoint.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace cloudssl::api {

namespace {

// Where the endpoint's scheme ends (its first "://"), or npos without one. What precedes that
// "://" is a scheme only if it is a scheme token (RFC 3986 section 3.1: ALPHA *( ALPHA / DIGIT /
// "+" / "-" / "." )): in "AKID:s3cret@https://host" or "id:pa://ss@host" it is credentials, and
// taking it for a scheme would quote them.
std::size_t find_scheme_end(std::string_view endpoint) {
  const auto end = endpoint.find("://");
  if (end == std::string_view::npos || !std::isalpha(static_cast<unsigned char>(endpoint.front())))
    return std::string_view::npos;
  const bool token = std::all_of(endpoint.begin(), endpoint.begin() + end, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
  return token ? end : std::string_view::npos;
}

// An endpoint as written: its scheme, its authority ([userinfo@]host[:port], which ends at the
// first '/', '?' or '#': an '@' after that is in a path, query or fragment, never credentials)
// and what follows the authority. nullopt without a scheme.
struct EndpointParts {
  std::string_view scheme, authority, rest;
};

std::optional<EndpointParts> endpoint_parts(std::string_view endpoint) {
  const auto scheme_end = find_scheme_end(endpoint);
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const auto after = endpoint.substr(scheme_end + 3);
  const auto end = std::min(after.find_first_of("/?#"), after.size());
  return EndpointParts{endpoint.substr(0, scheme_end), after.substr(0, end), after.substr(end)};
}

}  // namespace

std::optional<std::string> endpoint_problem(std::string_view endpoint) {
  const auto parts = endpoint_parts(endpoint);
  if (!parts) {
    // A "://" that does not end a scheme token has something else before it, credentials
    // ("AKID:s3cret@https://...") most likely; the message quotes no part of the value.
    if (endpoint.find("://") != std::string_view::npos)
      return "it does not start with a scheme (https:// or http://)";
    return "it has no scheme";
  }
  if (parts->scheme != "https" && parts->scheme != "http")
    return "its scheme must be https or http";
  if (parts->authority.empty()) return "it has no host";
  // Credentials in the URL would be logged with it (configure's INFO line, the test settings'
  // WARN line) and sent to wherever libcurl takes them.
  if (parts->authority.find('@') != std::string_view::npos)
    return "it has credentials before its host (user:password@): drop them from the URL, the "
           "provider takes the cloud's credentials from their own settings";
  // A password with a '/' ends the authority early ("https://id:pa/ss@host"): an '@' in the
  // path may be credentials as well as a path.
  if (const auto path = parts->rest.substr(0, parts->rest.find_first_of("?#"));
      path.find('@') != std::string_view::npos)
    return "it has an '@' after a '/': credentials (user:password@) or a path, neither of "
           "which an endpoint takes; the API is always served at /, and the provider takes the "
           "cloud's credentials from their own settings";
  // Trailing slashes are fine; the clients send every request to "/" and nothing else.
  const auto after_slashes = parts->rest.find_first_not_of('/');
  if (after_slashes == std::string_view::npos) return std::nullopt;
  switch (parts->rest[after_slashes]) {
    case '?':
      return "it has a query (the API is always served at /, without one)";
    case '#':
      return "it has a fragment (the API is always served at /, without one)";
    default:
      return "it has a path (the API is always served at /)";
  }
}

std::string without_userinfo(std::string_view endpoint) {
  // Everything up to the last '@' goes, wherever it is: a password may hold '/', '?' or '#',
  // which would end the authority early and leave it in what looks like a path or a query.
  // Without a scheme ("id:secret@host", "id:secret@https://host", refused for it) the
  // credentials start the value.
  const auto scheme_end = find_scheme_end(endpoint);
  const auto host = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto at = endpoint.rfind('@');
  if (at == std::string_view::npos || at < host) return std::string(endpoint);
  return std::string(endpoint.substr(0, host)) + "(credentials removed)@" +
         std::string(endpoint.substr(at + 1));
}

Endpoint parse_endpoint(std::string_view endpoint) {
  if (auto problem = endpoint_problem(endpoint)) {
    throw std::invalid_argument("endpoint \"" + without_userinfo(endpoint) + "\" is not usable: " +
                                *problem + " (expected https://HOST or http://HOST:PORT)");
  }
  const auto parts = endpoint_parts(endpoint);
  return {std::string(parts->scheme), std::string(parts->authority)};
}

bool loopback_endpoint(std::string_view endpoint) {
  if (endpoint_problem(endpoint)) return false;
  const std::string host = parse_endpoint(endpoint).host;
  // host[:port] or [v6][:port]. Anything after the name but a port (a fragment, a query) makes
  // it no loopback name.
  std::string name;
  std::string_view port;
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    if (close == std::string::npos) return false;
    name = host.substr(1, close - 1);
    port = std::string_view(host).substr(close + 1);
  } else {
    const auto colon = host.find(':');
    name = host.substr(0, colon);
    if (colon != std::string::npos) port = std::string_view(host).substr(colon);
  }
  if (!port.empty() && (port.size() == 1 || port.front() != ':' ||
                        port.find_first_not_of("0123456789", 1) != std::string_view::npos))
    return false;
  while (!name.empty() && name.back() == '.') name.pop_back();
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "localhost" || name == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, name.c_str(), &v4) == 1 &&
         reinterpret_cast<const unsigned char*>(&v4.s_addr)[0] == 127;
}

}  // namespace cloudssl::api
