// The provider block → API client configuration: precedence (block, environment, tccli
// profile, default), the diagnostics for missing or bad values, unknown configuration.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

#include "api/core/endpoint.h"
#include "api/tencent/tencent_dialect.h"
#include "cloudssl/cloudssl_provider.h"
#include "provider/framework/validators.h"
#include "resources/common/provider_data.h"
#include "tests/unit/cloudssl/provider_test_support.h"

namespace cloudssl {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

const framework::Diagnostic* find_error(const framework::Diagnostics& d, const char* attribute) {
  for (const auto& item : d.all()) {
    if (item.severity == framework::Severity::Error && item.attribute &&
        *item.attribute == Path::root(attribute)) {
      return &item;
    }
  }
  return nullptr;
}

// The SSL client's credentials and region as resolved, and where the credentials came from.
struct Expected {
  std::string secret_id, secret_key, security_token, region;
  CredentialSource source;
};
void expect_resolved(const ResolvedConfig& resolved, const Expected& expected) {
  EXPECT_EQ(resolved.client.credentials.secret_id, expected.secret_id);
  EXPECT_EQ(resolved.client.credentials.secret_key, expected.secret_key);
  EXPECT_EQ(resolved.client.credentials.security_token, expected.security_token);
  EXPECT_EQ(resolved.client.region, expected.region);
  EXPECT_EQ(resolved.credential_source, expected.source);
}

// A tccli profile folder with <name>.credential and optionally <name>.configure.
class ProfileDir {
 public:
  ProfileDir() {
    std::string pattern = std::filesystem::temp_directory_path() / "cloudssl-profile-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~ProfileDir() { std::filesystem::remove_all(path_); }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(path_ + "/" + file) << text;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(ProviderConfig, BlockValuesWinOverTheEnvironment) {
  ProviderSettings settings;
  settings.secret_id = "AKIDBLOCK";
  settings.secret_key = "block-key";
  settings.security_token = "block-token";
  settings.region = "ap-shanghai";
  settings.endpoint = "http://127.0.0.1:9000";
  framework::Diagnostics d;
  const auto resolved =
      resolve_client_config(settings,
                            fake_env({{"TENCENTCLOUD_SECRET_ID", "AKIDENV"},
                                      {"TENCENTCLOUD_SECRET_KEY", "env-key"},
                                      {"TENCENTCLOUD_SECURITY_TOKEN", "env-token"},
                                      {"TENCENTCLOUD_REGION", "ap-beijing"},
                                      {"CLOUDSSL_ENDPOINT", "http://127.0.0.1:1"}}),
                            d);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_TRUE(d.empty());
  expect_resolved(*resolved, {"AKIDBLOCK", "block-key", "block-token", "ap-shanghai",
                              CredentialSource::Config});
  EXPECT_EQ(resolved->client.endpoint, "http://127.0.0.1:9000");
}

TEST(ProviderConfig, EnvironmentFillsWhatTheBlockLeavesOut) {
  framework::Diagnostics d;
  ProviderSettings settings;
  settings.secret_id = "";  // empty counts as unset, as in the Tencent provider
  const auto resolved = resolve_client_config(
      settings,
      fake_env({{"TENCENTCLOUD_SECRET_ID", "AKIDENV"},
                {"TENCENTCLOUD_SECRET_KEY", "env-key"},
                {"TENCENTCLOUD_SECURITY_TOKEN", "env-token"},
                {"TENCENTCLOUD_REGION", "ap-beijing"},
                {"CLOUDSSL_ENDPOINT", "https://ssl.intl.tencentcloudapi.com/"}}),
      d);
  ASSERT_TRUE(resolved.has_value());
  expect_resolved(*resolved,
                  {"AKIDENV", "env-key", "env-token", "ap-beijing", CredentialSource::Environment});
  EXPECT_EQ(resolved->client.endpoint, "https://ssl.intl.tencentcloudapi.com");
}

// The Tag API endpoint: tag_endpoint, then CLOUDSSL_TAG_ENDPOINT, then beside the explicit SSL
// endpoint (tag.<site> for Tencent's ssl.<site>, the same URL for the simulator), then the
// Tag API's own site.
TEST(ProviderConfig, TagEndpointPrecedence) {
  ProviderSettings settings;
  settings.secret_id = "AKID";
  settings.secret_key = "key";
  const auto tag_endpoint = [&](std::map<std::string, std::string> env) {
    framework::Diagnostics d;
    auto resolved = resolve_client_config(settings, fake_env(std::move(env)), d);
    EXPECT_TRUE(d.empty());
    return resolved ? resolved->tag.endpoint : std::string("(failed)");
  };
  EXPECT_EQ(tag_endpoint({}), "https://tag.tencentcloudapi.com");
  EXPECT_EQ(tag_endpoint({{"CLOUDSSL_ENDPOINT", "http://127.0.0.1:7/"}}), "http://127.0.0.1:7");
  EXPECT_EQ(tag_endpoint({{"CLOUDSSL_ENDPOINT", "http://127.0.0.1:7"},
                          {"CLOUDSSL_TAG_ENDPOINT", "http://127.0.0.1:8"}}),
            "http://127.0.0.1:8");
  settings.endpoint = "https://ssl.intl.tencentcloudapi.com";
  EXPECT_EQ(tag_endpoint({}), "https://tag.intl.tencentcloudapi.com");
  settings.endpoint = "https://ssl.tencentcloudapi.com";
  EXPECT_EQ(tag_endpoint({}), "https://tag.tencentcloudapi.com");
  settings.endpoint = "http://ssl.tencentcloudapi.com:8080";  // a port: not Tencent's site
  EXPECT_EQ(tag_endpoint({}), "http://ssl.tencentcloudapi.com:8080");
  settings.tag_endpoint = "https://tag.intl.tencentcloudapi.com";
  EXPECT_EQ(tag_endpoint({{"CLOUDSSL_TAG_ENDPOINT", "http://127.0.0.1:8"}}),
            "https://tag.intl.tencentcloudapi.com");

  framework::Diagnostics d;
  ProviderSettings plain;
  plain.secret_id = "AKID";
  plain.secret_key = "key";
  plain.region = "ap-guangzhou";
  const auto resolved = resolve_client_config(plain, fake_env({}), d);
  ASSERT_TRUE(resolved.has_value());
  // The Tag API's configuration is the SSL API's but for the endpoint; which service each
  // speaks is the client's (api::tencent::kTagApi; ConfigureBuildsTheClient checks it).
  EXPECT_EQ(resolved->tag.region, "ap-guangzhou");
  EXPECT_EQ(resolved->tag.credentials.secret_id, "AKID");
  EXPECT_EQ(resolved->tag.credentials.secret_key, "key");
}

TEST(ProviderConfig, BadTagEndpointIsAnErrorOnItsAttribute) {
  ProviderSettings settings;
  settings.secret_id = "AKID";
  settings.secret_key = "key";
  settings.tag_endpoint = "tag.tencentcloudapi.com";
  framework::Diagnostics d;
  EXPECT_FALSE(resolve_client_config(settings, fake_env({}), d).has_value());
  ASSERT_NE(find_error(d, "tag_endpoint"), nullptr);
  EXPECT_EQ(find_error(d, "endpoint"), nullptr);

  settings.tag_endpoint.reset();
  framework::Diagnostics from_env;
  EXPECT_FALSE(
      resolve_client_config(settings, fake_env({{"CLOUDSSL_TAG_ENDPOINT", "ftp://x"}}), from_env)
          .has_value());
  const auto* error = find_error(from_env, "tag_endpoint");
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->detail.find("CLOUDSSL_TAG_ENDPOINT"), std::string::npos) << error->detail;
}

TEST(ProviderConfig, Defaults) {
  framework::Diagnostics d;
  ProviderSettings settings;
  settings.secret_id = "AKID";
  settings.secret_key = "key";
  const auto resolved = resolve_client_config(settings, fake_env({}), d);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->client.endpoint, "https://ssl.tencentcloudapi.com");
  EXPECT_EQ(resolved->client.request_timeout, std::chrono::seconds(60));
  EXPECT_EQ(resolved->client.max_retries, 10);
  EXPECT_EQ(resolved->client.region, "");
  EXPECT_EQ(resolved->client.credentials.security_token, "");
  EXPECT_EQ(resolved->client.language, "en-US");
}

