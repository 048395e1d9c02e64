// Serving a tfplugin6 service the way go-plugin's host expects (§2 of docs/docs/design/tfplugin6.md):
// listener, AutoMTLS, the go-plugin and health services, the handshake line, and the stop
// paths (GRPCController.Shutdown, SIGTERM; SIGINT only in debug mode).
#pragma once

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <string>

namespace cloudssl::transport {

struct ServeOptions {
  std::string provider_address;  // e.g. registry.terraform.io/cloudssl/cloudssl
  std::string version;           // e.g. 0.1.0
  bool debug = false;            // plaintext, reattach banner, serve until SIGINT/SIGTERM
};

// Serves until asked to stop, then calls `stop_all` (cancels in-flight provider work), stops
// the server and returns the process exit code (0, or 1 when serving could not start).
// Reads the PLUGIN_* variables; checks neither flags nor the magic cookie (run_plugin does).
int serve(grpc::Service& provider_service, std::function<void()> stop_all,
          const ServeOptions& options);

}  // namespace cloudssl::transport
