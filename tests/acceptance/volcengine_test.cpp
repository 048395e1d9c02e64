// cloudssl_volcengine_certificates and the ephemeral cloudssl_volcengine_certificate on the real
// CLI against cloudssl-sim (both clouds on one port): filters and automatic paging over more
// than 100 certificates with only Volcengine credentials set (Tencent's optional); the
// cross-cloud copy of examples/volcengine_certificate_copy (ephemeral key →
// cloudssl_certificate.private_key_wo) with the key in no state, plan JSON, output or provider
// trace log; missing Volcengine credentials, missing Tencent credentials, a wrong secret key,
// an X-Date outside the gateway's window (a skewed clock) and an out-of-range page_size, each
// a clear error.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;

namespace {

constexpr const char* kAll = "data.cloudssl_volcengine_certificates.all";
constexpr const char* kWeb = "data.cloudssl_volcengine_certificates.web";

std::map<std::string, std::string> volcengine_env(const std::string& endpoint) {
  return {{"VOLCENGINE_ENDPOINT", endpoint},
          {"VOLCENGINE_ACCESS_KEY", "AKLTCLOUDSSLSIMULATOR"},
          {"VOLCENGINE_SECRET_KEY", "cloudssl-sim-volcengine-secret"}};
}

std::map<std::string, std::string> both_env(const std::string& endpoint) {
  auto env = certs::simulator_env(endpoint);
  env.merge(volcengine_env(endpoint));
  return env;
}

// 130 bulk certificates expiring in 20 days and one for www.example.com (with `key`, when given).
void seed(cloudssl::testing::SimulatorProcess& sim, const certs::Leaf* web = nullptr) {
  nlohmann::json web_spec = {{"id", "cert-web"}, {"tag", "web"}, {"project_name", "default"}};
  if (web) {
    web_spec["chain"] = {web->chain};
    web_spec["private_key"] = web->key;
  } else {
    web_spec["Generate"] = {{"Domain", "www.example.com"}, {"Days", 90}};
  }
  sim.admin("POST", "/volcengine/certificates",
            {{"certificates",
              {{{"Count", 130},
                {"id", "cert-bulk-{n}"},
                {"tag", "bulk-{n}"},
                {"Generate", {{"Domain", "host{n}.example.org"}, {"Days", 20}}}},
               web_spec}}});
}

TEST(VolcengineAcceptance, FiltersAndPagingWithOnlyVolcengineCredentials) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto web = pki.leaf("www.example.com", {"www.example.com", "example.com"});
  seed(sim, &web);
  const std::string probe = certs::key_probe(web.key);

  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = volcengine_env(sim.endpoint());  // no TENCENTCLOUD_* at all
  tc.steps = {
      {.config = "provider \"cloudssl\" {\n  volcengine {}\n}\n"
                 "data \"cloudssl_volcengine_certificates\" \"all\" {\n  page_size = 50\n}\n"
                 "data \"cloudssl_volcengine_certificates\" \"web\" {\n"
                 "  common_name       = \"www.example\"\n"
                 "  certificate_valid = true\n"
                 "  project_name      = \"default\"\n}\n",
       .check =
           acc::all({acc::attr_equals(kAll, "total_count", "131"),
                     acc::attr_equals(kAll, "certificates.0.id", "cert-bulk-1"),
                     acc::attr_equals(kAll, "certificates.130.id", "cert-web"),
                     acc::attr_equals(kWeb, "total_count", "1"),
                     acc::attr_equals(kWeb, "certificates.0.id", "cert-web"),
                     acc::attr_equals(kWeb, "certificates.0.alias", "web"),
                     acc::attr_equals(kWeb, "certificates.0.domain", "www.example.com"),
                     acc::attr_json(kWeb, "certificates.0.subject_alt_names",
                                    nlohmann::json::array({"www.example.com", "example.com"})),
                     acc::attr_matches(kWeb, "certificates.0.certificate_pem", "BEGIN CERTIFICATE"),
                     acc::attr_matches(kWeb, "certificates.0.not_after", "^\\d{4}-\\d\\d-\\d\\dT"),
                     acc::state_lacks(probe), acc::state_lacks("PRIVATE KEY")})},
  };
  acc::run(tc);
}

TEST(VolcengineAcceptance, CrossCloudCopyKeepsTheKeyOutOfStatePlanOutputsAndLogs) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto web = pki.leaf("www.example.com");
  seed(sim, &web);
  const std::string probe = certs::key_probe(web.key);

  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = both_env(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.write_required_providers = false;  // the example's terraform.tf declares them
  tc.files_from = certs::example_dir("volcengine_certificate_copy");
  const std::string example = certs::example_text("volcengine_certificate_copy/main.tf");
  tc.steps = {
      {.config = example,
       .plan_check = acc::plan_lacks(probe),
       .check =
           acc::all({acc::state_lacks(probe), acc::attr_set("cloudssl_certificate.copy", "id"),
                     acc::attr_equals("cloudssl_certificate.copy", "domain", "www.example.com"),
                     acc::attr_equals("cloudssl_certificate.copy", "alias", "copy of cert-web"),
                     [&](const acc::State& s) {
                       // Tencent's side holds the certificate with the key it belongs to.
                       const auto id = s.text("cloudssl_certificate.copy", "id").value_or("");
                       const auto held = sim.admin("GET", "/certificates/" + id);
                       EXPECT_TRUE(held.value("has_private_key", false)) << held.dump();
                     }})},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    // Every file the run wrote: configuration, plans, state, command outputs (outputs
    // included), provider trace logs. The key was never in the configuration.
    auto hits = certs::files_containing(ctx.dir(), probe, [](const fs::path&) { return true; });
    EXPECT_TRUE(hits.empty()) << "private key found in: " << (hits.empty() ? "" : hits.front());
    EXPECT_TRUE(certs::wrote_provider_log(ctx.dir()))
        << "no provider log was written (TF_LOG_PROVIDER=trace)";
  };
  acc::run(tc);
}

