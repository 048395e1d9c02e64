// `terraform plan -generate-config-out` on every importable resource type, through the real
// CLI against cloudssl-sim: an import block alone makes Terraform write the configuration from
// the imported object, and that configuration must plan cleanly as a pure import (attributes
// users cannot set are Computed only, so they are never written into it).
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/deployment_helpers.h"
#include "tests/acceptance/harness/acceptance.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
namespace {

acc::Step generate_config(std::string address, std::vector<std::string> ignore = {}) {
  return acc::import_step(std::move(address),
                          {.mode = acc::ImportMode::GenerateConfig, .ignore = std::move(ignore)});
}

}  // namespace

TEST(GenerateConfigAcceptance, Certificate) {
  REQUIRE_CLOUDSSL_AND_SIM();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("www.example.com");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.steps = {
      {.config = "resource \"cloudssl_certificate\" \"c\" {\n  certificate_pem = " +
                 certs::heredoc(leaf.chain) + "  private_key_wo = " + certs::heredoc(leaf.key) +
                 "  alias = \"web\"\n  tags = { env = \"test\" }\n}\n"},
      generate_config("cloudssl_certificate.c"),
  };
  acc::run(tc);
}

TEST(GenerateConfigAcceptance, FreeCertificateAndValidation) {
  REQUIRE_CLOUDSSL_AND_SIM();
  cloudssl::testing::SimulatorProcess sim;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  const std::string config =
      "resource \"cloudssl_free_certificate\" \"f\" {\n"
      "  domain = \"gen.example.com\"\n  dv_auth_method = \"DNS_AUTO\"\n  alias = \"gen\"\n}\n"
      "resource \"cloudssl_certificate_validation\" \"v\" {\n"
      "  certificate_id = cloudssl_free_certificate.f.id\n}\n";
  tc.steps = {
      {.config = config},
      // Refresh records the issuance the validation waited for.
      {.config = config},
      // The API no longer returns the validation records of an issued certificate.
      generate_config("cloudssl_free_certificate.f", {"dv_auths"}),
      generate_config("cloudssl_certificate_validation.v"),
  };
  acc::run(tc);
}

TEST(GenerateConfigAcceptance, HostingConfig) {
  REQUIRE_CLOUDSSL_AND_SIM();
  cloudssl::deployment_testing::DeploySim sim;
  // Hosting fields the API reports, so the imported object has values for every read-only
  // attribute (they were written into generated configuration before they became Computed
  // only, and the provider then rejected them).
  sim.admin("POST", "/certificates/OLDCERT1",
            {{"HostingStatus", 10},
             {"HostingResourceTypes", {"clb", "cdn"}},
             {"HostingConfig",
              {{"ReplaceTime", 30},
               {"MessageTypes", {0, 1}},
               {"ReplaceStartTime", "01:00:00"},
               {"ReplaceEndTime", "05:00:00"}}}});
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = "resource \"cloudssl_hosting_config\" \"h\" {\n"
                 "  certificate_id = \"OLDCERT1\"\n"
                 "  ignore_expiring_notifications = true\n}\n",
       .check = acc::all(
           {acc::attr_json("cloudssl_hosting_config.h", "hosting_resource_types",
                           nlohmann::json::array({"clb", "cdn"})),
            acc::attr_equals("cloudssl_hosting_config.h", "hosting_config.replace_time", "30")})},
      generate_config("cloudssl_hosting_config.h"),
  };
  acc::run(tc);
}
#else
TEST(GenerateConfigAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
