#include "cloudssl/registration.h"

#include "resources/certificates/certificate_resources.h"

namespace cloudssl {

// Deployments (resources/deployments/certificate_deployment.cpp, certificate_replacement.cpp, hosting_config.cpp).
std::shared_ptr<framework::Resource> make_certificate_deployment();
std::shared_ptr<framework::Resource> make_certificate_replacement();
std::shared_ptr<framework::Resource> make_hosting_config();

// Keep one line per resource type; edit with small in-place edits (several people add here).
void register_resources(framework::Registry& registry) {
  (void)registry;
  registry.add_resource("cloudssl_certificate", resources::make_certificate_resource());
  registry.add_resource("cloudssl_free_certificate", resources::make_free_certificate_resource());
  registry.add_resource("cloudssl_certificate_validation",
                        resources::make_certificate_validation_resource());
  registry.add_resource("cloudssl_certificate_deployment", make_certificate_deployment());
  registry.add_resource("cloudssl_certificate_replacement", make_certificate_replacement());
  registry.add_resource("cloudssl_hosting_config", make_hosting_config());
}

}  // namespace cloudssl
