// cloudssl_hosting_config through the real terraform CLI against cloudssl-sim: the expiry
// reminder switch (restored on destroy), read-only hosting fields rejected at plan, and
// follow_renewal: once the API reports a renewal certificate the plan shows the update and
// the apply moves the listed resource types onto it.
#include <gtest/gtest.h>

#include "tests/acceptance/deployment_helpers.h"

namespace acc = cloudssl::acceptance;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
using cloudssl::deployment_testing::DeploySim;

namespace {

std::string hosting(const std::string& extra = "") {
  return "resource \"cloudssl_hosting_config\" \"h\" {\n"
         "  certificate_id = \"OLDCERT1\"\n"
         "  ignore_expiring_notifications = true\n"
         "  follow_renewal {\n    resource_types = [\"clb\"]\n    regions = [\"ap-guangzhou\"]\n  "
         "}\n" +
         extra + "}\n";
}

constexpr const char* kAddr = "cloudssl_hosting_config.h";

}  // namespace

TEST(HostingAcceptance, RemindersSwitchAndFollowRenewal) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = hosting(),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(sim.certificate("OLDCERT1").value("is_ignore", false), true);
             EXPECT_EQ(s.text(kAddr, "hosting_status"), "-1");
             EXPECT_EQ(s.text(kAddr, "renewal_certificate_id"), "");
             EXPECT_EQ(s.text(kAddr, "followed_certificate_id"), "");
           }},
      // The API now reports a renewal: the plan shows the move, the apply performs it.
      {.config = hosting(),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/OLDCERT1", {{"RenewOrder", "NEWCERT1"}});
           },
       .plan_check =
           acc::all_plan({acc::expect_actions(kAddr, {"update"}),
                          acc::expect_known(kAddr, "followed_certificate_id", "NEWCERT1")}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(sim.holder("clb", "lb-web2|lbl-x"), "NEWCERT1");
             EXPECT_EQ(sim.holder("cdn", "old.example.com"), "OLDCERT1");  // not listed
             EXPECT_EQ(s.text(kAddr, "followed_certificate_id"), "NEWCERT1");
           }},
      // Read-only fields are Computed only (kept out of generated configuration) and a value
      // set for them is refused at plan on the attribute, as plugin frameworks do.
      acc::plan_error_step(hosting("  hosting_config = { replace_time = 15 }\n"),
                           "Read-Only Attribute", "hosting_config"),
      acc::plan_error_step(hosting("  hosting_resource_types = [\"clb\"]\n"), "Read-Only Attribute",
                           "hosting_resource_types"),
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.certificate("OLDCERT1").value("is_ignore", true), false);
  };
  acc::run(tc);
}
#else
TEST(HostingAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
