// Where the gRPC server listens (§2.5 of docs/docs/design/tfplugin6.md): a unix socket named plugin* in
// PLUGIN_UNIX_SOCKET_DIR / TMPDIR / /tmp, as go-plugin does, else TCP on 127.0.0.1 within
// PLUGIN_MIN_PORT..PLUGIN_MAX_PORT.
#pragma once

#include <optional>
#include <string>

#include "provider/transport/handshake.h"
#include "provider/transport/plugin_environment.h"

namespace cloudssl::transport {

struct ListenTarget {
  std::string grpc_uri;     // what ServerBuilder::AddListeningPort takes
  ListenAddress address;    // what the handshake line / reattach JSON says
  std::string socket_path;  // the file to remove on exit (unix only)
};

// A fresh unix socket path in the socket directory, or nullopt when the directory is unusable
// or the path would not fit in sun_path.
std::optional<ListenTarget> unix_socket_target(const PluginEnvironment& env);

// The first port in the range that 127.0.0.1 can bind at the moment, starting at `from`
// (the caller retries from the next port if gRPC then loses the race for it).
std::optional<ListenTarget> tcp_target(const PortRange& range, int from);

// Applies PLUGIN_UNIX_SOCKET_GROUP (group name or id): chown to it and chmod 0660. Returns an
// error text, empty on success or when the variable is unset.
std::string apply_socket_group(const PluginEnvironment& env, const std::string& socket_path);

}  // namespace cloudssl::transport
