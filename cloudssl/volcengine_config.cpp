#include "cloudssl/volcengine_config.h"

#include "api/core/endpoint.h"

namespace cloudssl {

namespace {

using codec::Path;
using codec::Value;

const char* const kAttributes[] = {"access_key", "secret_key", "session_token", "region",
                                   "endpoint"};

std::optional<std::string> non_empty_setting(std::optional<std::string> value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

// The block's object, or null when the block is absent or not known.
const Value* block_object(const Value& config) {
  if (config.is_null() || !config.is_known() || !config.has("volcengine")) return nullptr;
  const Value& blocks = config.at("volcengine");
  if (blocks.is_null() || !blocks.is_known() || blocks.elements().empty()) return nullptr;
  return &blocks.elements().front();
}

Path at(const char* attribute) {
  return Path::root("volcengine").index(std::int64_t{0}).attr(attribute);
}

}  // namespace

framework::NestedBlock volcengine_block() {
  framework::NestedBlock b;
  b.type_name = "volcengine";
  b.nesting = framework::Nesting::List;
  b.max_items = 1;
  b.block.description =
      "Volcengine's certificate center (data source cloudssl_volcengine_certificates, ephemeral "
      "resource cloudssl_volcengine_certificate). Optional: without it and without the "
      "VOLCENGINE_* variables only the Volcengine types are unavailable.";
  b.block.attributes = {
      setting("access_key",
              "Access key id. Default: the environment variable VOLCENGINE_ACCESS_KEY."),
      secret_setting("secret_key", "Secret access key. Default: VOLCENGINE_SECRET_KEY."),
      secret_setting("session_token",
                     "Session token of temporary (STS) credentials, sent as X-Security-Token. "
                     "Default: VOLCENGINE_SESSION_TOKEN."),
      setting("region",
              "Region of the credential scope. Default: VOLCENGINE_REGION, else "
              "cn-north-1 (the only region the certificate center documents)."),
      setting("endpoint",
              "OpenAPI endpoint URL (scheme and host). Default: VOLCENGINE_ENDPOINT, "
              "else https://open.volcengineapi.com; the local simulator's "
              "http://HOST:PORT for tests."),
  };
  return b;
}

VolcengineSettings volcengine_settings(const Value& config) {
  VolcengineSettings s;
  const Value* block = block_object(config);
  if (!block) return s;
  s.access_key = block->get_string("access_key");
  s.secret_key = block->get_string("secret_key");
  s.session_token = block->get_string("session_token");
  s.region = block->get_string("region");
  s.endpoint = block->get_string("endpoint");
  return s;
}

std::string unknown_volcengine_attributes(const Value& config) {
  if (config.is_null() || !config.is_known() || !config.has("volcengine")) return "";
  const Value& blocks = config.at("volcengine");
  if (!blocks.is_known()) return "volcengine";
  std::string unknown;
  if (blocks.is_null()) return unknown;
  for (const Value& block : blocks.elements()) {
    if (!block.is_known()) return "volcengine";
    for (const char* name : kAttributes) {
      if (block.has(name) && !block.at(name).is_wholly_known()) {
        unknown += (unknown.empty() ? "" : ", ") + std::string("volcengine.") + name;
      }
    }
  }
  return unknown;
}

std::optional<VolcengineConfig> resolve_volcengine_config(const VolcengineSettings& settings,
                                                          const Environment& env,
                                                          framework::Diagnostics& diagnostics) {
  auto pick = [&](const std::optional<std::string>& configured, std::string_view variable) {
    auto value = non_empty_setting(configured);
    return value ? value : non_empty_setting(env(variable));
  };
  const auto access_key = pick(settings.access_key, kEnvVolcengineAccessKey);
  const auto secret_key = pick(settings.secret_key, kEnvVolcengineSecretKey);
  if (!access_key && !secret_key) return std::nullopt;  // Volcengine not used
  if (!access_key || !secret_key) {
    const bool no_access = !access_key;
    diagnostics.error(
        std::string("Missing Volcengine credentials: ") + (no_access ? "access_key" : "secret_key"),
        std::string("Set ") + (no_access ? "access_key" : "secret_key") +
            " in the provider's volcengine block, or the environment variable " +
            std::string(no_access ? kEnvVolcengineAccessKey : kEnvVolcengineSecretKey) +
            ". Both halves of the Volcengine access key are needed.",
        at(no_access ? "access_key" : "secret_key"));
    return std::nullopt;
  }
  VolcengineConfig config;
  config.credentials.access_key = *access_key;
  config.credentials.secret_key = *secret_key;
  config.credentials.session_token =
      pick(settings.session_token, kEnvVolcengineSessionToken).value_or("");
  config.region =
      pick(settings.region, kEnvVolcengineRegion).value_or(std::string(kDefaultVolcengineRegion));
  config.endpoint = std::string(kDefaultVolcengineEndpoint);
  if (auto endpoint = pick(settings.endpoint, kEnvVolcengineEndpoint)) {
    const bool from_env = !non_empty_setting(settings.endpoint);
    if (auto problem = api::endpoint_problem(*endpoint)) {
      diagnostics.error(
          "Invalid volcengine endpoint",
          "The endpoint \"" + api::quotable_endpoint(*endpoint) + "\"" +
              (from_env ? " (from " + std::string(kEnvVolcengineEndpoint) + ")" : std::string()) +
              " is not usable: " + *problem +
              ". Use a URL with a scheme and host only, for example "
              "https://open.volcengineapi.com or http://127.0.0.1:8080 for the "
              "simulator.",
          at("endpoint"));
      return std::nullopt;
    }
    while (endpoint->size() > 1 && endpoint->back() == '/') endpoint->pop_back();
    config.endpoint = *endpoint;
  }
  return config;
}

}  // namespace cloudssl
