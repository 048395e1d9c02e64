// run(): the step machine (apply + empty re-plan, plan-only, import, expected errors) and
// the final destroy.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <set>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/json_path.h"
#include "tests/acceptance/harness/temp_dir.h"

namespace cloudssl::acceptance {
namespace fs = std::filesystem;

Step import_step(std::string address, ImportSpec spec) {
  spec.address = std::move(address);
  Step step;
  step.import = std::move(spec);
  return step;
}

namespace {

const std::vector<std::string> kPlanArgs = {"plan", "-input=false", "-json", "-detailed-exitcode"};

class Runner {
 public:
  Runner(const TestCase& tc, Workspace& ws) : tc_(tc), ws_(ws) {}

  void run() {
    if (tc_.write_required_providers) {
      ws_.write_providers_tf(tc_.provider_config);
    } else {
      ws_.write("providers.tf", tc_.provider_config);
    }
    if (!tc_.files_from.empty()) ws_.copy_files(tc_.files_from);
    if (tc_.installation == Installation::Mirror) {
      const auto init = ws_.terraform({"init", "-input=false"});
      if (!init.ok()) {
        ADD_FAILURE() << "terraform init failed:\n" << init.text() << folder();
        return;
      }
    }
    for (std::size_t i = 0; i < tc_.steps.size(); ++i) {
      const Step& step = tc_.steps[i];
      index_ = i + 1;
      if (ws_.cli().version < step.min_version) {
        announce_skip("step " + std::to_string(index_) + " of " + test_name() + " skipped: needs " +
                      ws_.cli().name() + " >= " + step.min_version.to_string() + ", found " +
                      ws_.cli().version.to_string());
        continue;
      }
      if (step.pre_step) {
        StepContext ctx(ws_, index_, last_state_);
        step.pre_step(ctx);
      }
      if (!::testing::Test::HasFailure()) {
        if (step.import) {
          import(step);
        } else {
          apply_or_plan(step);
        }
      }
      if (::testing::Test::HasFailure()) {
        std::cerr << "acceptance: step " << index_ << " failed; later steps skipped\n";
        break;
      }
    }
    destroy();
  }

 private:
  std::string folder() const { return "\nfolder: " + ws_.dir().string(); }
  std::string step_name() const { return "step " + std::to_string(index_); }
  static std::string test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  }

  // The human rendering of a saved plan, for failure messages.
  std::string show_plan(const std::string& plan_file, const fs::path& cwd = {}) const {
    const auto r = ws_.terraform({"show", plan_file}, {}, cwd);
    return r.out;
  }

  // Fails unless the error was expected and matches. Returns true when the step is over.
  bool handle_failure(const Step& step, const CommandResult& r, const std::string& what) {
    if (r.timed_out) {
      ADD_FAILURE() << step_name() << ": " << what << " timed out\n" << r.text() << folder();
      return true;
    }
    if (!step.expect_error) {
      ADD_FAILURE() << step_name() << ": " << what << " failed (exit " << r.exit_code << "):\n"
                    << r.text() << folder();
      return true;
    }
    if (!matches_error(r, *step.expect_error)) {
      ADD_FAILURE() << step_name() << ": " << what << " failed, but not with an error matching /"
                    << step.expect_error->pattern << "/"
                    << (step.expect_error->attribute.empty()
                            ? ""
                            : " at attribute " + step.expect_error->attribute)
                    << ":\n"
                    << r.text() << folder();
    }
    return true;
  }

