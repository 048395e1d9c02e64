// An apply interrupted while it waits for a deploy task (Ctrl-C: Terraform calls StopProvider)
// leaves the task's record id in state; the next apply, in a new provider process, waits for
// that same task instead of deploying again. A destroy with on_destroy = "rollback" that
// timed out while its rollback ran: the next destroy waits for that rollback and adopts it
// (the API refuses a second one with CertificateDeployHasPendingRecord). A deployment to two
// resource types runs both types' tasks at the same time (watched while the apply runs).
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "tests/acceptance/deployment_helpers.h"

namespace acc = cloudssl::acceptance;

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
using cloudssl::deployment_testing::DeploySim;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string config(const std::vector<std::string>& listeners) {
  std::string s =
      "resource \"cloudssl_certificate_deployment\" \"web\" {\n"
      "  certificate_id = \"DEPLOY01\"\n  region = \"ap-guangzhou\"\n";
  for (const auto& l : listeners)
    s += "  clb {\n    load_balancer_id = \"lb-web1\"\n    listener_id = \"" + l + "\"\n  }\n";
  return s + "}\n";
}

json status_of(const json& show, const std::string& key) {
  for (const auto& r : show["values"]["root_module"]["resources"])
    if (r["address"] == "cloudssl_certificate_deployment.web")
      return r["values"]["target_status"][key];
  return nullptr;
}

}  // namespace

TEST(DeploymentInterruptAcceptance, StopProviderMidPollThenANewProcessResumesTheSameTask) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::Workspace ws = sim.workspace();
  ws.write_providers_tf();
  ws.write("main.tf", config({"lbl-a"}));
  ASSERT_TRUE(ws.terraform({"apply", "-auto-approve"}).ok());

  // The next task runs for ten minutes: the apply is still polling when we interrupt it.
  sim.admin("POST", "/tasks/config", {{"task_ms", 600000}});
  ws.write("main.tf", config({"lbl-a", "lbl-b"}));
  const long polls_before = DeploySim::count(sim.counters(), "DescribeHostDeployRecordDetail");
  const auto apply = ws.start({"apply", "-auto-approve"});

  // Wait (bounded) until the provider has polled the new task at least twice.
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (DeploySim::count(sim.counters(), "DescribeHostDeployRecordDetail") < polls_before + 2) {
    ASSERT_LT(Clock::now(), give_up) << "the apply never polled the deploy task";
    std::this_thread::yield();
  }
  apply->interrupt();  // Terraform calls StopProvider and waits for the provider to return
  const auto stopped = apply->wait(std::chrono::seconds(60));
  ASSERT_FALSE(stopped.timed_out) << "terraform did not stop";
  EXPECT_NE(stopped.exit_code, 0);

  const auto records = sim.deploy_records();
  ASSERT_EQ(records.size(), 2u);
  const auto task_id = records.back()["id"].get<std::int64_t>();
  const json interrupted = ws.show_json();
  const json entry = status_of(interrupted, "clb:lb-web1|lbl-b");
  ASSERT_TRUE(entry.is_object()) << interrupted.dump();
  EXPECT_EQ(entry["status"], "pending");
  EXPECT_EQ(entry["record_id"], task_id);

  // A new process: the task still runs, so the plan shows the update...
  const long deploys_before = DeploySim::count(sim.counters(), "DeployCertificateInstance");
  const auto plan = ws.terraform({"plan", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 2) << plan.text();
  // ...and once it can finish, the apply waits for that same task.
  sim.admin("POST", "/tasks/config", {{"task_ms", 0}});
  const auto resumed = ws.terraform({"apply", "-auto-approve"});
  ASSERT_TRUE(resumed.ok()) << resumed.text();
  EXPECT_EQ(DeploySim::count(sim.counters(), "DeployCertificateInstance"), deploys_before);
  EXPECT_EQ(sim.deploy_records().size(), 2u);
  const json after = status_of(ws.show_json(), "clb:lb-web1|lbl-b");
  EXPECT_EQ(after["status"], "deployed");
  EXPECT_EQ(after["record_id"], task_id);
  EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-b"), "DEPLOY01");
  EXPECT_EQ(ws.terraform({"plan", "-detailed-exitcode"}).exit_code, 0);
}

