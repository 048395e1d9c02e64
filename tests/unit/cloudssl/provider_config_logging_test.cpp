// What ConfigureProvider logs of its endpoints: a usable one in full on its INFO line, and an
// endpoint holding a secret never, since it is refused before that line. Logging is
// process-wide (the threshold is read once): these tests run in their own executable.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>

#include "cloudssl/cloudssl_provider.h"
#include "tests/unit/cloudssl/provider_test_support.h"

namespace {
// The log threshold is read once, on first use: set it before anything logs.
const bool kInfoEnabled = [] { return ::setenv("TF_LOG_PROVIDER", "info", 1) == 0; }();
}  // namespace

namespace cloudssl {
namespace {

// ConfigureProvider's log lines and errors with only `env` set.
struct Configured {
  std::string logs;
  bool refused = false;
};

Configured configure_with(std::map<std::string, std::string> env) {
  env.emplace("HOME", "/nonexistent");
  CloudsslProvider provider(fake_env(std::move(env)));
  framework::Diagnostics d;
  ::testing::internal::CaptureStderr();
  configure_provider(provider, codec::Value::null(framework::implied_type(provider.schema())), d);
  Configured configured{::testing::internal::GetCapturedStderr()};
  configured.refused = d.has_errors();
  return configured;
}

const char* const kSecretEndpoints[] = {
    "https://AKID:s3cret",
    "https://host:s3cret",
    "https://AKID:s3cret%40ssl.tencentcloudapi.com",
    "AKID:s3cret https://ssl.tencentcloudapi.com",
    "AKIDs3cretKEYabc",
    "https://ssl.tencentcloudapi.com/?SecretId=AKIDx&SecretKey=s3cretKEY"};

TEST(ProviderConfigLogging, ATencentEndpointHoldingASecretIsNeverLogged) {
  ASSERT_TRUE(kInfoEnabled);
  // The INFO line is captured, with a usable endpoint in full.
  const Configured usable = configure_with({{"TENCENTCLOUD_SECRET_ID", "ID"},
                                            {"TENCENTCLOUD_SECRET_KEY", "k"},
                                            {"CLOUDSSL_ENDPOINT", "http://127.0.0.1:8080"}});
  EXPECT_FALSE(usable.refused);
  EXPECT_NE(usable.logs.find("cloudssl provider configured"), std::string::npos) << usable.logs;
  EXPECT_NE(usable.logs.find("http://127.0.0.1:8080"), std::string::npos) << usable.logs;
  for (const char* endpoint : kSecretEndpoints) {
    for (const char* variable : {"CLOUDSSL_ENDPOINT", "CLOUDSSL_TAG_ENDPOINT"}) {
      const Configured refused = configure_with({{"TENCENTCLOUD_SECRET_ID", "ID"},
                                                 {"TENCENTCLOUD_SECRET_KEY", "k"},
                                                 {variable, endpoint}});
      EXPECT_TRUE(refused.refused) << variable << " = " << endpoint;
      EXPECT_EQ(refused.logs.find("s3cret"), std::string::npos) << refused.logs;
      EXPECT_EQ(refused.logs.find("cloudssl provider configured"), std::string::npos)
          << refused.logs;
    }
  }
}

TEST(ProviderConfigLogging, AVolcengineEndpointHoldingASecretIsNeverLogged) {
  ASSERT_TRUE(kInfoEnabled);
  const Configured usable = configure_with({{"VOLCENGINE_ACCESS_KEY", "AKLT1"},
                                            {"VOLCENGINE_SECRET_KEY", "k"},
                                            {"VOLCENGINE_ENDPOINT", "http://127.0.0.1:8080"}});
  EXPECT_FALSE(usable.refused);
  EXPECT_NE(usable.logs.find("volcengine configured"), std::string::npos) << usable.logs;
  EXPECT_NE(usable.logs.find("http://127.0.0.1:8080"), std::string::npos) << usable.logs;
  for (const char* endpoint : kSecretEndpoints) {
    const Configured refused = configure_with({{"VOLCENGINE_ACCESS_KEY", "AKLT1"},
                                               {"VOLCENGINE_SECRET_KEY", "k"},
                                               {"VOLCENGINE_ENDPOINT", endpoint}});
    EXPECT_TRUE(refused.refused) << endpoint;
    EXPECT_EQ(refused.logs.find("s3cret"), std::string::npos) << refused.logs;
    EXPECT_EQ(refused.logs.find("volcengine configured"), std::string::npos) << refused.logs;
  }
}

}  // namespace
}  // namespace cloudssl
