// The Tag API client against cloudssl-sim (which serves the Tag API on the SSL API's port):
// ModifyResourceTags signed for service "tag" changes the tags the SSL API then reads, an
// unknown certificate is the documented final error, throttling is retried as for the SSL
// API, and a Tag client is refused by the SSL API's scope (the two are not interchangeable).
#include <gtest/gtest.h>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tag/tag_actions.h"
#include "tests/support/api_error_of.h"
#include "tests/support/simulator_client.h"

namespace cloudssl::api::tencent {
namespace {

class TagApiIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    sim.admin("POST", "/seed",
              {{"certificates",
                {{{"CertificateId", "TagCert1"},
                  {"Generate", {{"Domain", "tags.example.com"}, {"Days", 90}}},
                  {"Tags",
                   {{{"TagKey", "env"}, {"TagValue", "ci"}},
                    {{"TagKey", "old"}, {"TagValue", "x"}}}}}}}});
  }
  ClientConfig ssl_config() const {
    ClientConfig config = cloudssl::testing::simulator_client_config(sim);
    config.region = "ap-guangzhou";
    config.max_retries = 3;
    return config;
  }
  ClientTuning fast() const {
    ClientTuning tuning;
    tuning.backoff = {std::chrono::milliseconds(5), std::chrono::milliseconds(20),
                      std::chrono::milliseconds(5)};
    return tuning;
  }

  cloudssl::testing::SimulatorProcess sim;
};

TEST_F(TagApiIntegration, ModifyResourceTagsChangesWhatTheSslApiReads) {
  Client ssl = make_client(kSslApi, ssl_config());
  Client tag = make_client(kTagApi, ssl_config(), fast());
  const auto changes =
      diff_tags(describe_certificate(ssl, "TagCert1").tags, {{"env", "prod"}, {"team", "web"}});
  ASSERT_TRUE(modify_resource_tags(tag, certificate_tag_resource("ap-guangzhou", "TagCert1"),
                                   changes.replace, changes.delete_keys));
  const auto after = describe_certificate(ssl, "TagCert1").tags;
  EXPECT_EQ(after, (std::vector<Tag>{{"env", "prod"}, {"team", "web"}}));

  const auto log = sim.admin("GET", "/requests");
  EXPECT_EQ(log["counters"]["ModifyResourceTags"].value("ok", 0), 1);
}

TEST_F(TagApiIntegration, UnknownCertificateIsAFinalResourceDescriptionError) {
  Client tag = make_client(kTagApi, ssl_config(), fast());
  const ApiError e = api::testing::error_of([&] {
    modify_resource_tags(tag, certificate_tag_resource("", "NoSuch01"), {{"k", "v"}}, {});
  });
  EXPECT_EQ(e.code(), "InvalidParameterValue.ResourceDescriptionError");
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_EQ(tag.stats().attempts, 1);  // not retried
}

TEST_F(TagApiIntegration, ThrottlingIsRetriedLikeTheSslApi) {
  sim.admin(
      "POST", "/faults",
      {{"rules",
        {{{"action", "ModifyResourceTags"}, {"code", "RequestLimitExceeded"}, {"count", 2}}}}});
  Client tag = make_client(kTagApi, ssl_config(), fast());
  EXPECT_TRUE(modify_resource_tags(tag, certificate_tag_resource("", "TagCert1"), {}, {"old"}));
  EXPECT_EQ(tag.stats().throttled_retries, 2);
  Client ssl = make_client(kSslApi, ssl_config());
  EXPECT_EQ(describe_certificate(ssl, "TagCert1").tags, (std::vector<Tag>{{"env", "ci"}}));
}

TEST_F(TagApiIntegration, TheServicesAreNotInterchangeable) {
  // The SSL client (scope "ssl", version 2019-12-05) has no ModifyResourceTags...
  Client ssl = make_client(kSslApi, ssl_config());
  const ApiError unknown = api::testing::error_of([&] {
    ssl.call("ModifyResourceTags", {{"Resource", certificate_tag_resource("", "TagCert1")},
                                    {"DeleteTags", {{{"TagKey", "env"}}}}});
  });
  EXPECT_EQ(unknown.code(), "InvalidAction");
  // ...and the Tag API's version signed for "ssl" fails the signature check.
  Service mixed = kTagApi;
  mixed.name = "ssl";
  Client wrong = make_client(mixed, ssl_config(), fast());
  const ApiError unsigned_for_it = api::testing::error_of(
      [&] { modify_resource_tags(wrong, certificate_tag_resource("", "TagCert1"), {}, {"env"}); });
  EXPECT_EQ(unsigned_for_it.code(), "AuthFailure.SignatureFailure");
  EXPECT_EQ(describe_certificate(ssl, "TagCert1").tags.size(), 2u);
}

}  // namespace
}  // namespace cloudssl::api::tencent