  void apply_or_plan(const Step& step) {
    ws_.write("main.tf", step.config);
    const std::string plan_file = "step-" + std::to_string(index_) + ".tfplan";
    auto args = kPlanArgs;
    args.push_back("-out=" + plan_file);
    const auto plan = ws_.terraform(args, step.env);
    if (plan.exit_code != 0 && plan.exit_code != 2) {
      handle_failure(step, plan, "plan");
      return;
    }
    const bool has_changes = plan.exit_code == 2;
    if (step.plan_check) step.plan_check(Plan(ws_.show_json(plan_file)));
    if (step.plan_only) {
      if (step.expect_error) {
        ADD_FAILURE() << step_name() << ": expected an error matching /"
                      << step.expect_error->pattern << "/, but the plan succeeded" << folder();
      } else if (has_changes && !step.expect_non_empty_plan) {
        ADD_FAILURE() << step_name() << ": expected an empty plan, got:\n"
                      << show_plan(plan_file) << folder();
      } else if (!has_changes && step.expect_non_empty_plan) {
        ADD_FAILURE() << step_name() << ": expected a non-empty plan, got no changes" << folder();
      }
      return;
    }
    if (::testing::Test::HasFailure()) return;

    applied_something_ = true;
    destroy_config_ = step.config;  // what may now exist in state
    const auto apply = ws_.terraform({"apply", "-input=false", "-json", plan_file}, step.env);
    if (!apply.ok()) {
      handle_failure(step, apply, "apply");
      return;
    }
    if (step.expect_error) {
      ADD_FAILURE() << step_name() << ": expected an error matching /" << step.expect_error->pattern
                    << "/, but plan and apply succeeded" << folder();
      return;
    }
    last_good_config_ = step.config;
    last_state_ = State(ws_.show_json());
    if (step.check) step.check(last_state_);
    if (::testing::Test::HasFailure()) return;

    // The perpetual-diff check every applied step gets.
    const std::string replan_file = "step-" + std::to_string(index_) + "-replan.tfplan";
    args = kPlanArgs;
    args.push_back("-out=" + replan_file);
    const auto replan = ws_.terraform(args, step.env);
    if (replan.exit_code == 2 && !step.expect_non_empty_plan) {
      ADD_FAILURE() << step_name() << ": after applying this step, the plan was not empty:\n"
                    << show_plan(replan_file) << folder();
    } else if (replan.exit_code == 0 && step.expect_non_empty_plan) {
      ADD_FAILURE() << step_name() << ": expected a non-empty plan after apply, got no changes"
                    << folder();
    } else if (replan.exit_code != 0 && replan.exit_code != 2) {
      ADD_FAILURE() << step_name() << ": the plan after apply failed:\n"
                    << replan.text() << folder();
    } else if (step.post_apply_plan_check) {
      step.post_apply_plan_check(Plan(ws_.show_json(replan_file)));
    }
  }

  std::string import_id(const ImportSpec& spec) const {
    if (!spec.id.empty()) return spec.id;
    if (spec.id_from) return spec.id_from(last_state_);
    return last_state_.text(spec.address, "id").value_or("");
  }

  // A sub-folder with the configuration and an empty state.
  fs::path import_folder(const std::string& suffix, const std::string& config) const {
    const fs::path sub = ws_.dir() / ("step-" + std::to_string(index_) + "-" + suffix);
    fs::create_directories(sub);
    fs::copy_file(ws_.dir() / "providers.tf", sub / "providers.tf",
                  fs::copy_options::overwrite_existing);
    if (!tc_.files_from.empty()) copy_files(tc_.files_from, sub);
    ws_.write((sub / "main.tf").string(), config);
    return sub;
  }

  void verify_import(const ImportSpec& spec, const State& imported, const std::string& how) {
    const auto* got = imported.resource(spec.address);
    if (!got) {
      ADD_FAILURE() << step_name() << " (" << how << "): " << spec.address
                    << " is not in the imported state; addresses: "
                    << nlohmann::json(imported.addresses()).dump() << folder();
      return;
    }
    if (spec.check) spec.check(imported);
    if (spec.verify) compare_with_applied(spec, *got, how);
  }

  // The imported object equals the applied one, except the ignored paths.
  void compare_with_applied(const ImportSpec& spec, const nlohmann::json& imported,
                            const std::string& how) {
    const auto* got = &imported;
    const auto* want = last_state_.resource(spec.address);
    if (!want) {
      ADD_FAILURE() << step_name() << ": cannot verify the import, " << spec.address
                    << " was not in the applied state" << folder();
      return;
    }
    const auto a = flatten(*want);
    const auto b = flatten(*got);
    std::set<std::string> keys;
    for (const auto& [k, _] : a) keys.insert(k);
    for (const auto& [k, _] : b) keys.insert(k);
    std::string diffs;
    for (const auto& k : keys) {
      bool ignored = false;
      for (const auto& ig : spec.ignore) ignored = ignored || path_under(k, ig);
      if (ignored) continue;
      const auto ia = a.find(k);
      const auto ib = b.find(k);
      const std::string va = ia == a.end() ? "<absent>" : ia->second.dump();
      const std::string vb = ib == b.end() ? "<absent>" : ib->second.dump();
      if (va != vb) diffs += "  " + k + ": applied " + va + ", imported " + vb + "\n";
    }
    if (!diffs.empty()) {
      ADD_FAILURE() << step_name() << " (" << how << "): the imported " << spec.address
                    << " differs from the applied one:\n"
                    << diffs << folder();
    }
  }

