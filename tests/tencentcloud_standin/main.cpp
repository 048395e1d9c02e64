// terraform-provider-tencentcloud stand-in: test-only, never installed.
#include "provider/transport/plugin_main.h"
#include "tests/tencentcloud_standin/standin.h"

int main(int argc, char** argv) {
  auto registry = cloudssl::standin::make_standin_registry();
  return cloudssl::transport::run_plugin_main(
      argc, argv, registry,
      {.provider_address = "registry.terraform.io/tencentcloudstack/tencentcloud",
       .version = "1.81.0"});
}
