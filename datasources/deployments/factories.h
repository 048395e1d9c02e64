// The deployment service's data sources: cloudssl_deploy_targets (what a certificate can be
// deployed to), cloudssl_deployed_resources (what holds it), cloudssl_deploy_records and
// cloudssl_update_records (task progress). The composition root registers them
// (cloudssl/register_data_sources.cpp).
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::deployments {

std::shared_ptr<framework::DataSource> make_deploy_targets_data_source();
std::shared_ptr<framework::DataSource> make_deployed_resources_data_source();
std::shared_ptr<framework::DataSource> make_deploy_records_data_source();
std::shared_ptr<framework::DataSource> make_update_records_data_source();

}  // namespace cloudssl::deployments
