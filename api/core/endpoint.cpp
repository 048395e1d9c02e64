#include "api/core/endpoint.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace cloudssl::api {

namespace {

constexpr const char* kNotQuoted = "(not quoted)";

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

// A host[:port] or [v6][:port] authority's parts: the name (without brackets) and the port's
// digits (empty without one). nullopt when it is not one: no name, a name with a character a host
// name does not hold (a space, '%', '@'), or anything after the name but ':' and a port from 1 to
// 65535. Such an authority is refused, and never quoted: "AKID:s3cret", "host:s3cret" or
// "AKID:s3cret%40host" hold a secret where the port goes.
struct HostAndPort {
  std::string_view name, port;
};

std::optional<HostAndPort> host_and_port(std::string_view authority) {
  std::string_view name, after;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    name = authority.substr(1, close - 1);
    after = authority.substr(close + 1);
    if (!std::all_of(name.begin(), name.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
        }))
      return std::nullopt;
  } else {
    const auto colon = std::min(authority.find(':'), authority.size());
    name = authority.substr(0, colon);
    after = authority.substr(colon);
    // RFC 3986's unreserved characters: what DNS names and IPv4 addresses are made of.
    if (!std::all_of(name.begin(), name.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
                 c == '~';
        }))
      return std::nullopt;
  }
  if (name.empty()) return std::nullopt;
  if (after.empty()) return HostAndPort{name, {}};
  const auto port = after.substr(1);
  if (after.front() != ':' || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  const int number = std::stoi(std::string(port));
  if (number < 1 || number > 65535) return std::nullopt;
  return HostAndPort{name, port};
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
  // Percent-encoded credentials ("AKID:s3cret%40host") or host names are no cloud's endpoint;
  // neither is quoted.
  if (parts->authority.find('%') != std::string_view::npos)
    return "it has a '%' in its host (not quoted: it may be percent-encoded credentials); write "
           "the host name as it is, without credentials";
  if (!host_and_port(parts->authority)) {
    // What follows the host's ':' may be a secret ("https://AKID:s3cret" without its "@host").
    return "its host is not a host name, IPv4 address or [IPv6 address] followed by nothing or "
           "by ':' and a port from 1 to 65535 (not quoted: it may hold credentials)";
  }
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

std::string quotable_endpoint(std::string_view endpoint) {
  // Without a scheme token nothing is recognised: the value may be a secret pasted alone
  // ("AKIDs3cret...") or credentials before the scheme ("AKID:s3cret https://...").
  const auto scheme_end = find_scheme_end(endpoint);
  if (scheme_end == std::string_view::npos) return kNotQuoted;
  std::string quoted(endpoint.substr(0, scheme_end + 3));
  auto after = endpoint.substr(scheme_end + 3);
  // Everything up to the last '@' goes, wherever it is: a password may hold '/', '?' or '#',
  // which would end the authority early and leave it in what looks like a path or a query.
  if (const auto at = after.rfind('@'); at != std::string_view::npos) {
    // An '@' past the authority's first '/', '?' or '#' is in a path, query or fragment
    // ("?SecretKey=ab@cd") or in a password holding one of them: nothing after it is a host.
    if (after.find_first_of("/?#") < at) return quoted + kNotQuoted;
    quoted += "(credentials removed)@";
    after.remove_prefix(at + 1);
  }
  const auto end = std::min(after.find_first_of("/?#"), after.size());
  const auto authority = after.substr(0, end);
  if (!authority.empty() && !host_and_port(authority)) return quoted + kNotQuoted;
  quoted += authority;
  // Trailing slashes are quoted; a path, query or fragment may hold a secret ("?SecretKey=...").
  const auto rest = after.substr(end);
  const auto slashes = std::min(rest.find_first_not_of('/'), rest.size());
  quoted += rest.substr(0, slashes);
  if (slashes < rest.size()) quoted += kNotQuoted;
  return quoted;
}

Endpoint parse_endpoint(std::string_view endpoint) {
  if (auto problem = endpoint_problem(endpoint)) {
    throw std::invalid_argument("endpoint \"" + quotable_endpoint(endpoint) + "\" is not usable: " +
                                *problem + " (expected https://HOST or http://HOST:PORT)");
  }
  const auto parts = endpoint_parts(endpoint);
  return {std::string(parts->scheme), std::string(parts->authority)};
}

bool loopback_endpoint(std::string_view endpoint) {
  if (endpoint_problem(endpoint)) return false;
  // endpoint_problem checked it is host[:port] or [v6][:port]; failing closed all the same.
  const std::string host = parse_endpoint(endpoint).host;
  const auto parts = host_and_port(host);
  if (!parts) return false;
  std::string name(parts->name);
  while (!name.empty() && name.back() == '.') name.pop_back();
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "localhost" || name == "::1") return true;
  in_addr v4{};
  return inet_pton(AF_INET, name.c_str(), &v4) == 1 &&
         reinterpret_cast<const unsigned char*>(&v4.s_addr)[0] == 127;
}

}  // namespace cloudssl::api
