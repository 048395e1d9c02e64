// One in-process lock per (certificate, resource type): waiters queue, cancellation and the
// deadline end a wait, other pairs never block.
#include "resources/deployments/deploy_locks.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

namespace cloudssl::deployments {
namespace {

using namespace std::chrono_literals;

TEST(DeployLocks, SecondHolderWaitsForTheFirst) {
  DeployLocks locks;
  CancellationToken token;
  auto first = locks.acquire("cert", "clb", token);
  ASSERT_TRUE(first.owns());
  std::promise<void> acquired;
  auto done = acquired.get_future();
  std::thread waiter([&] {
    auto second = locks.acquire("cert", "clb", token);
    EXPECT_TRUE(second.owns());
    acquired.set_value();
  });
  EXPECT_EQ(done.wait_for(100ms), std::future_status::timeout);  // still held by `first`
  first.release();
  EXPECT_EQ(done.wait_for(10s), std::future_status::ready);
  waiter.join();
  EXPECT_FALSE(locks.held("cert", "clb"));
}

TEST(DeployLocks, OtherPairsDoNotBlock) {
  DeployLocks locks;
  CancellationToken token;
  auto a = locks.acquire("cert", "clb", token);
  auto b = locks.acquire("cert", "cdn", token);
  auto c = locks.acquire("other", "clb", token);
  EXPECT_TRUE(a.owns() && b.owns() && c.owns());
}

TEST(DeployLocks, CancellationEndsTheWait) {
  DeployLocks locks;
  CancellationToken token;
  auto held = locks.acquire("cert", "clb", token);
  std::promise<bool> result;
  auto owned = result.get_future();
  CancellationToken stop;
  std::thread waiter([&] { result.set_value(locks.acquire("cert", "clb", stop).owns()); });
  stop.cancel();
  ASSERT_EQ(owned.wait_for(10s), std::future_status::ready);
  EXPECT_FALSE(owned.get());
  waiter.join();
  EXPECT_TRUE(locks.held("cert", "clb"));  // the holder is untouched
}

TEST(DeployLocks, DeadlineEndsTheWait) {
  DeployLocks locks;
  CancellationToken token;
  auto held = locks.acquire("cert", "clb", token);
  auto guard = locks.acquire("cert", "clb", token, std::chrono::steady_clock::now() + 20ms);
  EXPECT_FALSE(guard.owns());
}

TEST(DeployLocks, MovedGuardReleasesOnce) {
  DeployLocks locks;
  CancellationToken token;
  {
    auto a = locks.acquire("cert", "clb", token);
    DeployLocks::Guard b = std::move(a);
    EXPECT_FALSE(a.owns());
    EXPECT_TRUE(b.owns());
    EXPECT_TRUE(locks.held("cert", "clb"));
  }
  EXPECT_FALSE(locks.held("cert", "clb"));
}

}  // namespace
}  // namespace cloudssl::deployments
