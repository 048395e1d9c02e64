// The provider's volcengine block → Volcengine client configuration: block over environment
// over defaults, Volcengine unused when no credential is set anywhere, one half of the key
// missing named with its variable, endpoint checks, unknown values; and configure with one
// cloud's credentials only (the other cloud's types then fail naming the variables to set).
#include "cloudssl/volcengine_config.h"

#include <gtest/gtest.h>

#include <any>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/core/endpoint.h"
#include "api/volcengine/volcengine_dialect.h"
#include "resources/common/provider_data.h"
#include "tests/unit/cloudssl/provider_test_support.h"

namespace cloudssl {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

Path at(const char* attribute) { return Path::root("volcengine").index(0).attr(attribute); }

// The diagnostics of a block with both keys and `endpoint`, which is refused.
framework::Diagnostics resolved_with_endpoint(const std::string& endpoint) {
  framework::Diagnostics d;
  VolcengineSettings s;
  s.access_key = "a";
  s.secret_key = "b";
  s.endpoint = endpoint;
  EXPECT_FALSE(resolve_volcengine_config(s, fake_env({}), d)) << endpoint;
  return d;
}

TEST(VolcengineConfig, NothingAnywhereMeansVolcengineUnusedWithoutError) {
  framework::Diagnostics d;
  EXPECT_FALSE(resolve_volcengine_config({}, fake_env({}), d));
  EXPECT_TRUE(d.all().empty());
}

TEST(VolcengineConfig, EnvironmentAloneConfiguresItWithTheDefaults) {
  framework::Diagnostics d;
  const auto config = resolve_volcengine_config(
      {}, fake_env({{"VOLCENGINE_ACCESS_KEY", "AKLT1"}, {"VOLCENGINE_SECRET_KEY", "s"}}), d);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->credentials.access_key, "AKLT1");
  EXPECT_EQ(config->credentials.secret_key, "s");
  EXPECT_EQ(config->credentials.session_token, "");
  EXPECT_EQ(config->region, "cn-north-1");
  EXPECT_EQ(config->endpoint, "https://open.volcengineapi.com");
}

TEST(VolcengineConfig, TheBlockWinsOverTheEnvironment) {
  framework::Diagnostics d;
  VolcengineSettings s;
  s.access_key = "AKLT-block";
  s.secret_key = "block-secret";
  s.session_token = "block-token";
  s.region = "cn-beijing";
  s.endpoint = "http://127.0.0.1:8080/";
  const auto config =
      resolve_volcengine_config(s,
                                fake_env({{"VOLCENGINE_ACCESS_KEY", "AKLT-env"},
                                          {"VOLCENGINE_SECRET_KEY", "env-secret"},
                                          {"VOLCENGINE_SESSION_TOKEN", "env-token"},
                                          {"VOLCENGINE_REGION", "cn-shanghai"},
                                          {"VOLCENGINE_ENDPOINT", "https://env.example.com"}}),
                                d);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->credentials.access_key, "AKLT-block");
  EXPECT_EQ(config->credentials.secret_key, "block-secret");
  EXPECT_EQ(config->credentials.session_token, "block-token");
  EXPECT_EQ(config->region, "cn-beijing");
  EXPECT_EQ(config->endpoint, "http://127.0.0.1:8080");  // trailing slash removed
}

TEST(VolcengineConfig, EachSettingFallsBackToItsVariable) {
  framework::Diagnostics d;
  const auto config =
      resolve_volcengine_config({},
                                fake_env({{"VOLCENGINE_ACCESS_KEY", "AKLT1"},
                                          {"VOLCENGINE_SECRET_KEY", "s"},
                                          {"VOLCENGINE_SESSION_TOKEN", "t"},
                                          {"VOLCENGINE_REGION", "cn-guangzhou"},
                                          {"VOLCENGINE_ENDPOINT", "http://127.0.0.1:9"}}),
                                d);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->credentials.session_token, "t");
  EXPECT_EQ(config->region, "cn-guangzhou");
  EXPECT_EQ(config->endpoint, "http://127.0.0.1:9");
}

TEST(VolcengineConfig, HalfAKeyIsAnErrorNamingTheVariable) {
  for (const bool access_missing : {true, false}) {
    framework::Diagnostics d;
    VolcengineSettings s;
    (access_missing ? s.secret_key : s.access_key) = "x";
    EXPECT_FALSE(resolve_volcengine_config(s, fake_env({}), d));
    ASSERT_EQ(d.all().size(), 1u);
    const auto& e = d.all().front();
    EXPECT_EQ(e.severity, framework::Severity::Error);
    const char* variable = access_missing ? "VOLCENGINE_ACCESS_KEY" : "VOLCENGINE_SECRET_KEY";
    EXPECT_NE(e.detail.find(variable), std::string::npos) << e.detail;
    ASSERT_TRUE(e.attribute);
    EXPECT_EQ(*e.attribute, at(access_missing ? "access_key" : "secret_key"));
  }
}

