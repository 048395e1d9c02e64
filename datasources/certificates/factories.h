// The certificate service's data sources: cloudssl_certificate (one by id),
// cloudssl_certificates (filtered listing), cloudssl_certificate_operation_logs (the
// account's audit log), and cloudssl_companies / _managers / _packages (paid certificates). None
// ever exposes a private key. The composition root registers them
// (cloudssl/register_data_sources.cpp).
#pragma once

#include <memory>

#include "provider/framework/resource.h"

namespace cloudssl::certificates {

std::shared_ptr<framework::DataSource> make_certificate_data_source();
std::shared_ptr<framework::DataSource> make_certificates_data_source();
std::shared_ptr<framework::DataSource> make_certificate_operation_logs_data_source();
// What a paid certificate's submission refers to: companies, their managers, benefit packages.
std::shared_ptr<framework::DataSource> make_companies_data_source();
std::shared_ptr<framework::DataSource> make_managers_data_source();
std::shared_ptr<framework::DataSource> make_packages_data_source();

}  // namespace cloudssl::certificates
