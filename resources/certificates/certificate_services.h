// The process-wide helpers the certificate types use, from the configured provider.
#pragma once

#include <memory>
#include <stdexcept>

#include "provider/framework/resource.h"
#include "resources/common/provider_data.h"
#include "resources/certificates/certificate_read_batcher.h"

namespace cloudssl::resources {

inline CertificateReadBatcher& certificate_reads(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (!data || !data->certificate_reads)
    throw std::logic_error("the cloudssl provider has no certificate read batcher");
  return *data->certificate_reads;
}

}  // namespace cloudssl::resources
