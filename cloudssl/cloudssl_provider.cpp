#include "cloudssl/cloudssl_provider.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "api/core/endpoint.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tag/tag_actions.h"
#include "api/volcengine/certificate/certificate_get_instance.h"
#include "cloudssl/registration.h"
#include "cloudssl/volcengine_config.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/validators.h"
#include "provider/log/logger.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/delete_task_polls.h"
#include "resources/common/provider_data.h"
#include "resources/deployments/deploy_locks.h"

namespace cloudssl {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;
using framework::Diagnostics;

constexpr std::string_view kDefaultProfile = "default";
constexpr std::chrono::seconds kDefaultRequestTimeout{60};
constexpr int kDefaultMaxRetries = 10;
// More retries than this would only stretch a failing apply (each waits with backoff).
constexpr int kMaxRetries = 1000;

// The provider block's attributes, in schema order.
const std::vector<std::string>& attribute_names() {
  static const std::vector<std::string> names = {
      "secret_id",   "secret_key",  "security_token",         "region",
      "endpoint",    "profile",     "shared_credentials_dir", "request_timeout",
      "max_retries", "tag_endpoint"};
  return names;
}

std::optional<std::string> non_empty(std::optional<std::string> value) {
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::string endpoint_detail(std::string_view endpoint, const std::string& problem,
                            std::string_view source, std::string_view example_host = "ssl") {
  return "The endpoint \"" + api::quotable_endpoint(endpoint) + "\"" + std::string(source) +
         " is not usable: " + problem +
         ". Use a URL with a scheme and host only, for example https://" +
         std::string(example_host) +
         ".intl.tencentcloudapi.com or http://127.0.0.1:8080 for the simulator.";
}

// One endpoint setting: the block's value, else the environment variable's; checked, with
// trailing slashes removed. nullopt when neither is set; `ok` false after an error.
std::optional<std::string> resolve_endpoint(const std::optional<std::string>& configured,
                                            const Environment& env, std::string_view env_name,
                                            const char* attribute, std::string_view example_host,
                                            Diagnostics& diagnostics) {
  std::optional<std::string> endpoint = non_empty(configured);
  std::string source;
  if (!endpoint) {
    endpoint = non_empty(env(env_name));
    source = " (from " + std::string(env_name) + ")";
  }
  if (!endpoint) return std::nullopt;
  if (auto problem = api::endpoint_problem(*endpoint)) {
    diagnostics.error("Invalid " + std::string(attribute),
                      endpoint_detail(*endpoint, *problem, source, example_host),
                      Path::root(attribute));
  }
  while (endpoint->size() > 1 && endpoint->back() == '/') endpoint->pop_back();
  return endpoint;
}

// The Tag API next to an explicitly set SSL endpoint: Tencent Cloud's hosts are
// <service>.[<site>.]tencentcloudapi.com, so "https://ssl.intl.tencentcloudapi.com" becomes
// "https://tag.intl.tencentcloudapi.com"; any other endpoint (the simulator, a proxy) is
// taken to serve both APIs and is used as it is.
std::string tag_endpoint_beside(const std::string& ssl_endpoint) {
  const auto host = ssl_endpoint.find("://");
  if (host != std::string::npos && ssl_endpoint.compare(host + 3, 4, "ssl.") == 0 &&
      ssl_endpoint.ends_with(".tencentcloudapi.com")) {
    return ssl_endpoint.substr(0, host + 3) + "tag." + ssl_endpoint.substr(host + 7);
  }
  return ssl_endpoint;
}

std::optional<std::chrono::milliseconds> parse_timeout(std::string_view text) {
  auto parsed = framework::parse_duration(text);
  if (!parsed || *parsed <= std::chrono::milliseconds(0)) return std::nullopt;
  return parsed;
}

// "~/x" → "$HOME/x".
std::string expand_home(const std::string& path, const Environment& env) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    if (auto home = non_empty(env("HOME"))) return *home + path.substr(1);
  }
  return path;
}

std::optional<nlohmann::json> read_json_file(const std::string& path, std::string& problem) {
  std::ifstream in(path);
  if (!in) {
    problem = "cannot read " + path;
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    problem = path + " is not a JSON object";
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::string> json_string(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_string()) return std::nullopt;
  return non_empty(object[key].get<std::string>());
}

// A tccli profile: <dir>/<profile>.credential and <dir>/<profile>.configure.
struct Profile {
  std::optional<std::string> secret_id, secret_key, token, region;
};

}  // namespace

