#include "api/core/endpoint.h"

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

}  // namespace cloudssl::api
