// The Volcengine certificate center's data sources: cloudssl_volcengine_certificates (every
// documented CertificateGetInstance filter, every page; never a private key or CSR). The
// composition root registers them (cloudssl/register_data_sources.cpp).
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::volcengine {

std::shared_ptr<framework::DataSource> make_volcengine_certificates_data_source();

}  // namespace cloudssl::volcengine