TEST(ProviderConfig, MissingCredentialsNameTheAttributeAndTheVariable) {
  framework::Diagnostics d;
  ProfileDir empty;  // no profile either
  ProviderSettings settings;
  settings.shared_credentials_dir = empty.path();
  EXPECT_FALSE(resolve_client_config(settings, fake_env({}), d).has_value());
  const auto* id = find_error(d, "secret_id");
  ASSERT_NE(id, nullptr);
  EXPECT_NE(id->detail.find("TENCENTCLOUD_SECRET_ID"), std::string::npos);
  const auto* key = find_error(d, "secret_key");
  ASSERT_NE(key, nullptr);
  EXPECT_NE(key->detail.find("TENCENTCLOUD_SECRET_KEY"), std::string::npos);
  EXPECT_EQ(find_error(d, "profile"), nullptr);  // the implicit default profile may be absent
}

TEST(ProviderConfig, OnlyTheMissingHalfIsReported) {
  framework::Diagnostics d;
  ProfileDir empty;
  ProviderSettings settings;
  settings.shared_credentials_dir = empty.path();
  EXPECT_FALSE(resolve_client_config(settings, fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}}), d));
  EXPECT_EQ(find_error(d, "secret_id"), nullptr);
  EXPECT_NE(find_error(d, "secret_key"), nullptr);
}

