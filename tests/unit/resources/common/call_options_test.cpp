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

// A detached call holds up a user who pressed Ctrl-C: however long the timeout asked for (an
// operation's own timeouts may be hours), its deadline is at most kMaxDetachedTimeout away.
TEST(CallOptions, ADetachedCallIsBoundedByTheClamp) {
  EXPECT_EQ(kMaxDetachedTimeout, std::chrono::seconds(30));
  for (const auto asked : {std::chrono::seconds(31), std::chrono::seconds(3600)}) {
    const auto before = Clock::now();
    const api::CallOptions detached = detached_call_options(asked);
    EXPECT_GE(detached.deadline, before + kMaxDetachedTimeout) << asked.count();
    EXPECT_LE(detached.deadline, Clock::now() + kMaxDetachedTimeout) << asked.count();
  }
  const auto before = Clock::now();
  const api::CallOptions exact = detached_call_options(kMaxDetachedTimeout);
  EXPECT_GE(exact.deadline, before + kMaxDetachedTimeout);
}

}  // namespace
}  // namespace cloudssl::common
