// cloudssl_certificate_deployment's plan through the shared harness: computed values unknown on
// create, certificate and region changes replacing, target checks at plan time on the block's
// path (regional types need the region, id formats), a removed target as an in-place update,
// and a record left pending planning an update.
#include <gtest/gtest.h>

#include "resources/deployments/deploy_status.h"
#include "resources/deployments/deploy_targets.h"
#include "resources/deployments/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::deployments {
namespace {

using codec::Type;
using codec::Value;

class CertificateDeploymentPlan : public testing::PlanHarness {
 protected:
  CertificateDeploymentPlan() : PlanHarness(make_certificate_deployment_resource()) {}

  Type block_type(const std::string& kind) const {
    return type_.attribute_types().at(kind).element_type();
  }
  Target target(const std::string& kind, std::map<std::string, Value> fields) const {
    return {kind, Value::object(block_type(kind), std::move(fields))};
  }
  // A configuration: every target block present (empty unless listed), as Terraform sends it.
  Value deployment(const std::string& certificate, std::optional<Value> region,
                   const std::vector<Target>& targets,
                   std::map<std::string, Value> extra = {}) const {
    extra["certificate_id"] = Value::string(certificate);
    extra["region"] = region ? *region : Value::null(Type::string());
    Value c = config(std::move(extra));
    for (const auto& k : target_kinds()) c = c.with(k.type, Value::set(block_type(k.type), {}));
    return with_targets(c, targets);
  }
  Target cdn(const std::string& domain) const {
    return target("cdn", {{"domain", Value::string(domain)}});
  }
  Target clb(const std::string& lb) const {
    return target(
        "clb", {{"load_balancer_id", Value::string(lb)}, {"listener_id", Value::string("lbl-1")}});
  }
};

TEST_F(CertificateDeploymentPlan, CreateLeavesWhatTheApiDecidesUnknown) {
  auto r = plan(deployment("cert-1", Value::string("ap-guangzhou"), {clb("lb-1"), cdn("a.com")}));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.planned.at("id").is_unknown());
  EXPECT_TRUE(r.planned.at("target_status").is_unknown());
  EXPECT_TRUE(r.planned.at("record_ids").is_unknown());
  EXPECT_EQ(r.planned.get_string("on_destroy"), "keep");  // the default, known at plan
  EXPECT_EQ(read_targets(r.planned).size(), 2u);
}

TEST_F(CertificateDeploymentPlan, CertificateAndRegionChangesReplace) {
  const Value prior =
      applied(plan(deployment("cert-1", Value::string("ap-guangzhou"), {clb("lb-1")})).planned);
  auto same = plan(deployment("cert-1", Value::string("ap-guangzhou"), {clb("lb-1")}), prior);
  EXPECT_TRUE(same.requires_replace.empty());
  EXPECT_TRUE(same.planned == prior);

  auto other_cert = plan(deployment("cert-2", Value::string("ap-guangzhou"), {clb("lb-1")}), prior);
  EXPECT_TRUE(replaces(other_cert, "certificate_id"));
  auto other_region = plan(deployment("cert-1", Value::string("ap-beijing"), {clb("lb-1")}), prior);
  EXPECT_TRUE(replaces(other_region, "region"));

  // A new target is an in-place update.
  auto more =
      plan(deployment("cert-1", Value::string("ap-guangzhou"), {clb("lb-1"), clb("lb-2")}), prior);
  EXPECT_TRUE(more.requires_replace.empty());
  EXPECT_FALSE(more.planned == prior);
}

TEST_F(CertificateDeploymentPlan, RegionalTargetsNeedTheRegionAtPlan) {
  plan(deployment("cert-1", std::nullopt, {clb("lb-1")}));
  const auto* e = error_at("clb");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Missing region");

  plan(deployment("cert-1", std::nullopt, {cdn("a.com")}));  // cdn is not regional
  EXPECT_FALSE(diags_.has_errors());

  // A region not known yet (from another resource) defers the check to the apply.
  plan(deployment("cert-1", Value::unknown(Type::string()), {clb("lb-1")}));
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(CertificateDeploymentPlan, TargetFieldsAreCheckedOnTheBlock) {
  plan(deployment("cert-1", Value::string("ap-guangzhou"), {clb("xyz")}));
  const auto* e = error_at("clb");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Invalid clb target");
  EXPECT_NE(e->detail.find("load_balancer_id"), std::string::npos);

  plan(deployment("cert-1", std::nullopt, {cdn("not a host")}));
  ASSERT_NE(error_at("cdn"), nullptr);

  plan(deployment("cert-1", std::nullopt, {cdn("a.com")}, {{"on_destroy", Value::string("drop")}}));
  ASSERT_NE(error_at("on_destroy"), nullptr);
}

TEST_F(CertificateDeploymentPlan, RemovedTargetIsAnInPlaceUpdate) {
  const Value prior =
      applied(plan(deployment("cert-1", std::nullopt, {cdn("a.com"), cdn("b.com")})).planned);
  auto r = plan(deployment("cert-1", std::nullopt, {cdn("a.com")}), prior);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(r.requires_replace.empty());
  const auto kept = read_targets(r.planned);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].field("domain"), "a.com");
  EXPECT_TRUE(r.planned.at("target_status").is_unknown());  // the apply reports the rest
}

TEST_F(CertificateDeploymentPlan, PendingRecordPlansAnUpdateToWaitForIt) {
  const Value base = applied(plan(deployment("cert-1", std::nullopt, {cdn("a.com")})).planned);
  auto with_status = [&](const char* status) {
    StatusMap map;
    const Target t = cdn("a.com");
    map[target_key(t, "")] = {"cdn", instance_id(t, ""), status, 7, 70, ""};
    return base.with("target_status", status_value(map))
        .with("record_ids", Value::map(Type::number(), {{"cdn", Value::number(7)}}));
  };

  const Value deployed = with_status(status::kDeployed);
  auto quiet = plan(deployment("cert-1", std::nullopt, {cdn("a.com")}), deployed);
  EXPECT_TRUE(quiet.planned == deployed);  // nothing to do

  const Value pending = with_status(status::kPending);
  auto r = plan(deployment("cert-1", std::nullopt, {cdn("a.com")}), pending);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(r.planned.at("target_status").is_unknown());
  EXPECT_TRUE(r.planned.at("record_ids").is_unknown());
  EXPECT_TRUE(r.requires_replace.empty());
}

}  // namespace
}  // namespace cloudssl::deployments