TEST(ProviderConfig, TccliProfileSuppliesCredentialsAndRegion) {
  ProfileDir dir;
  dir.write("work.credential",
            R"({"secretId": "AKIDPROFILE", "secretKey": "profile-key", "token": "tok"})");
  dir.write("work.configure", R"({"_sys_param": {"region": "ap-hongkong", "output": "json"}})");
  framework::Diagnostics d;
  const auto resolved =
      resolve_client_config({},
                            fake_env({{"TENCENTCLOUD_PROFILE", "work"},
                                      {"TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir.path()}}),
                            d);
  ASSERT_TRUE(resolved.has_value()) << (d.empty() ? "" : d.all()[0].detail);
  expect_resolved(*resolved,
                  {"AKIDPROFILE", "profile-key", "tok", "ap-hongkong", CredentialSource::Profile});
}

TEST(ProviderConfig, DefaultProfileUnderHome) {
  ProfileDir home;
  std::filesystem::create_directory(home.path() + "/.tccli");
  home.write(".tccli/default.credential", R"({"secretId": "AKIDHOME", "secretKey": "k"})");
  framework::Diagnostics d;
  const auto resolved = resolve_client_config({}, fake_env({{"HOME", home.path()}}), d);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->client.credentials.secret_id, "AKIDHOME");
}

TEST(ProviderConfig, EnvironmentWinsOverTheProfile) {
  ProfileDir dir;
  dir.write("default.credential", R"({"secretId": "AKIDPROFILE", "secretKey": "pk"})");
  framework::Diagnostics d;
  ProviderSettings settings;
  settings.shared_credentials_dir = dir.path();
  const auto resolved = resolve_client_config(
      settings,
      fake_env({{"TENCENTCLOUD_SECRET_ID", "AKIDENV"}, {"TENCENTCLOUD_SECRET_KEY", "ek"}}), d);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->client.credentials.secret_id, "AKIDENV");
}

TEST(ProviderConfig, ExplicitProfileThatDoesNotExistIsAnError) {
  ProfileDir dir;
  framework::Diagnostics d;
  ProviderSettings settings;
  settings.profile = "nosuch";
  settings.shared_credentials_dir = dir.path();
  EXPECT_FALSE(resolve_client_config(settings, fake_env({}), d).has_value());
  const auto* error = find_error(d, "profile");
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->detail.find("nosuch.credential"), std::string::npos);
}

