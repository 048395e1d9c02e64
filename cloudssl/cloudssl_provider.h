// The cloudssl provider itself: its configuration block (credentials, region, endpoint,
// timeouts), how that block plus the environment and a tccli profile resolve into an API
// client configuration, and the registry of everything the provider serves.
//
// Precedence for each setting, as the Tencent Cloud provider does it: the provider block,
// then the environment variable, then the tccli profile
// (<shared_credentials_dir>/<profile>.credential: {"secretId", "secretKey", "token"};
// <profile>.configure: {"_sys_param": {"region"}}), then the default.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/tencent/client_config.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/registry.h"
#include "provider/framework/resource.h"

namespace cloudssl {

// Environment variables the provider reads.
inline constexpr std::string_view kEnvSecretId = "TENCENTCLOUD_SECRET_ID";
inline constexpr std::string_view kEnvSecretKey = "TENCENTCLOUD_SECRET_KEY";
inline constexpr std::string_view kEnvSecurityToken = "TENCENTCLOUD_SECURITY_TOKEN";
inline constexpr std::string_view kEnvRegion = "TENCENTCLOUD_REGION";
inline constexpr std::string_view kEnvEndpoint = "CLOUDSSL_ENDPOINT";
inline constexpr std::string_view kEnvTagEndpoint = "CLOUDSSL_TAG_ENDPOINT";
inline constexpr std::string_view kEnvProfile = "TENCENTCLOUD_PROFILE";
inline constexpr std::string_view kEnvSharedCredentialsDir = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR";
// For the acceptance tests against the simulator only (tests/acceptance/README.md): how long an
// adoption of cloudssl_paid_certificate waits for its owner tag to be listed, in whole seconds.
inline constexpr std::string_view kEnvTestOwnerTagLag = "CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS";

// Looks up an environment variable (injectable for tests); nullopt when unset.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment process_environment();

// The provider block's known values; nullopt = not set (null or "").
struct ProviderSettings {
  std::optional<std::string> secret_id, secret_key, security_token, region, endpoint, profile,
      shared_credentials_dir, request_timeout, tag_endpoint;
  std::optional<std::int64_t> max_retries;
};

// Where the credentials came from, for the configure log line (never the values).
enum class CredentialSource { Config, Environment, Profile };

struct ResolvedConfig {
  api::tencent::ClientConfig client;
  // The Tag API client's configuration: `client` with service "tag", version 2018-08-13 and
  // the tag endpoint (tag_endpoint, else CLOUDSSL_TAG_ENDPOINT, else the SSL endpoint when
  // one was set explicitly, since cloudssl-sim serves both APIs on one port, else
  // https://tag.tencentcloudapi.com).
  api::tencent::ClientConfig tag;
  CredentialSource credential_source = CredentialSource::Config;
  // False when credentials were optional and none was found anywhere: no Tencent client.
  bool has_credentials = true;
};

// Applies precedence, defaults and checks. Problems become error diagnostics on the
// attribute at fault (naming the environment variable to set where that helps); nullopt
// when there were any. With `credentials_required` false (Volcengine is configured), no
// SecretId and SecretKey anywhere is no error: has_credentials is then false.
std::optional<ResolvedConfig> resolve_client_config(const ProviderSettings& settings,
                                                    const Environment& env,
                                                    framework::Diagnostics& diagnostics,
                                                    bool credentials_required = true);

// The owner-tag wait the acceptance tests ask for (kEnvTestOwnerTagLag, read through `env`),
// honoured only when both endpoints are loopback ones, the simulator's (ConfigureProvider then
// logs one WARN line saying so); nullopt otherwise (unset, not whole seconds, or an endpoint
// elsewhere, Tencent Cloud's among them): the resource's own wait.
std::optional<std::chrono::seconds> test_owner_tag_lag(const Environment& env,
                                                       std::string_view ssl_endpoint,
                                                       std::string_view tag_endpoint);

// Checks of values that do not depend on anything else (duration syntax, retries ≥ 0,
// endpoint scheme), shared by ValidateProviderConfig and ConfigureProvider. `value` is the
// provider block's object and may contain unknowns (skipped).
void validate_provider_values(const codec::Value& config, framework::Diagnostics& diagnostics);

// A setting of the provider block (or its volcengine block): an optional string, described
// with where its default comes from. A secret one is sensitive.
framework::Attribute setting(std::string name, std::string description);
framework::Attribute secret_setting(std::string name, std::string description);

class CloudsslProvider final : public framework::Provider {
 public:
  explicit CloudsslProvider(Environment env = process_environment());
  framework::Schema schema() const override;
  void validate(const framework::ValidateRequest& request,
                framework::Diagnostics& diagnostics) const override;
  // Returns std::shared_ptr<common::ProviderData> (provider_data.h).
  std::any configure(const framework::ConfigureRequest& request,
                     framework::Diagnostics& diagnostics) override;

 private:
  Environment env_;
};

// Registry("cloudssl", provider) with every resource and data source registered.
framework::Registry make_cloudssl_registry();

}  // namespace cloudssl
