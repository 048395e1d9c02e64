// terraform-provider-fixture: test-only, never installed.
#include "provider/transport/plugin_main.h"
#include "tests/fixture_provider/fixture.h"

int main(int argc, char** argv) {
  auto registry = cloudssl::fixture::make_fixture_registry();
  return cloudssl::transport::run_plugin_main(
      argc, argv, registry,
      {.provider_address = "registry.terraform.io/cloudssl/fixture", .version = "0.1.0"});
}