TEST(DeploymentInterruptAcceptance, DestroyAfterAnInterruptedRollbackAdoptsTheRunningRollback) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::Workspace ws = sim.workspace();
  ws.write_providers_tf();
  // The delete timeout bounds the first destroy; 8s leaves room for the rollback record to be
  // created on a busy machine.
  std::string main_tf = config({"lbl-a"});
  main_tf.insert(main_tf.rfind('}'),
                 "  on_destroy = \"rollback\"\n  timeouts {\n    delete = \"8s\"\n  }\n");
  ws.write("main.tf", main_tf);
  ASSERT_TRUE(ws.terraform({"apply", "-auto-approve"}).ok());
  ASSERT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "DEPLOY01");

  // The rollback runs for ten minutes: the destroy times out while it runs.
  sim.admin("POST", "/tasks/config", {{"task_ms", 600000}});
  const auto first = ws.terraform({"destroy", "-auto-approve"});
  ASSERT_FALSE(first.ok()) << first.text();
  EXPECT_NE(first.text().find("Rollback timed out"), std::string::npos) << first.text();
  auto rollbacks = [&] {
    std::vector<json> out;
    for (const auto& r : sim.deploy_records())
      if (r.value("rollback", false)) out.push_back(r);
    return out;
  };
  ASSERT_EQ(rollbacks().size(), 1u);

  // The next destroy (a new provider process) waits for that rollback instead of failing with
  // CertificateDeployHasPendingRecord, and starts no second one.
  sim.admin("POST", "/tasks/config", {{"task_ms", 0}});
  const auto second = ws.terraform({"destroy", "-auto-approve"});
  ASSERT_TRUE(second.ok()) << second.text();
  EXPECT_EQ(rollbacks().size(), 1u);
  EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "");
  EXPECT_TRUE(ws.show_json().value("values", json::object()).empty()) << ws.show_json().dump();
}
// The API allows one running task per (certificate, resource type), so the types of one
// deployment are independent: the clb and the cdn task are both running in the simulator before
// either finishes (they are held running until completed below). One after the other, the cdn
// task would not exist while the clb one runs.
TEST(DeploymentInterruptAcceptance, ResourceTypesDeployAtTheSameTime) {
  REQUIRE_CLOUDSSL_AND_SIM();
  DeploySim sim;
  acc::Workspace ws = sim.workspace();
  ws.write_providers_tf();
  std::string main_tf = config({"lbl-a"});
  main_tf.insert(main_tf.rfind('}'), "  cdn {\n    domain = \"cdn.example.com\"\n  }\n");
  ws.write("main.tf", main_tf);
  sim.admin("POST", "/tasks/config", {{"running_polls", 1000000}});  // running until completed

  const auto apply = ws.start({"apply", "-auto-approve"});

  bool together = false;
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (!together && Clock::now() < give_up) {
    together = sim.unfinished_deploy_types() == std::set<std::string>{"cdn", "clb"};
    if (!together) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Let every task (also one started later) finish, then the apply ends.
  sim.admin("POST", "/tasks/config", {{"running_polls", 0}});
  sim.admin("POST", "/tasks/complete", {{"kind", "deploy"}});
  const auto applied = apply->wait(std::chrono::seconds(120));
  ASSERT_FALSE(applied.timed_out) << "terraform did not finish";
  EXPECT_TRUE(together) << "the cdn and clb tasks never ran at the same time";
  EXPECT_EQ(applied.exit_code, 0) << applied.text();
  EXPECT_EQ(sim.holder("clb", "lb-web1|lbl-a"), "DEPLOY01");
  EXPECT_EQ(sim.holder("cdn", "cdn.example.com"), "DEPLOY01");
  EXPECT_EQ(sim.deploy_records().size(), 2u);
}
#else
TEST(DeploymentInterruptAcceptance, NeedsTheSimulator) { REQUIRE_CLOUDSSL_AND_SIM(); }
#endif
