#include "cloudssl/registration.h"

#include "datasources/certificates/certificate_data_sources.h"

namespace cloudssl {

// Deployments (datasources/deployments/deploy_targets.cpp, deployed_resources.cpp, deploy_records.cpp, update_records.cpp).
std::shared_ptr<framework::DataSource> make_deploy_targets_data_source();
std::shared_ptr<framework::DataSource> make_deployed_resources_data_source();
std::shared_ptr<framework::DataSource> make_deploy_records_data_source();
std::shared_ptr<framework::DataSource> make_update_records_data_source();

// Keep one line per data source type; edit with small in-place edits (several people add here).
void register_data_sources(framework::Registry& registry) {
  (void)registry;
  registry.add_data_source("cloudssl_certificate", datasources::make_certificate_data_source());
  registry.add_data_source("cloudssl_certificates", datasources::make_certificates_data_source());
  registry.add_data_source("cloudssl_deploy_targets", make_deploy_targets_data_source());
  registry.add_data_source("cloudssl_deployed_resources", make_deployed_resources_data_source());
  registry.add_data_source("cloudssl_deploy_records", make_deploy_records_data_source());
  registry.add_data_source("cloudssl_update_records", make_update_records_data_source());
}

}  // namespace cloudssl
