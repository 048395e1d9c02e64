// The one plan-test harness for resource types: a GoogleTest fixture that drives a resource
// through ValidateResourceConfig and the framework's plan engine exactly as Terraform's
// PlanResourceChange would, with the proposed new state Terraform computes:
//   - non-computed attributes (write-only ones included: they arrive in proposed_new_state
//     and must be planned null) come from the configuration;
//   - computed attributes the configuration leaves null keep the prior state's value.
// After every plan it checks what Terraform Core checks of any plan: a write-only attribute
// planned non-null fails the test ("Provider produced invalid plan").
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "provider/framework/plan_engine.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"

namespace cloudssl::testing {

class PlanHarness : public ::testing::Test {
 protected:
  explicit PlanHarness(std::shared_ptr<framework::Resource> resource)
      : resource_(std::move(resource)),
        schema_(resource_->schema()),
        type_(framework::implied_type(schema_)) {}

  codec::Value config(std::map<std::string, codec::Value> attrs) const {
    return codec::Value::object(type_, std::move(attrs));
  }

  // Terraform's ProposedNewState for `config` over `prior` (top-level attributes; blocks come
  // from the configuration).
  codec::Value proposed(const codec::Value& config, const codec::Value& prior) const {
    if (prior.is_null()) return config;
    std::map<std::string, codec::Value> out = config.entries();
    for (const auto& a : schema_.block.attributes) {
      if (a.write_only)
        out.insert_or_assign(a.name, config.at(a.name));
      else if (a.computed && config.at(a.name).is_null())
        out.insert_or_assign(a.name, prior.at(a.name));
    }
    return codec::Value::object(type_, std::move(out));
  }

  // One PlanResourceChange (validation first, as Terraform validates before planning):
  // `prior_private` as Terraform stores it, `earlier_plan_private` as a 6.11 client sends it in
  // the apply-time re-plan. Diagnostics of both land in diags_.
  framework::PlanResult plan(const codec::Value& config, const codec::Value& prior = codec::Value(),
                             const std::string& prior_private = {},
                             const std::string& earlier_plan_private = {}) {
    codec::Value p = prior.is_null() ? codec::Value::null(type_) : prior;
    diags_ = framework::Diagnostics();
    // ValidateResourceConfig: the schema's declarative rules, then the resource's own.
    framework::validate_attributes(schema_.block, config, diags_);
    resource_->validate(framework::ValidateRequest{config, ctx_}, diags_);
    framework::PlanResult result =
        framework::plan_resource_change(*resource_, schema_, p, proposed(config, p), config,
                                        prior_private, ctx_, diags_, earlier_plan_private);
    for (const auto& a : schema_.block.attributes) {
      if (a.write_only && !result.planned.is_null()) {
        EXPECT_TRUE(result.planned.at(a.name).is_null())
            << "write-only attribute " << a.name << " planned non-null";
      }
    }
    return result;
  }

  // A state as create would leave it: the plan with its unknowns filled in (`id` from
  // `id_value`, numbers 1, everything else null).
  codec::Value applied(const codec::Value& planned,
                       const std::string& id_value = "Abc12345") const {
    return planned.transform([&](const codec::Path& path, const codec::Value& v) {
      if (!v.is_unknown()) return v;
      if (path.size() == 1 && path.steps()[0].name == "id") return codec::Value::string(id_value);
      if (v.type() == codec::Type::number()) return codec::Value::number(1);
      return codec::Value::null(v.type());
    });
  }

  const framework::Diagnostic* error_at(const std::string& attribute) const {
    for (const auto& d : diags_.all())
      if (d.severity == framework::Severity::Error && d.attribute &&
          d.attribute->to_string() == attribute)
        return &d;
    return nullptr;
  }

  const framework::Diagnostic* warning(const std::string& summary_part) const {
    for (const auto& d : diags_.all())
      if (d.severity == framework::Severity::Warning &&
          d.summary.find(summary_part) != std::string::npos)
        return &d;
    return nullptr;
  }

  static bool replaces(const framework::PlanResult& r, const std::string& attribute) {
    return std::find(r.requires_replace.begin(), r.requires_replace.end(),
                     codec::Path::root(attribute)) != r.requires_replace.end();
  }

  std::shared_ptr<framework::Resource> resource_;
  framework::Schema schema_;
  codec::Type type_;
  framework::Context ctx_;
  framework::Diagnostics diags_;
};

}  // namespace cloudssl::testing
