// Every certificate example in examples/ works as written: apply against cloudssl-sim with the
// real CLI, an empty plan after it, and a clean destroy.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;

namespace {

// Copies the example's files into a fresh workspace, then apply / re-plan / destroy.
void run_example(const std::string& example, const std::vector<std::string>& extra_args = {},
                 const std::function<void(const acc::Workspace&)>& prepare = {}) {
  cloudssl::testing::SimulatorProcess sim;
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  const fs::path source = certs::example_dir(example);
  ASSERT_TRUE(fs::exists(source / "main.tf")) << source;
  ws.copy_files(source);
  if (prepare) prepare(ws);

  std::vector<std::string> apply = {"apply", "-auto-approve", "-input=false"};
  apply.insert(apply.end(), extra_args.begin(), extra_args.end());
  auto applied = ws.terraform(apply);
  ASSERT_TRUE(applied.ok()) << applied.text();

  std::vector<std::string> plan = {"plan", "-detailed-exitcode", "-input=false"};
  plan.insert(plan.end(), extra_args.begin(), extra_args.end());
  auto replan = ws.terraform(plan);
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();

  std::vector<std::string> destroy = {"destroy", "-auto-approve", "-input=false"};
  destroy.insert(destroy.end(), extra_args.begin(), extra_args.end());
  auto destroyed = ws.terraform(destroy);
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
}

}  // namespace

TEST(CertificateExamples, Certificate) {
  CLOUDSSL_REQUIRE_PROVIDER();
  run_example("certificate", {}, [](const acc::Workspace& ws) {
    std::string command = "cd '" + ws.dir().string() + "' && ./make-test-certificate.sh >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
  });
}

TEST(CertificateExamples, FreeCertificate) {
  CLOUDSSL_REQUIRE_PROVIDER();
  run_example("free_certificate");
}

TEST(CertificateExamples, CertificateValidationWithOwnDnsRecords) {
  CLOUDSSL_REQUIRE_PROVIDER();
  run_example("certificate_validation");
}

TEST(CertificateExamples, CertificatesDataSource) {
  CLOUDSSL_REQUIRE_PROVIDER();
  run_example("data-sources/certificates");
}

TEST(CertificateExamples, CertificateDataSource) {
  CLOUDSSL_REQUIRE_PROVIDER();
  // The example looks up an existing certificate: the simulator makes one.
  cloudssl::testing::SimulatorProcess sim;
  nlohmann::json certificate = {{"Generate", {{"Domain", "www.example.com"}, {"Days", 90}}},
                                {"Alias", "existing"}};
  nlohmann::json seed = {{"certificates", nlohmann::json::array({certificate})}};
  auto seeded = sim.admin("POST", "/seed", seed);
  const std::string id = seeded["certificates"][0].get<std::string>();
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("data-sources/certificate"));
  auto applied =
      ws.terraform({"apply", "-auto-approve", "-input=false", "-var", "certificate_id=" + id});
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_NE(applied.out.find("www.example.com"), std::string::npos) << applied.text();
}

TEST(CertificateExamples, HostingConfigShowsHostableAndTheUploadedRenewalFlag) {
  CLOUDSSL_REQUIRE_PROVIDER();
  // The example manages the hosting of an existing certificate: the simulator makes an issued
  // server certificate (hostable), marked as the renewal uploaded for a hosted one.
  cloudssl::testing::SimulatorProcess sim;
  const std::string id = sim.seed_certificate(
      {{"Generate", {{"Domain", "hosted.example.com"}, {"Days", 90}}}, {"CertificateType", "SVR"}});
  sim.admin("POST", "/certificates/" + id, {{"IsHostingUploadRenewCert", true}});
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("hosting_config"));
  const std::vector<std::string> var = {"-var", "certificate_id=" + id};
  const auto with_var = [&](std::vector<std::string> args) {
    args.insert(args.end(), var.begin(), var.end());
    return args;
  };

  auto applied = ws.terraform(with_var({"apply", "-auto-approve", "-input=false"}));
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_EQ(applied.out.find("cannot be hosted"), std::string::npos) << applied.text();
  auto output = ws.terraform({"output", "-json", "hosting"});
  ASSERT_TRUE(output.ok()) << output.text();
  const nlohmann::json hosting = nlohmann::json::parse(output.out);
  EXPECT_EQ(hosting.at("hostable"), true) << hosting.dump();
  EXPECT_EQ(hosting.at("uploaded"), true) << hosting.dump();
  EXPECT_EQ(hosting.at("status"), -1) << hosting.dump();  // not hosted
  EXPECT_EQ(hosting.at("renewal"), "") << hosting.dump();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("is_ignore", false),
            true);  // reminders silenced

  auto replan = ws.terraform(with_var({"plan", "-detailed-exitcode", "-input=false"}));
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();

  auto destroyed = ws.terraform(with_var({"destroy", "-auto-approve", "-input=false"}));
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("is_ignore", true),
            false);  // turned back on
}