TEST(VolcengineConfig, AnUnusableEndpointIsAnErrorOnIt) {
  for (const char* bad : {"open.volcengineapi.com", "ftp://x", "https://x/path", "https://"}) {
    const framework::Diagnostics d = resolved_with_endpoint(bad);
    ASSERT_EQ(d.all().size(), 1u) << bad;
    EXPECT_EQ(*d.all().front().attribute, at("endpoint"));
  }
}

TEST(VolcengineConfig, SecretsNeverAppearInDiagnostics) {
  framework::Diagnostics d;
  VolcengineSettings s;
  s.secret_key = "very-secret-value";
  s.endpoint = "nope";
  resolve_volcengine_config(s, fake_env({}), d);
  for (const auto& item : d.all()) {
    EXPECT_EQ(item.summary.find("very-secret-value"), std::string::npos);
    EXPECT_EQ(item.detail.find("very-secret-value"), std::string::npos);
  }
}

// Credentials in an endpoint URL are refused, and the diagnostic shows the URL without them.
TEST(VolcengineConfig, AnEndpointWithCredentialsIsRefusedWithoutQuotingThem) {
  const framework::Diagnostics d =
      resolved_with_endpoint("https://user:s3cret@open.volcengineapi.com");
  ASSERT_EQ(d.all().size(), 1u);
  const auto& error = d.all().front();
  EXPECT_EQ(*error.attribute, at("endpoint"));
  EXPECT_NE(error.detail.find("drop them from the URL"), std::string::npos) << error.detail;
  EXPECT_EQ(error.detail.find("s3cret"), std::string::npos) << error.detail;
  EXPECT_EQ(error.detail.find("secret_id"), std::string::npos) << error.detail;
}

// Credentials written before the scheme, or a secret key holding "://", leave a value without
// a scheme: refused for that, and quoted without whatever precedes its last '@'.
TEST(VolcengineConfig, CredentialsBeforeTheEndpointsSchemeAreNeverQuoted) {
  for (const char* endpoint :
       {"AK:s3cret@https://open.volcengineapi.com", "AK:s3c://ret@open.volcengineapi.com"}) {
    const framework::Diagnostics d = resolved_with_endpoint(endpoint);
    ASSERT_EQ(d.all().size(), 1u) << endpoint;
    const auto& error = d.all().front();
    EXPECT_EQ(*error.attribute, at("endpoint"));
    EXPECT_NE(error.detail.find("it does not start with a scheme"), std::string::npos)
        << error.detail;
    EXPECT_EQ(error.detail.find("s3c"), std::string::npos) << error.detail;
    EXPECT_EQ(error.detail.find("ret@"), std::string::npos) << error.detail;
  }
}

// An endpoint holding a secret where its port, its '@' or its whole self goes is refused on the
// block's endpoint, naming the fix, without quoting the secret (it was accepted, and logged at
// INFO by ConfigureProvider, when a secret stood where the port goes).
TEST(VolcengineConfig, AnEndpointHoldingASecretIsRefusedWithoutQuotingIt) {
  for (const char* endpoint :
       {"https://AKLT:s3cret", "https://host:s3cret",
        "https://AKLT:s3cret%40open.volcengineapi.com",
        "AKLT:s3cret https://open.volcengineapi.com", "AKLTs3cretKEYabc",
        "https://open.volcengineapi.com/?AccessKey=AKLTx&SecretKey=s3cretKEY"}) {
    const framework::Diagnostics d = resolved_with_endpoint(endpoint);
    ASSERT_EQ(d.all().size(), 1u) << endpoint;
    const auto& error = d.all().front();
    EXPECT_EQ(*error.attribute, at("endpoint"));
    EXPECT_NE(error.detail.find("Use a URL with a scheme and host only"), std::string::npos)
        << error.detail;
    EXPECT_NE(error.detail.find("(not quoted)"), std::string::npos) << error.detail;
    for (const char* secret : {"s3cret", "AKLT", "SecretKey"})
      EXPECT_EQ(error.detail.find(secret), std::string::npos) << error.detail;
  }
}