TEST(ProviderConfig, BadValuesAreErrorsOnTheirAttribute) {
  const std::map<std::string, std::string> creds = {{"TENCENTCLOUD_SECRET_ID", "AKID"},
                                                    {"TENCENTCLOUD_SECRET_KEY", "k"}};
  // `settings` (credentials from the environment) is refused with an error on `attribute`.
  auto refused = [&](const ProviderSettings& settings, const char* attribute,
                     const std::string& value) {
    framework::Diagnostics d;
    EXPECT_FALSE(resolve_client_config(settings, fake_env(creds), d).has_value()) << value;
    EXPECT_NE(find_error(d, attribute), nullptr) << value;
  };
  for (const char* endpoint : {"ssl.tencentcloudapi.com", "ftp://x", "https://", "https://h/v1"}) {
    ProviderSettings settings;
    settings.endpoint = endpoint;
    refused(settings, "endpoint", endpoint);
  }
  {
    framework::Diagnostics d;
    auto env = creds;
    env["CLOUDSSL_ENDPOINT"] = "127.0.0.1:8080";
    EXPECT_FALSE(resolve_client_config({}, fake_env(env), d).has_value());
    const auto* error = find_error(d, "endpoint");
    ASSERT_NE(error, nullptr);
    EXPECT_NE(error->detail.find("CLOUDSSL_ENDPOINT"), std::string::npos);
  }
  for (const char* timeout : {"ten seconds", "10", "-5s", "0s"}) {
    ProviderSettings settings;
    settings.request_timeout = timeout;
    refused(settings, "request_timeout", timeout);
  }
  ProviderSettings negative_retries;
  negative_retries.max_retries = -1;
  refused(negative_retries, "max_retries", "-1");
}

TEST(ProviderConfig, GoodDurationsAndRetries) {
  framework::Diagnostics d;
  ProviderSettings settings;
  settings.request_timeout = "1m30s";
  settings.max_retries = 0;
  const auto resolved = resolve_client_config(
      settings, fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
      d);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->client.request_timeout, std::chrono::seconds(90));
  EXPECT_EQ(resolved->client.max_retries, 0);
}

// --- the framework::Provider ------------------------------------------------------------

Value config_object(std::map<std::string, Value> attributes) {
  return Value::object(framework::implied_type(CloudsslProvider(fake_env({})).schema()),
                       std::move(attributes));
}

TEST(CloudsslProvider, SchemaIsValidAllOptionalSecretsSensitive) {
  const auto schema = CloudsslProvider(fake_env({})).schema();
  EXPECT_TRUE(framework::validate_schema(schema, "provider").empty());
  std::set<std::string> names;
  for (const auto& attribute : schema.block.attributes) {
    names.insert(attribute.name);
    EXPECT_TRUE(attribute.optional) << attribute.name;
    EXPECT_FALSE(attribute.required) << attribute.name;
    EXPECT_FALSE(attribute.description.empty()) << attribute.name;
    EXPECT_EQ(attribute.sensitive,
              attribute.name == "secret_key" || attribute.name == "security_token")
        << attribute.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"secret_id", "secret_key", "security_token", "region",
                                          "endpoint", "profile", "shared_credentials_dir",
                                          "request_timeout", "max_retries", "tag_endpoint"}));
}

TEST(CloudsslProvider, ConfigureBuildsTheClient) {
  CloudsslProvider provider(fake_env({{"TENCENTCLOUD_SECRET_KEY", "env-key"}}));
  framework::Diagnostics d;
  const auto data =
      configure_provider(provider,
                         config_object({{"secret_id", Value::string("AKIDX")},
                                        {"endpoint", Value::string("http://127.0.0.1:1")},
                                        {"max_retries", Value::number(3)}}),
                         d);
  EXPECT_TRUE(d.empty());
  ASSERT_TRUE(data && data->tencent.ssl);
  EXPECT_FALSE(data->config_unknown);
  EXPECT_TRUE(data->certificate_reads);
  EXPECT_TRUE(data->deploy_locks);
  EXPECT_EQ(data->tencent.ssl->settings().endpoint, "http://127.0.0.1:1");
  EXPECT_EQ(api::tencent::dialect_of(*data->tencent.ssl).credentials().secret_key, "env-key");
  EXPECT_EQ(data->tencent.ssl->settings().max_retries, 3);
  framework::Context ctx;
  ctx.provider_data = data;
  EXPECT_EQ(&common::ssl_client(ctx), data->tencent.ssl.get());
  // The Tag API client: same credentials and settings, service "tag", the same endpoint
  // (one simulator port serves both).
  ASSERT_TRUE(data->tencent.tag);
  EXPECT_EQ(&common::tag_client(ctx), data->tencent.tag.get());
  EXPECT_EQ(api::tencent::dialect_of(*data->tencent.tag).service().name, "tag");
  EXPECT_EQ(api::tencent::dialect_of(*data->tencent.tag).service().version, "2018-08-13");
  EXPECT_EQ(data->tencent.tag->settings().endpoint, "http://127.0.0.1:1");
  EXPECT_EQ(api::tencent::dialect_of(*data->tencent.tag).credentials().secret_key, "env-key");
  EXPECT_EQ(data->tencent.tag->settings().max_retries, 3);
  EXPECT_EQ(api::tencent::dialect_of(*data->tencent.ssl).service().name, "ssl");
}

