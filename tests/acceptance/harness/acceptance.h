// Acceptance tests on the real terraform (or tofu) CLI, in the spirit of
// terraform-plugin-testing: a TestCase is a list of Steps run in a fresh temporary folder
// with a generated CLI configuration (TF_CLI_CONFIG_FILE; the user's own is never read).
//
// Usage (one test file = one executable; tests/acceptance/CMakeLists.txt globs *_test.cpp):
//
//   #include "tests/acceptance/harness/acceptance.h"
//   namespace acc = cloudssl::acceptance;
//
//   TEST(CertificateAcceptance, Lifecycle) {
//     cloudssl::testing::SimulatorProcess sim;          // tests/support, when it exists
//     acc::TestCase tc;
//     tc.providers = {acc::cloudssl_provider()};
//     tc.env = {{"CLOUDSSL_ENDPOINT", sim.endpoint()},
//               {"TENCENTCLOUD_SECRET_ID", "AKIDCLOUDSSLSIMULATOR"},
//               {"TENCENTCLOUD_SECRET_KEY", "cloudssl-sim-secret-key"}};
//     tc.steps = {
//         {.config = R"(resource "cloudssl_certificate" "c" { alias = "a" })",
//          .plan_check = acc::expect_unknown("cloudssl_certificate.c", "id"),
//          .check = acc::all({acc::attr_equals("cloudssl_certificate.c", "alias", "a"),
//                             acc::attr_set("cloudssl_certificate.c", "id")})},
//         {.config = R"(resource "cloudssl_certificate" "c" { alias = "b" })",
//          .plan_check = acc::expect_actions("cloudssl_certificate.c", {"update"})},
//         acc::import_step("cloudssl_certificate.c", {.ignore = {"private_key"}}),
//     };
//     tc.check_destroy = [&](const acc::State& last) { /* ask the simulator it is gone */ };
//     acc::run(tc);  // keep it the last statement: it may GTEST_SKIP
//   }
//
// What every step does:
//   apply step (default): pre_step → write main.tf → plan -out → plan_check → apply that
//     plan → show -json → check → plan again and FAIL on any change (unless
//     expect_non_empty_plan).
//   plan_only: plan -out → the plan must have changes iff expect_non_empty_plan → plan_check.
//   import (Step::import set): in a fresh sub-folder with the same configuration and an
//     empty state, `terraform import ADDR ID` and/or an `import {}` block + apply; the
//     imported resource must equal the applied one except ImportSpec::ignore.
//   expect_error: the step passes only if plan or apply fails with a matching error.
// At the end: destroy (with the last configuration that applied), then check_destroy.
//
// Providers reach Terraform through dev_overrides to the built binary's folder (default, no
// init) or through a filesystem mirror with a real `terraform init` (Installation::Mirror).
// The harness writes providers.tf with required_providers for every TestCase provider, so
// step configs just use resources (set write_required_providers = false to write your own).
//
// Environment: commands get an explicit environment: PATH, HOME (inside the folder),
// TF_CLI_CONFIG_FILE, CHECKPOINT_DISABLE=1, TF_IN_AUTOMATION=1, TF_INPUT=0,
// TF_LOG_PROVIDER=trace with TF_LOG_PATH per command, plus TestCase::env and Step::env.
// "{{workdir}}" in env values and configs is replaced by the test's folder.
//
// CLI: TF_ACC_TERRAFORM_PATH, else `terraform` on PATH, else `tofu`; version from
// `version -json`. No CLI: the test is skipped with one loud line (never a pass).
// On failure the folder is kept and its path printed (TF_ACC_KEEP=1 keeps it always): each
// command's stdout/stderr and the provider log are in it, numbered in run order.
#pragma once

#include <chrono>
#include <compare>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::acceptance {

// ---------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  static std::optional<Version> parse(std::string_view text);  // "1.11.4", "v1.8.0-beta1"
  std::string to_string() const;
  friend auto operator<=>(const Version&, const Version&) = default;
};

struct Cli {
  std::filesystem::path path;
  Version version;
  bool is_tofu = false;
  std::string name() const { return is_tofu ? "tofu" : "terraform"; }
};

// The CLI the tests use, looked up once. nullopt with `why_not` explaining the absence.
struct CliLookup {
  std::optional<Cli> cli;
  std::string why_not;
};
const CliLookup& find_cli();

// Empty when tests can run with at least `minimum`; otherwise the skip reason.
std::optional<std::string> skip_reason(Version minimum = {});