TEST(VolcengineAcceptance, TheDataSourceExampleListsWhatExpiresWithin30Days) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  seed(sim);  // 130 expire in 20 days, www.example.com in 90
  acc::Workspace ws({acc::cloudssl_provider()}, acc::Installation::DevOverrides,
                    volcengine_env(sim.endpoint()));
  ws.copy_files(certs::example_dir("data-sources/volcengine_certificates"));
  auto applied = ws.terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(applied.ok()) << applied.text();
  auto out = ws.terraform({"output", "-json"});
  ASSERT_TRUE(out.ok()) << out.text();
  const auto expiring = nlohmann::json::parse(out.out)["expiring"]["value"];
  ASSERT_EQ(expiring.size(), 130u) << out.out;
  EXPECT_EQ(expiring[0].get<std::string>().rfind("cert-bulk-1 host1.example.org 20", 0), 0u)
      << expiring[0];
  auto replan = ws.terraform({"plan", "-detailed-exitcode", "-input=false"});
  EXPECT_EQ(replan.exit_code, 0) << replan.text();
}

TEST(VolcengineAcceptance, MissingOrWrongCredentialsAndBadArgumentsAreClearErrors) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  seed(sim);
  const std::string volcengine_data =
      "data \"cloudssl_volcengine_certificates\" \"all\" {\n  page_size = 10\n}\n";

  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = {};
  tc.steps = {
      // Only Tencent's credentials: the Volcengine data source names the variables to set.
      {.config = volcengine_data,
       .plan_only = true,
       .expect_error = acc::error_like("VOLCENGINE_ACCESS_KEY.*VOLCENGINE_SECRET_KEY"),
       .env = certs::simulator_env(sim.endpoint())},
      // Only Volcengine's: a Tencent data source names Tencent's.
      {.config = "data \"cloudssl_certificates\" \"all\" {}\n",
       .plan_only = true,
       .expect_error = acc::error_like("TENCENTCLOUD_SECRET_ID.*TENCENTCLOUD_SECRET_KEY"),
       .env = volcengine_env(sim.endpoint())},
      // A wrong secret key: the API's code, its request id, and what to check.
      {.config = volcengine_data,
       .plan_only = true,
       .expect_error =
           acc::error_like("SignatureDoesNotMatch.*RequestId: \\w+.*VOLCENGINE_SECRET_KEY"),
       .env =
           [&] {
             auto env = volcengine_env(sim.endpoint());
             env["VOLCENGINE_SECRET_KEY"] = "not-the-secret";
             return env;
           }()},
      // This machine's clock 20 minutes behind the gateway's (the simulator's signature clock
      // skewed): X-Date is outside the window, the request is signed again once with a fresh
      // X-Date (still outside it), and the error names the code, the request id and the clock.
      {.config = volcengine_data,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("DELETE", "/requests");
             sim.admin("POST", "/clock", {{"signature_skew_seconds", 20 * 60}});
           },
       .plan_only = true,
       .expect_error = acc::error_like("InvalidTimestamp.*RequestId: \\w+.*machine's clock"),
       .env = volcengine_env(sim.endpoint())},
      // The clocks agree again: the same configuration reads, after exactly two refused
      // attempts above (the first and its one re-signed retry).
      {.config = volcengine_data,
       .pre_step =
           [&](const acc::StepContext&) {
             const auto refused =
                 sim.admin("GET", "/requests?action=CertificateGetInstance")["log"];
             EXPECT_EQ(refused.size(), 2u) << refused.dump();
             for (const auto& e : refused) EXPECT_EQ(e["code"], "InvalidTimestamp") << e.dump();
             sim.admin("POST", "/clock", {{"signature_skew_seconds", 0}});
           },
       .plan_only = true,
       .env = volcengine_env(sim.endpoint())},
      // Out of range at plan time, on the attribute.
      {.config = "data \"cloudssl_volcengine_certificates\" \"all\" {\n  page_size = 101\n}\n",
       .plan_only = true,
       .expect_error = acc::error_like("between 1 and 100", "page_size"),
       .env = volcengine_env(sim.endpoint())},
      {.config = "data \"cloudssl_volcengine_certificates\" \"all\" {\n  type = \"xv\"\n}\n",
       .plan_only = true,
       .expect_error = acc::error_like("type must be one of dv, ov, ev", "type"),
       .env = volcengine_env(sim.endpoint())},
  };
  acc::run(tc);
}

}  // namespace
