#include "api/core/endpoint.h"

#include <arpa/inet.h>

#include <cctype>
#include <stdexcept>

namespace cloudssl::api {

std::optional<std::string> endpoint_problem(std::string_view endpoint) {
  const auto scheme_end = endpoint.find("://");
  if (scheme_end == std::string_view::npos) return "it has no scheme";
  const auto scheme = endpoint.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") return "its scheme must be https or http";
  const auto rest = endpoint.substr(scheme_end + 3);
  const auto slash = rest.find('/');
  if (rest.substr(0, slash).empty()) return "it has no host";
  // Credentials in the URL would be logged with it (configure's INFO line, the test settings'
  // WARN line) and sent to wherever libcurl takes them.
  if (rest.substr(0, slash).find('@') != std::string_view::npos)
    return "it has credentials before its host (user:password@): drop them from the URL, the "
           "provider takes the cloud's credentials from their own settings";
  if (slash != std::string_view::npos &&
      rest.find_first_not_of('/', slash) != std::string_view::npos) {
    return "it has a path (the API is always served at /)";
  }
  return std::nullopt;
}

std::string without_userinfo(std::string_view endpoint) {
  const auto scheme_end = endpoint.find("://");
  if (scheme_end == std::string_view::npos) return std::string(endpoint);
  const auto host = scheme_end + 3;
  const auto at = endpoint.substr(0, endpoint.find('/', host)).rfind('@');
  if (at == std::string_view::npos || at < host) return std::string(endpoint);
  return std::string(endpoint.substr(0, host)) + "(credentials removed)@" +
         std::string(endpoint.substr(at + 1));
}

Endpoint parse_endpoint(std::string_view endpoint) {
  if (auto problem = endpoint_problem(endpoint)) {
    throw std::invalid_argument("endpoint \"" + without_userinfo(endpoint) + "\" is not usable: " +
                                *problem + " (expected https://HOST or http://HOST:PORT)");
  }
  const auto scheme_end = endpoint.find("://");
  const auto rest = endpoint.substr(scheme_end + 3);
  return {std::string(endpoint.substr(0, scheme_end)), std::string(rest.substr(0, rest.find('/')))};
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