  void import(const Step& step) {
    const ImportSpec& spec = *step.import;
    const std::string config = step.config.empty() ? last_good_config_ : step.config;
    const std::string id = import_id(spec);
    if (id.empty()) {
      ADD_FAILURE() << step_name() << ": no import id for " << spec.address
                    << " (set ImportSpec::id or id_from, or the resource needs an \"id\")";
      return;
    }
    if (spec.mode == ImportMode::GenerateConfig) {
      generate_config(step, spec, id);
      return;
    }
    const bool blocks_supported = ws_.cli().version >= kImportBlocks;
    const bool cli = spec.mode != ImportMode::Block || !blocks_supported;
    const bool block = spec.mode != ImportMode::Cli && blocks_supported;
    if (spec.mode != ImportMode::Cli && !blocks_supported) {
      announce_skip(step_name() + " of " + test_name() +
                    ": import blocks need >= 1.5; CLI import only");
    }
    if (cli) {
      const auto sub = import_folder("import", config);
      if (!init_if_mirror(sub)) return;
      const auto r = ws_.terraform({"import", "-input=false", spec.address, id}, step.env, sub);
      if (!r.ok()) {
        handle_failure(step, r, "terraform import " + spec.address + " " + id);
        return;
      }
      if (step.expect_error) {
        ADD_FAILURE() << step_name() << ": expected an import error matching /"
                      << step.expect_error->pattern << "/, but the import succeeded" << folder();
        return;
      }
      verify_import(spec, State(ws_.show_json({}, sub)), "terraform import");
      if (::testing::Test::HasFailure()) return;
    }
    if (block) {
      const auto sub = import_folder("import-block", config);
      ws_.write((sub / "import.tf").string(),
                "import {\n  to = " + spec.address + "\n  id = " + hcl_string(id) + "\n}\n");
      if (!init_if_mirror(sub)) return;
      auto args = kPlanArgs;
      args.push_back("-out=import.tfplan");
      const auto plan = ws_.terraform(args, step.env, sub);
      if (plan.exit_code != 0 && plan.exit_code != 2) {
        handle_failure(step, plan, "plan with an import block");
        return;
      }
      if (step.expect_error) {
        ADD_FAILURE() << step_name() << ": expected an import error matching /"
                      << step.expect_error->pattern << "/, but the import plan succeeded"
                      << folder();
        return;
      }
      const Plan import_plan(ws_.show_json("import.tfplan", sub));
      const auto* change = import_plan.resource_change(spec.address);
      if (!change || !change->at("change").contains("importing")) {
        ADD_FAILURE() << step_name() << ": the plan with an import block does not import "
                      << spec.address << ":\n"
                      << show_plan("import.tfplan", sub) << folder();
        return;
      }
      // The imported object as read after ImportResourceState is the change's "before".
      if (spec.verify) {
        compare_with_applied(spec, change->at("change").at("before"), "import block");
      }
      const auto actions = import_plan.actions(spec.address);
      if (actions != std::vector<std::string>{"no-op"}) {
        // Only ignored attributes may make the import plan an update. Not applied: it would
        // change the remote object the main folder's state tracks.
        if (spec.ignore.empty()) {
          ADD_FAILURE() << step_name() << ": importing " << spec.address
                        << " with an import block planned " << nlohmann::json(actions).dump()
                        << " instead of a pure import:\n"
                        << show_plan("import.tfplan", sub) << folder();
        }
        return;
      }
      // A pure import: applying it only writes state.
      const auto apply =
          ws_.terraform({"apply", "-input=false", "-json", "import.tfplan"}, step.env, sub);
      if (!apply.ok()) {
        handle_failure(step, apply, "apply with an import block");
        return;
      }
      verify_import(spec, State(ws_.show_json({}, sub)), "import block");
    }
  }

