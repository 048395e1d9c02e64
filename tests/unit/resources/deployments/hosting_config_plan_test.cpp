// cloudssl_hosting_config's plan through the shared harness: the reminders switch changes in
// place while the certificate replaces, the read-only hosting attributes are refused on their
// path, follow_renewal's resource types and regions are checked at plan time, and a renewal
// not followed yet plans the move.
#include <gtest/gtest.h>

#include "provider/framework/value_helpers.h"
#include "resources/deployments/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::deployments {
namespace {

using codec::Type;
using codec::Value;

class HostingConfigPlan : public testing::PlanHarness {
 protected:
  HostingConfigPlan() : PlanHarness(make_hosting_config_resource()) {}

  Type follow_type() const { return type_.attribute_types().at("follow_renewal").element_type(); }
  // follow_renewal { resource_types = types, regions = regions (null when absent) }.
  Value follow(const std::vector<std::string>& types,
               std::optional<std::vector<std::string>> regions = std::nullopt) const {
    Value block = Value::object(follow_type(),
                                {{"resource_types", framework::string_set(types)},
                                 {"regions", regions ? framework::string_set(*regions)
                                                     : Value::null(Type::set(Type::string()))}});
    return Value::list(follow_type(), {block});
  }
  Value hosting(std::map<std::string, Value> extra = {}) const {
    extra.try_emplace("certificate_id", Value::string("cert-1"));
    extra.try_emplace("follow_renewal", Value::list(follow_type(), {}));
    return config(std::move(extra));
  }
};

TEST_F(HostingConfigPlan, CreatePlansTheDefaultsAndLeavesApiValuesUnknown) {
  auto r = plan(hosting());
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.planned.at("id").is_unknown());
  EXPECT_TRUE(r.planned.at("hosting_status").is_unknown());
  EXPECT_EQ(r.planned.get_bool("ignore_expiring_notifications"), false);
}

TEST_F(HostingConfigPlan, RemindersChangeInPlaceTheCertificateReplaces) {
  const Value prior = applied(plan(hosting()).planned);
  EXPECT_TRUE(plan(hosting(), prior).planned == prior);

  auto quiet = plan(hosting({{"ignore_expiring_notifications", Value::boolean(true)}}), prior);
  EXPECT_TRUE(quiet.requires_replace.empty());
  EXPECT_EQ(quiet.planned.get_bool("ignore_expiring_notifications"), true);

  auto other = plan(hosting({{"certificate_id", Value::string("cert-2")}}), prior);
  EXPECT_TRUE(replaces(other, "certificate_id"));
}

TEST_F(HostingConfigPlan, ReadOnlyHostingAttributesAreRefusedOnTheirPath) {
  plan(hosting({{"hosting_resource_types", Value::list(Type::string(), {Value::string("clb")})}}));
  const auto* e = error_at("hosting_resource_types");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Invalid Configuration for Read-Only Attribute");

  const Type config_type = type_.attribute_types().at("hosting_config");
  plan(hosting(
      {{"hosting_config", Value::object(config_type, {{"replace_time", Value::number(30)}})}}));
  ASSERT_NE(error_at("hosting_config"), nullptr);
}

TEST_F(HostingConfigPlan, FollowRenewalTypesAndRegionsAreCheckedAtPlan) {
  plan(hosting({{"follow_renewal", follow({"lighthouse"})}}));
  // Refused by the rule declared on follow_renewal's resource_types, on that attribute.
  ASSERT_EQ(diags_.all().size(), 1u);  // no regions asked for a type that cannot move
  const auto& refused = diags_.all().front();
  EXPECT_EQ(refused.summary, "Invalid resource_types");
  EXPECT_NE(refused.detail.find("\"lighthouse\""), std::string::npos) << refused.detail;
  ASSERT_TRUE(refused.attribute);
  EXPECT_TRUE(refused.attribute->starts_with(
      codec::Path::root("follow_renewal").index(0).attr("resource_types")))
      << refused.attribute->to_string();
  const framework::Diagnostic* e = nullptr;

  plan(hosting({{"follow_renewal", follow({"cdn", "clb"})}}));
  e = error_at("follow_renewal");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Missing regions");

  plan(hosting({{"follow_renewal", follow({"cdn", "clb"}, std::vector<std::string>{})}}));
  ASSERT_NE(error_at("follow_renewal"), nullptr);  // an empty list is no region either

  plan(hosting(
      {{"follow_renewal", follow({"cdn", "clb"}, std::vector<std::string>{"ap-guangzhou"})}}));
  EXPECT_FALSE(diags_.has_errors());

  plan(hosting({{"follow_renewal", follow({"cdn", "live"})}}));
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(HostingConfigPlan, RenewalNotFollowedYetPlansTheMove) {
  const Value base = applied(plan(hosting({{"follow_renewal", follow({"cdn"})}})).planned)
                         .with("renewal_certificate_id", Value::string("renewed-1"))
                         .with("followed_certificate_id", Value::string("cert-1"))
                         .with("follow_record_id", Value::number(5));
  auto r = plan(hosting({{"follow_renewal", follow({"cdn"})}}), base);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_EQ(r.planned.get_string("followed_certificate_id"), "renewed-1");
  EXPECT_TRUE(r.planned.at("follow_record_id").is_unknown());

  // Without follow_renewal the renewal is only reported: nothing to move.
  const Value unfollowed = base.with("follow_renewal", Value::list(follow_type(), {}));
  auto idle = plan(hosting(), unfollowed);
  EXPECT_EQ(idle.planned.get_string("followed_certificate_id"), "cert-1");
  EXPECT_TRUE(idle.planned.at("follow_record_id") == Value::number(5));

  // Once followed, the plan is quiet.
  const Value followed = base.with("followed_certificate_id", Value::string("renewed-1"));
  EXPECT_TRUE(plan(hosting({{"follow_renewal", follow({"cdn"})}}), followed).planned == followed);
}

}  // namespace
}  // namespace cloudssl::deployments
