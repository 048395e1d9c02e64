// The certificate service's resource types: cloudssl_certificate (upload your own),
// cloudssl_free_certificate (free DV application), cloudssl_certificate_validation (wait for
// issuance) and cloudssl_certificate_revocation (revoke), the list resources of the first two
// (`terraform query`, certificate_lists.cpp), the ephemeral cloudssl_certificate
// (certificate_ephemeral.cpp) and the actions on certificates. The composition root registers
// them (cloudssl/register_resources.cpp).
#pragma once

#include <memory>

#include "provider/framework/capabilities.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

std::shared_ptr<framework::Resource> make_certificate_resource();
std::shared_ptr<framework::Resource> make_free_certificate_resource();
std::shared_ptr<framework::Resource> make_paid_certificate_resource();
std::shared_ptr<framework::Resource> make_certificate_validation_resource();
std::shared_ptr<framework::Resource> make_certificate_revocation_resource();

std::shared_ptr<framework::ListResource> make_certificate_list_resource();
std::shared_ptr<framework::ListResource> make_free_certificate_list_resource();

// Ephemeral resources (Terraform >= 1.10): a certificate's chain, key and server bundle.
std::shared_ptr<framework::EphemeralResource> make_certificate_ephemeral_resource();

// Actions (Terraform >= 1.14).
std::shared_ptr<framework::Action> make_check_domain_verification_action();
std::shared_ptr<framework::Action> make_renew_certificate_action();

}  // namespace cloudssl::certificates
