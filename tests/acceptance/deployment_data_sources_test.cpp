// The deployment data sources through the real terraform CLI against cloudssl-sim:
// deploy targets with what each holds, deployed resources, deploy and update records.
#include <gtest/gtest.h>

#include "tests/acceptance/deployment_helpers.h"

namespace acc = cloudssl::acceptance;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
using cloudssl::deployment_testing::DeploySim;

TEST(DeploymentDataSourcesAcceptance, TargetsResourcesAndRecords) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  const std::string deployment =
      "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
      "  certificate_id = \"DEPLOY01\"\n  region = \"ap-guangzhou\"\n"
      "  clb {\n    load_balancer_id = \"lb-web1\"\n    listener_id = \"lbl-a\"\n  }\n}\n";
  const std::string data =
      "data \"cloudssl_deploy_targets\" \"clb\" {\n"
      "  resource_type = \"clb\"\n  certificate_id = \"DEPLOY01\"\n"
      "  depends_on = [cloudssl_certificate_deployment.web]\n}\n"
      "data \"cloudssl_deployed_resources\" \"cdn\" {\n"
      "  certificate_ids = [\"OLDCERT1\"]\n  resource_type = \"cdn\"\n}\n"
      "data \"cloudssl_deploy_records\" \"r\" {\n"
      "  certificate_id = \"DEPLOY01\"\n"
      "  deploy_record_id = cloudssl_certificate_deployment.web.record_ids[\"clb\"]\n}\n"
      "data \"cloudssl_update_records\" \"u\" {\n  old_certificate_id = \"OLDCERT1\"\n}\n";
  tc.steps = {
      {.config = deployment + data,
       .check =
           [&](const acc::State& s) {
             const auto* targets = s.attribute("data.cloudssl_deploy_targets.clb", "targets");
             ASSERT_TRUE(targets && targets->is_array());
             bool found = false;
             for (const auto& t : *targets)
               if (t["key"] == "lb-web1|lbl-a") {
                 found = true;
                 EXPECT_EQ(t["certificate_id"], "DEPLOY01");
               }
             EXPECT_TRUE(found) << targets->dump();
             EXPECT_EQ(s.text("data.cloudssl_deployed_resources.cdn", "resources.0.resources.0"),
                       "old.example.com");
             EXPECT_EQ(s.text("data.cloudssl_deploy_records.r", "records.0.resource_type"), "clb");
             EXPECT_EQ(s.text("data.cloudssl_deploy_records.r", "details.0.status"), "succeeded");
             EXPECT_EQ(s.text("data.cloudssl_deploy_records.r", "success_count"), "1");
             const auto* updates = s.attribute("data.cloudssl_update_records.u", "records");
             ASSERT_TRUE(updates && updates->is_array());
             EXPECT_TRUE(updates->empty());  // nothing replaced OLDCERT1 yet
           }},
  };
  acc::run(tc);
}
#else
TEST(DeploymentDataSourcesAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
