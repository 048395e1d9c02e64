// What the go-plugin client tells the plugin through its environment (§2.1 of
// docs/docs/design/tfplugin6.md), read once, plus the decisions made from it: the magic cookie check and
// the protocol version answer. Pure functions over the struct, so tests need no real env.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cloudssl::transport {

inline constexpr std::string_view kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr std::string_view kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// go-plugin's words for a binary started by hand.
inline constexpr std::string_view kNotAPluginMessage =
    "This binary is a plugin. These are not meant to be executed directly.\n"
    "Please execute the program that consumes these plugins, which will\n"
    "load any plugins automatically\n";

struct PluginEnvironment {
  std::optional<std::string> magic_cookie;       // TF_PLUGIN_MAGIC_COOKIE
  std::optional<std::string> protocol_versions;  // PLUGIN_PROTOCOL_VERSIONS, e.g. "5,6"
  std::optional<std::string> client_cert_pem;    // PLUGIN_CLIENT_CERT (AutoMTLS when non-empty)
  std::optional<std::string> min_port;           // PLUGIN_MIN_PORT
  std::optional<std::string> max_port;           // PLUGIN_MAX_PORT
  std::optional<std::string> unix_socket_dir;    // PLUGIN_UNIX_SOCKET_DIR
  std::optional<std::string> unix_socket_group;  // PLUGIN_UNIX_SOCKET_GROUP
  std::optional<std::string> tmpdir;             // TMPDIR

  static PluginEnvironment from_process();
};

bool magic_cookie_valid(const PluginEnvironment& env);

// The answer to PLUGIN_PROTOCOL_VERSIONS. Like go-plugin we always answer our one version;
// `client_accepts` is false when the client listed versions without 6 (it will then refuse
// the handshake with its own "incompatible API version" error, which names both sides).
struct ProtocolNegotiation {
  int version = 6;
  bool client_accepts = true;
};
ProtocolNegotiation negotiate_protocol(const std::optional<std::string>& client_versions);

// PLUGIN_MIN_PORT..PLUGIN_MAX_PORT with go-plugin's defaults (10000..25000) for missing or
// malformed values.
struct PortRange {
  int min = 10000;
  int max = 25000;
};
PortRange port_range(const PluginEnvironment& env);

// The directory for the unix socket: PLUGIN_UNIX_SOCKET_DIR, else TMPDIR, else /tmp.
std::string socket_directory(const PluginEnvironment& env);

}  // namespace cloudssl::transport
