// terraform-provider-cloudssl: the cloudssl provider served over Terraform's plugin protocol 6.
#include "cloudssl/cloudssl_provider.h"
#include "provider/transport/plugin_main.h"

int main(int argc, char** argv) {
  auto registry = cloudssl::make_cloudssl_registry();
  return cloudssl::transport::run_plugin_main(
      argc, argv, registry,
      {.provider_address = "registry.terraform.io/cloudssl/cloudssl", .version = CLOUDSSL_VERSION});
}
