// Token buckets driven by a hand-moved clock (no timing assertions), plus the waiting path's
// deadline and cancellation, and the rate's adaptation to the API's throttling answers.
#include "api/core/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "api/core/api_error.h"
#include "tests/support/api_error_of.h"

namespace cloudssl::api {
namespace {

using std::chrono::milliseconds;
const SteadyClock::time_point kNever = SteadyClock::time_point::max();

// A dialect's documented limits (dialect.h), as the SSL API's: 20/s for one action, 10/s
// for the others.
int documented(std::string_view action) { return action == "CheckCertificateChain" ? 20 : 10; }

TEST(TokenBucket, SpacesReservationsByTheRate) {
  const SteadyClock::time_point t0{};
  TokenBucket bucket(10.0, 1.0, t0);
  // Ten callers arriving together get turns 100 ms apart, the first at once.
  for (int i = 0; i < 10; ++i) {
    const auto ready = bucket.reserve(t0, kNever);
    ASSERT_TRUE(ready.has_value());
    EXPECT_NEAR(std::chrono::duration<double>(*ready - t0).count(), i * 0.1, 1e-6) << i;
  }
}

TEST(TokenBucket, NeverMoreThanTheRateInAnyWindow) {
  SteadyClock::time_point now{};
  TokenBucket bucket(10.0, 1.0, now);
  std::vector<SteadyClock::time_point> grants;
  // Bursty arrivals: 40 callers over 2 s in clumps.
  for (int clump = 0; clump < 4; ++clump) {
    for (int i = 0; i < 10; ++i) grants.push_back(*bucket.reserve(now, kNever));
    now += milliseconds(500);
  }
  std::sort(grants.begin(), grants.end());
  for (std::size_t i = 0; i + 10 < grants.size(); ++i) {
    // The 11th grant after any grant is at least a second later.
    EXPECT_GE(grants[i + 10] - grants[i], milliseconds(1000) - milliseconds(1)) << i;
  }
}

TEST(TokenBucket, RefillsWhileIdleUpToTheBurst) {
  SteadyClock::time_point now{};
  TokenBucket bucket(10.0, 3.0, now);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(*bucket.reserve(now, kNever), now);
  EXPECT_GT(*bucket.reserve(now, kNever), now);  // burst used up
  now += std::chrono::seconds(60);               // long idle: at most `burst` tokens
  for (int i = 0; i < 3; ++i) EXPECT_EQ(*bucket.reserve(now, kNever), now);
  EXPECT_GT(*bucket.reserve(now, kNever), now);
}

TEST(TokenBucket, RefusesATurnAfterTheLatestAcceptableTime) {
  const SteadyClock::time_point t0{};
  TokenBucket bucket(10.0, 1.0, t0);
  ASSERT_TRUE(bucket.reserve(t0, kNever).has_value());
  EXPECT_FALSE(bucket.reserve(t0, t0 + milliseconds(50)).has_value());
  // The refusal took nothing: the next caller still gets the 100 ms slot.
  EXPECT_EQ(*bucket.reserve(t0, kNever), t0 + milliseconds(100));
}

TEST(TokenBucket, ReleasedReservationIsReused) {
  const SteadyClock::time_point t0{};
  TokenBucket bucket(10.0, 1.0, t0);
  bucket.reserve(t0, kNever);
  const auto second = *bucket.reserve(t0, kNever);
  bucket.release(t0);  // its caller was cancelled
  EXPECT_EQ(*bucket.reserve(t0, kNever), second);
}

TEST(RateLimiter, BucketsArePerActionAtTheirLimits) {
  SteadyClock::time_point now{};
  RateLimitSettings settings;
  settings.utilisation = 1.0;
  RateLimiter limiter(documented, settings, [&] { return now; });
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 10.0);
  EXPECT_DOUBLE_EQ(limiter.rate_of("CheckCertificateChain"), 20.0);
  EXPECT_EQ(*limiter.reserve("DescribeCertificates", kNever), now);
  EXPECT_EQ(*limiter.reserve("DescribeCertificates", kNever), now + milliseconds(100));
  EXPECT_EQ(*limiter.reserve("CheckCertificateChain", kNever), now);  // its own bucket
  EXPECT_EQ(*limiter.reserve("CheckCertificateChain", kNever), now + milliseconds(50));
}

TEST(RateLimiter, DefaultLeavesAMarginBelowTheLimit) {
  RateLimiter limiter(documented);
  EXPECT_LT(limiter.rate_of("DescribeCertificates"), 10.0);
  EXPECT_GE(limiter.rate_of("DescribeCertificates"), 9.0);
}

TEST(RateLimiter, OverridesAndDisabling) {
  RateLimitSettings settings;
  settings.overrides["DescribeCertificates"] = 2.0;
  EXPECT_DOUBLE_EQ(RateLimiter(documented, settings).rate_of("DescribeCertificates"), 2.0);
  settings.enabled = false;
  RateLimiter off(documented, settings);
  EXPECT_DOUBLE_EQ(off.rate_of("DescribeCertificates"), 0.0);
  for (int i = 0; i < 100; ++i) off.acquire("DescribeCertificates", kNever, {});  // no waits
}

TEST(RateLimiter, SharedAcrossThreadsEveryGrantDistinct) {
  // 8 threads × 25 reservations on one bucket, clock frozen: 200 distinct slots 100 ms apart.
  const SteadyClock::time_point t0{};
  RateLimitSettings settings;
  settings.utilisation = 1.0;
  RateLimiter limiter(documented, settings, [&] { return t0; });
  std::mutex mutex;
  std::vector<SteadyClock::time_point> grants;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        const auto ready = *limiter.reserve("DescribeCertificates", kNever);
        std::lock_guard lock(mutex);
        grants.push_back(ready);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(grants.begin(), grants.end());
  ASSERT_EQ(grants.size(), 200u);
  for (std::size_t i = 1; i < grants.size(); ++i) {
    EXPECT_NEAR(std::chrono::duration<double>(grants[i] - grants[i - 1]).count(), 0.1, 1e-6);
  }
}

TEST(RateLimiter, DeadlineBeforeTheTurnFailsAtOnce) {
  RateLimitSettings settings;
  settings.overrides["DescribeCertificates"] = 0.001;  // one call per ~17 minutes
  RateLimiter limiter(documented, settings);
  limiter.acquire("DescribeCertificates", kNever, {});
  const ApiError e = testing::error_of([&] {
    limiter.acquire("DescribeCertificates", SteadyClock::now() + std::chrono::seconds(5), {});
  });
  EXPECT_EQ(e.error_class(), ErrorClass::DeadlineExceeded);
  EXPECT_EQ(e.action(), "DescribeCertificates");
}

TEST(RateLimiter, CancellationEndsTheWait) {
  RateLimitSettings settings;
  settings.overrides["DescribeCertificates"] = 0.001;
  RateLimiter limiter(documented, settings);
  limiter.acquire("DescribeCertificates", kNever, {});
  CancellationToken cancel;
  std::atomic<bool> cancelled_error{false};
  std::thread waiter([&] {
    try {
      limiter.acquire("DescribeCertificates", kNever, cancel);
    } catch (const ApiError& e) {
      cancelled_error = e.error_class() == ErrorClass::Cancelled;
    }
  });
  cancel.cancel();  // before or during the wait: either way the waiter returns Cancelled
  waiter.join();
  EXPECT_TRUE(cancelled_error.load());
}

// Another process shares the account: a throttling answer halves this process's rate (and
// the next turn waits for it), once per second however many answers a burst brings.
TEST(AdaptiveRateLimiter, AThrottlingAnswerHalvesTheRateOncePerSecond) {
  SteadyClock::time_point now{};
  RateLimitSettings settings;
  settings.utilisation = 1.0;
  RateLimiter limiter(documented, settings, [&] { return now; });
  EXPECT_EQ(*limiter.reserve("DescribeCertificates", kNever), now);
  limiter.throttled("DescribeCertificates");
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 5.0);
  // The bucket was emptied: the next turn comes one new interval (200 ms) later.
  EXPECT_EQ(*limiter.reserve("DescribeCertificates", kNever), now + milliseconds(200));
  limiter.throttled("DescribeCertificates");  // same burst
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 5.0);
  now += milliseconds(1000);
  limiter.throttled("DescribeCertificates");
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 2.5);
  EXPECT_DOUBLE_EQ(limiter.rate_of("CheckCertificateChain"), 20.0);  // other actions untouched
}

