// The certificates service's provider functions: provider::cloudssl::parse_certificate and
// provider::cloudssl::expires_within. Both read a PEM chain (leaf first) with lib/pem, so they
// agree with what cloudssl_certificate computes at plan time for the same text.
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::certificates {

std::shared_ptr<framework::Function> make_parse_certificate_function();
std::shared_ptr<framework::Function> make_expires_within_function();

}  // namespace cloudssl::certificates
