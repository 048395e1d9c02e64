// The deployment service's resource types: cloudssl_certificate_deployment (which cloud
// resources hold a certificate), cloudssl_certificate_replacement (move them from one
// certificate to another) and cloudssl_hosting_config (the certificate's hosting and renewal
// following), and the action deploying a certificate now (cloudssl_deploy_certificate).
// The composition root registers them (cloudssl/register_resources.cpp).
#pragma once

#include <memory>

#include "provider/framework/capabilities.h"
#include "provider/framework/resource.h"

namespace cloudssl::deployments {

std::shared_ptr<framework::Resource> make_certificate_deployment_resource();
std::shared_ptr<framework::Resource> make_certificate_replacement_resource();
std::shared_ptr<framework::Resource> make_hosting_config_resource();

// Actions (Terraform >= 1.14).
std::shared_ptr<framework::Action> make_deploy_certificate_action();

}  // namespace cloudssl::deployments
