#include "provider/transport/plugin_runner.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "provider/log/logger.h"
#include "provider/transport/plugin_environment.h"

namespace cloudssl::transport {
namespace {

// Go's flag package accepts -name, --name and -name=true|false for booleans.
std::optional<bool> bool_flag(std::string_view arg, std::string_view name) {
  if (arg.starts_with("--")) {
    arg.remove_prefix(2);
  } else if (arg.starts_with("-")) {
    arg.remove_prefix(1);
  } else {
    return std::nullopt;
  }
  if (arg == name) return true;
  if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=') {
    const auto value = arg.substr(name.size() + 1);
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
  }
  return std::nullopt;
}

void print_usage(std::FILE* out, const std::string& name) {
  std::fprintf(out,
               "Usage: %s [--version] [-debug]\n"
               "  --version  print the version and exit\n"
               "  -debug     serve without Terraform starting the process: prints a\n"
               "             TF_REATTACH_PROVIDERS value to use, serves until interrupted\n"
               "Without flags the binary is started by Terraform (go-plugin protocol).\n",
               name.c_str());
}

}  // namespace

Flags parse_flags(int argc, const char* const* argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (auto v = bool_flag(arg, "debug")) {
      flags.debug = *v;
    } else if (auto v = bool_flag(arg, "version")) {
      flags.version = *v;
    } else if (bool_flag(arg, "help") || bool_flag(arg, "h")) {
      flags.help = true;
    } else {
      flags.error = "unknown argument: " + std::string(arg);
      return flags;
    }
  }
  return flags;
}

std::string binary_name(const std::string& provider_address) {
  return "terraform-provider-" + provider_address.substr(provider_address.rfind('/') + 1);
}

int run_plugin(int argc, char** argv, grpc::Service& provider_service,
               std::function<void()> stop_all, ServeOptions options) {
  const std::string name = binary_name(options.provider_address);
  const Flags flags = parse_flags(argc, argv);
  if (!flags.error.empty()) {
    std::fprintf(stderr, "%s\n", flags.error.c_str());
    print_usage(stderr, name);
    return 2;
  }
  if (flags.help) {
    print_usage(stdout, name);
    return 0;
  }
  if (flags.version) {
    std::printf("%s v%s\n", name.c_str(), options.version.c_str());
    return 0;
  }
  options.debug = options.debug || flags.debug;

  if (!options.debug) {
    const PluginEnvironment env = PluginEnvironment::from_process();
    if (!magic_cookie_valid(env)) {
      // UX only, as in go-plugin: someone ran the binary by hand.
      std::fputs(kNotAPluginMessage.data(), stderr);
      return 1;
    }
    if (!negotiate_protocol(env.protocol_versions).client_accepts) {
      // Answer 6 anyway, as go-plugin does: the client then reports the mismatch itself.
      log::error("the client does not offer plugin protocol 6",
                 {{"PLUGIN_PROTOCOL_VERSIONS", *env.protocol_versions}});
    }
  }
  const int code = serve(provider_service, std::move(stop_all), options);
  // Shutdown → exit at once: every RPC was answered and logs are unbuffered, so nothing is
  // left to flush but stdio. Running static destructors and gRPC's library shutdown could
  // block on gRPC's threads (see serve), and the host kills a plugin that lingers 2 s.
  std::fflush(nullptr);
  std::_Exit(code);
}

}  // namespace cloudssl::transport
