// The harness itself, driven with Terraform's built-in terraform_data resource (no provider
// binary needed), plus its process runner and JSON helpers.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/json_path.h"
#include "tests/acceptance/harness/process.h"
#include "tests/acceptance/harness/temp_dir.h"

namespace acc = cloudssl::acceptance;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// terraform_data lives in the built-in terraform.io/builtin/terraform provider.
acc::TestCase builtin_case() {
  acc::TestCase tc;
  tc.write_required_providers = true;  // an empty required_providers block
  return tc;
}

}  // namespace

TEST(HarnessVersion, ParsesAndOrders) {
  EXPECT_EQ(acc::Version::parse("1.11.4"), (acc::Version{1, 11, 4}));
  EXPECT_EQ(acc::Version::parse("v1.8.0-beta1"), (acc::Version{1, 8, 0}));
  EXPECT_FALSE(acc::Version::parse("1.x"));
  EXPECT_LT((acc::Version{1, 9, 9}), acc::kWriteOnly);
  EXPECT_EQ((acc::Version{1, 11, 4}).to_string(), "1.11.4");
}

TEST(HarnessJsonPath, LooksUpAndFlattens) {
  const auto j = nlohmann::json::parse(R"({"a":{"b":[{"c":1},{"c":2}]},"m":{},"n":null})");
  ASSERT_TRUE(acc::json_at(j, "a.b.1.c"));
  EXPECT_EQ(*acc::json_at(j, "a.b.1.c"), 2);
  EXPECT_FALSE(acc::json_at(j, "a.b.2.c"));
  const auto flat = acc::flatten(j);
  EXPECT_EQ(flat.size(), 4u);  // a.b.0.c, a.b.1.c, m ({}), n (null)
  EXPECT_TRUE(acc::path_under("a.b.0", "a.b"));
  EXPECT_FALSE(acc::path_under("a.bc", "a.b"));
}

TEST(HarnessProcess, RunsWithExplicitEnvironmentAndCapturesOutput) {
  acc::TempDir dir("cloudssl-acc-proc-");
  acc::ProcessSpec spec{
      .argv = {"/bin/sh", "-c", "echo \"$ONLY_THIS-$HOME\"; echo err >&2; exit 3"},
      .env = {{"ONLY_THIS", "x"}},
      .cwd = dir.path(),
      .stdout_path = dir.path() / "out",
      .stderr_path = dir.path() / "err"};
  const auto r = acc::run_process(spec, 30s);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(acc::read_file(dir.path() / "out"), "x-\n");  // HOME not inherited
  EXPECT_EQ(acc::read_file(dir.path() / "err"), "err\n");
}

