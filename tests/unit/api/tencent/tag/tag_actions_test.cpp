// The Tag API client: the core client with the Tencent dialect for service "tag" / 2018-08-13 signs
// its credential scope with "tag" and sends that version; ModifyResourceTags' request body, the
// certificate's six-segment resource name, the tag diff and the client-side rate limits.
#include "api/tencent/tag/tag_actions.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tc3_signer.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::api::tencent {
namespace {

using namespace testing;

constexpr const char* kSecretId = "AKIDTESTING";
constexpr const char* kSecretKey = "test-secret-key";

ClientConfig base_config(std::string endpoint = {}) {
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.region = "ap-guangzhou";
  config.max_retries = 0;
  config.endpoint = std::move(endpoint);
  return config;
}

TEST(TagActions, ClientConfigSpeaksTheTagApiAndKeepsTheRest) {
  const Client ssl = make_client(kSslApi, base_config());
  EXPECT_EQ(dialect_of(ssl).service().name, "ssl");
  EXPECT_EQ(dialect_of(ssl).service().version, "2019-12-05");
  EXPECT_EQ(ssl.settings().endpoint, "https://ssl.tencentcloudapi.com");  // the default
  const Client tag = make_client(kTagApi, base_config("http://127.0.0.1:1"));
  EXPECT_EQ(dialect_of(tag).service().name, "tag");
  EXPECT_EQ(dialect_of(tag).service().version, "2018-08-13");
  EXPECT_EQ(tag.settings().endpoint, "http://127.0.0.1:1");
  EXPECT_EQ(tag.settings().region, "ap-guangzhou");
  EXPECT_EQ(dialect_of(tag).credentials().secret_id, kSecretId);
  EXPECT_EQ(tag.settings().max_retries, 0);
  EXPECT_EQ(make_client(kTagApi, base_config()).settings().endpoint,
            "https://tag.tencentcloudapi.com");
}

TEST(TagActions, ModifyResourceTagsIsSignedForServiceTagWithItsVersion) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  ClientTuning tuning;
  tuning.rate_limits.enabled = false;
  Client client = make_client(kTagApi, base_config(server.endpoint()), tuning);

  const std::string resource = certificate_tag_resource("ap-guangzhou", "Abc12345");
  EXPECT_TRUE(modify_resource_tags(client, resource, {{"env", "prod"}, {"team", "web"}}, {"old"}));

  ASSERT_EQ(server.count(), 1u);
  const auto sent = server.requests()[0];
  EXPECT_EQ(sent.headers.at("x-tc-action"), "ModifyResourceTags");
  EXPECT_EQ(sent.headers.at("x-tc-version"), "2018-08-13");
  EXPECT_EQ(sent.headers.at("x-tc-region"), "ap-guangzhou");
  EXPECT_EQ(nlohmann::json::parse(sent.body),
            (nlohmann::json{{"Resource", "qcs::ssl:ap-guangzhou:uin/:certificate/Abc12345"},
                            {"ReplaceTags",
                             {{{"TagKey", "env"}, {"TagValue", "prod"}},
                              {{"TagKey", "team"}, {"TagValue", "web"}}}},
                            {"DeleteTags", {{{"TagKey", "old"}}}}}));

  // The credential scope names service "tag"; the signature verifies with it (and only it).
  const auto parts = tc3::parse_authorization(sent.headers.at("authorization"));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->service, "tag");
  tc3::CanonicalInput input;
  for (const auto& name : parts->signed_headers) input.headers[name] = sent.headers.at(name);
  input.payload = sent.body;
  const auto timestamp = std::stoll(sent.headers.at("x-tc-timestamp"));
  EXPECT_EQ(sent.headers.at("authorization"),
            tc3::sign(input, kSecretId, kSecretKey, timestamp, "tag").authorization);
  EXPECT_NE(sent.headers.at("authorization"),
            tc3::sign(input, kSecretId, kSecretKey, timestamp, "ssl").authorization);
}

TEST(TagActions, EmptyListsAreLeftOutAndNothingToDoMakesNoCall) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  Client client = make_client(kTagApi, base_config(server.endpoint()));
  const std::string resource = certificate_tag_resource("", "Abc12345");
  EXPECT_EQ(resource, "qcs::ssl::uin/:certificate/Abc12345");

  EXPECT_FALSE(modify_resource_tags(client, resource, {}, {}));
  EXPECT_EQ(server.count(), 0u);

  EXPECT_TRUE(modify_resource_tags(client, resource, {}, {"gone"}));
  EXPECT_TRUE(modify_resource_tags(client, resource, {{"k", "v"}}, {}));
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 2u);
  const auto deletes_only = nlohmann::json::parse(sent[0].body);
  EXPECT_FALSE(deletes_only.contains("ReplaceTags"));
  EXPECT_EQ(deletes_only["DeleteTags"], nlohmann::json::parse(R"([{"TagKey":"gone"}])"));
  const auto replace_only = nlohmann::json::parse(sent[1].body);
  EXPECT_FALSE(replace_only.contains("DeleteTags"));
}

TEST(TagActions, ApiErrorsSurfaceWithTheirCode) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return api_error("InvalidParameterValue.ResourceDescriptionError");
  });
  Client client = make_client(kTagApi, base_config(server.endpoint()));
  const ApiError e = testing::error_of([&] {
    modify_resource_tags(client, certificate_tag_resource("", "nope"), {{"k", "v"}}, {});
  });
  EXPECT_EQ(e.action(), "ModifyResourceTags");
  EXPECT_EQ(e.code(), "InvalidParameterValue.ResourceDescriptionError");
}

TEST(TagActions, DiffReplacesNewAndChangedAndDeletesRemoved) {
  const std::vector<Tag> from = {{"env", "test"}, {"keep", "same"}, {"old", "x"}};
  const std::vector<Tag> to = {{"env", "prod"}, {"keep", "same"}, {"new", "y"}};
  const auto changes = diff_tags(from, to);
  EXPECT_EQ(changes.replace, (std::vector<Tag>{{"env", "prod"}, {"new", "y"}}));
  EXPECT_EQ(changes.delete_keys, std::vector<std::string>{"old"});
  EXPECT_TRUE(diff_tags(from, from).empty());
  EXPECT_EQ(diff_tags(from, {}).delete_keys.size(), 3u);
}

TEST(TagActions, ModifyResourceTagsGetsItsDocumentedRateAndOthersTheDefault) {
  RateLimiter limiter(kTagApi.rate_limit);
  EXPECT_DOUBLE_EQ(limiter.rate_of("ModifyResourceTags"), 20 * 0.95);
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeResourceTags"), 10 * 0.95);

  RateLimitSettings mine;
  mine.overrides["ModifyResourceTags"] = 0;  // a test's override wins
  EXPECT_EQ(RateLimiter(kTagApi.rate_limit, mine).rate_of("ModifyResourceTags"), 0);
}

}  // namespace
}  // namespace cloudssl::api::tencent
