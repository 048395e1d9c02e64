// The deployment service's resource types: cloudssl_certificate_deployment (which cloud
// resources hold a certificate), cloudssl_certificate_replacement (move them from one
// certificate to another) and cloudssl_hosting_config (the certificate's hosting and renewal
// following). The composition root registers them (cloudssl/register_resources.cpp).
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::deployments {

std::shared_ptr<framework::Resource> make_certificate_deployment_resource();
std::shared_ptr<framework::Resource> make_certificate_replacement_resource();
std::shared_ptr<framework::Resource> make_hosting_config_resource();

}  // namespace cloudssl::deployments
