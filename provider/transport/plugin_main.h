// The whole main() of a provider binary built on the framework:
//   int main(int argc, char** argv) {
//     auto registry = make_registry();
//     return cloudssl::transport::run_plugin_main(argc, argv, registry, {address, version});
//   }
#pragma once

#include "provider/framework/registry.h"
#include "provider/transport/plugin_server.h"

namespace cloudssl::transport {

// Flags (--version, -debug; --generate-docs and --check-docs, see plugin_main.cpp), cookie
// check and serve, with a framework::ProviderService over
// `registry`; returns the process exit code.
int run_plugin_main(int argc, char** argv, framework::Registry& registry, ServeOptions options);

}  // namespace cloudssl::transport
