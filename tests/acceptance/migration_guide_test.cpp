// docs/guides/ssl-api-2-migration.md cannot rot: every ```hcl block of the guide, put together,
// is applied against cloudssl-sim with the real CLI, its outputs checked (the CertGetList
// replacement lists the seeded certificates, altDomain keeps the wildcard, withCert returns the
// PEM, CertUpload uploads), then an empty plan and a clean destroy. Also: nothing in the
// guide's HCL names the retired 2.0 host.
#include <gtest/gtest.h>

#include <regex>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> hcl_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  static const std::regex fence("```hcl\\n([\\s\\S]*?)```");
  for (std::sregex_iterator it(markdown.begin(), markdown.end(), fence), end; it != end; ++it) {
    blocks.push_back((*it)[1].str());
  }
  return blocks;
}

TEST(SslApi2MigrationGuide, EveryHclBlockWorksAgainstTheSimulator) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const std::string guide =
      certs::read_text(fs::path(CLOUDSSL_ACC_SOURCE_DIR) / "docs/guides/ssl-api-2-migration.md");
  const auto blocks = hcl_blocks(guide);
  ASSERT_GE(blocks.size(), 4u) << "the guide lost its HCL examples";
  std::string config;
  for (const auto& block : blocks) {
    EXPECT_EQ(block.find("qcloud.com"), std::string::npos) << "HCL names the retired host";
    config += block + "\n";
  }

  cloudssl::testing::SimulatorProcess sim;
  // What an account moving off 2.0 holds: two certificates the list must find, one it must not.
  sim.admin("POST", "/seed",
            {{"certificates",
              {{{"Generate", {{"Domain", "www.example.com"}, {"Days", 90}}}, {"Alias", "www"}},
               {{"Generate", {{"Domain", "*.example.com"}, {"Days", 90}}}, {"Alias", "wild"}},
               {{"Generate", {{"Domain", "other.example.org"}, {"Days", 90}}}}}}});
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write("main.tf", config);
  // The CertUpload example reads cert.pem/key.pem; a name the list's search key does not match,
  // so that the upload does not change the list between apply and the next plan.
  certs::Pki pki;
  const auto leaf = pki.leaf("moved.example.net");
  ws.write("cert.pem", leaf.chain);
  ws.write("key.pem", leaf.key);

  auto applied = ws.terraform({"apply", "-auto-approve", "-input=false"});
  ASSERT_TRUE(applied.ok()) << applied.text();
  auto out = ws.terraform({"output", "-json"});
  ASSERT_TRUE(out.ok()) << out.text();
  const auto outputs = nlohmann::json::parse(out.out);
  EXPECT_EQ(outputs["list_total"]["value"], 2) << out.out;
  EXPECT_EQ(outputs["list_ids"]["value"].size(), 2u);
  EXPECT_EQ(outputs["usable_for_alt_domain"]["value"].size(), 1u) << out.out;
  EXPECT_NE(outputs["one_certificate_pem"]["value"].get<std::string>().find("BEGIN CERTIFICATE"),
            std::string::npos);
  EXPECT_FALSE(outputs["uploaded_id"]["value"].get<std::string>().empty());

  auto replan = ws.terraform({"plan", "-detailed-exitcode", "-input=false"});
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
  auto destroyed = ws.terraform({"destroy", "-auto-approve", "-input=false"});
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
}

}  // namespace