// Successes give the rate back additively (about 5 % of the ceiling per second at full use),
// never above the ceiling; it never falls below 5 % of it.
TEST(AdaptiveRateLimiter, SuccessesRestoreTheRateUpToTheCeilingAndItHasAFloor) {
  SteadyClock::time_point now{};
  RateLimitSettings settings;
  settings.utilisation = 1.0;
  RateLimiter limiter(documented, settings, [&] { return now; });
  for (int i = 0; i < 10; ++i) {
    limiter.throttled("DescribeCertificates");
    now += milliseconds(1000);
  }
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 0.5);  // the floor
  limiter.succeeded("DescribeCertificates");
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 0.5 + 0.5 / 0.5);
  double previous = limiter.rate_of("DescribeCertificates");
  for (int i = 0; i < 1000; ++i) {
    limiter.succeeded("DescribeCertificates");
    const double rate = limiter.rate_of("DescribeCertificates");
    EXPECT_GE(rate, previous);
    previous = rate;
  }
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 10.0);
}

TEST(AdaptiveRateLimiter, OffKeepsTheConfiguredRate) {
  RateLimitSettings settings;
  settings.utilisation = 1.0;
  settings.adaptive = false;
  RateLimiter limiter(documented, settings);
  limiter.throttled("DescribeCertificates");
  EXPECT_DOUBLE_EQ(limiter.rate_of("DescribeCertificates"), 10.0);
  settings.adaptive = true;
  settings.enabled = false;
  RateLimiter off(documented, settings);
  off.throttled("DescribeCertificates");
  EXPECT_DOUBLE_EQ(off.rate_of("DescribeCertificates"), 0.0);
}

}  // namespace
}  // namespace cloudssl::api
