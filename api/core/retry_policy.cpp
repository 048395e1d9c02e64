#include "api/core/retry_policy.h"

#include <algorithm>

namespace cloudssl::api {

RetryPolicy::RetryPolicy(int max_retries, BackoffSettings settings, std::uint64_t seed)
    : max_retries_(std::max(0, max_retries)), settings_(settings), random_(seed) {}

std::chrono::milliseconds RetryPolicy::ceiling(int retry) const {
  // base·2^retry without overflow: stop doubling once the cap is reached.
  auto bound = settings_.base;
  for (int i = 0; i < retry && bound < settings_.cap; ++i) bound *= 2;
  return std::min(bound, settings_.cap);
}

std::optional<std::chrono::milliseconds> RetryPolicy::next_wait(ErrorClass error_class, int retry) {
  if (!retryable(error_class) || retry >= max_retries_) return std::nullopt;
  const auto bound = ceiling(retry);
  const auto floor = error_class == ErrorClass::Throttled
                         ? std::min(settings_.throttle_floor, bound)
                         : std::chrono::milliseconds(0);
  std::uniform_int_distribution<std::int64_t> pick(floor.count(), bound.count());
  std::lock_guard lock(mutex_);
  return std::chrono::milliseconds(pick(random_));
}

}  // namespace cloudssl::api
