// cloudssl_certificate_revocation's plan: waiting is the default, the records and status are
// known only after apply, every argument but timeouts replaces (a new revocation, never an
// in-place change), empty ids and reasons are refused on their attribute, and the plan-time
// API check is skipped while no API client is configured.
#include <gtest/gtest.h>

#include "provider/framework/plan_engine.h"
#include "resources/certificates/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Value;

class RevocationPlan : public testing::PlanHarness {
 protected:
  RevocationPlan() : PlanHarness(make_certificate_revocation_resource()) {}
};

TEST_F(RevocationPlan, CreateWaitsByDefaultAndLeavesResultsUnknown) {
  auto result = plan(config({{"certificate_id", Value::string("Abc12345")}}));
  ASSERT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned.get_bool("wait_for_revocation"), true);
  EXPECT_TRUE(result.planned.at("validation_records").is_unknown());
  EXPECT_TRUE(result.planned.at("status").is_unknown());
  EXPECT_TRUE(result.planned.at("id").is_unknown());
}

TEST_F(RevocationPlan, EveryArgumentButTimeoutsReplaces) {
  const Value base = config(
      {{"certificate_id", Value::string("Abc12345")}, {"reason", Value::string("key leaked")}});
  const Value state = applied(plan(base).planned);
  ASSERT_FALSE(diags_.has_errors());

  EXPECT_TRUE(plan(base, state).requires_replace.empty());
  auto other = plan(config({{"certificate_id", Value::string("Other123")},
                            {"reason", Value::string("key leaked")}}),
                    state);
  EXPECT_TRUE(replaces(other, "certificate_id"));
  auto reason = plan(config({{"certificate_id", Value::string("Abc12345")},
                             {"reason", Value::string("superseded")}}),
                     state);
  EXPECT_TRUE(replaces(reason, "reason"));
  auto nowait = plan(config({{"certificate_id", Value::string("Abc12345")},
                             {"reason", Value::string("key leaked")},
                             {"wait_for_revocation", Value::boolean(false)}}),
                     state);
  EXPECT_TRUE(replaces(nowait, "wait_for_revocation"));
}

TEST_F(RevocationPlan, EmptyIdAndReasonAreRefusedOnTheirAttribute) {
  plan(config({{"certificate_id", Value::string("")}, {"reason", Value::string("")}}));
  EXPECT_NE(error_at("certificate_id"), nullptr);
  EXPECT_NE(error_at("reason"), nullptr);
}

TEST(RevocationResource, CreateTimeoutDefaultsTo30Minutes) {
  EXPECT_EQ(make_certificate_revocation_resource()->default_timeouts().create,
            std::chrono::minutes(30));
}

}  // namespace
}  // namespace cloudssl::certificates