TEST(CloudsslProvider, TagEndpointAttributeWins) {
  CloudsslProvider provider(fake_env({{"CLOUDSSL_TAG_ENDPOINT", "http://127.0.0.1:3"}}));
  framework::Diagnostics d;
  const auto data =
      configure_provider(provider,
                         config_object({{"secret_id", Value::string("AKIDX")},
                                        {"secret_key", Value::string("k")},
                                        {"endpoint", Value::string("http://127.0.0.1:1")},
                                        {"tag_endpoint", Value::string("http://127.0.0.1:2/")}}),
                         d);
  EXPECT_TRUE(d.empty());
  ASSERT_TRUE(data && data->tencent.tag);
  EXPECT_EQ(data->tencent.tag->settings().endpoint, "http://127.0.0.1:2");
  EXPECT_EQ(data->tencent.ssl->settings().endpoint, "http://127.0.0.1:1");
}

TEST(CloudsslProvider, ConfigureWithoutCredentialsFails) {
  ProfileDir empty;
  CloudsslProvider provider(fake_env({{"HOME", empty.path()}}));
  framework::Diagnostics d;
  const auto data =
      configure_provider(provider, Value::null(framework::implied_type(provider.schema())), d);
  EXPECT_TRUE(d.has_errors());
  EXPECT_NE(find_error(d, "secret_id"), nullptr);
  EXPECT_FALSE(data->tencent.ssl);
}

TEST(CloudsslProvider, UnknownConfigurationDefersTheClient) {
  CloudsslProvider provider(fake_env({}));
  framework::Diagnostics d;
  const auto data =
      configure_provider(provider,
                         config_object({{"secret_id", Value::unknown(Type::string())},
                                        {"secret_key", Value::string("k")},
                                        {"request_timeout", Value::string("not-a-duration")}}),
                         d);
  // Known bad values are still reported; the unknown one defers the client.
  EXPECT_NE(find_error(d, "request_timeout"), nullptr);
  EXPECT_EQ(find_error(d, "secret_id"), nullptr);
  ASSERT_TRUE(data);
  EXPECT_FALSE(data->tencent.ssl);
  EXPECT_TRUE(data->config_unknown);

  framework::Diagnostics clean;
  const auto deferred = configure_provider(
      provider, config_object({{"endpoint", Value::unknown(Type::string())}}), clean);
  EXPECT_TRUE(clean.empty());
  EXPECT_TRUE(deferred->config_unknown);
  framework::Context ctx;
  ctx.provider_data = deferred;
  try {
    common::ssl_client(ctx);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("endpoint"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not known yet"), std::string::npos) << e.what();
  }
}

TEST(CloudsslProvider, RequireSslBeforeConfigure) {
  framework::Context ctx;
  EXPECT_THROW(common::ssl_client(ctx), std::logic_error);
  EXPECT_THROW(common::tag_client(ctx), std::logic_error);
}

TEST(CloudsslProvider, ValidateReportsBadKnownValuesAndSkipsUnknowns) {
  CloudsslProvider provider(fake_env({}));
  framework::Context ctx;
  framework::Diagnostics d;
  const Value config = config_object({{"endpoint", Value::string("localhost:8080")},
                                      {"max_retries", Value::number(-2)},
                                      {"request_timeout", Value::unknown(Type::string())}});
  // As ValidateProviderConfig runs them: the schema's declarative rules, then validate().
  framework::validate_attributes(provider.schema().block, config, d);
  provider.validate({config, ctx}, d);
  EXPECT_NE(find_error(d, "endpoint"), nullptr);
  EXPECT_NE(find_error(d, "max_retries"), nullptr);
  EXPECT_EQ(find_error(d, "request_timeout"), nullptr);
  EXPECT_EQ(find_error(d, "tag_endpoint"), nullptr);

  framework::Diagnostics tag;
  provider.validate({config_object({{"tag_endpoint", Value::string("https://tag.x/v1")}}), ctx},
                    tag);
  const auto* error = find_error(tag, "tag_endpoint");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->summary, "Invalid tag_endpoint");
  EXPECT_EQ(find_error(tag, "endpoint"), nullptr);
  EXPECT_EQ(find_error(d, "secret_id"), nullptr);  // credentials are checked at configure

  // max_retries: a whole number from 0 to 1000 (1e12 or 2.5 never reach the client).
  for (const char* bad : {"1e12", "2.5", "1001"}) {
    framework::Diagnostics retries;
    framework::validate_attributes(
        provider.schema().block,
        config_object({{"max_retries", Value::number(*codec::Number::parse(bad))}}), retries);
    EXPECT_NE(find_error(retries, "max_retries"), nullptr) << bad;
  }
}

// CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS, read through the provider's Environment: honoured only
// when both the SSL and the Tag endpoint are loopback ones (the simulator's), in whole seconds;
// ignored against Tencent Cloud's hosts however they are spelt (case, port, trailing dot,
// credentials) and when only one endpoint is loopback. (Configure logs a WARN line exactly when
// it is honoured; the acceptance tests that set it check that line.)
TEST(CloudsslProvider, TheTestOwnerTagLagIsHonouredOnlyWithLoopbackEndpoints) {
  const auto configured = [](const std::string& endpoint, const std::string& lag) {
    CloudsslProvider provider(fake_env({{"TENCENTCLOUD_SECRET_ID", "AKIDX"},
                                        {"TENCENTCLOUD_SECRET_KEY", "env-key"},
                                        {"CLOUDSSL_ENDPOINT", endpoint},
                                        {"CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS", lag}}));
    framework::Diagnostics d;
    const auto data = configure_provider(provider, config_object({}), d);
    EXPECT_TRUE(d.empty());
    framework::Context ctx;
    ctx.provider_data = data;
    return common::test_owner_tag_lag(ctx);
  };
  EXPECT_EQ(configured("http://127.0.0.1:8080", "1"), std::chrono::seconds{1});
  for (const char* tencent :
       {"https://ssl.tencentcloudapi.com", "https://ssl.intl.tencentcloudapi.com",
        "https://SSL.TencentCloudAPI.com:443"})
    EXPECT_EQ(configured(tencent, "1"), std::nullopt) << tencent;
  // Not whole seconds: ignored. Unset: the resource's own wait.
  EXPECT_EQ(configured("http://127.0.0.1:8080", "1.5"), std::nullopt);
  EXPECT_EQ(configured("http://127.0.0.1:8080", ""), std::nullopt);
  // A Tencent Cloud Tag endpoint beside a custom SSL one: not honoured either.
  EXPECT_EQ(test_owner_tag_lag(fake_env({{"CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS", "1"}}),
                               "http://127.0.0.1:8080", "https://tag.tencentcloudapi.com"),
            std::nullopt);
  // Tencent Cloud's host with a trailing dot, or behind credentials: not honoured.
  for (const char* bypass :
       {"https://ssl.tencentcloudapi.com.", "https://ssl.tencentcloudapi.com.:443",
        "https://u:p@ssl.tencentcloudapi.com"})
    EXPECT_EQ(test_owner_tag_lag(fake_env({{"CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS", "1"}}), bypass,
                                 "http://127.0.0.1:8080"),
              std::nullopt)
        << bypass;
}

// Only an '@' before the host's end (the first '/', '?' or '#') is credentials: an endpoint with
// one in its query or fragment is refused for that query or fragment, and quoted only as far as
// quotable_endpoint recognises it (nothing after "://" when that '@' follows a '/', '?' or '#').
TEST(ProviderConfig, AnAtInTheEndpointsQueryOrFragmentIsNoCredentials) {
  for (const auto& [endpoint, problem] : std::vector<std::pair<std::string, std::string>>{
           {"https://ssl.example.com?a=b@c", "it has a query"},
           {"https://ssl.example.com/?a=b@c", "it has a query"},
           {"https://ssl.example.com#me@x", "it has a fragment"}}) {
    ProviderSettings settings;
    settings.endpoint = endpoint;
    framework::Diagnostics d;
    EXPECT_FALSE(
        resolve_client_config(
            settings,
            fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}), d)
            .has_value())
        << endpoint;
    const auto* error = find_error(d, "endpoint");
    ASSERT_NE(error, nullptr) << endpoint;
    EXPECT_NE(error->detail.find(problem), std::string::npos) << error->detail;
    // Refused for the query or fragment (not as credentials), and quoted as quotable_endpoint
    // says.
    EXPECT_EQ(error->detail.find("credentials before its host"), std::string::npos)
        << error->detail;
    EXPECT_NE(error->detail.find("\"" + api::quotable_endpoint(endpoint) + "\""), std::string::npos)
        << error->detail;
  }
}

