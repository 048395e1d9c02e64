// cloudssl_certificate_deployment through the real terraform CLI against cloudssl-sim:
// deploy to several targets of two types, an empty re-plan, adding a target deploys only it,
// drift made in the simulator shows in the plan and is repaired, a failing target is named
// and retried alone in its record, an interrupted (timed-out) apply resumes the same task in
// the next process, destroy keeps or rolls back the bindings, and an import (by id, CLI and
// `import` block) adopts bindings made outside Terraform without deploying again.
#include <gtest/gtest.h>

#include "tests/acceptance/deployment_helpers.h"

namespace acc = cloudssl::acceptance;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
using cloudssl::deployment_testing::DeploySim;
using nlohmann::json;

namespace {

std::string deployment(const std::vector<std::string>& listeners,
                       const std::vector<std::string>& cdn, const std::string& extra = "") {
  std::string s =
      "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
      "  certificate_id = \"DEPLOY01\"\n  region = \"ap-guangzhou\"\n" +
      extra;
  for (const auto& l : listeners)
    s += "  clb {\n    load_balancer_id = \"lb-web1\"\n    listener_id = \"" + l + "\"\n  }\n";
  for (const auto& d : cdn) s += "  cdn {\n    domain = \"" + d + "\"\n  }\n";
  return s + "}\n";
}

constexpr const char* kAddr = "cloudssl_certificate_deployment.web";

// target_status[key][field] (keys contain dots, so no dotted path).
std::string target_field(const acc::State& s, const std::string& key, const std::string& field) {
  const auto* map = s.attribute(kAddr, "target_status");
  if (!map || !map->contains(key)) return "<absent>";
  const auto& v = (*map)[key][field];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

TEST(DeploymentAcceptance, DeploysAddsOnlyNewTargetsAndRepairsDrift) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  std::size_t records_before_add = 0;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = deployment({"lbl-a", "lbl-b"}, {"cdn.example.com"}),
       .plan_check = acc::expect_unknown(kAddr, "target_status"),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "DEPLOY01");
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-b"), "DEPLOY01");
             EXPECT_EQ(sim.holder("cdn", "cdn.example.com"), "DEPLOY01");
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-c"), "");
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-a", "status"), "deployed");
             EXPECT_EQ(target_field(s, "cdn:cdn.example.com", "status"), "deployed");
             EXPECT_TRUE(s.text(kAddr, "record_ids.clb").has_value());
             EXPECT_TRUE(s.text(kAddr, "record_ids.cdn").has_value());
             // One task per resource type.
             EXPECT_EQ(sim.deploy_records().size(), 2u);
           }},
      // Adding a target deploys only it.
      {.config = deployment({"lbl-a", "lbl-b", "lbl-c"}, {"cdn.example.com"}),
       .pre_step =
           [&](const acc::StepContext&) { records_before_add = sim.deploy_records().size(); },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State&) {
             auto records = sim.deploy_records();
             ASSERT_EQ(records.size(), records_before_add + 1);
             const auto& added = records.back();
             ASSERT_EQ(added["items"].size(), 1u) << added.dump();
             EXPECT_EQ(added["items"][0]["target"], "lb-web1|lbl-c");
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-c"), "DEPLOY01");
           }},
      // Drift made in the console (the simulator) shows in the plan...
      {.config = deployment({"lbl-a", "lbl-b", "lbl-c"}, {"cdn.example.com"}),
       .pre_step = [&](const acc::StepContext&) { sim.bind("clb", "lb-web1|lbl-b", ""); },
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::expect_actions(kAddr, {"update"})},
      // ...and the apply puts the certificate back on that target only.
      {.config = deployment({"lbl-a", "lbl-b", "lbl-c"}, {"cdn.example.com"}),
       .pre_step =
           [&](const acc::StepContext&) { records_before_add = sim.deploy_records().size(); },
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-b"), "DEPLOY01");
             auto records = sim.deploy_records();
             ASSERT_EQ(records.size(), records_before_add + 1);
             ASSERT_EQ(records.back()["items"].size(), 1u);
             EXPECT_EQ(records.back()["items"][0]["target"], "lb-web1|lbl-b");
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-b", "status"), "deployed");
           }},
  };
  // on_destroy = "keep" (default): the bindings stay.
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "DEPLOY01");
    EXPECT_EQ(sim.holder("cdn", "cdn.example.com"), "DEPLOY01");
  };
  acc::run(tc);
}

