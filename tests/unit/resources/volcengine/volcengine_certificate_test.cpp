// The ephemeral cloudssl_volcengine_certificate's open, against a scripted Volcengine API: the
// certificate with its chain and key when the id is found (one CertificateGetInstance call by
// instance_id), an error on `id` when it is not or when Volcengine holds no key, an error naming
// VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY without Volcengine credentials; every result a
// wholly known value of the schema's type (the engine refuses anything else).
#include <gtest/gtest.h>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "resources/common/provider_data.h"
#include "resources/volcengine/factories.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::volcengine {
namespace {

using namespace api::testing;
using codec::Type;
using codec::Value;
using nlohmann::json;

constexpr const char* kKey = "-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n";

Reply page(json content) {
  const auto count = content.size();
  return {200, json{{"ResponseMetadata", {{"RequestId", "req-1"}}},
                    {"Result", {{"count", count}, {"content", std::move(content)}}}}
                   .dump()};
}

json certificate(const std::string& id, const std::string& key) {
  return {{"id", id},
          {"common_name", "www.example.com"},
          {"tag", "web"},
          {"certificate_exist", 1},
          {"ssl",
           {{"san", {"www.example.com"}},
            {"certificate",
             {{"chain", {"-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n"}},
              {"private_key", key},
              {"csr", "-----BEGIN CERTIFICATE REQUEST-----"}}}}}};
}

struct Fixture {
  explicit Fixture(FakeApiServer::Handler handler, bool with_volcengine = true)
      : server(std::move(handler)) {
    auto data = std::make_shared<common::ProviderData>();
    if (with_volcengine) {
      api::volcengine::ClientConfig config;
      config.endpoint = server.endpoint();
      config.credentials = {"AKLTTEST", "secret", ""};
      config.max_retries = 0;
      data->volcengine.certificate = std::make_shared<api::Client>(
          api::volcengine::make_client(api::volcengine::kCertificateCenter, config));
    }
    ctx.provider_data = data;
  }

  framework::EphemeralOpenResult open(const std::string& id, framework::Diagnostics& d) {
    const Type type = framework::implied_type(resource->schema());
    std::map<std::string, Value> attributes;
    for (const auto& [name, t] : type.attribute_types()) attributes.emplace(name, Value::null(t));
    attributes["id"] = Value::string(id);
    const Value config = Value::object(type, std::move(attributes));
    return resource->open({config, ctx}, d);
  }

  FakeApiServer server;
  framework::Context ctx;
  std::shared_ptr<framework::EphemeralResource> resource =
      make_volcengine_certificate_ephemeral_resource();
};

void expect_well_formed(const Fixture& f, const Value& result) {
  EXPECT_TRUE(result.type() == framework::implied_type(f.resource->schema()));
  EXPECT_TRUE(result.is_wholly_known());
}

TEST(VolcengineCertificateEphemeral, TheKeyIsSensitiveAndTheIdRequired) {
  const auto schema = make_volcengine_certificate_ephemeral_resource()->schema();
  bool key = false, id = false;
  for (const auto& a : schema.block.attributes) {
    if (a.name == "private_key_pem") key = a.sensitive && a.computed;
    if (a.name == "id") id = a.required && !a.computed;
  }
  EXPECT_TRUE(key);
  EXPECT_TRUE(id);
  EXPECT_TRUE(framework::validate_schema(schema, "cloudssl_volcengine_certificate").empty());
}

TEST(VolcengineCertificateEphemeral, OpenReturnsTheChainAndTheKey) {
  Fixture f([](const RecordedRequest&, int) {
    return page(json::array({certificate("cert-web", kKey)}));
  });
  framework::Diagnostics d;
  const auto opened = f.open("cert-web", d);
  EXPECT_TRUE(d.empty());
  expect_well_formed(f, opened.result);
  EXPECT_EQ(opened.result.get_string("private_key_pem"), kKey);
  EXPECT_EQ(opened.result.get_string("alias"), "web");
  EXPECT_NE(opened.result.get_string("certificate_pem")->find("LEAF"), std::string::npos);
  ASSERT_EQ(f.server.count(), 1u);
  EXPECT_NE(f.server.requests()[0].query.find("instance_id=cert-web"), std::string::npos);
}

TEST(VolcengineCertificateEphemeral, AnUnknownIdOrAMissingKeyIsAnErrorOnId) {
  for (const std::string& key : {std::string(kKey), std::string()}) {
    Fixture f([&](const RecordedRequest&, int) {
      // Another certificate (the id not found), or the asked one without a key.
      return page(json::array({certificate(key.empty() ? "cert-web" : "cert-other", key)}));
    });
    framework::Diagnostics d;
    const auto opened = f.open("cert-web", d);
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(*d.all().front().attribute, codec::Path::root("id"));
    expect_well_formed(f, opened.result);
    EXPECT_TRUE(opened.result.at("private_key_pem").is_null());
  }
}

TEST(VolcengineCertificateEphemeral, WithoutVolcengineCredentialsTheErrorNamesTheVariables) {
  Fixture f([](const RecordedRequest&, int) { return page(json::array()); },
            /*with_volcengine=*/false);
  framework::Diagnostics d;
  const auto opened = f.open("cert-web", d);
  ASSERT_TRUE(d.has_errors());
  const auto& detail = d.all().front().detail;
  EXPECT_NE(detail.find("VOLCENGINE_ACCESS_KEY"), std::string::npos) << detail;
  EXPECT_NE(detail.find("VOLCENGINE_SECRET_KEY"), std::string::npos) << detail;
  expect_well_formed(f, opened.result);
  EXPECT_EQ(f.server.count(), 0u);
}

}  // namespace
}  // namespace cloudssl::volcengine
