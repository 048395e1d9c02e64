// The two ways an operation's API calls get their options: bound to the operation's Context
// (deadline, StopProvider), or detached from it for an undo that must outlive it.
#include "resources/common/call_options.h"

#include <gtest/gtest.h>

namespace cloudssl::common {
namespace {

using Clock = std::chrono::steady_clock;

TEST(CallOptions, FollowTheContextUnlessDetached) {
  framework::Context ctx;
  ctx.deadline = Clock::now() + std::chrono::minutes(20);
  const api::CallOptions bound = call_options(ctx, "ap-guangzhou");
  EXPECT_EQ(bound.deadline, ctx.deadline);
  EXPECT_EQ(bound.region, "ap-guangzhou");
  ctx.cancel.cancel();
  EXPECT_TRUE(bound.cancel.cancelled());  // StopProvider reaches the call

  // Ctrl-C and an expired operation deadline do not reach a detached call; its own deadline
  // bounds it.
  const auto before = Clock::now();
  const api::CallOptions detached = detached_call_options(std::chrono::seconds(15), "ap-beijing");
  EXPECT_FALSE(detached.cancel.cancelled());
  EXPECT_GE(detached.deadline, before + std::chrono::seconds(15));
  EXPECT_LE(detached.deadline, Clock::now() + std::chrono::seconds(15));
  EXPECT_EQ(detached.region, "ap-beijing");
}

}  // namespace
}  // namespace cloudssl::common