TEST(DeploymentAcceptance, FailedTargetIsNamedKeptOutOfStateAndRetriedAlone) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  json counters_before;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = deployment({"lbl-a"}, {})},
      // lbl-b fails once with the API's message; lbl-c succeeds and is kept.
      {.config = deployment({"lbl-a", "lbl-b", "lbl-c"}, {}),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.fail_once("clb", "lbl-b", "listener lbl-b is busy");
           },
       .expect_error = acc::error_like("listener lbl-b is busy")},
      // The next plan adds only the failed target; the apply retries its item in place.
      {.config = deployment({"lbl-a", "lbl-b", "lbl-c"}, {}),
       .pre_step = [&](const acc::StepContext&) { counters_before = sim.counters(); },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             const auto after = sim.counters();
             EXPECT_EQ(DeploySim::count(after, "DeployCertificateInstance"),
                       DeploySim::count(counters_before, "DeployCertificateInstance"));
             EXPECT_EQ(DeploySim::count(after, "DeployCertificateRecordRetry"),
                       DeploySim::count(counters_before, "DeployCertificateRecordRetry") + 1);
             EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-b"), "DEPLOY01");
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-b", "status"), "deployed");
           }},
  };
  acc::run(tc);
}

TEST(DeploymentAcceptance, InterruptedApplyResumesTheSameTaskInTheNextProcess) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  std::string record;
  json counters_before;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = deployment({"lbl-a"}, {})},
      // The task outlives the update timeout (8s: room for the task to be created on a busy
      // machine): the apply stops waiting, the record id stays.
      {.config = deployment({"lbl-a", "lbl-b"}, {}, "  timeouts {\n    update = \"8s\"\n  }\n"),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/tasks/config", {{"task_ms", 600000}});
           },
       .expect_error = acc::error_like("Deployment timed out")},
      // A new provider process waits for that record instead of deploying again.
      {.config = deployment({"lbl-a", "lbl-b"}, {}),
       .pre_step =
           [&](const acc::StepContext& ctx) {
             const acc::State now(ctx.workspace().show_json());  // the failed step's state
             record = target_field(now, "clb:lb-web1|lbl-b", "record_id");
             EXPECT_EQ(target_field(now, "clb:lb-web1|lbl-b", "status"), "pending");
             counters_before = sim.counters();
             sim.admin("POST", "/tasks/config", {{"task_ms", 0}});
             sim.admin("POST", "/tasks/complete", {{"kind", "deploy"}});
           },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_FALSE(record.empty());
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-b", "record_id"), record);
             EXPECT_NE(record, "0");
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-b", "status"), "deployed");
             EXPECT_EQ(DeploySim::count(sim.counters(), "DeployCertificateInstance"),
                       DeploySim::count(counters_before, "DeployCertificateInstance"));
           }},
  };
  acc::run(tc);
}

TEST(DeploymentAcceptance, RollbackOnDestroy) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = deployment({"lbl-a"}, {"cdn.example.com"}, "  on_destroy = \"rollback\"\n"),
       .check =
           [&](const acc::State&) { EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "DEPLOY01"); }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "");
    EXPECT_EQ(sim.holder("cdn", "cdn.example.com"), "");
    bool rolled_back = false;
    for (const auto& r : sim.deploy_records())
      rolled_back = rolled_back || r.value("rollback", false);
    EXPECT_TRUE(rolled_back);
  };
  acc::run(tc);
}