// Only an '@' before the host's end (the first '/', '?' or '#') is credentials: an endpoint with
// one in its query or fragment is refused for that query or fragment.
TEST(VolcengineConfig, AnAtInTheEndpointsQueryOrFragmentIsNoCredentials) {
  for (const auto& [endpoint, problem] : std::vector<std::pair<std::string, std::string>>{
           {"https://open.volcengineapi.com?a=b@c", "it has a query"},
           {"https://open.volcengineapi.com/?a=b@c", "it has a query"},
           {"https://open.volcengineapi.com#me@x", "it has a fragment"}}) {
    const framework::Diagnostics d = resolved_with_endpoint(endpoint);
    ASSERT_EQ(d.all().size(), 1u) << endpoint;
    const auto& error = d.all().front();
    EXPECT_EQ(*error.attribute, at("endpoint"));
    EXPECT_NE(error.detail.find(problem), std::string::npos) << error.detail;
    // Refused for the query or fragment (not as credentials), and quoted as quotable_endpoint
    // says.
    EXPECT_EQ(error.detail.find("credentials before its host"), std::string::npos) << error.detail;
    EXPECT_NE(error.detail.find("\"" + api::quotable_endpoint(endpoint) + "\""), std::string::npos)
        << error.detail;
  }
}

Value provider_config(Value block) {
  framework::Schema schema;
  schema.block.blocks = {volcengine_block()};
  const Type type = framework::implied_type(schema);
  const Type list = type.attribute_types().at("volcengine");
  std::vector<Value> elements;
  if (!block.is_null()) elements.push_back(std::move(block));
  return Value::object(type, {{"volcengine", Value::list(list.element_type(), elements)}});
}

Value block_value(std::map<std::string, Value> attributes) {
  const Type type = framework::implied_type(volcengine_block().block);
  for (const char* name : {"access_key", "secret_key", "session_token", "region", "endpoint"}) {
    attributes.try_emplace(name, Value::null(Type::string()));
  }
  return Value::object(type, std::move(attributes));
}

TEST(VolcengineConfig, SettingsComeFromTheBlock) {
  const auto s = volcengine_settings(provider_config(
      block_value({{"access_key", Value::string("AK")}, {"region", Value::string("r")}})));
  EXPECT_EQ(s.access_key, "AK");
  EXPECT_EQ(s.region, "r");
  EXPECT_FALSE(s.secret_key);
  EXPECT_FALSE(volcengine_settings(provider_config(Value::null(Type::string()))).access_key);
}

TEST(VolcengineConfig, UnknownValuesAreNamed) {
  const auto config =
      provider_config(block_value({{"secret_key", Value::unknown(Type::string())}}));
  EXPECT_EQ(unknown_volcengine_attributes(config), "volcengine.secret_key");
  EXPECT_EQ(unknown_volcengine_attributes(
                provider_config(block_value({{"access_key", Value::string("AK")}}))),
            "");
}

// --- configure: one cloud's credentials are enough ---------------------------------------

std::shared_ptr<common::ProviderData> configure(const Environment& env, const Value& config,
                                                framework::Diagnostics& d) {
  CloudsslProvider provider(env);
  return configure_provider(provider, config, d);
}

// The whole provider block: `attributes`, and the volcengine block when `block` is not null.
Value full_config(std::map<std::string, Value> attributes,
                  Value block = Value::null(Type::string())) {
  const Type type = framework::implied_type(CloudsslProvider(fake_env({})).schema());
  const Type list = type.attribute_types().at("volcengine");
  std::vector<Value> elements;
  if (!block.is_null()) elements.push_back(std::move(block));
  attributes.emplace("volcengine", Value::list(list.element_type(), elements));
  return Value::object(type, std::move(attributes));
}

