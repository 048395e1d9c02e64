// What the client logs at trace level: every call line with action, attempts and request id,
// bodies with secrets redacted, and never a secret (key, signature, token, private key).
#include <gtest/gtest.h>

#include <cstdlib>

#include "provider/api/ssl_client.h"
#include "tests/unit/api/fake_api_server.h"

namespace {
// The log threshold is read once, on first use: set it before anything logs.
const bool kTraceEnabled = [] { return ::setenv("TF_LOG_PROVIDER", "trace", 1) == 0; }();
}  // namespace

namespace cloudssl::api {
namespace {

using testing::FakeApiServer;
using testing::RecordedRequest;

TEST(ClientLogging, TraceLinesRedactSecrets) {
  ASSERT_TRUE(kTraceEnabled);
  FakeApiServer server([](const RecordedRequest&, int index) {
    if (index == 0) return testing::api_error("InternalError");
    return testing::ok({{"CertificatePrivateKey", "-----BEGIN PRIVATE KEY-----RESPONSEKEY"},
                        {"CertificateId", "abcd1234"}});
  });
  ClientConfig config;
  config.credentials = {"AKIDLOGTEST", "SUPERSECRETKEY", "SESSIONTOKEN"};
  config.endpoint = server.endpoint();
  ClientTuning tuning;
  tuning.backoff = {std::chrono::milliseconds(1), std::chrono::milliseconds(1),
                    std::chrono::milliseconds(0)};
  SslClient client(config, tuning);

  ::testing::internal::CaptureStderr();
  client.call("UploadCertificate", {{"CertificatePublicKey", "PUBLICPART"},
                                    {"CertificatePrivateKey", "REQUESTKEY"},
                                    {"KeyPassword", "PASSWORD1"}});
  const std::string logs = ::testing::internal::GetCapturedStderr();

  for (const char* secret : {"SUPERSECRETKEY", "SESSIONTOKEN", "REQUESTKEY", "RESPONSEKEY",
                             "PASSWORD1", "Signature=", "TC3-HMAC-SHA256"}) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << secret << " leaked:\n" << logs;
  }
  EXPECT_NE(logs.find("<redacted>"), std::string::npos);
  EXPECT_NE(logs.find("PUBLICPART"), std::string::npos);  // the rest of the body is there
  EXPECT_NE(logs.find(R"("@message":"SSL API call")"), std::string::npos);
  EXPECT_NE(logs.find(R"("action":"UploadCertificate")"), std::string::npos);
  EXPECT_NE(logs.find(R"("attempts":2)"), std::string::npos);
  EXPECT_NE(logs.find(R"("request_id":"req-ok")"), std::string::npos);
  EXPECT_NE(logs.find(R"("@message":"SSL API retry")"), std::string::npos);
}

}  // namespace
}  // namespace cloudssl::api
