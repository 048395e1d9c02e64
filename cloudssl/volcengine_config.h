// The provider block's `volcengine` block (Volcengine's certificate center): access key, secret
// key, session token, region and endpoint, each from the block, else its environment variable,
// else the default. Volcengine is optional: with no credentials anywhere there is no Volcengine
// client, and only the Volcengine types fail (naming the variables to set).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/volcengine/volcengine_dialect.h"
#include "cloudssl/cloudssl_provider.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"

namespace cloudssl {

inline constexpr std::string_view kEnvVolcengineAccessKey = "VOLCENGINE_ACCESS_KEY";
inline constexpr std::string_view kEnvVolcengineSecretKey = "VOLCENGINE_SECRET_KEY";
inline constexpr std::string_view kEnvVolcengineSessionToken = "VOLCENGINE_SESSION_TOKEN";
inline constexpr std::string_view kEnvVolcengineRegion = "VOLCENGINE_REGION";
inline constexpr std::string_view kEnvVolcengineEndpoint = "VOLCENGINE_ENDPOINT";
inline constexpr std::string_view kDefaultVolcengineRegion = api::volcengine::kDefaultRegion;
inline constexpr std::string_view kDefaultVolcengineEndpoint = api::volcengine::kDefaultEndpoint;

// The block's known values; nullopt = not set (null or "").
struct VolcengineSettings {
  std::optional<std::string> access_key, secret_key, session_token, region, endpoint;
};

// The Volcengine client's configuration (credentials, region, endpoint; the provider-wide
// timeouts and retries are set by configure).
using VolcengineConfig = api::volcengine::ClientConfig;

// The nested block's schema (at most one `volcengine` block).
framework::NestedBlock volcengine_block();

// The block's settings from the provider configuration (null block: all unset).
VolcengineSettings volcengine_settings(const codec::Value& provider_config);

// Names of the block's attributes whose values are not known yet ("volcengine.access_key").
std::string unknown_volcengine_attributes(const codec::Value& provider_config);

// Applies precedence and defaults. nullopt without a diagnostic when no credential is set
// anywhere (Volcengine unused); an error on the attribute at fault when only one half of the
// key is set, or the endpoint is unusable.
std::optional<VolcengineConfig> resolve_volcengine_config(const VolcengineSettings& settings,
                                                          const Environment& env,
                                                          framework::Diagnostics& diagnostics);

}  // namespace cloudssl