std::optional<std::chrono::seconds> test_owner_tag_lag(const Environment& env,
                                                       std::string_view ssl_endpoint,
                                                       std::string_view tag_endpoint) {
  const auto text = non_empty(env(kEnvTestOwnerTagLag));
  if (!text) return std::nullopt;
  int seconds = -1;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (ec != std::errc() || end != text->data() + text->size() || seconds < 0) return std::nullopt;
  // Only against a local simulator, never against Tencent Cloud: a real adoption waits the
  // resource's own time.
  if (!api::loopback_endpoint(ssl_endpoint) || !api::loopback_endpoint(tag_endpoint))
    return std::nullopt;
  return std::chrono::seconds{seconds};
}

Environment process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<ResolvedConfig> resolve_client_config(const ProviderSettings& settings,
                                                    const Environment& env,
                                                    Diagnostics& diagnostics,
                                                    bool credentials_required) {
  const auto from_env = [&](std::string_view name) { return non_empty(env(name)); };
  ResolvedConfig resolved;
  api::tencent::ClientConfig& client = resolved.client;
  const std::size_t errors_before = diagnostics.all().size();

  // Credentials: block, then environment, then the profile (read only when still missing).
  std::optional<std::string> secret_id = non_empty(settings.secret_id);
  std::optional<std::string> secret_key = non_empty(settings.secret_key);
  resolved.credential_source = CredentialSource::Config;
  if (!secret_id || !secret_key) {
    if (!secret_id) secret_id = from_env(kEnvSecretId);
    if (!secret_key) secret_key = from_env(kEnvSecretKey);
    if (!non_empty(settings.secret_id) && !non_empty(settings.secret_key)) {
      resolved.credential_source = CredentialSource::Environment;
    }
  }
  std::optional<std::string> token = non_empty(settings.security_token);
  if (!token) token = from_env(kEnvSecurityToken);
  std::optional<std::string> region = non_empty(settings.region);
  if (!region) region = from_env(kEnvRegion);

  // The profile: an explicitly named one must exist; the implicit "default" may not.
  std::optional<std::string> profile_name = non_empty(settings.profile);
  const bool profile_from_block = profile_name.has_value();
  if (!profile_name) profile_name = from_env(kEnvProfile);
  const bool profile_explicit = profile_name.has_value();
  if (!profile_name) profile_name = std::string(kDefaultProfile);
  std::optional<std::string> dir = non_empty(settings.shared_credentials_dir);
  if (!dir) dir = from_env(kEnvSharedCredentialsDir);
  const std::string credentials_dir = expand_home(dir.value_or("~/.tccli"), env);

  if (!secret_id || !secret_key || !region) {
    Profile profile;
    const std::string credential_path = credentials_dir + "/" + *profile_name + ".credential";
    std::string problem;
    const bool wanted = !secret_id || !secret_key;
    if (auto credential = read_json_file(credential_path, problem)) {
      profile.secret_id = json_string(*credential, "secretId");
      profile.secret_key = json_string(*credential, "secretKey");
      profile.token = json_string(*credential, "token");
    } else if (profile_explicit && wanted) {
      diagnostics.error("Unusable tccli profile",
                        "The profile \"" + *profile_name + "\"" +
                            (profile_from_block ? "" : " (from " + std::string(kEnvProfile) + ")") +
                            " was selected for credentials, but " + problem + ".",
                        Path::root("profile"));
    }
    std::string ignored;
    if (auto configure =
            read_json_file(credentials_dir + "/" + *profile_name + ".configure", ignored);
        configure && configure->contains("_sys_param") && (*configure)["_sys_param"].is_object()) {
      profile.region = json_string((*configure)["_sys_param"], "region");
    }
    if (wanted && !secret_id && !secret_key && profile.secret_id && profile.secret_key) {
      secret_id = profile.secret_id;
      secret_key = profile.secret_key;
      if (!token) token = profile.token;
      resolved.credential_source = CredentialSource::Profile;
    }
    if (!region) region = profile.region;
  }

  resolved.has_credentials = credentials_required || secret_id || secret_key;
  if (!secret_id && resolved.has_credentials) {
    diagnostics.error("Missing SSL API credentials: secret_id",
                      "Set secret_id in the provider block, or the environment variable " +
                          std::string(kEnvSecretId) +
                          " (or use a tccli profile with `profile`). The SecretId is the "
                          "AKID… half of a Tencent Cloud API key.",
                      Path::root("secret_id"));
  }
  if (!secret_key && resolved.has_credentials) {
    diagnostics.error("Missing SSL API credentials: secret_key",
                      "Set secret_key in the provider block, or the environment variable " +
                          std::string(kEnvSecretKey) + " (or use a tccli profile with `profile`).",
                      Path::root("secret_key"));
  }

  // Endpoint: block, then CLOUDSSL_ENDPOINT, then the default site.
  const auto endpoint =
      resolve_endpoint(settings.endpoint, env, kEnvEndpoint, "endpoint", "ssl", diagnostics);
  client.endpoint = endpoint ? *endpoint : std::string(api::tencent::kSslApi.default_endpoint);
  // Tag endpoint: block, then CLOUDSSL_TAG_ENDPOINT, then the explicit SSL endpoint (a
  // simulator or proxy serves both APIs), then the Tag API's site.
  const auto tag_endpoint = resolve_endpoint(settings.tag_endpoint, env, kEnvTagEndpoint,
                                             "tag_endpoint", "tag", diagnostics);

  client.request_timeout = kDefaultRequestTimeout;
  if (auto text = non_empty(settings.request_timeout)) {
    if (auto timeout = parse_timeout(*text)) {
      client.request_timeout = *timeout;
    } else {
      diagnostics.error("Invalid request_timeout",
                        "\"" + *text +
                            "\" is not a positive duration. Use Go duration syntax such as "
                            "\"30s\", \"2m\" or \"1m30s\".",
                        Path::root("request_timeout"));
    }
  }
  client.connect_timeout = std::min(client.connect_timeout, client.request_timeout);

  client.max_retries = kDefaultMaxRetries;
  if (settings.max_retries) {
    if (*settings.max_retries < 0) {
      diagnostics.error(
          "Invalid max_retries",
          "max_retries must be 0 or more (it is " + std::to_string(*settings.max_retries) + ").",
          Path::root("max_retries"));
    } else {
      client.max_retries =
          static_cast<int>(std::min<std::int64_t>(*settings.max_retries, kMaxRetries));
    }
  }

  client.credentials.secret_id = secret_id.value_or("");
  client.credentials.secret_key = secret_key.value_or("");
  client.credentials.security_token = token.value_or("");
  client.region = region.value_or("");
  resolved.tag = client;
  resolved.tag.endpoint = tag_endpoint
                              ? *tag_endpoint
                              : (endpoint ? tag_endpoint_beside(*endpoint)
                                          : std::string(api::tencent::kTagApi.default_endpoint));

  for (std::size_t i = errors_before; i < diagnostics.all().size(); ++i) {
    if (diagnostics.all()[i].severity == framework::Severity::Error) return std::nullopt;
  }
  return resolved;
}