std::string error_text(const framework::Context& ctx,
                       api::Client& (*accessor)(const framework::Context&)) {
  try {
    accessor(ctx);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(VolcengineConfigure, OnlyVolcengineCredentialsConfigureVolcengineAlone) {
  framework::Diagnostics d;
  const auto data = configure(fake_env({{"VOLCENGINE_ACCESS_KEY", "AKLT1"},
                                        {"VOLCENGINE_SECRET_KEY", "s"},
                                        {"VOLCENGINE_ENDPOINT", "http://127.0.0.1:7"},
                                        {"HOME", "/nonexistent"}}),
                              full_config({{"max_retries", Value::number(2)}},
                                          block_value({{"region", Value::string("cn-beijing")}})),
                              d);
  EXPECT_TRUE(d.empty());
  ASSERT_TRUE(data && data->volcengine.certificate);
  const api::Client& client = *data->volcengine.certificate;
  EXPECT_EQ(client.settings().endpoint, "http://127.0.0.1:7");
  EXPECT_EQ(client.settings().region, "cn-beijing");
  EXPECT_EQ(client.settings().max_retries, 2);  // the provider-wide setting
  const auto* dialect = dynamic_cast<const api::volcengine::VolcengineDialect*>(&client.dialect());
  ASSERT_NE(dialect, nullptr);
  EXPECT_EQ(dialect->service().name, "certificate_service");

  EXPECT_FALSE(data->tencent.ssl);
  EXPECT_FALSE(data->tencent.tag);
  EXPECT_TRUE(data->tencent_credentials_missing);
  framework::Context ctx;
  ctx.provider_data = data;
  EXPECT_EQ(&common::volcengine_client(ctx), data->volcengine.certificate.get());
  const std::string tencent = error_text(ctx, &common::ssl_client);
  EXPECT_NE(tencent.find("TENCENTCLOUD_SECRET_ID"), std::string::npos) << tencent;
  EXPECT_NE(tencent.find("TENCENTCLOUD_SECRET_KEY"), std::string::npos) << tencent;
  EXPECT_NE(error_text(ctx, &common::tag_client).find("TENCENTCLOUD_SECRET_ID"), std::string::npos);
}

TEST(VolcengineConfigure, OnlyTencentCredentialsLeaveVolcengineOutNamingItsVariables) {
  framework::Diagnostics d;
  const auto data =
      configure(fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
                full_config({}), d);
  EXPECT_TRUE(d.empty());
  ASSERT_TRUE(data && data->tencent.ssl);
  EXPECT_FALSE(data->volcengine.certificate);
  EXPECT_FALSE(data->tencent_credentials_missing);
  framework::Context ctx;
  ctx.provider_data = data;
  const std::string volcengine = error_text(ctx, &common::volcengine_client);
  EXPECT_NE(volcengine.find("VOLCENGINE_ACCESS_KEY"), std::string::npos) << volcengine;
  EXPECT_NE(volcengine.find("VOLCENGINE_SECRET_KEY"), std::string::npos) << volcengine;
}

TEST(VolcengineConfigure, HalfATencentKeyIsStillAnErrorBesideVolcengine) {
  framework::Diagnostics d;
  const auto data = configure(fake_env({{"VOLCENGINE_ACCESS_KEY", "AKLT1"},
                                        {"VOLCENGINE_SECRET_KEY", "s"},
                                        {"TENCENTCLOUD_SECRET_ID", "AKID"},
                                        {"HOME", "/nonexistent"}}),
                              full_config({}), d);
  ASSERT_TRUE(d.has_errors());
  bool named = false;
  for (const auto& e : d.all()) {
    if (e.attribute && *e.attribute == Path::root("secret_key")) named = true;
  }
  EXPECT_TRUE(named);
  EXPECT_FALSE(data->tencent.ssl);
}

TEST(VolcengineConfigure, HalfAVolcengineKeyIsAnErrorAndNoClient) {
  framework::Diagnostics d;
  const auto data =
      configure(fake_env({{"TENCENTCLOUD_SECRET_ID", "AKID"}, {"TENCENTCLOUD_SECRET_KEY", "k"}}),
                full_config({}, block_value({{"access_key", Value::string("AKLT1")}})), d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(*d.all().front().attribute, at("secret_key"));
  EXPECT_FALSE(data->volcengine.certificate);
}

TEST(VolcengineConfigure, AnUnknownVolcengineValueDefersEveryClient) {
  framework::Diagnostics d;
  const auto data =
      configure(fake_env({}),
                full_config({}, block_value({{"access_key", Value::unknown(Type::string())}})), d);
  EXPECT_TRUE(d.empty());
  EXPECT_TRUE(data->config_unknown);
  EXPECT_NE(data->unknown_attributes.find("volcengine.access_key"), std::string::npos);
  framework::Context ctx;
  ctx.provider_data = data;
  EXPECT_NE(error_text(ctx, &common::volcengine_client).find("not known yet"), std::string::npos);
}

TEST(VolcengineConfigure, TheBlockIsInTheProviderSchemaWithItsSecretsSensitive) {
  const auto schema = CloudsslProvider(fake_env({})).schema();
  ASSERT_EQ(schema.block.blocks.size(), 1u);
  const auto& block = schema.block.blocks.front();
  EXPECT_EQ(block.type_name, "volcengine");
  EXPECT_EQ(block.max_items, 1);
  for (const auto& a : block.block.attributes) {
    EXPECT_TRUE(a.optional) << a.name;
    EXPECT_EQ(a.sensitive, a.name == "secret_key" || a.name == "session_token") << a.name;
  }
  EXPECT_TRUE(framework::validate_schema(schema, "provider").empty());
}

}  // namespace
}  // namespace cloudssl