// For tests that do not use run(): skips the test body (loudly) when no suitable CLI exists.
#define CLOUDSSL_ACC_REQUIRE_CLI(...)                                               \
  do {                                                                              \
    if (auto cloudssl_acc_why = ::cloudssl::acceptance::skip_reason(__VA_ARGS__)) { \
      ::cloudssl::acceptance::announce_skip(*cloudssl_acc_why);                     \
      GTEST_SKIP() << *cloudssl_acc_why;                                            \
    }                                                                               \
  } while (false)
void announce_skip(const std::string& why);  // the loud line on stderr

// Well-known feature versions (Terraform numbering; OpenTofu is mapped when it differs).
inline constexpr Version kFunctions{1, 8, 0};
inline constexpr Version kWriteOnly{1, 11, 0};
inline constexpr Version kEphemeral{1, 10, 0};
inline constexpr Version kImportBlocks{1, 5, 0};

// ---------------------------------------------------------------------------------------
// Providers under test
// ---------------------------------------------------------------------------------------

struct Provider {
  std::string source = {};            // "cloudssl/fixture" (registry.terraform.io implied)
  std::string local_name = {};        // "fixture": the type prefix
  std::filesystem::path binary = {};  // built terraform-provider-<name>; empty when not built
  std::string version = "0.1.0";
  // Installation::Mirror: a folder already laid out as a filesystem mirror (what
  // `cmake --install BUILD --prefix DIR` produces). Empty: the harness lays out a copy.
  std::filesystem::path mirror = {};
};

// Paths come from compile definitions; binary is empty when the target is not built.
Provider fixture_provider();
Provider cloudssl_provider();
// Runs `cmake --install <build dir> --prefix <prefix>` (once per process per prefix) and
// returns cloudssl_provider() with `mirror` set. Fails the test (ADD_FAILURE) on error.
Provider installed_cloudssl_provider(const std::filesystem::path& prefix);

enum class Installation { DevOverrides, Mirror };

// ---------------------------------------------------------------------------------------
// Views over `terraform show -json` output
// ---------------------------------------------------------------------------------------

// Attribute paths are dotted: "name", "nested.0.value", "tags.env", "block.0.items.1".
class State {
 public:
  State() = default;
  explicit State(nlohmann::json show_json);
  const nlohmann::json& json() const { return json_; }
  // Every resource instance address in the root and child modules.
  std::vector<std::string> addresses() const;
  // The `values` object of a resource instance (e.g. "fixture_thing.a", "fixture_thing.b[0]",
  // "data.fixture_echo.x"); nullptr when absent.
  const nlohmann::json* resource(std::string_view address) const;
  const nlohmann::json* attribute(std::string_view address, std::string_view path) const;
  // The attribute as text (strings as-is, other JSON dumped); nullopt when absent or null.
  std::optional<std::string> text(std::string_view address, std::string_view path) const;
  // The resource's `sensitive_values` mask (true where sensitive); nullptr when absent.
  const nlohmann::json* sensitive_values(std::string_view address) const;
  bool empty() const { return addresses().empty(); }

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

// A saved plan (`plan -out=F` + `show -json F`).
class Plan {
 public:
  Plan() = default;
  explicit Plan(nlohmann::json show_json);
  const nlohmann::json& json() const { return json_; }
  const nlohmann::json* resource_change(std::string_view address) const;
  // ["no-op"], ["create"], ["update"], ["delete","create"], ...; empty when absent.
  std::vector<std::string> actions(std::string_view address) const;
  // Addresses whose actions are not no-op/read.
  std::vector<std::string> changed_addresses() const;
  const nlohmann::json* after(std::string_view address, std::string_view path) const;
  bool is_unknown_after(std::string_view address, std::string_view path) const;
  // change.replace_paths rendered dotted ("name", "block.0.x").
  std::vector<std::string> replace_paths(std::string_view address) const;
  // The whole plan JSON as text: to assert a value never appears (write-only attributes).
  std::string dump() const { return json_.dump(); }

