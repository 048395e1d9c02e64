// Every resource type under its Terraform name. Each service folder declares its factories in
// resources/<service>/factories.h; this table is the one place type names are given.
#include "cloudssl/registration.h"
#include "resources/certificates/factories.h"
#include "resources/deployments/factories.h"

namespace cloudssl {

// Keep one line per resource type; edit with small in-place edits (several people add here).
void register_resources(framework::Registry& registry) {
  registry.add_resource("cloudssl_certificate", certificates::make_certificate_resource());
  registry.add_resource("cloudssl_free_certificate",
                        certificates::make_free_certificate_resource());
  registry.add_resource("cloudssl_paid_certificate",
                        certificates::make_paid_certificate_resource());
  registry.add_resource("cloudssl_certificate_validation",
                        certificates::make_certificate_validation_resource());
  registry.add_resource("cloudssl_certificate_revocation",
                        certificates::make_certificate_revocation_resource());
  registry.add_resource("cloudssl_certificate_deployment",
                        deployments::make_certificate_deployment_resource());
  registry.add_resource("cloudssl_certificate_replacement",
                        deployments::make_certificate_replacement_resource());
  registry.add_resource("cloudssl_hosting_config", deployments::make_hosting_config_resource());
  // List resources (Terraform >= 1.14 `terraform query`), named after the resource they list.
  registry.add_list_resource("cloudssl_certificate",
                             certificates::make_certificate_list_resource());
  registry.add_list_resource("cloudssl_free_certificate",
                             certificates::make_free_certificate_list_resource());
  // Actions (Terraform >= 1.14: action_trigger, `terraform apply -invoke`).
  registry.add_action("cloudssl_check_domain_verification",
                      certificates::make_check_domain_verification_action());
  registry.add_action("cloudssl_renew_certificate", certificates::make_renew_certificate_action());
  registry.add_action("cloudssl_deploy_certificate", deployments::make_deploy_certificate_action());
}

}  // namespace cloudssl