  // An import block with no resource block: Terraform writes the configuration from the
  // imported object (generated.tf), which must then plan cleanly.
  void generate_config(const Step& step, const ImportSpec& spec, const std::string& id) {
    if (ws_.cli().version < kImportBlocks) {
      announce_skip(step_name() + " of " + test_name() + ": -generate-config-out needs >= 1.5");
      return;
    }
    const auto sub = import_folder("generate-config", "");
    ws_.write((sub / "import.tf").string(),
              "import {\n  to = " + spec.address + "\n  id = " + hcl_string(id) + "\n}\n");
    if (!init_if_mirror(sub)) return;
    auto args = kPlanArgs;
    args.push_back("-generate-config-out=generated.tf");
    const auto first = ws_.terraform(args, step.env, sub);
    const auto generated_path = sub / "generated.tf";
    if (!fs::exists(generated_path)) {
      handle_failure(step, first, "plan -generate-config-out (no generated.tf written)");
      return;
    }
    std::ifstream in(generated_path);
    const std::string generated((std::istreambuf_iterator<char>(in)), {});
    if (first.exit_code != 0 && first.exit_code != 2) {
      ADD_FAILURE() << step_name() << ": plan -generate-config-out for " << spec.address
                    << " failed with the configuration it generated:\n"
                    << generated << "\n"
                    << first.text() << folder();
      return;
    }
    // The generated configuration, planned as a user would plan it next.
    auto again = kPlanArgs;
    again.push_back("-out=generated.tfplan");
    const auto plan = ws_.terraform(again, step.env, sub);
    if (plan.exit_code != 0 && plan.exit_code != 2) {
      ADD_FAILURE() << step_name() << ": the configuration generated for " << spec.address
                    << " does not plan:\n"
                    << generated << "\n"
                    << plan.text() << folder();
      return;
    }
    const Plan generated_plan(ws_.show_json("generated.tfplan", sub));
    const auto* change = generated_plan.resource_change(spec.address);
    if (!change || !change->at("change").contains("importing")) {
      ADD_FAILURE() << step_name() << ": the generated configuration's plan does not import "
                    << spec.address << ":\n"
                    << show_plan("generated.tfplan", sub) << folder();
      return;
    }
    const auto actions = generated_plan.actions(spec.address);
    const bool pure = actions == std::vector<std::string>{"no-op"};
    const bool allowed_update =
        !spec.ignore.empty() && actions == std::vector<std::string>{"update"};
    if (!pure && !allowed_update) {
      ADD_FAILURE() << step_name() << ": the configuration generated for " << spec.address
                    << " plans " << nlohmann::json(actions).dump() << " instead of a pure import:\n"
                    << generated << "\n"
                    << show_plan("generated.tfplan", sub) << folder();
      return;
    }
  }

  bool init_if_mirror(const fs::path& sub) {
    if (tc_.installation != Installation::Mirror) return true;
    const auto init = ws_.terraform({"init", "-input=false"}, {}, sub);
    if (!init.ok()) ADD_FAILURE() << "terraform init failed:\n" << init.text() << folder();
    return init.ok();
  }

  void destroy() {
    if (!applied_something_) return;
    const bool failed_before = ::testing::Test::HasFailure();
    index_ = 0;
    ws_.write("main.tf", destroy_config_);
    const auto before = State(ws_.show_json());
    const auto r = ws_.terraform({"destroy", "-auto-approve", "-input=false", "-json"});
    if (!r.ok()) {
      ADD_FAILURE() << "destroy failed; remote objects may be left behind:\n"
                    << r.text() << folder();
      return;
    }
    const State after(ws_.show_json());
    EXPECT_TRUE(after.empty()) << "resources left in state after destroy: "
                               << nlohmann::json(after.addresses()).dump() << folder();
    if (tc_.check_destroy && !failed_before) {
      StepContext ctx(ws_, 0, before);
      tc_.check_destroy(before, ctx);
    }
  }

  const TestCase& tc_;
  Workspace& ws_;
  std::size_t index_ = 0;
  State last_state_;
  std::string last_good_config_;
  std::string destroy_config_;
  bool applied_something_ = false;
};

}  // namespace

void run(const TestCase& tc) {
  if (auto why = skip_reason(tc.min_version)) {
    announce_skip(*why);
    GTEST_SKIP() << *why;
  }
  for (const auto& p : tc.providers) {
    if (p.binary.empty() || !fs::exists(p.binary)) {
      const std::string why = "acceptance test skipped: provider " + p.source + " was not built (" +
                              p.binary.string() + ")";
      announce_skip(why);
      GTEST_SKIP() << why;
    }
  }
  Workspace ws(tc.providers, tc.installation, tc.env, tc.command_timeout);
  Runner(tc, ws).run();
}

}  // namespace cloudssl::acceptance