void validate_provider_values(const Value& config, Diagnostics& diagnostics) {
  if (config.is_null() || !config.is_known()) return;
  for (const auto& [attribute, host] : {std::pair{"endpoint", "ssl"}, {"tag_endpoint", "tag"}}) {
    if (auto endpoint = non_empty(config.get_string(attribute))) {
      if (auto problem = api::endpoint_problem(*endpoint)) {
        diagnostics.error("Invalid " + std::string(attribute),
                          endpoint_detail(*endpoint, *problem, "", host), Path::root(attribute));
      }
    }
  }
  if (auto text = non_empty(config.get_string("request_timeout"))) {
    if (!parse_timeout(*text)) {
      diagnostics.error("Invalid request_timeout",
                        "\"" + *text +
                            "\" is not a positive duration. Use Go duration syntax such as "
                            "\"30s\", \"2m\" or \"1m30s\".",
                        Path::root("request_timeout"));
    }
  }
}

framework::Attribute setting(std::string name, std::string description) {
  return framework::optional_argument(std::move(name), Type::string(), std::move(description));
}

framework::Attribute secret_setting(std::string name, std::string description) {
  framework::Attribute attribute = setting(std::move(name), std::move(description));
  attribute.sensitive = true;
  return attribute;
}

CloudsslProvider::CloudsslProvider(Environment env) : env_(std::move(env)) {}

