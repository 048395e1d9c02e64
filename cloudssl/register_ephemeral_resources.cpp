// Every ephemeral resource type under its Terraform name (Terraform >= 1.10). Each service
// folder declares its factories in resources/<service>/factories.h; this table is the one place
// type names are given.
#include "cloudssl/registration.h"
#include "resources/certificates/factories.h"
#include "resources/volcengine/factories.h"

namespace cloudssl {

// Keep one line per ephemeral resource type.
void register_ephemeral_resources(framework::Registry& registry) {
  registry.add_ephemeral_resource("cloudssl_certificate",
                                  certificates::make_certificate_ephemeral_resource());
  registry.add_ephemeral_resource("cloudssl_volcengine_certificate",
                                  volcengine::make_volcengine_certificate_ephemeral_resource());
}

}  // namespace cloudssl
