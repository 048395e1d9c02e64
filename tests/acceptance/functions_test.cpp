// provider::cloudssl::parse_certificate and expires_within through the real terraform CLI
// (Terraform >= 1.8): results in outputs and in a resource argument agree with what
// cloudssl_certificate computes for the same PEM, they need no credentials, and bad arguments
// fail the plan with the argument named.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

namespace {

std::string output(const acc::State& s, const char* name) {
  return s.json()["values"]["outputs"][name]["value"].dump();
}

}  // namespace

TEST(FunctionsAcceptance, ParseCertificateAgreesWithTheResourceAndFeedsArguments) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("fn.example.com", {"fn.example.com", "www.fn.example.com"}, -1, 10);
  const std::string config =
      "locals {\n  pem = " + certs::heredoc(leaf.chain) +
      "}\n"
      "resource \"cloudssl_certificate\" \"c\" {\n"
      "  certificate_pem = local.pem\n"
      "  private_key_pem = " +
      certs::heredoc(leaf.key) +
      "  alias           = \"from-${provider::cloudssl::parse_certificate(local.pem).domain}\"\n"
      "}\n"
      "output \"facts\" {\n  value = provider::cloudssl::parse_certificate(local.pem)\n}\n"
      "output \"soon\" {\n  value = provider::cloudssl::expires_within(local.pem, \"720h\")\n}\n"
      "output \"not_yet\" {\n  value = provider::cloudssl::expires_within(local.pem, \"1h\")\n}\n";

  acc::TestCase tc;
  tc.min_version = acc::kFunctions;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = certs::simulator_env(sim.endpoint());
  tc.steps = {{
      .config = config,
      .plan_check = acc::expect_known("cloudssl_certificate.c", "alias", "from-fn.example.com"),
      .check =
          [](const acc::State& s) {
            const auto& facts = s.json()["values"]["outputs"]["facts"]["value"];
            const auto* resource = s.resource("cloudssl_certificate.c");
            ASSERT_TRUE(resource);
            EXPECT_EQ(facts["domain"], "fn.example.com");
            EXPECT_EQ(facts["common_name"], "fn.example.com");
            EXPECT_EQ(facts["subject_alt_names"],
                      nlohmann::json::array({"fn.example.com", "www.fn.example.com"}));
            EXPECT_EQ(facts["fingerprint_sha256"], (*resource)["fingerprint_sha256"]);
            EXPECT_EQ(facts["not_after"], (*resource)["not_after"]);
            EXPECT_EQ(facts["key_algorithm"], (*resource)["key_algorithm"]);
            // The test CA's serial file starts at 1000: the intermediate, then this leaf.
            EXPECT_EQ(facts["serial_number"], "1001");
            EXPECT_EQ(facts["chain_length"], 2);
            EXPECT_EQ(facts["is_ca"], false);
            EXPECT_NE(facts["issuer"].get<std::string>().find("intermediate"), std::string::npos);
            EXPECT_EQ((*resource)["alias"], "from-fn.example.com");
            EXPECT_EQ(output(s, "soon"), "true");      // valid 10 days: within 30
            EXPECT_EQ(output(s, "not_yet"), "false");  // but not within the hour
          },
  }};
  acc::run(tc);
}

TEST(FunctionsAcceptance, NeedNoCredentialsAndNameTheBadArgument) {
  CLOUDSSL_REQUIRE_PROVIDER();
  certs::Pki pki;
  const auto leaf = pki.leaf("nocreds.example.com");
  const std::string pem_local = "locals {\n  pem = " + certs::heredoc(leaf.cert) + "}\n";
  acc::TestCase tc;
  tc.min_version = acc::kFunctions;
  tc.providers = {acc::cloudssl_provider()};
  // No credentials and no endpoint at all: functions must not need them.
  tc.env = {{"TENCENTCLOUD_SECRET_ID", ""}, {"TENCENTCLOUD_SECRET_KEY", ""}};
  tc.steps = {
      {.config = pem_local +
                 "output \"domain\" {\n"
                 "  value = provider::cloudssl::parse_certificate(local.pem).domain\n}\n",
       .check =
           [](const acc::State& s) { EXPECT_EQ(output(s, "domain"), "\"nocreds.example.com\""); }},
      // Terraform names the parameter when the error carries CallFunction's
      // function_argument: "Invalid value for "<name>" parameter".
      acc::plan_error_step(
          "output \"bad\" {\n"
          "  value = provider::cloudssl::parse_certificate(\"not a certificate\")\n}\n",
          "Invalid value for \"pem\" parameter: pem is not a usable certificate"),
      acc::plan_error_step(
          pem_local + "output \"bad\" {\n"
                      "  value = provider::cloudssl::expires_within(local.pem, \"30d\")\n}\n",
          "Invalid value for \"duration\" parameter: duration \"30d\" is not a non-negative Go "
          "duration"),
      acc::plan_error_step(
          "output \"bad\" {\n"
          "  value = provider::cloudssl::expires_within(\"not a certificate\", \"1h\")\n}\n",
          "Invalid value for \"pem\" parameter: pem is not a usable certificate"),
  };
  acc::run(tc);
}

TEST(FunctionsAcceptance, ExampleAppliesWithoutCredentials) {
  CLOUDSSL_REQUIRE_PROVIDER();
  if (auto reason = acc::skip_reason(acc::kFunctions)) GTEST_SKIP() << *reason;
  acc::Workspace ws({acc::cloudssl_provider()}, acc::Installation::DevOverrides, {});
  ws.copy_files(certs::example_dir("functions"));
  // The example uses the certificate example's script, as its comment says.
  ws.write("make-test-certificate.sh", certs::example_text("certificate/make-test-certificate.sh"));
  std::filesystem::permissions(ws.dir() / "make-test-certificate.sh",
                               std::filesystem::perms::owner_all);
  const std::string command =
      "cd '" + ws.dir().string() + "' && ./make-test-certificate.sh fn.example.org >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto applied = ws.terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_NE(applied.out.find("domain = \"fn.example.org\""), std::string::npos) << applied.text();
  // The throw-away certificate is valid 90 days: not within 30, so the check passes quietly.
  EXPECT_NE(applied.out.find("expires_within_30_days = false"), std::string::npos)
      << applied.text();
  EXPECT_EQ(applied.text().find("certificate_lifetime"), std::string::npos) << applied.text();
  auto replan = ws.terraform({"plan", "-detailed-exitcode", "-input=false"});
  EXPECT_EQ(replan.exit_code, 0) << replan.text();
}
