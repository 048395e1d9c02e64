// Every data source type under its Terraform name. Each service folder declares its factories
// in datasources/<service>/factories.h; this table is the one place type names are given.
#include "cloudssl/registration.h"
#include "datasources/certificates/factories.h"
#include "datasources/deployments/factories.h"
#include "datasources/volcengine/factories.h"

namespace cloudssl {

// Keep one line per data source type; edit with small in-place edits (several people add here).
void register_data_sources(framework::Registry& registry) {
  registry.add_data_source("cloudssl_certificate", certificates::make_certificate_data_source());
  registry.add_data_source("cloudssl_certificates", certificates::make_certificates_data_source());
  registry.add_data_source("cloudssl_certificate_operation_logs",
                           certificates::make_certificate_operation_logs_data_source());
  registry.add_data_source("cloudssl_companies", certificates::make_companies_data_source());
  registry.add_data_source("cloudssl_managers", certificates::make_managers_data_source());
  registry.add_data_source("cloudssl_packages", certificates::make_packages_data_source());
  registry.add_data_source("cloudssl_deploy_targets",
                           deployments::make_deploy_targets_data_source());
  registry.add_data_source("cloudssl_deployed_resources",
                           deployments::make_deployed_resources_data_source());
  registry.add_data_source("cloudssl_deploy_records",
                           deployments::make_deploy_records_data_source());
  registry.add_data_source("cloudssl_update_records",
                           deployments::make_update_records_data_source());
  registry.add_data_source("cloudssl_volcengine_certificates",
                           volcengine::make_volcengine_certificates_data_source());
}

}  // namespace cloudssl
