// The upload's chain check (CheckCertificateChain) on the real CLI against cloudssl-sim: an
// upload whose CA the API does not trust, and a leaf without its intermediate, apply with a
// warning on certificate_pem naming the certificates the API read; a trusted, complete chain
// applies without one.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

namespace {

std::string upload_config(const std::string& pem, const std::string& key) {
  return "resource \"cloudssl_certificate\" \"c\" {\n  certificate_pem = " + certs::heredoc(pem) +
         "  private_key_pem = " + certs::heredoc(key) + "}\n";
}

std::vector<acc::Diagnostic> chain_warnings(const acc::CommandResult& apply) {
  std::vector<acc::Diagnostic> out;
  for (const auto& d : apply.diagnostics) {
    if (d.severity == "warning" && (d.summary.find("chain") != std::string::npos ||
                                    d.summary.find("trusted CA") != std::string::npos)) {
      out.push_back(d);
    }
  }
  return out;
}

acc::CommandResult apply_config(cloudssl::testing::SimulatorProcess& sim,
                                const std::string& config) {
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write_providers_tf();
  ws.write("main.tf", config);
  auto result = ws.terraform({"apply", "-auto-approve", "-input=false", "-json"});
  EXPECT_TRUE(result.ok()) << result.text();
  return result;
}

TEST(CertificateChainCheckAcceptance, UntrustedOrIncompleteChainsWarnOnCertificatePem) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  certs::Pki pki;
  const auto a = pki.leaf("a.example.com");
  const auto b = pki.leaf("b.example.com");

  // Trusted and complete: no chain warning.
  EXPECT_TRUE(chain_warnings(apply_config(sim, upload_config(a.chain, a.key))).empty());

  // The intermediate's issuer (the test root) is not trusted by the API.
  sim.admin("POST", "/tasks/config", {{"untrusted_issuers", {"cloudssl acceptance root"}}});
  auto untrusted = chain_warnings(apply_config(sim, upload_config(b.chain, b.key)));
  ASSERT_EQ(untrusted.size(), 1u);
  EXPECT_NE(untrusted[0].summary.find("not issued by a trusted CA"), std::string::npos);
  EXPECT_NE(untrusted[0].detail.find("\"b.example.com\" → \"cloudssl acceptance intermediate\""),
            std::string::npos)
      << untrusted[0].detail;
  EXPECT_NE(untrusted[0].snippet.find("certificate_pem"), std::string::npos)
      << untrusted[0].snippet;

  // The leaf without its intermediate: incomplete (a warning, the upload stands).
  sim.admin("POST", "/tasks/config", {{"untrusted_issuers", nlohmann::json::array()}});
  const auto c = pki.leaf("c.example.com");
  auto incomplete = chain_warnings(apply_config(sim, upload_config(c.cert, c.key)));
  ASSERT_EQ(incomplete.size(), 1u);
  EXPECT_NE(incomplete[0].summary.find("incomplete"), std::string::npos);
  EXPECT_NE(incomplete[0].detail.find("\"c.example.com\""), std::string::npos);
}

}  // namespace
