// What the cloudssl provider's ConfigureProvider (cloudssl/, the composition root) hands to
// every resource and data source, as std::shared_ptr<ProviderData> inside
// Context::provider_data: the API clients and the process-wide helpers shared by concurrent
// operations. The root fills it; resources read it only through accessors, one per member,
// each `T& name(const framework::Context&)` throwing a clear error when the member is absent:
//
//   common::ssl_client(ctx)                 this header
//   common::tag_client(ctx)                 this header
//   common::volcengine_client(ctx)          this header
//   certificates::certificate_reads(ctx)    resources/certificates/certificate_read_batcher.h
//   certificates::delete_task_polls(ctx)    resources/certificates/delete_task_polls.h
//   deployments::deploy_locks(ctx)          resources/deployments/deploy_locks.h
//   common::test_owner_tag_lag(ctx)         this header
#pragma once

#include <any>
#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "api/core/client.h"
#include "provider/framework/resource.h"

namespace cloudssl {

namespace certificates {
class CertificateReadBatcher;  // resources/certificates/certificate_read_batcher.h
class DeleteTaskPolls;         // resources/certificates/delete_task_polls.h
}  // namespace certificates
namespace deployments {
class DeployLocks;  // resources/deployments/deploy_locks.h
}

namespace common {

// Tencent Cloud's API clients: the core client with the Tencent dialect, one per service.
struct TencentClients {
  std::shared_ptr<api::Client> ssl;  // the SSL API (api/tencent/ssl/ssl_api.h)
  std::shared_ptr<api::Client> tag;  // the Tag API, tags changed in place (tag/tag_actions.h)
};

// Volcengine's API clients: the core client with the Volcengine dialect, one per service.
struct VolcengineClients {
  // The certificate center (api/volcengine/certificate/certificate_get_instance.h).
  std::shared_ptr<api::Client> certificate;
};

struct ProviderData {
  // Null clients when the provider configuration was not wholly known (see config_unknown);
  // otherwise the Tencent ones unless tencent_credentials_missing, and the Volcengine ones
  // when Volcengine credentials were configured.
  TencentClients tencent;
  VolcengineClients volcengine;
  // No Tencent Cloud credentials anywhere, accepted because Volcengine's were set: only the
  // Tencent types fail, naming what to set.
  bool tencent_credentials_missing = false;
  // Concurrent certificate reads coalesced into few DescribeCertificates calls.
  std::shared_ptr<certificates::CertificateReadBatcher> certificate_reads;
  // Concurrent checked deletes' task polls coalesced into shared calls.
  std::shared_ptr<certificates::DeleteTaskPolls> delete_task_polls;
  // One running deploy/update task per (certificate, resource type), process-wide.
  std::shared_ptr<deployments::DeployLocks> deploy_locks;
  // For the acceptance tests only: how long an adoption of cloudssl_paid_certificate waits for
  // its owner tag to be listed, when CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS was set and the
  // endpoints are loopback ones (cloudssl::test_owner_tag_lag); nullopt: the resource's.
  std::optional<std::chrono::seconds> test_owner_tag_lag;

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

// Throws why the provider data has no client when its configuration is not known yet.
inline void throw_if_config_unknown(const ProviderData* data) {
  if (data && data->config_unknown) {
    throw std::runtime_error(
        "the cloudssl provider configuration depends on values that are not known yet (" +
        data->unknown_attributes +
        "), so the API cannot be called during this plan. Apply the resources the provider "
        "block refers to first (for example with -target), or set these values directly.");
  }
}

// The SSL API client, or an exception saying why there is none. Resources call this where
// they need the API; the engine turns the exception into an error diagnostic.
inline api::Client& ssl_client(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->tencent.ssl) return *data->tencent.ssl;
  throw_if_config_unknown(data.get());
  if (data && data->tencent_credentials_missing) {
    throw std::runtime_error(
        "Tencent Cloud credentials are not configured (the provider has only Volcengine "
        "credentials): set secret_id and secret_key in the provider block, or the environment "
        "variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (or a tccli profile).");
  }
  throw std::logic_error("the cloudssl provider is not configured");
}

// The SSL API client when there is one, else nullptr (no exception): for checks at plan time,
// which are skipped while the provider configuration is unknown or unconfigured (unit plan
// tests) and run again when the API can be called.
inline api::Client* ssl_client_if_configured(const framework::Context& ctx) {
  const auto* data = std::any_cast<std::shared_ptr<ProviderData>>(&ctx.provider_data);
  return data && *data && (*data)->tencent.ssl ? (*data)->tencent.ssl.get() : nullptr;
}

// The Tag API client, or an exception saying why there is none (as ssl_client).
inline api::Client& tag_client(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->tencent.tag) return *data->tencent.tag;
  ssl_client(ctx);  // throws the reason when there is no client at all
  throw std::logic_error("the cloudssl provider has no Tag API client");
}

// ProviderData::test_owner_tag_lag; nullopt also when the provider is not configured.
inline const std::optional<std::chrono::seconds>& test_owner_tag_lag(
    const framework::Context& ctx) {
  static const std::optional<std::chrono::seconds> none;
  const auto* data = std::any_cast<std::shared_ptr<ProviderData>>(&ctx.provider_data);
  return data && *data ? (*data)->test_owner_tag_lag : none;
}

// Volcengine's certificate center client, or an exception saying why there is none (naming
// the variables to set when no Volcengine credentials were configured).
inline api::Client& volcengine_client(const framework::Context& ctx) {
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (data && data->volcengine.certificate) return *data->volcengine.certificate;
  throw_if_config_unknown(data.get());
  if (data) {
    throw std::runtime_error(
        "Volcengine credentials are not configured: set access_key and secret_key in the "
        "provider's volcengine block, or the environment variables VOLCENGINE_ACCESS_KEY and "
        "VOLCENGINE_SECRET_KEY.");
  }
  throw std::logic_error("the cloudssl provider is not configured");
}

}  // namespace common
}  // namespace cloudssl
