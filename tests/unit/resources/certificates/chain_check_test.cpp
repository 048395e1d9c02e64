// warn_about_chain against a scripted CheckCertificateChain: an incomplete chain and an
// untrusted CA are warnings on certificate_pem naming the certificates the API read; a good
// chain, and a check that failed, add nothing.
#include "resources/certificates/chain_check.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using namespace api::testing;
using nlohmann::json;

framework::Diagnostics check_with(Reply reply, std::string* body = nullptr) {
  FakeApiServer server([&](const RecordedRequest& r, int) {
    if (body) *body = r.body;
    return reply;
  });
  api::Client client = api::testing::ssl_client_for(server);
  framework::Diagnostics d;
  warn_about_chain(client, "-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n",
                   framework::Context{}, d);
  return d;
}

Reply answer(bool valid, bool trusted) {
  return api::testing::ok({{"IsValid", valid},
                           {"IsTrustedCA", trusted},
                           {"Chains", {"www.example.com", "Example Private CA"}}});
}

TEST(ChainCheck, AGoodChainAddsNothingAndTheChainIsSent) {
  std::string body;
  const auto d = check_with(answer(true, true), &body);
  EXPECT_TRUE(d.empty());
  EXPECT_NE(json::parse(body).value("CertificateChain", "").find("LEAF"), std::string::npos);
}

TEST(ChainCheck, AnIncompleteOrUntrustedChainIsAWarningOnCertificatePem) {
  for (const bool valid : {false, true}) {
    const auto d = check_with(answer(valid, false));
    ASSERT_EQ(d.all().size(), 1u);
    const auto& w = d.all().front();
    EXPECT_EQ(w.severity, framework::Severity::Warning);
    EXPECT_EQ(*w.attribute, codec::Path::root("certificate_pem"));
    EXPECT_NE(w.summary.find(valid ? "trusted CA" : "incomplete"), std::string::npos) << w.summary;
    EXPECT_NE(w.detail.find("\"www.example.com\" → \"Example Private CA\""), std::string::npos)
        << w.detail;
  }
}

TEST(ChainCheck, AFailedCheckAddsNothing) {
  EXPECT_TRUE(check_with(api::testing::api_error("FailedOperation.CertificateInvalid")).empty());
}

}  // namespace
}  // namespace cloudssl::certificates