// `terraform import` (and an `import` block) by "<certificate id>:<region>": the certificate and
// region come in, the targets are configuration (the plan after import adds them).
TEST(DeploymentAcceptance, ImportByIdBringsInTheCertificateAndRegion) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = deployment({"lbl-a"}, {"cdn.example.com"})},
      acc::import_step(kAddr,
                       {.mode = acc::ImportMode::Both,
                        .ignore = {"clb", "cdn", "target_status", "record_ids"},
                        .check = acc::all({acc::attr_equals(kAddr, "id", "DEPLOY01:ap-guangzhou"),
                                           acc::attr_equals(kAddr, "certificate_id", "DEPLOY01"),
                                           acc::attr_equals(kAddr, "region", "ap-guangzhou"),
                                           acc::attr_equals(kAddr, "on_destroy", "keep")})}),
      // A certificate that does not exist cannot be imported; a malformed id is refused.
      {.config = "",
       .expect_error = acc::error_like("Cannot import a deployment of a missing certificate"),
       .import = acc::ImportSpec{.address = kAddr, .id = "NOPE0000:ap-guangzhou"}},
      {.config = "",
       .expect_error = acc::error_like("Invalid import id"),
       .import = acc::ImportSpec{.address = kAddr, .id = "DEPLOY01:"}},
  };
  acc::run(tc);
}

// Bindings made in the console, adopted with an `import` block: the apply that adds the
// configured targets finds them holding the certificate and creates no deploy task; the next
// plan is empty.
TEST(DeploymentAcceptance, ImportedDeploymentAdoptsExistingBindingsWithoutDeploying) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  sim.bind("clb", "lb-web1|lbl-a", "DEPLOY01");
  sim.bind("cdn", "cdn.example.com", "DEPLOY01");
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      {.config = "import {\n  to = " + std::string(kAddr) +
                 "\n  id = \"DEPLOY01:ap-guangzhou\"\n}\n" +
                 deployment({"lbl-a"}, {"cdn.example.com"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_TRUE(sim.deploy_records().empty());
             EXPECT_EQ(target_field(s, "clb:lb-web1|lbl-a", "status"), "deployed");
             EXPECT_EQ(target_field(s, "cdn:cdn.example.com", "status"), "deployed");
           },
       .min_version = {1, 5, 0}},
  };
  acc::run(tc);
}

// The diagnostics carry the block's path; Terraform cannot address set elements, so it shows
// them at the resource.
TEST(DeploymentAcceptance, TargetsAreValidatedAtPlanOnTheirBlock) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::TestCase tc = sim.test_case();
  tc.steps = {
      acc::plan_error_step(
          "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
          "  certificate_id = \"DEPLOY01\"\n"
          "  clb {\n    load_balancer_id = \"lb-web1\"\n    listener_id = \"lbl-a\"\n  }\n}\n",
          "`clb` targets need the resource's `region`"),
      acc::plan_error_step(
          "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
          "  certificate_id = \"DEPLOY01\"\n  region = \"ap-guangzhou\"\n"
          "  clb {\n    load_balancer_id = \"web1\"\n    listener_id = \"lbl-a\"\n  }\n}\n",
          "`load_balancer_id` = \"web1\" must start with \"lb-\""),
  };
  acc::run(tc);
}

// Internationalised domains: a valid one deploys under its ASCII (IDNA2008) form, which the
// API uses; an invalid one is a plan-time error on its block, never a plugin error about
// invalid UTF-8 (a diagnostic once quoted one byte of a multi-byte character).
TEST(DeploymentAcceptance, InternationalisedDomainsDeployInAsciiFormOrAreRefusedAtPlan) {
  REQUIRE_CLOUDSSL_AND_SIM();
  json seed = cloudssl::deployment_testing::default_seed();
  seed["instances"]["cdn"].push_back({{"Domain", "xn--1jqs90m.example.com"},
                                      {"CertId", ""},
                                      {"Status", "online"},
                                      {"HttpsBillingSwitch", "off"}});
  DeploySim sim(seed);
  acc::TestCase tc = sim.test_case();
  const std::string bad_clb =
      "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
      "  certificate_id = \"DEPLOY01\"\n  region = \"ap-guangzhou\"\n"
      "  clb {\n    load_balancer_id = \"lb-web1\"\n    listener_id = \"lbl-a\"\n"
      "    domain = \"b\u00fccher\U0001F4A9.example.com\"\n  }\n}\n";
  tc.steps = {
      {.config = deployment({}, {"\u8bc1\u4e66.example.com"}),
       .check =
           [&](const acc::State&) {
             EXPECT_EQ(sim.holder("cdn", "xn--1jqs90m.example.com"), "DEPLOY01");
           }},
      acc::plan_error_step(bad_clb, "is not a valid internationalised domain name"),
  };
  acc::run(tc);
}

#else
TEST(DeploymentAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
