// Documented constraints are plan-time errors on their attribute, through the real terraform
// CLI (issue 15: empty ids, fractional and out-of-range integers, the free certificate's
// domain and validity, a replacement without resource types, max_retries, data source
// statuses, tag keys, rotate_in_place without regions). Each step is a plan that must fail
// before any API call; none of these configurations planned with an error before.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

namespace {

acc::Step refused(std::string config, std::string pattern, std::string attribute) {
  return acc::plan_error_step(std::move(config), std::move(pattern), std::move(attribute));
}

std::string certificate(const certs::Leaf& leaf, const std::string& extra) {
  return "resource \"cloudssl_certificate\" \"c\" {\n  certificate_pem = " +
         certs::heredoc(leaf.chain) + "  private_key_pem = " + certs::heredoc(leaf.key) + extra +
         "}\n";
}

std::string free_certificate(const std::string& extra) {
  return "resource \"cloudssl_free_certificate\" \"f\" {\n  dv_auth_method = \"DNS\"\n" + extra +
         "}\n";
}

}  // namespace

TEST(PlanTimeChecks, ConstraintsAreErrorsOnTheirAttributeBeforeAnyCall) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("checks.example.com");

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      // Empty ids: resources and data sources.
      refused("resource \"cloudssl_certificate_deployment\" \"d\" {\n  certificate_id = \"\"\n"
              "  region = \"ap-guangzhou\"\n"
              "  clb {\n    load_balancer_id = \"lb-1\"\n    listener_id = \"lbl-1\"\n  }\n}\n",
              "must not be empty", "certificate_id"),
      refused("resource \"cloudssl_certificate_validation\" \"v\" {\n  certificate_id = \"\"\n}\n",
              "must not be empty", "certificate_id"),
      refused("resource \"cloudssl_certificate_replacement\" \"r\" {\n"
              "  old_certificate_id = \"\"\n  certificate_id = \"NEW1\"\n"
              "  resource_types = [\"cdn\"]\n}\n",
              "must not be empty", "old_certificate_id"),
      refused("resource \"cloudssl_hosting_config\" \"h\" {\n  certificate_id = \"\"\n}\n",
              "must not be empty", "certificate_id"),
      refused("data \"cloudssl_certificate\" \"c\" {\n  id = \"\"\n}\n", "must not be empty", "id"),
      refused("data \"cloudssl_deploy_records\" \"r\" {\n  certificate_id = \"\"\n}\n",
              "must not be empty", "certificate_id"),
      // Integers: fractions and values beyond int64 never reach the API.
      refused(certificate(leaf, "  project_id = 1.5\n"), "whole number", "project_id"),
      refused(certificate(leaf, "  project_id = 1e30\n"), "whole number", "project_id"),
      refused(certificate(leaf, "  project_id = -1\n"), "at least 0", "project_id"),
      refused(free_certificate("  domain = \"www.example.com\"\n  validity_period = 12\n"),
              "one of 3", "validity_period"),
      refused("data \"cloudssl_certificates\" \"all\" {\n  statuses = [1, 99]\n}\n", "from 0 to 15",
              "statuses"),
      refused("provider \"cloudssl\" {\n  max_retries = 1e12\n}\n"
              "data \"cloudssl_certificates\" \"all\" {}\n",
              "from 0 to 1000", "max_retries"),
      // The free certificate's domain.
      refused(free_certificate("  domain = \"\"\n"), "host name", "domain"),
      refused(free_certificate("  domain = \"bad domain!\"\n"), "host name", "domain"),
      // A replacement of nothing.
      refused("resource \"cloudssl_certificate_replacement\" \"r\" {\n"
              "  old_certificate_id = \"OLD1\"\n  certificate_id = \"NEW1\"\n"
              "  resource_types = []\n}\n",
              "at least 1 element", "resource_types"),
      // Tag keys the Tag API refuses, before the upload.
      refused(certificate(leaf, "  tags = { \"qcs:owner\" = \"x\" }\n"), "qcs:", "tags"),
      refused(certificate(leaf, "  tags = { \"a|b\" = \"x\" }\n"), "letters, digits", "tags"),
      // rotate_in_place needs its regions at plan, not only once a rotation is planned (where
      // the error also blocked `terraform destroy`).
      // The attribute is absent, so Terraform underlines the block; the detail names it.
      refused(certificate(leaf, "  rotate_in_place = true\n"),
              "`rotate_in_place_regions` is required when `rotate_in_place` is true", ""),
  };
  acc::run(tc);
  const auto counters = sim.admin("GET", "/requests", nullptr)["counters"];
  EXPECT_TRUE(counters.empty()) << "a refused plan called the API: " << counters.dump();
}