framework::Schema CloudsslProvider::schema() const {
  framework::Schema schema;
  schema.block.description =
      "The cloudssl provider manages TLS certificates on the Tencent Cloud SSL Certificates "
      "API 3.0 (upload, free DV certificates, deployment to cloud resources) and reads "
      "Volcengine's certificate center (the volcengine block). Every setting is optional: each "
      "falls back to an environment variable and then to a tccli profile. Tencent Cloud "
      "credentials may be left out when Volcengine's are set, and the other way round.";
  schema.block.attributes = {
      setting("secret_id",
              "SecretId of the Tencent Cloud API key. Default: the environment variable "
              "TENCENTCLOUD_SECRET_ID, then the tccli profile."),
      secret_setting("secret_key",
                     "SecretKey of the Tencent Cloud API key. Default: the environment "
                     "variable TENCENTCLOUD_SECRET_KEY, then the tccli profile."),
      secret_setting("security_token",
                     "Token of temporary (STS) credentials, sent as X-TC-Token; secret_id and "
                     "secret_key must then be the temporary pair. Default: the environment "
                     "variable TENCENTCLOUD_SECURITY_TOKEN."),
      setting("region",
              "Region sent as X-TC-Region (for example ap-guangzhou). The SSL API "
              "ignores it except for deployments; deployment targets name their own "
              "region. Default: TENCENTCLOUD_REGION, then the tccli profile."),
      setting("endpoint",
              "API endpoint URL: scheme and host. Default: CLOUDSSL_ENDPOINT, else "
              "https://ssl.tencentcloudapi.com. Use https://ssl.intl.tencentcloudapi.com "
              "for the international site, or the local simulator's http://HOST:PORT."),
      setting("profile",
              "tccli profile whose credentials are used when secret_id/secret_key are "
              "not set: <shared_credentials_dir>/<profile>.credential. Default: "
              "TENCENTCLOUD_PROFILE, else \"default\"."),
      setting("shared_credentials_dir",
              "Directory of tccli profiles. Default: "
              "TENCENTCLOUD_SHARED_CREDENTIALS_DIR, else ~/.tccli."),
      setting("request_timeout",
              "Time limit of one HTTP exchange with the API, as a duration such as "
              "\"30s\" or \"2m\". Default: 60s. Operations have their own deadlines "
              "(resource timeouts)."),
      framework::optional_argument(
          "max_retries", Type::number(),
          "How many times a throttled or transiently failed API call is retried "
          "(exponential backoff with jitter, within the operation's deadline). "
          "Default: 10.",
          {framework::validators::int_between(0, kMaxRetries)}),
      setting("tag_endpoint",
              "Tag API endpoint URL (scheme and host), used to change the tags of "
              "existing certificates (ModifyResourceTags). Default: "
              "CLOUDSSL_TAG_ENDPOINT; else, when endpoint is set (in the block or "
              "CLOUDSSL_ENDPOINT), the Tag API beside it (ssl.intl.tencentcloudapi.com "
              "→ tag.intl.tencentcloudapi.com) or the same URL for any other host (the "
              "cloudssl-sim simulator serves both APIs on one port); else "
              "https://tag.tencentcloudapi.com."),
  };
  schema.block.blocks = {volcengine_block()};
  return schema;
}

void CloudsslProvider::validate(const framework::ValidateRequest& request,
                                Diagnostics& diagnostics) const {
  validate_provider_values(request.config, diagnostics);
}

