#include "provider/transport/plugin_environment.h"

#include <charconv>
#include <cstdlib>

namespace cloudssl::transport {
namespace {

std::optional<std::string> get(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<int> parse_int(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

PluginEnvironment PluginEnvironment::from_process() {
  PluginEnvironment env;
  env.magic_cookie = get(kMagicCookieKey.data());
  env.protocol_versions = get("PLUGIN_PROTOCOL_VERSIONS");
  env.client_cert_pem = get("PLUGIN_CLIENT_CERT");
  env.min_port = get("PLUGIN_MIN_PORT");
  env.max_port = get("PLUGIN_MAX_PORT");
  env.unix_socket_dir = get("PLUGIN_UNIX_SOCKET_DIR");
  env.unix_socket_group = get("PLUGIN_UNIX_SOCKET_GROUP");
  env.tmpdir = get("TMPDIR");
  return env;
}

bool magic_cookie_valid(const PluginEnvironment& env) {
  return env.magic_cookie.has_value() && *env.magic_cookie == kMagicCookieValue;
}

ProtocolNegotiation negotiate_protocol(const std::optional<std::string>& client_versions) {
  ProtocolNegotiation result;
  // Absent (Terraform < 0.15.4, which cannot speak 6 anyway): answer 6 and let it decide.
  if (!client_versions || client_versions->empty()) return result;
  result.client_accepts = false;
  std::string_view rest = *client_versions;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    if (parse_int(item) == result.version) result.client_accepts = true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return result;
}

PortRange port_range(const PluginEnvironment& env) {
  PortRange range;
  const auto lo = env.min_port ? parse_int(*env.min_port) : std::nullopt;
  const auto hi = env.max_port ? parse_int(*env.max_port) : std::nullopt;
  if (lo && *lo > 0 && *lo <= 65535) range.min = *lo;
  if (hi && *hi > 0 && *hi <= 65535) range.max = *hi;
  if (range.max < range.min) range.max = range.min;
  return range;
}

std::string socket_directory(const PluginEnvironment& env) {
  if (env.unix_socket_dir && !env.unix_socket_dir->empty()) return *env.unix_socket_dir;
  if (env.tmpdir && !env.tmpdir->empty()) return *env.tmpdir;
  return "/tmp";
}

}  // namespace cloudssl::transport
