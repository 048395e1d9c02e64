// cloudssl_certificate_replacement's plan through the shared harness: every input of the move
// replaces, on_destroy changes in place, unsupported and region-aware resource types are plan
// errors on their attribute, and a record left running or with failed items plans an update.
#include <gtest/gtest.h>

#include "provider/framework/value_helpers.h"
#include "resources/deployments/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::deployments {
namespace {

using codec::Type;
using codec::Value;

class CertificateReplacementPlan : public testing::PlanHarness {
 protected:
  CertificateReplacementPlan() : PlanHarness(make_certificate_replacement_resource()) {}

  Value replacement(const std::vector<std::string>& types,
                    std::map<std::string, Value> extra = {}) const {
    extra.try_emplace("old_certificate_id", Value::string("old-1"));
    extra.try_emplace("certificate_id", Value::string("new-1"));
    extra["resource_types"] = framework::string_set(types);
    return config(std::move(extra));
  }
  static Value regions(std::map<std::string, Value> per_type) {
    return Value::map(Type::set(Type::string()), std::move(per_type));
  }
  std::vector<std::string> error_summaries() const {
    std::vector<std::string> out;
    for (const auto& d : diags_.all())
      if (d.severity == framework::Severity::Error) out.push_back(d.summary);
    return out;
  }
};

TEST_F(CertificateReplacementPlan, CreateLeavesTheRecordUnknown) {
  auto r = plan(replacement({"cdn"}));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  for (const char* name : {"id", "deploy_record_id", "status", "targets"})
    EXPECT_TRUE(r.planned.at(name).is_unknown()) << name;
  EXPECT_EQ(r.planned.get_string("on_destroy"), "keep");
}

TEST_F(CertificateReplacementPlan, EveryInputOfTheMoveReplacesOnDestroyDoesNot) {
  const Value prior = applied(plan(replacement({"cdn"})).planned);
  auto same = plan(replacement({"cdn"}), prior);
  EXPECT_TRUE(same.planned == prior);

  EXPECT_TRUE(replaces(plan(replacement({"cdn", "live"}), prior), "resource_types"));
  auto moved = plan(replacement({"cdn"}, {{"certificate_id", Value::string("new-2")}}), prior);
  EXPECT_TRUE(replaces(moved, "certificate_id"));
  auto silenced =
      plan(replacement({"cdn"}, {{"ignore_expiring_notifications", Value::boolean(true)}}), prior);
  EXPECT_TRUE(replaces(silenced, "ignore_expiring_notifications"));

  auto rollback = plan(replacement({"cdn"}, {{"on_destroy", Value::string("rollback")}}), prior);
  EXPECT_TRUE(rollback.requires_replace.empty());
  EXPECT_EQ(rollback.planned.get_string("on_destroy"), "rollback");
}

TEST_F(CertificateReplacementPlan, UnsupportedTypeIsAnErrorOnResourceTypes) {
  plan(replacement({"lighthouse"}));  // deployable, but UpdateCertificateInstance cannot move it
  const auto* e = error_at("resource_types");
  ASSERT_NE(e, nullptr);
  // The rule declared on resource_types: named, with the types that can be moved.
  EXPECT_EQ(e->summary, "Invalid resource_types");
  EXPECT_NE(e->detail.find("\"lighthouse\""), std::string::npos) << e->detail;
  // The type is refused once; regions are not asked for a type that cannot be moved.
  EXPECT_EQ(error_summaries(), std::vector<std::string>{"Invalid resource_types"});
}

TEST_F(CertificateReplacementPlan, RegionAwareTypesNeedTheirRegions) {
  plan(replacement({"clb", "cdn"}));
  const auto* e = error_at("resource_types_regions");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Missing regions");
  EXPECT_NE(e->detail.find("\"clb\""), std::string::npos);

  plan(replacement(
      {"clb", "cdn"},
      {{"resource_types_regions", regions({{"clb", framework::string_set({"ap-guangzhou"})}})}}));
  EXPECT_FALSE(diags_.has_errors());

  plan(replacement({"tke"}, {{"resource_types_regions",
                              regions({{"clb", framework::string_set({"ap-guangzhou"})}})}}));
  ASSERT_NE(error_at("resource_types_regions"), nullptr);  // regions for another type only

  plan(replacement({"cdn", "live"}));  // not region-aware
  EXPECT_FALSE(diags_.has_errors());

  // Regions not known yet (from another resource) defer the check to the apply.
  plan(replacement(
      {"clb"}, {{"resource_types_regions", Value::unknown(Type::map(Type::set(Type::string())))}}));
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(CertificateReplacementPlan, InvalidOnDestroyIsAnError) {
  plan(replacement({"cdn"}, {{"on_destroy", Value::string("undo")}}));
  ASSERT_NE(error_at("on_destroy"), nullptr);
}

TEST_F(CertificateReplacementPlan, UnfinishedRecordPlansAnUpdate) {
  const Value applied_state = applied(plan(replacement({"cdn"})).planned);
  for (const char* status : {"running", "failed"}) {
    const Value prior = applied_state.with("status", Value::string(status));
    auto r = plan(replacement({"cdn"}), prior);
    EXPECT_FALSE(diags_.has_errors());
    EXPECT_TRUE(r.requires_replace.empty()) << status;
    for (const char* name : {"status", "success_count", "failed_count", "targets"})
      EXPECT_TRUE(r.planned.at(name).is_unknown()) << status << " " << name;
    EXPECT_TRUE(r.planned.at("deploy_record_id") == prior.at("deploy_record_id"));
  }
  const Value done = applied_state.with("status", Value::string("succeeded"));
  EXPECT_TRUE(plan(replacement({"cdn"}), done).planned == done);
}

}  // namespace
}  // namespace cloudssl::deployments