 private:
  nlohmann::json json_ = nlohmann::json::object();
};

// Checks use GoogleTest assertions (EXPECT_*/ADD_FAILURE); a failure stops further steps.
using StateCheck = std::function<void(const State&)>;
using PlanCheck = std::function<void(const Plan&)>;

StateCheck all(std::vector<StateCheck> checks);
StateCheck attr_equals(std::string address, std::string path, std::string expected);
StateCheck attr_json(std::string address, std::string path, nlohmann::json expected);
StateCheck attr_set(std::string address, std::string path);     // present, non-null
StateCheck attr_absent(std::string address, std::string path);  // absent or null
StateCheck attr_matches(std::string address, std::string path, std::string regex);
// The two attributes hold the same value (e.g. a dependent resource got the computed id).
StateCheck attr_pair(std::string address, std::string path, std::string other_address,
                     std::string other_path);
StateCheck resource_count(std::size_t expected);
// The text occurs nowhere in the state JSON (write-only values, secrets).
StateCheck state_lacks(std::string text);

PlanCheck all_plan(std::vector<PlanCheck> checks);
PlanCheck expect_actions(std::string address, std::vector<std::string> actions);
PlanCheck expect_unknown(std::string address, std::string path);
PlanCheck expect_known(std::string address, std::string path, nlohmann::json value);
PlanCheck expect_replace_path(std::string address, std::string path);
PlanCheck expect_empty_plan();
// The text occurs nowhere in the plan outside its "configuration" section (which echoes the
// .tf source): planned values, prior state, changes, variables.
PlanCheck plan_lacks(std::string text);

// ---------------------------------------------------------------------------------------
// Test cases and steps
// ---------------------------------------------------------------------------------------

struct ErrorMatch {
  std::string pattern;  // ECMAScript regex searched in "summary: detail" (whitespace folded)
  // When non-empty, the matching diagnostic must point at this attribute (its config
  // snippet names it) — a path like "nested[0].value" compares its last name.
  std::string attribute = {};
};
inline ErrorMatch error_like(std::string pattern, std::string attribute = {}) {
  return ErrorMatch{std::move(pattern), std::move(attribute)};
}

// GenerateConfig: an import block alone (no resource block) planned with
// `plan -generate-config-out`; the generated configuration must then plan without errors, as a
// pure import unless ImportSpec::ignore names attributes that may differ.
enum class ImportMode { Cli, Block, Both, GenerateConfig };

class StepContext;

struct ImportSpec {
  std::string address = {};  // set by import_step
  std::string id = {};       // empty: id_from(state) if set, else the resource's "id" attribute
  std::function<std::string(const State&)> id_from = {};
  ImportMode mode = ImportMode::Cli;     // Block/Both/GenerateConfig need Terraform >= 1.5
  bool verify = true;                    // compare with the applied resource
  std::vector<std::string> ignore = {};  // attribute paths (and everything under them)
  StateCheck check = {};                 // on the state in the import folder
};

struct Step {
  std::string config = {};  // main.tf; empty for an import step = the last applied config
  std::function<void(const StepContext&)> pre_step = {};  // e.g. mutate the backend (drift)
  bool plan_only = false;
  bool expect_non_empty_plan = false;
  std::optional<ErrorMatch> expect_error = std::nullopt;
  PlanCheck plan_check = {};             // the saved plan before apply (or the plan-only plan)
  StateCheck check = {};                 // the state after apply
  PlanCheck post_apply_plan_check = {};  // the re-plan after apply
  std::optional<ImportSpec> import = std::nullopt;
  Version min_version = {};  // below it the step is skipped (reported on stderr)
  std::map<std::string, std::string> env = {};
};

Step import_step(std::string address, ImportSpec spec = {});

// A plan-only step whose plan must fail with an error matching `pattern` (error_like), on
// `attribute` when one is given: a check the provider makes at plan time.
inline Step plan_error_step(std::string config, std::string pattern, std::string attribute = {}) {
  return Step{.config = std::move(config),
              .plan_only = true,
              .expect_error = error_like(std::move(pattern), std::move(attribute))};
}

struct TestCase {
  std::vector<Provider> providers = {};
  Installation installation = Installation::DevOverrides;
  bool write_required_providers = true;
  // Extra provider configuration text written into providers.tf (e.g. a provider block).
  std::string provider_config = {};
  // A folder whose files are copied into the test's folder (and import sub-folders) before
  // the first step: an example's terraform.tf and variables.tf beside the steps' main.tf
  // (with write_required_providers = false when they declare the providers).
  std::filesystem::path files_from = {};
  std::map<std::string, std::string> env = {};
  std::vector<Step> steps = {};
  // After destroy, with the state as it was before destroy (to look the objects up remotely).
  std::function<void(const State& before_destroy, const StepContext&)> check_destroy = {};
  Version min_version = {};
  std::chrono::seconds command_timeout{300};
};

// Runs the test case in the current GoogleTest test. Skips (GTEST_SKIP) without a CLI, below
// min_version, or when a provider binary was not built.
void run(const TestCase& test_case);

// ---------------------------------------------------------------------------------------
// Lower level: a working folder with the CLI configured, for tests that drive commands
// themselves (providers schema -json, validate, init from a mirror).
// ---------------------------------------------------------------------------------------

struct Diagnostic {
  std::string severity;  // "error" / "warning"
  std::string summary;
  std::string detail;
  std::string address;  // resource address when Terraform gives one
  std::string snippet;  // config line(s) the diagnostic points at
};

struct CommandResult {
  std::vector<std::string> args;
  int exit_code = -1;
  bool timed_out = false;
  std::string out;
  std::string err;
  std::vector<Diagnostic> diagnostics;  // parsed from -json output when present
  std::string text() const;             // out + err with the diagnostic boxes folded
  bool ok() const { return exit_code == 0 && !timed_out; }
};

// The error diagnostics (or, for human output, the folded text) matching `match`.
bool matches_error(const CommandResult& result, const ErrorMatch& match);

// `text` as an HCL string literal (JSON escaping is valid HCL; "${" and "%{" are doubled, so
// nothing in it is interpolated).
std::string hcl_string(const std::string& text);

struct ProcessSpec;
class Workspace;

// A command started with Workspace::start, still running: for interrupt tests.
class RunningCommand {
 public:
  ~RunningCommand();  // kills the command (and the providers it started) if still running
  RunningCommand(const RunningCommand&) = delete;
  RunningCommand& operator=(const RunningCommand&) = delete;
  // SIGINT to the CLI only, as Ctrl-C would: Terraform then calls StopProvider.
  void interrupt() const;
  // Polls stdout until `needle` appears; false when the command ended or time ran out first.
  bool wait_for_output(std::string_view needle, std::chrono::milliseconds timeout) const;
  // Waits for the end (killing the command at the deadline) and collects the result.
  CommandResult wait(std::chrono::milliseconds timeout) const;