TEST(HarnessProcess, KillsTheProcessGroupAtTheDeadline) {
  acc::TempDir dir("cloudssl-acc-proc-");
  // The grandchild would outlive a plain kill of the shell; the group kill takes it too.
  acc::ProcessSpec spec{.argv = {"/bin/sh", "-c", "sleep 60 & echo $! > grandchild; wait"},
                        .env = {{"PATH", "/usr/bin:/bin"}},
                        .cwd = dir.path()};
  const auto start = std::chrono::steady_clock::now();
  const auto r = acc::run_process(spec, 300ms);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  const auto grandchild = std::stoi(acc::read_file(dir.path() / "grandchild"));
  // Killed means gone or a zombie waiting for init to reap it ("Z" in /proc/PID/stat).
  auto alive = [&] {
    const auto stat = acc::read_file("/proc/" + std::to_string(grandchild) + "/stat");
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
  };
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (alive() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  EXPECT_FALSE(alive()) << "grandchild " << grandchild << " survived";
}

TEST(HarnessCli, FindsTheCliOrSaysWhy) {
  const auto& found = acc::find_cli();
  if (!found.cli) {
    EXPECT_FALSE(found.why_not.empty());
    CLOUDSSL_ACC_REQUIRE_CLI();
  }
  EXPECT_GE(found.cli->version, (acc::Version{1, 0, 0}));
}

TEST(HarnessWorkspace, GeneratesItsOwnCliConfigAndNeverTheUsers) {
  CLOUDSSL_ACC_REQUIRE_CLI();
  acc::Workspace ws({acc::Provider{.source = "cloudssl/fixture",
                                   .local_name = "fixture",
                                   .binary = "/nonexistent/terraform-provider-fixture"}},
                    acc::Installation::DevOverrides, {{"EXTRA", "{{workdir}}/x"}});
  const auto cfg = acc::read_file(ws.dir() / "cli.tfrc");
  EXPECT_NE(cfg.find("\"cloudssl/fixture\" = \"/nonexistent\""), std::string::npos) << cfg;
  ws.write("main.tf", "output \"home\" {\n  value = \"{{workdir}}\"\n}\n");
  const auto r = ws.terraform({"validate"});
  EXPECT_TRUE(r.ok()) << r.text();
  const auto cmd = acc::read_file(ws.dir() / "logs" / "01-validate.cmd");
  EXPECT_NE(cmd.find("TF_CLI_CONFIG_FILE=" + (ws.dir() / "cli.tfrc").string()), std::string::npos);
  EXPECT_NE(cmd.find("CHECKPOINT_DISABLE=1"), std::string::npos);
  EXPECT_NE(cmd.find("EXTRA=" + ws.dir().string() + "/x"), std::string::npos);
  EXPECT_NE(cmd.find("-no-color"), std::string::npos);
}

TEST(HarnessRun, AppliesUpdatesReplacesAndDestroys) {
  acc::TestCase tc = builtin_case();
  tc.steps = {
      {.config = R"(resource "terraform_data" "a" {
  input = "one"
})",
       .plan_check = acc::all_plan({acc::expect_actions("terraform_data.a", {"create"}),
                                    acc::expect_unknown("terraform_data.a", "id"),
                                    acc::expect_known("terraform_data.a", "input", "one")}),
       .check = acc::all({acc::attr_equals("terraform_data.a", "input", "one"),
                          acc::attr_equals("terraform_data.a", "output", "one"),
                          acc::attr_set("terraform_data.a", "id"), acc::resource_count(1)})},
      {.config = R"(resource "terraform_data" "a" {
  input = "two"
})",
       .plan_check = acc::expect_actions("terraform_data.a", {"update"}),
       .check = acc::attr_equals("terraform_data.a", "output", "two")},
      {.config = R"(resource "terraform_data" "a" {
  input            = "two"
  triggers_replace = ["x"]
})",
       .plan_check =
           acc::all_plan({acc::expect_actions("terraform_data.a", {"delete", "create"}),
                          acc::expect_replace_path("terraform_data.a", "triggers_replace")}),
       .check = acc::attr_json("terraform_data.a", "triggers_replace", {"x"})},
  };
  bool destroy_checked = false;
  tc.check_destroy = [&](const acc::State& before, const acc::StepContext&) {
    destroy_checked = true;
    EXPECT_TRUE(before.resource("terraform_data.a"));
  };
  acc::run(tc);
  if (!IsSkipped()) {
    EXPECT_TRUE(destroy_checked);
  }
}

TEST(HarnessRun, PlanOnlyStepsAndExpectedErrors) {
  acc::TestCase tc = builtin_case();
  tc.steps = {
      {.config = R"(resource "terraform_data" "a" { input = "x" })",
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::expect_actions("terraform_data.a", {"create"})},
      {.config = R"(resource "terraform_data" "a" { input = var.nope })",
       .expect_error = acc::error_like("Reference to undeclared input variable", "input")},
      {.config = R"(resource "terraform_data" "a" { input = "x" })"},
      {.config = R"(resource "terraform_data" "a" { input = "x" })", .plan_only = true},
  };
  acc::run(tc);
}

TEST(HarnessRun, FailsOnAPerpetualDiff) {
  CLOUDSSL_ACC_REQUIRE_CLI();
  acc::TestCase tc = builtin_case();
  tc.steps = {{.config = R"(resource "terraform_data" "a" { input = timestamp() })"}};
  EXPECT_NONFATAL_FAILURE(acc::run(tc), "after applying this step, the plan was not empty");
}

TEST(HarnessRun, FailsWhenAnExpectedErrorDoesNotHappen) {
  CLOUDSSL_ACC_REQUIRE_CLI();
  acc::TestCase tc = builtin_case();
  tc.steps = {{.config = R"(resource "terraform_data" "a" { input = "fine" })",
               .expect_error = acc::error_like("never")}};
  EXPECT_NONFATAL_FAILURE(acc::run(tc), "but plan and apply succeeded");
}

TEST(HarnessRun, FailsWhenTheErrorDoesNotMatch) {
  CLOUDSSL_ACC_REQUIRE_CLI();
  acc::TestCase tc = builtin_case();
  tc.steps = {{.config = R"(resource "terraform_data" "a" { input = var.nope })",
               .expect_error = acc::error_like("something else")}};
  EXPECT_NONFATAL_FAILURE(acc::run(tc), "but not with an error matching /something else/");
}

TEST(HarnessRun, SkipsStepsNeedingANewerCli) {
  acc::TestCase tc = builtin_case();
  tc.steps = {{.config = R"(resource "terraform_data" "a" { input = var.nope })",
               .min_version = acc::Version{99, 0, 0}},
              {.config = R"(resource "terraform_data" "a" { input = "x" })"}};
  acc::run(tc);  // the failing step is skipped, not run
}