// Credentials in the endpoint URL would be logged with it: refused on the attribute, and the
// diagnostic does not quote them.
TEST(ProviderConfig, AnEndpointWithCredentialsIsRefusedWithoutQuotingThem) {
  ProviderSettings settings;
  settings.endpoint = "https://user:s3cret@ssl.tencentcloudapi.com";
  framework::Diagnostics d;
  EXPECT_FALSE(resolve_client_config(
                   settings,
                   fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
                   d)
                   .has_value());
  const auto* error = find_error(d, "endpoint");
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->detail.find("drop them from the URL"), std::string::npos) << error->detail;
  EXPECT_EQ(error->detail.find("s3cret"), std::string::npos) << error->detail;

  framework::Diagnostics validated;
  validate_provider_values(
      config_object({{"tag_endpoint", Value::string("http://user:s3cret@127.0.0.1:8080")}}),
      validated);
  const auto* tag = find_error(validated, "tag_endpoint");
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(tag->detail.find("s3cret"), std::string::npos) << tag->detail;
}

// Credentials written before the scheme leave a value without one: refused for that, and not
// quoted.
TEST(ProviderConfig, CredentialsBeforeTheEndpointsSchemeAreNeverQuoted) {
  ProviderSettings settings;
  settings.endpoint = "AKID:s3cret@https://ssl.tencentcloudapi.com";
  framework::Diagnostics d;
  EXPECT_FALSE(resolve_client_config(
                   settings,
                   fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
                   d)
                   .has_value());
  const auto* error = find_error(d, "endpoint");
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->detail.find("\"(not quoted)\""), std::string::npos) << error->detail;
  EXPECT_NE(error->detail.find("it does not start with a scheme"), std::string::npos)
      << error->detail;
  EXPECT_EQ(error->detail.find("s3cret"), std::string::npos) << error->detail;
}

// An endpoint holding a secret where its port, its '@' or its whole self goes is refused on the
// attribute it was set in, naming the fix, without quoting the secret (it was accepted, and
// logged at INFO by ConfigureProvider, when a secret stood where the port goes).
TEST(ProviderConfig, AnEndpointHoldingASecretIsRefusedWithoutQuotingIt) {
  for (const char* endpoint :
       {"https://AKID:s3cret", "https://host:s3cret",
        "https://AKID:s3cret%40ssl.tencentcloudapi.com",
        "AKID:s3cret https://ssl.tencentcloudapi.com", "AKIDs3cretKEYabc",
        "https://ssl.tencentcloudapi.com/?SecretId=AKIDx&SecretKey=s3cretKEY"}) {
    for (const char* attribute : {"endpoint", "tag_endpoint"}) {
      SCOPED_TRACE(std::string(attribute) + " = " + endpoint);
      ProviderSettings settings;
      (std::string(attribute) == "endpoint" ? settings.endpoint : settings.tag_endpoint) = endpoint;
      framework::Diagnostics d;
      EXPECT_FALSE(
          resolve_client_config(
              settings,
              fake_env({{"TENCENTCLOUD_SECRET_ID", "ID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}), d)
              .has_value());
      framework::Diagnostics validated;
      validate_provider_values(config_object({{attribute, Value::string(endpoint)}}), validated);
      for (const auto* error : {find_error(d, attribute), find_error(validated, attribute)}) {
        ASSERT_NE(error, nullptr);
        EXPECT_NE(error->detail.find("Use a URL with a scheme and host only"), std::string::npos)
            << error->detail;
        EXPECT_NE(error->detail.find("(not quoted)"), std::string::npos) << error->detail;
        for (const char* secret : {"s3cret", "AKID", "SecretKey"})
          EXPECT_EQ(error->detail.find(secret), std::string::npos) << error->detail;
      }
    }
  }
}

TEST(CloudsslProvider, RegistryCarriesTheProvider) {
  const auto registry = make_cloudssl_registry();
  EXPECT_EQ(registry.type_prefix(), "cloudssl");
  EXPECT_EQ(registry.provider().schema().block.attributes.size(), 10u);
}

}  // namespace
}  // namespace cloudssl
