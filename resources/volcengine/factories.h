// The Volcengine certificate center's resources: the ephemeral cloudssl_volcengine_certificate
// (one certificate with its private key, for write-only arguments). The composition root
// registers it (cloudssl/register_ephemeral_resources.cpp).
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::volcengine {

std::shared_ptr<framework::EphemeralResource> make_volcengine_certificate_ephemeral_resource();

}  // namespace cloudssl::volcengine
