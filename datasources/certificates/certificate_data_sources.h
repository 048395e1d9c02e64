// Certificate lookups: cloudssl_certificate (one by id) and cloudssl_certificates (filtered
// listing). Neither ever exposes a private key. Registered in register_data_sources.cpp.
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::datasources {

std::shared_ptr<framework::DataSource> make_certificate_data_source();
std::shared_ptr<framework::DataSource> make_certificates_data_source();

}  // namespace cloudssl::datasources
