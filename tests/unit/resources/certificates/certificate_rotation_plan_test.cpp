// cloudssl_certificate's plan around a same-id rotation that failed on some targets: while
// rotate_in_place_failed_targets lists any, the plan is an in-place update (the apply retries
// them) with the list unknown; without failures, or without rotate_in_place, nothing is
// planned; rotate_in_place_on_failure defaults to "retry" and takes only retry or rollback.
#include <gtest/gtest.h>

#include "provider/framework/plan_engine.h"
#include "resources/certificates/factories.h"
#include "tests/support/test_certificates.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Type;
using codec::Value;

class RotationRetryPlan : public testing::PlanHarness {
 protected:
  RotationRetryPlan() : PlanHarness(make_certificate_resource()) {}
  void SetUp() override {
    chain_ = testing::make_chain();
    base_ = {
        {"certificate_pem", Value::string(chain_.leaf_and_chain())},
        {"private_key_pem", Value::string(chain_.leaf.key.pem)},
        {"rotate_in_place", Value::boolean(true)},
        {"rotate_in_place_regions", Value::set(Type::string(), {Value::string("ap-guangzhou")})}};
    prior_ = applied(plan(config(base_)).planned);
    ASSERT_FALSE(diags_.has_errors());
  }
  Value with_failed(std::vector<Value> targets) const {
    return prior_.with("rotate_in_place_failed_targets",
                       Value::list(Type::string(), std::move(targets)));
  }
  testing::TestChain chain_;
  std::map<std::string, Value> base_;
  Value prior_;
};

TEST_F(RotationRetryPlan, DefaultsToRetry) {
  EXPECT_EQ(prior_.get_string("rotate_in_place_on_failure"), "retry");
}

TEST_F(RotationRetryPlan, FailedTargetsPlanAnUpdateThatRetriesThem) {
  const Value prior = with_failed({Value::string("clb lb-1/lbl-2 (ap-guangzhou): busy")});
  auto result = plan(config(base_), prior);
  ASSERT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_TRUE(result.planned.at("rotate_in_place_failed_targets").is_unknown());
  EXPECT_FALSE(result.planned == prior);  // an update, not a no-op
  EXPECT_EQ(result.planned.at("certificate_pem"), prior.at("certificate_pem"));
}

TEST_F(RotationRetryPlan, NoFailuresOrNoRotationPlansNothing) {
  const Value none = with_failed({});
  auto clean = plan(config(base_), none);
  ASSERT_FALSE(diags_.has_errors());
  EXPECT_EQ(clean.planned, none);

  // Rotation switched off: the failed targets are no longer this resource's business.
  auto off = base_;
  off["rotate_in_place"] = Value::boolean(false);
  const Value failed = with_failed({Value::string("clb lb-1/lbl-2 (ap-guangzhou): busy")})
                           .with("rotate_in_place", Value::boolean(false));
  auto result = plan(config(off), failed);
  EXPECT_EQ(result.planned.at("rotate_in_place_failed_targets"),
            failed.at("rotate_in_place_failed_targets"));
}

TEST_F(RotationRetryPlan, OnlyRetryOrRollback) {
  auto bad = base_;
  bad["rotate_in_place_on_failure"] = Value::string("ignore");
  plan(config(bad));
  EXPECT_NE(error_at("rotate_in_place_on_failure"), nullptr);
  auto rollback = base_;
  rollback["rotate_in_place_on_failure"] = Value::string("rollback");
  plan(config(rollback));
  EXPECT_EQ(error_at("rotate_in_place_on_failure"), nullptr);
}

}  // namespace
}  // namespace cloudssl::certificates
