// The Volcengine client (api::Client with the Volcengine dialect) against cloudssl-sim, which
// verifies signatures with its own implementation: CertificateGetInstance read over every page
// of more than 100 certificates, a filter applied by the simulator, keys only when asked for,
// a wrong secret key refused as a final error with its code and request id, injected
// throttling retried, and the client's own 20 requests/s keeping a burst of page reads under
// the simulator's documented limit (no FlowLimitExceeded answered at all).
#include <gtest/gtest.h>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "api/volcengine/volcengine_dialect.h"
#include "tests/support/api_error_of.h"
#include "tests/support/simulator_client.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::api::volcengine {
namespace {

using cloudssl::testing::fast_backoff;
using cloudssl::testing::simulator_volcengine_config;
using cloudssl::testing::SimulatorProcess;

class VolcengineIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    sim.admin("POST", "/volcengine/certificates",
              {{"certificates",
                {{{"Count", 130},
                  {"id", "cert-bulk-{n}"},
                  {"Generate", {{"Domain", "host{n}.example.org"}, {"Days", 30}}}},
                 {{"id", "cert-web"},
                  {"Generate", {{"Domain", "www.example.com"}, {"Days", 90}}},
                  {"tag", "web"}}}}});
  }
  SimulatorProcess sim;
};

TEST_F(VolcengineIntegration, EveryPageOfMoreThanAHundredCertificatesIsRead) {
  Client client = make_client(kCertificateCenter, simulator_volcengine_config(sim));
  const auto all = certificate_get_all(client, {}, {}, kMaxPageSize, false);
  ASSERT_EQ(all.size(), 131u);
  EXPECT_EQ(all.front().id, "cert-bulk-1");
  EXPECT_EQ(all.back().id, "cert-web");
  for (const auto& c : all) EXPECT_TRUE(c.private_key.empty()) << c.id;
  const auto log = sim.admin("GET", "/requests?action=CertificateGetInstance");
  EXPECT_EQ(log["counters"]["CertificateGetInstance"].value("ok", 0), 2);  // 100 + 31
}

TEST_F(VolcengineIntegration, AFilterNarrowsAndTheKeyComesOnlyWhenAskedFor) {
  Client client = make_client(kCertificateCenter, simulator_volcengine_config(sim));
  CertificateFilters filters;
  filters.common_name = "www.example";
  const auto with_key = certificate_get_all(client, {}, filters, 10, true);
  ASSERT_EQ(with_key.size(), 1u);
  EXPECT_EQ(with_key[0].id, "cert-web");
  EXPECT_EQ(with_key[0].tag, "web");
  EXPECT_NE(with_key[0].private_key.value().find("PRIVATE KEY"), std::string::npos);
  ASSERT_FALSE(with_key[0].chain.empty());
  EXPECT_NE(with_key[0].chain[0].find("BEGIN CERTIFICATE"), std::string::npos);
}

TEST_F(VolcengineIntegration, AWrongSecretKeyIsRefusedWithCodeAndRequestId) {
  ClientConfig config = simulator_volcengine_config(sim);
  config.credentials.secret_key = "not-the-secret";
  Client client = make_client(kCertificateCenter, config, fast_backoff());
  const ApiError e = testing::error_of([&] { certificate_get_all(client, {}, {}, 10, false); });
  EXPECT_EQ(e.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_NE(error_advice(e.code(), e.action()).find("VOLCENGINE_SECRET_KEY"), std::string::npos);
  EXPECT_EQ(client.stats().attempts, 1);
}

TEST_F(VolcengineIntegration, InjectedThrottlingIsRetried) {
  sim.admin(
      "POST", "/faults",
      {{"rules",
        {{{"action", "CertificateGetInstance"}, {"code", "FlowLimitExceeded"}, {"count", 2}}}}});
  Client client = make_client(kCertificateCenter, simulator_volcengine_config(sim), fast_backoff());
  CertificateFilters filters;
  filters.instance_ids = {"cert-web"};
  EXPECT_EQ(certificate_get_all(client, {}, filters, 10, false).size(), 1u);
  EXPECT_EQ(client.stats().throttled_retries, 2);
}

TEST_F(VolcengineIntegration, TheClientKeepsBelowTheDocumentedTwentyPerSecond) {
  // 131 certificates in pages of 2: 66 requests in a burst, more than three seconds' worth at
  // the simulator's limit of 20 per second per access key. The client's limiter spaces them, so
  // the simulator never has to refuse one.
  Client client = make_client(kCertificateCenter, simulator_volcengine_config(sim));
  EXPECT_EQ(certificate_get_all(client, {}, {}, 2, false).size(), 131u);
  const auto log = sim.admin("GET", "/requests?action=CertificateGetInstance");
  const auto& counters = log["counters"]["CertificateGetInstance"];
  EXPECT_EQ(counters.value("ok", 0), 66);
  EXPECT_FALSE(counters.contains("errors") && counters["errors"].contains("FlowLimitExceeded"))
      << counters.dump();
  EXPECT_EQ(client.stats().throttled_retries, 0);
}

}  // namespace
}  // namespace cloudssl::api::volcengine
