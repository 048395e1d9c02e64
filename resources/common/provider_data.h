// What the cloudssl provider's ConfigureProvider (cloudssl/, the composition root) hands to
// every resource and data source, as std::shared_ptr<ProviderData> inside
// Context::provider_data: the API clients and the process-wide helpers shared by concurrent
// operations. The root fills it; resources read it only through accessors, one per member,
// each `T& name(const framework::Context&)` throwing a clear error when the member is absent:
//
//   common::ssl_client(ctx)                 this header
//   common::tag_client(ctx)                 this header
//   certificates::certificate_reads(ctx)    resources/certificates/certificate_read_batcher.h
//   deployments::deploy_locks(ctx)          resources/deployments/deploy_locks.h
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "api/core/client.h"
#include "provider/framework/resource.h"

namespace cloudssl {

namespace certificates {
class CertificateReadBatcher;  // resources/certificates/certificate_read_batcher.h
}
namespace deployments {
class DeployLocks;  // resources/deployments/deploy_locks.h
}

namespace common {

// Tencent Cloud's API clients: the core client with the Tencent dialect, one per service.
struct TencentClients {
  std::shared_ptr<api::Client> ssl;  // the SSL API (api/tencent/ssl/ssl_api.h)
  std::shared_ptr<api::Client> tag;  // the Tag API, tags changed in place (tag/tag_actions.h)
};

struct ProviderData {
  // Null clients when the provider configuration was not wholly known (see config_unknown);
  // otherwise all of them.
  TencentClients tencent;
  // Concurrent certificate reads coalesced into few DescribeCertificates calls.
  std::shared_ptr<certificates::CertificateReadBatcher> certificate_reads;
  // One running deploy/update task per (certificate, resource type), process-wide.
  std::shared_ptr<deployments::DeployLocks> deploy_locks;

  // During plan the provider block may refer to values of resources not created yet.
  // Terraform still calls ConfigureProvider; the provider then builds no client and records
  // which attributes were unknown, and only operations that need the API fail.
  bool config_unknown = false;
  std::string unknown_attributes;  // "secret_id, endpoint"
};

// The member of the configured provider's data, or std::logic_error naming `what` when the
// provider is not configured: the body of every service's accessor.
template <class T>
T& provider_member(const framework::Context& ctx, std::shared_ptr<T> ProviderData::*member,
                   const char* what) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (!data || !((*data).*member))
    throw std::logic_error(std::string("the cloudssl provider has no ") + what);
  return *((*data).*member);
}

// The SSL API client, or an exception saying why there is none. Resources call this where
// they need the API; the engine turns the exception into an error diagnostic.
inline api::Client& ssl_client(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->tencent.ssl) return *data->tencent.ssl;
  if (data && data->config_unknown) {
    throw std::runtime_error(
        "the cloudssl provider configuration depends on values that are not known yet (" +
        data->unknown_attributes +
        "), so the API cannot be called during this plan. Apply the resources the provider "
        "block refers to first (for example with -target), or set these values directly.");
  }
  throw std::logic_error("the cloudssl provider is not configured");
}

// The Tag API client, or an exception saying why there is none (as ssl_client).
inline api::Client& tag_client(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->tencent.tag) return *data->tencent.tag;
  ssl_client(ctx);  // throws the reason when there is no client at all
  throw std::logic_error("the cloudssl provider has no Tag API client");
}

}  // namespace common
}  // namespace cloudssl
