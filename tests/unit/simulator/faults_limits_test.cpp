// Rate limits, fault injection and the request counters/log of the admin endpoint.
#include <chrono>

#include "simulator/rate_limiter.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using FaultTest = SimTest;

TEST_F(FaultTest, RateLimitAnswersLimitExceededBeyondTheDocumentedRate) {
  SimulatorOptions o = quiet_options();
  o.rate_limits = true;
  start(o);
  // The bucket holds 10 tokens and refills 10/s: the first 10 calls pass, and a run of fast
  // calls reaches the limit long before 200 (bounded by count, not by time).
  int limited = 0, ok = 0;
  for (int i = 0; i < 200 && limited == 0; ++i) {
    const std::string code = client.call("DescribeCertificates", {}).code();
    if (code == "LimitExceeded.RateLimitExceeded")
      ++limited;
    else if (code.empty())
      ++ok;
  }
  EXPECT_GE(ok, 10);
  EXPECT_EQ(limited, 1);
  // Limits are per action: another action is unaffected.
  EXPECT_EQ(client.call("DescribeHostDeployRecord", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");
  server->admin("POST", "/rate-limits", {{"enabled", false}});
  for (int i = 0; i < 30; ++i) EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
}

TEST_F(FaultTest, AdminOverridesALimit) {
  SimulatorOptions o = quiet_options();
  o.rate_limits = true;
  start(o);
  server->admin("POST", "/rate-limits", {{"limits", {{"DescribeCertificates", 1}}}});
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "LimitExceeded.RateLimitExceeded");
}

TEST_F(FaultTest, InjectedErrorCodeFiresCountTimes) {
  server->admin(
      "POST", "/faults",
      {{"rules", {{{"action", "DescribeCertificates"}, {"code", "InternalError"}, {"count", 2}}}}});
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "InternalError");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "InternalError");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
  EXPECT_EQ(client.call("DescribeHostDeployRecord", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");
}

TEST_F(FaultTest, InjectedHttp5xxAndDroppedConnection) {
  server->admin("POST", "/faults",
                {{"rules",
                  {{{"action", "*"}, {"http_status", 503}, {"count", 1}},
                   {{"action", "DescribeCertificate"}, {"drop", true}, {"count", 1}}}}});
  Reply r = client.call("DescribeCertificates", {});
  EXPECT_EQ(r.http_status, 503);
  r = client.call("DescribeCertificate", {{"CertificateId", "Nope1234"}});
  EXPECT_EQ(r.http_status, 0);  // no complete HTTP answer
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");
  server->admin("DELETE", "/faults");
  EXPECT_TRUE(server->admin("GET", "/faults")["rules"].empty());
}

// Limits are per API + access region + sub-account (the seed's 接口频率限制维度): the same
// action through another regional endpoint host has its own budget.
TEST_F(FaultTest, RateLimitsAreKeyedByActionAccessRegionAndAccount) {
  SimulatorOptions o = quiet_options();
  o.rate_limits = true;
  start(o);
  server->admin("POST", "/rate-limits", {{"limits", {{"DescribeCertificates", 1}}}});
  SendOptions guangzhou, shanghai;
  guangzhou.host = "ssl.ap-guangzhou.tencentcloudapi.com";
  shanghai.host = "ssl.ap-shanghai.tencentcloudapi.com";
  EXPECT_EQ(client.call("DescribeCertificates", {}, guangzhou).code(), "");
  EXPECT_EQ(client.call("DescribeCertificates", {}, guangzhou).code(),
            "LimitExceeded.RateLimitExceeded");
  EXPECT_EQ(client.call("DescribeCertificates", {}, shanghai).code(), "");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");  // nearest-region host
  EXPECT_EQ(RateLimiter::access_region("ssl.ap-guangzhou.tencentcloudapi.com:443"), "ap-guangzhou");
  EXPECT_EQ(RateLimiter::access_region("ssl.tencentcloudapi.com"), "");
  EXPECT_EQ(RateLimiter::access_region("127.0.0.1:8080"), "");
}

// "Processed, reply lost": the action runs, then the connection drops.
TEST_F(FaultTest, DropReplyRunsTheActionThenDropsTheConnection) {
  server->admin(
      "POST", "/faults",
      {{"rules", {{{"action", "UploadCertificate"}, {"drop_reply", true}, {"count", 1}}}}});
  const Pem pem = make_pem("lost.example.com");
  Reply r = client.call("UploadCertificate",
                        {{"CertificatePublicKey", pem.cert}, {"CertificatePrivateKey", pem.key}});
  EXPECT_EQ(r.http_status, 0);
  auto listed = client.ok("DescribeCertificates", {{"SearchKey", "lost.example.com"}});
  EXPECT_EQ(listed["TotalCount"], 1) << "the dropped upload was not processed";
}

// "Processed, then an error": the action runs, then the code answers.
TEST_F(FaultTest, CodeAfterRunRunsTheActionThenAnswersTheCode) {
  server->admin("POST", "/faults",
                {{"rules",
                  {{{"action", "UploadCertificate"},
                    {"code", "InternalError"},
                    {"code_after_run", true},
                    {"count", 1}}}}});
  const Pem pem = make_pem("acted.example.com");
  Reply r = client.call("UploadCertificate",
                        {{"CertificatePublicKey", pem.cert}, {"CertificatePrivateKey", pem.key}});
  EXPECT_EQ(r.code(), "InternalError");
  auto listed = client.ok("DescribeCertificates", {{"SearchKey", "acted.example.com"}});
  EXPECT_EQ(listed["TotalCount"], 1) << "the upload answered with an error did not run";
}

// A fault rule's settings patch applies when it fires (a console change at that moment).
TEST_F(FaultTest, FaultRuleSettingsApplyWhenTheRuleFires) {
  server->admin("POST", "/faults",
                {{"rules",
                  {{{"action", "DescribeCertificates"},
                    {"count", 1},
                    {"settings", {{"service_role", false}}}}}}});
  client.ok("DescribeCertificates", {});
  const std::string id = upload(make_pem("role.example.com"));
  EXPECT_EQ(
      client.call("DeleteCertificate", {{"CertificateId", id}, {"IsCheckResource", true}}).code(),
      "FailedOperation.RoleNotFoundAuthorization");
}

// A fault rule's certificate patches apply just after the action ran (another client's change
// landing between two calls): the action's own answer shows the certificate as it was, the next
// call shows the change.
TEST_F(FaultTest, FaultRuleCertificatePatchesApplyAfterTheActionRan) {
  const std::string id = upload(make_pem("patched.example.com"));
  server->admin("POST", "/faults",
                {{"rules",
                  {{{"action", "DescribeCertificateDetail"},
                    {"count", 1},
                    {"certificate_patches", {{id, {{"Alias", "changed"}}}}}}}}});
  EXPECT_NE(client.ok("DescribeCertificateDetail", {{"CertificateId", id}})["Alias"], "changed");
  EXPECT_EQ(client.ok("DescribeCertificateDetail", {{"CertificateId", id}})["Alias"], "changed");
}

// A fault rule's certificate patches are checked when the rules are set: one that does not apply
// (an unknown member, a value of the wrong type, not an object) answers 400 and keeps the rules
// set before, instead of failing only when the rule fires.
TEST_F(FaultTest, FaultRuleCertificatePatchesThatDoNotApplyAreRefusedWhenSet) {
  server->admin("POST", "/faults", {{"rules", {{{"action", "DescribeCertificates"}}}}});
  for (const nlohmann::json& patches :
       {nlohmann::json{{"abc", {{"Nope", 1}}}}, nlohmann::json{{"abc", {{"Status", "six"}}}},
        nlohmann::json{{"abc", 6}}, nlohmann::json::array()}) {
    const nlohmann::json body = {
        {"rules", {{{"action", "DescribeCertificate"}, {"certificate_patches", patches}}}}};
    const HttpReply reply = server->simulator().handle_admin("POST", "/faults", {}, body.dump());
    EXPECT_EQ(reply.status, 400) << patches.dump() << ": " << reply.body;
    const auto rules = server->admin("GET", "/faults").at("rules");
    ASSERT_EQ(rules.size(), 1u) << rules.dump();
    EXPECT_EQ(rules[0].value("action", ""), "DescribeCertificates");
  }
  EXPECT_NE(server->simulator()
                .handle_admin("POST", "/faults", {},
                              R"({"rules": [{"certificate_patches": {"abc": {"Nope": 1}}}]})")
                .body.find("Nope"),
            std::string::npos);
  // A patch that applies is taken.
  server->admin("POST", "/faults",
                {{"rules", {{{"certificate_patches", {{"abc", {{"Status", 6}}}}}}}}});
}

// A rule's `skip` lets the first requests of its action pass: it fires from the next one.
TEST_F(FaultTest, FaultRuleSkipLetsTheFirstRequestsPass) {
  server->admin("POST", "/faults",
                {{"rules",
                  {{{"action", "DescribeCertificates"},
                    {"code", "InternalError"},
                    {"skip", 2},
                    {"count", 1}}}}});
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
  EXPECT_EQ(client.call("DescribeCertificateDetail", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");  // another action: not counted
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "InternalError");
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
}

// The API's documented errors for an unknown Region and a negative ProjectId.
TEST_F(FaultTest, UnknownRegionAndNegativeProjectIdGetTheDocumentedErrors) {
  SendOptions mars;
  mars.region = "mars-olympus-1";
  EXPECT_EQ(client.call("DescribeCertificates", {}, mars).code(), "UnsupportedRegion");
  SendOptions shanghai;
  shanghai.region = "ap-shanghai";
  EXPECT_EQ(client.call("DescribeCertificates", {}, shanghai).code(), "");
  const Pem pem = make_pem("proj.example.com");
  EXPECT_EQ(client
                .call("UploadCertificate", {{"CertificatePublicKey", pem.cert},
                                            {"CertificatePrivateKey", pem.key},
                                            {"ProjectId", -1}})
                .code(),
            "InvalidParameterValue");
  EXPECT_EQ(client
                .call("ModifyCertificateProject",
                      {{"CertificateIdList", {"Nope1234"}}, {"ProjectId", -5}})
                .code(),
            "InvalidParameterValue");
}

TEST_F(FaultTest, InjectedLatencyDelaysTheAnswer) {
  server->admin(
      "POST", "/faults",
      {{"rules", {{{"action", "DescribeCertificates"}, {"latency_ms", 150}, {"count", 1}}}}});
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(150));
}

TEST_F(FaultTest, ProbabilisticFaultsAreSeededAndRoughlyAtTheRate) {
  server->admin(
      "POST", "/faults",
      {{"rules",
        {{{"action", "DescribeCertificates"}, {"code", "RequestLimitExceeded"}, {"rate", 0.5}}}}});
  int errors = 0;
  for (int i = 0; i < 200; ++i)
    errors += client.call("DescribeCertificates", {}).code().empty() ? 0 : 1;
  EXPECT_GT(errors, 50);
  EXPECT_LT(errors, 150);
}

TEST_F(FaultTest, RequestCountersAndLog) {
  server->admin("DELETE", "/requests");
  client.call("DescribeCertificates", {});
  client.call("DescribeCertificate", {{"CertificateId", "Nope1234"}});
  SendOptions bad;
  bad.secret_key = "wrong";
  client.call("DescribeCertificates", {}, bad);
  auto all = server->admin("GET", "/requests");
  EXPECT_EQ(all["counters"]["DescribeCertificates"]["total"], 2);
  EXPECT_EQ(all["counters"]["DescribeCertificates"]["ok"], 1);
  EXPECT_EQ(all["counters"]["DescribeCertificates"]["errors"]["AuthFailure.SignatureFailure"], 1);
  EXPECT_EQ(all["counters"]["DescribeCertificate"]["errors"]["FailedOperation.CertificateNotFound"],
            1);
  ASSERT_EQ(all["log"].size(), 3u);
  EXPECT_FALSE(all["log"][0]["request_id"].get<std::string>().empty());
}

}  // namespace
}  // namespace cloudssl::sim::test