std::any CloudsslProvider::configure(const framework::ConfigureRequest& request,
                                     Diagnostics& diagnostics) {
  const Value& config = request.config;
  auto data = std::make_shared<common::ProviderData>();
  data->certificate_reads = std::make_shared<certificates::CertificateReadBatcher>();
  data->delete_task_polls = std::make_shared<certificates::DeleteTaskPolls>();
  data->deploy_locks = std::make_shared<deployments::DeployLocks>();

  // Values of resources not created yet: succeed without a client (provider_data.h).
  std::string unknown;
  if (!config.is_known()) {
    unknown = "the whole provider block";
  } else if (!config.is_null()) {
    for (const auto& name : attribute_names()) {
      if (config.has(name) && !config.at(name).is_wholly_known()) {
        unknown += (unknown.empty() ? "" : ", ") + name;
      }
    }
    if (auto volcengine = unknown_volcengine_attributes(config); !volcengine.empty()) {
      unknown += (unknown.empty() ? "" : ", ") + volcengine;
    }
  }
  if (!unknown.empty()) {
    validate_provider_values(config, diagnostics);
    data->config_unknown = true;
    data->unknown_attributes = unknown;
    log::info("provider configuration not known yet; no API client until apply",
              {{"unknown", unknown}});
    return data;
  }

  ProviderSettings settings;
  if (!config.is_null()) {
    settings.secret_id = config.get_string("secret_id");
    settings.secret_key = config.get_string("secret_key");
    settings.security_token = config.get_string("security_token");
    settings.region = config.get_string("region");
    settings.endpoint = config.get_string("endpoint");
    settings.profile = config.get_string("profile");
    settings.shared_credentials_dir = config.get_string("shared_credentials_dir");
    settings.request_timeout = config.get_string("request_timeout");
    settings.tag_endpoint = config.get_string("tag_endpoint");
    if (config.has("max_retries") && !config.at("max_retries").is_null()) {
      settings.max_retries = config.at("max_retries").as_number().to_int64();
      if (!settings.max_retries) {
        diagnostics.error("Invalid max_retries", "max_retries must be a whole number.",
                          Path::root("max_retries"));
        return data;
      }
    }
  }

  // Volcengine first: with its credentials set, Tencent Cloud's become optional.
  const std::size_t errors_before = diagnostics.all().size();
  auto volcengine = resolve_volcengine_config(volcengine_settings(config), env_, diagnostics);
  if (diagnostics.all().size() != errors_before) return data;
  auto resolved =
      resolve_client_config(settings, env_, diagnostics, /*credentials_required=*/!volcengine);
  if (!resolved) return data;
  if (volcengine) {
    // The provider-wide HTTP settings apply to every cloud.
    volcengine->request_timeout = resolved->client.request_timeout;
    volcengine->connect_timeout = resolved->client.connect_timeout;
    volcengine->max_retries = resolved->client.max_retries;
    log::info("volcengine configured",
              {{"endpoint", volcengine->endpoint},
               {"region", volcengine->region},
               {"temporary_credentials", !volcengine->credentials.session_token.empty()}});
    data->volcengine.certificate = std::make_shared<api::Client>(
        api::volcengine::make_client(api::volcengine::kCertificateCenter, std::move(*volcengine)));
  }
  if (!resolved->has_credentials) {
    data->tencent_credentials_missing = true;
    log::info("cloudssl provider configured for Volcengine only (no Tencent Cloud credentials)");
    return data;
  }
  static constexpr const char* kSources[] = {"provider block", "environment", "tccli profile"};
  log::info("cloudssl provider configured",
            {{"endpoint", resolved->client.endpoint},
             {"tag_endpoint", resolved->tag.endpoint},
             {"region", resolved->client.region},
             {"credentials_from", kSources[static_cast<int>(resolved->credential_source)]},
             {"temporary_credentials", !resolved->client.credentials.security_token.empty()},
             {"request_timeout_ms", resolved->client.request_timeout.count()},
             {"max_retries", resolved->client.max_retries}});
  data->test_owner_tag_lag =
      test_owner_tag_lag(env_, resolved->client.endpoint, resolved->tag.endpoint);
  if (data->test_owner_tag_lag)
    log::warn(
        "test setting honoured: an adopted paid certificate's owner tag is waited for a "
        "shorter time than in production",
        {{"variable", std::string(kEnvTestOwnerTagLag)},
         {"seconds", data->test_owner_tag_lag->count()},
         {"endpoint", resolved->client.endpoint}});
  data->tencent.ssl = std::make_shared<api::Client>(
      api::tencent::make_client(api::tencent::kSslApi, std::move(resolved->client)));
  data->tencent.tag = std::make_shared<api::Client>(
      api::tencent::make_client(api::tencent::kTagApi, std::move(resolved->tag)));
  return data;
}

framework::Registry make_cloudssl_registry() {
  framework::Registry registry("cloudssl", std::make_shared<CloudsslProvider>());
  register_resources(registry);
  register_data_sources(registry);
  register_functions(registry);
  register_ephemeral_resources(registry);
  return registry;
}

}  // namespace cloudssl
