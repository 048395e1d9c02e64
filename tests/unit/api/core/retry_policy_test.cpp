// ApiError as a value and the backoff curve (Tencent's classification table:
// tests/unit/api/tencent/error_classification_test.cpp; the generic one: client_dialect_test.cpp).
#include "api/core/retry_policy.h"

#include <gtest/gtest.h>

#include "api/core/api_error.h"

namespace cloudssl::api {
namespace {

using std::chrono::milliseconds;

TEST(ApiErrorValue, CarriesActionCodeMessageRequestId) {
  const ApiError e("DescribeCertificates", "InvalidParameter", "bad Limit", "rid-1",
                   ErrorClass::Final, 200);
  EXPECT_EQ(e.action(), "DescribeCertificates");
  EXPECT_EQ(e.code(), "InvalidParameter");
  EXPECT_EQ(e.message(), "bad Limit");
  EXPECT_EQ(e.request_id(), "rid-1");
  EXPECT_EQ(e.http_status(), 200);
  EXPECT_TRUE(e.is("InvalidParameter"));
  EXPECT_TRUE(e.code_starts_with("Invalid"));
  EXPECT_STREQ(e.what(), "DescribeCertificates: InvalidParameter: bad Limit (RequestId: rid-1)");
}

TEST(RetryPolicy, FinalErrorsAreNotRetried) {
  RetryPolicy policy(5);
  EXPECT_FALSE(policy.next_wait(ErrorClass::Final, 0).has_value());
  EXPECT_FALSE(policy.next_wait(ErrorClass::Cancelled, 0).has_value());
  EXPECT_FALSE(policy.next_wait(ErrorClass::DeadlineExceeded, 0).has_value());
}

TEST(RetryPolicy, StopsAfterMaxRetries) {
  RetryPolicy policy(3);
  EXPECT_TRUE(policy.next_wait(ErrorClass::Transient, 0).has_value());
  EXPECT_TRUE(policy.next_wait(ErrorClass::Transient, 2).has_value());
  EXPECT_FALSE(policy.next_wait(ErrorClass::Transient, 3).has_value());
  RetryPolicy none(0);
  EXPECT_FALSE(none.next_wait(ErrorClass::Throttled, 0).has_value());
}

TEST(RetryPolicy, CeilingDoublesUpToTheCap) {
  RetryPolicy policy(100, {milliseconds(100), milliseconds(1000), milliseconds(0)});
  EXPECT_EQ(policy.ceiling(0), milliseconds(100));
  EXPECT_EQ(policy.ceiling(1), milliseconds(200));
  EXPECT_EQ(policy.ceiling(3), milliseconds(800));
  EXPECT_EQ(policy.ceiling(4), milliseconds(1000));
  EXPECT_EQ(policy.ceiling(90), milliseconds(1000));  // no overflow
}

TEST(RetryPolicy, FullJitterStaysWithinBoundsAndSpreads) {
  RetryPolicy policy(100, {milliseconds(100), milliseconds(1000), milliseconds(0)}, 42);
  for (int retry = 0; retry < 8; ++retry) {
    milliseconds low = milliseconds::max(), high = milliseconds::min();
    for (int i = 0; i < 500; ++i) {
      const auto wait = *policy.next_wait(ErrorClass::Transient, retry);
      ASSERT_GE(wait, milliseconds(0));
      ASSERT_LE(wait, policy.ceiling(retry));
      low = std::min(low, wait);
      high = std::max(high, wait);
    }
    // Full jitter: the whole range [0, ceiling] is used, not just the top.
    EXPECT_LT(low, policy.ceiling(retry) / 4) << retry;
    EXPECT_GT(high, policy.ceiling(retry) * 3 / 4) << retry;
  }
}

TEST(RetryPolicy, ThrottlingWaitsAtLeastTheFloor) {
  RetryPolicy policy(100, {milliseconds(200), milliseconds(5000), milliseconds(150)}, 7);
  for (int i = 0; i < 500; ++i) {
    const auto wait = *policy.next_wait(ErrorClass::Throttled, 0);
    EXPECT_GE(wait, milliseconds(150));
    EXPECT_LE(wait, milliseconds(200));
  }
}

TEST(RetryPolicy, NegativeMaxRetriesMeansNone) {
  RetryPolicy policy(-4);
  EXPECT_EQ(policy.max_retries(), 0);
}

}  // namespace
}  // namespace cloudssl::api
