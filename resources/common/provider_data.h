// What the cloudssl provider's ConfigureProvider hands to every resource and data source
// (as std::shared_ptr<ProviderData> inside Context::provider_data): the API client and the
// process-wide helpers shared by concurrent operations.
//
//   const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
//   api::SslClient& ssl = require_ssl(ctx);  // throws a clear error if no client exists
//   api::SslClient& tag = require_tag(ctx);  // the Tag API client, likewise
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "api/tencent/ssl_client.h"
#include "provider/framework/resource.h"

namespace cloudssl {

namespace resources {
class CertificateReadBatcher;  // resources/certificates/certificate_read_batcher.h
}
namespace deploy {
class DeployLocks;  // resources/deployments/deploy_locks.h
}

struct ProviderData {
  // Null when the provider configuration was not wholly known (see config_unknown).
  std::shared_ptr<api::SslClient> ssl;
  // The Tag API client (tag_actions.h): an SslClient speaking service "tag", version
  // 2018-08-13, for changing tags in place. Null exactly when `ssl` is.
  std::shared_ptr<api::SslClient> tag;
  // Concurrent certificate reads coalesced into few DescribeCertificates calls.
  std::shared_ptr<resources::CertificateReadBatcher> certificate_reads;
  // One running deploy/update task per (certificate, resource type), process-wide.
  std::shared_ptr<deploy::DeployLocks> deploy_locks;

  // During plan the provider block may refer to values of resources not created yet.
  // Terraform still calls ConfigureProvider; the provider then builds no client and records
  // which attributes were unknown, and only operations that need the API fail.
  bool config_unknown = false;
  std::string unknown_attributes;  // "secret_id, endpoint"
};

// The API client, or an exception saying why there is none. Resources call this where they
// need the API; the engine turns the exception into an error diagnostic.
inline api::SslClient& require_ssl(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->ssl) return *data->ssl;
  if (data && data->config_unknown) {
    throw std::runtime_error(
        "the cloudssl provider configuration depends on values that are not known yet (" +
        data->unknown_attributes +
        "), so the API cannot be called during this plan. Apply the resources the provider "
        "block refers to first (for example with -target), or set these values directly.");
  }
  throw std::logic_error("the cloudssl provider is not configured");
}

// The Tag API client, or an exception saying why there is none (as require_ssl).
inline api::SslClient& require_tag(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->tag) return *data->tag;
  require_ssl(ctx);  // throws the reason when there is no client at all
  throw std::logic_error("the cloudssl provider has no Tag API client");
}

}  // namespace cloudssl
