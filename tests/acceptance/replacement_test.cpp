// cloudssl_certificate_replacement through the real terraform CLI against cloudssl-sim: the
// resources bound to an old certificate move to the new one (the creation call repeated while
// the API answers DeployRecordId 0, the record polled to the end), a failed target is named and
// retried in its record by the next apply, and destroy with on_destroy = "rollback" moves them
// back.
#include <gtest/gtest.h>

#include "tests/acceptance/deployment_helpers.h"

namespace acc = cloudssl::acceptance;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
using cloudssl::deployment_testing::DeploySim;
using nlohmann::json;

namespace {

std::string replacement(const std::string& extra = "") {
  return "resource \"cloudssl_certificate_replacement\" \"r\" {\n"
         "  old_certificate_id = \"OLDCERT1\"\n"
         "  certificate_id = \"NEWCERT1\"\n"
         "  resource_types = [\"clb\", \"cdn\"]\n"
         "  resource_types_regions = { clb = [\"ap-guangzhou\"] }\n" +
         extra + "}\n";
}

constexpr const char* kAddr = "cloudssl_certificate_replacement.r";

}  // namespace

TEST(ReplacementAcceptance, MovesBoundResourcesAndRollsBackOnDestroy) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = replacement("  on_destroy = \"rollback\"\n"),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/tasks/config", {{"creation_calls", 3}});
           },
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(sim.holder("clb", "lb-web2|lbl-x"), "NEWCERT1");
             EXPECT_EQ(sim.holder("cdn", "old.example.com"), "NEWCERT1");
             EXPECT_EQ(s.text(kAddr, "status"), "succeeded");
             EXPECT_EQ(s.text(kAddr, "success_count"), "2");
             EXPECT_EQ(s.text(kAddr, "targets.0.status"), "succeeded");
             // Three answers with DeployRecordId 0, then the record: called until it existed.
             EXPECT_EQ(DeploySim::count(sim.counters(), "UpdateCertificateInstance"), 4);
             EXPECT_EQ(sim.records("update").size(), 1u);
           }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.holder("clb", "lb-web2|lbl-x"), "OLDCERT1");
    EXPECT_EQ(sim.holder("cdn", "old.example.com"), "OLDCERT1");
  };
  acc::run(tc);
}

TEST(ReplacementAcceptance, FailedTargetIsNamedAndRetriedInItsRecord) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  json before;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = replacement(),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.fail_once("clb", "lbl-x", "listener lbl-x is locked");
           },
       .expect_error = acc::error_like("listener lbl-x is locked")},
      {.config = replacement(),
       .pre_step = [&](const acc::StepContext&) { before = sim.counters(); },
       .check =
           [&](const acc::State& s) {
             const auto after = sim.counters();
             EXPECT_EQ(DeploySim::count(after, "UpdateCertificateRecordRetry"),
                       DeploySim::count(before, "UpdateCertificateRecordRetry") + 1);
             EXPECT_EQ(DeploySim::count(after, "UpdateCertificateInstance"),
                       DeploySim::count(before, "UpdateCertificateInstance"));
             EXPECT_EQ(sim.holder("clb", "lb-web2|lbl-x"), "NEWCERT1");
             EXPECT_EQ(s.text(kAddr, "status"), "succeeded");
           }},
  };
  acc::run(tc);
}
#else
TEST(ReplacementAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