 private:
  friend class Workspace;
  struct Impl;
  explicit RunningCommand(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class Workspace {
 public:
  // Creates the folder and CLI configuration for `providers`. Requires a CLI (check
  // skip_reason first). The folder is removed at destruction unless the current test failed
  // or TF_ACC_KEEP is set; then its path is printed.
  Workspace(std::vector<Provider> providers, Installation installation,
            std::map<std::string, std::string> env = {},
            std::chrono::seconds command_timeout = std::chrono::seconds(300));
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  const std::filesystem::path& dir() const;
  const Cli& cli() const;
  // Replaces "{{workdir}}" by dir().
  std::string expand(std::string_view text) const;

  // Writes a file in the folder (relative name), with {{workdir}} expanded.
  void write(const std::string& name, const std::string& text) const;
  // Writes providers.tf (required_providers for every provider + `extra`).
  void write_providers_tf(const std::string& extra = {}) const;
  // Copies every file of `folder` in (not its sub-folders), permissions kept: a whole example
  // configuration (terraform.tf, variables.tf, main.tf) with its scripts.
  void copy_files(const std::filesystem::path& folder) const;

  // Runs the CLI with `args` in dir() (or `cwd`), output logged to numbered files. Adds
  // -no-color. Never throws for a non-zero exit; see CommandResult.
  CommandResult terraform(std::vector<std::string> args,
                          const std::map<std::string, std::string>& extra_env = {},
                          const std::filesystem::path& cwd = {}) const;
  // Starts the CLI like terraform() but returns at once.
  std::unique_ptr<RunningCommand> start(std::vector<std::string> args,
                                        const std::map<std::string, std::string>& extra_env = {},
                                        const std::filesystem::path& cwd = {}) const;
  // `show -json [file]` parsed (ADD_FAILURE and an empty object on error).
  nlohmann::json show_json(const std::string& plan_file = {},
                           const std::filesystem::path& cwd = {}) const;

  void keep();  // keep the folder even on success

 private:
  // Numbers the command, writes its .cmd file and builds its process description.
  ProcessSpec prepare(std::vector<std::string>& args,
                      const std::map<std::string, std::string>& extra_env,
                      const std::filesystem::path& cwd) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class StepContext {
 public:
  StepContext(const Workspace& workspace, std::size_t step_index, const State& last_state)
      : workspace_(workspace), step_index_(step_index), last_state_(last_state) {}
  const Workspace& workspace() const { return workspace_; }
  const std::filesystem::path& dir() const { return workspace_.dir(); }
  std::size_t step_index() const { return step_index_; }  // 1-based; 0 for check_destroy
  const State& last_state() const { return last_state_; }

 private:
  const Workspace& workspace_;
  std::size_t step_index_;
  const State& last_state_;
};

}  // namespace cloudssl::acceptance
