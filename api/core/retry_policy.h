// When and how long to wait before trying a failed call again: throttling and transient
// errors are retried (api_error.h's classification), at most `max_retries` times, with
// exponential backoff and full jitter (a uniform wait in [0, min(cap, base·2^n)]), never past
// the caller's deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

#include "api/core/api_error.h"

namespace cloudssl::api {

struct BackoffSettings {
  std::chrono::milliseconds base = std::chrono::milliseconds(200);
  std::chrono::milliseconds cap = std::chrono::seconds(10);
  // Throttling waits at least this long: an immediate resend would land in the same window.
  std::chrono::milliseconds throttle_floor = std::chrono::milliseconds(100);
};

class RetryPolicy {
 public:
  explicit RetryPolicy(int max_retries, BackoffSettings settings = {},
                       std::uint64_t seed = std::random_device{}());

  static bool retryable(ErrorClass error_class) {
    return error_class == ErrorClass::Throttled || error_class == ErrorClass::Transient;
  }

  // The upper bound of the jittered wait before retry number `retry` (0 = the first retry).
  std::chrono::milliseconds ceiling(int retry) const;

  // How long to wait before retry number `retry` after an error of `error_class`, or
  // nullopt when the call must not be retried (final error or retries used up). The
  // deadline check is the caller's (client.cpp), because it owns the clock.
  std::optional<std::chrono::milliseconds> next_wait(ErrorClass error_class, int retry);

  int max_retries() const { return max_retries_; }

 private:
  int max_retries_;
  BackoffSettings settings_;
  std::mutex mutex_;  // the generator is shared by concurrent calls
  std::mt19937_64 random_;
};

}  // namespace cloudssl::api
