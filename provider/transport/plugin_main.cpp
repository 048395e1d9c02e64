#include "provider/transport/plugin_main.h"

#include "provider/framework/provider_service.h"
#include "provider/transport/plugin_runner.h"

namespace cloudssl::transport {

int run_plugin_main(int argc, char** argv, framework::Registry& registry, ServeOptions options) {
  framework::ProviderService service(registry);
  return run_plugin(
      argc, argv, service, [&service] { service.stop_all(); }, std::move(options));
}

}  // namespace cloudssl::transport
