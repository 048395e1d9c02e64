// The command line of a provider binary, independent of which tfplugin6 service it serves:
// --version, -debug/--debug, --help; outside debug mode the go-plugin magic cookie check and
// protocol negotiation; then serve(). run_plugin_main (plugin_main.h) wraps it for the
// framework's ProviderService; tests drive it with their own service.
#pragma once

#include <grpcpp/impl/service_type.h>

#include <functional>
#include <string>

#include "provider/transport/plugin_server.h"

namespace cloudssl::transport {

struct Flags {
  bool version = false;
  bool debug = false;
  bool help = false;
  std::string error;  // non-empty: unknown or malformed flag
};
Flags parse_flags(int argc, const char* const* argv);

// "terraform-provider-<type>" from the provider address's last segment.
std::string binary_name(const std::string& provider_address);

// Returns the exit code for flag handling; once serving, it ends the process itself when the
// server stopped (std::_Exit: no static destructors, no gRPC library shutdown).
int run_plugin(int argc, char** argv, grpc::Service& provider_service,
               std::function<void()> stop_all, ServeOptions options);

}  // namespace cloudssl::transport
