#include "api/core/rate_limiter.h"

#include <algorithm>

#include "api/core/api_error.h"

namespace cloudssl::api {

TokenBucket::TokenBucket(double rate_per_second, double burst, SteadyClock::time_point now)
    : rate_(rate_per_second), burst_(std::max(1.0, burst)), tokens_(burst_), last_(now) {}

void TokenBucket::refill(SteadyClock::time_point now) {
  if (now <= last_) return;
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  tokens_ = std::min(burst_, tokens_ + elapsed * rate_);
  last_ = now;
}

std::optional<SteadyClock::time_point> TokenBucket::reserve(SteadyClock::time_point now,
                                                            SteadyClock::time_point latest) {
  refill(now);
  if (tokens_ >= 1.0) {
    tokens_ -= 1.0;
    return now;
  }
  const auto wait = std::chrono::duration_cast<SteadyClock::duration>(
      std::chrono::duration<double>((1.0 - tokens_) / rate_));
  const auto ready = now + wait;
  if (ready > latest) return std::nullopt;
  tokens_ -= 1.0;
  return ready;
}

void TokenBucket::release(SteadyClock::time_point now) {
  refill(now);
  tokens_ = std::min(burst_, tokens_ + 1.0);
}

void TokenBucket::set_rate(double rate_per_second, SteadyClock::time_point now, bool drain) {
  refill(now);
  rate_ = rate_per_second;
  if (drain) tokens_ = std::min(tokens_, 0.0);
}

RateLimiter::RateLimiter(DocumentedLimit documented, RateLimitSettings settings, Now now)
    : documented_(std::move(documented)), settings_(std::move(settings)), now_(std::move(now)) {}

double RateLimiter::ceiling_of(std::string_view action) const {
  if (!settings_.enabled) return 0;
  if (auto it = settings_.overrides.find(action); it != settings_.overrides.end()) {
    return it->second;
  }
  return documented_(action) * settings_.utilisation;
}

double RateLimiter::rate_of(std::string_view action) const {
  std::lock_guard lock(mutex_);
  if (auto it = buckets_.find(action); it != buckets_.end() && ceiling_of(action) > 0)
    return it->second.rate();
  return ceiling_of(action);
}

TokenBucket& RateLimiter::bucket(std::string_view action, SteadyClock::time_point now) {
  auto it = buckets_.find(action);
  if (it == buckets_.end()) {
    it =
        buckets_.emplace(std::string(action), TokenBucket(ceiling_of(action), settings_.burst, now))
            .first;
  }
  return it->second;
}

void RateLimiter::throttled(std::string_view action) {
  const double ceiling = ceiling_of(action);
  if (!settings_.adaptive || ceiling <= 0) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  auto last = last_decrease_.find(action);
  if (last != last_decrease_.end() && now - last->second < settings_.decrease_interval) return;
  TokenBucket& b = bucket(action, now);
  b.set_rate(std::max(ceiling * settings_.min_fraction, b.rate() * settings_.decrease), now,
             /*drain=*/true);
  last_decrease_.insert_or_assign(std::string(action), now);
}

void RateLimiter::succeeded(std::string_view action) {
  const double ceiling = ceiling_of(action);
  if (!settings_.adaptive || ceiling <= 0) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  TokenBucket& b = bucket(action, now);
  if (b.rate() >= ceiling) return;
  b.set_rate(std::min(ceiling, b.rate() + ceiling * settings_.increase_fraction / b.rate()), now,
             /*drain=*/false);
}

std::optional<SteadyClock::time_point> RateLimiter::reserve(std::string_view action,
                                                            SteadyClock::time_point latest) {
  const auto now = now_();
  if (ceiling_of(action) <= 0) return now;
  std::lock_guard lock(mutex_);
  return bucket(action, now).reserve(now, latest);
}

void RateLimiter::acquire(std::string_view action, SteadyClock::time_point deadline,
                          const CancellationToken& cancel) {
  if (cancel.cancelled()) {
    throw ApiError(std::string(action), "Cancelled", "the operation was cancelled", "",
                   ErrorClass::Cancelled);
  }
  const auto ready = reserve(action, deadline);
  if (!ready) {
    throw ApiError(std::string(action), "DeadlineExceeded",
                   "the deadline passes before the client-side rate limit allows this call", "",
                   ErrorClass::DeadlineExceeded);
  }
  if (*ready <= now_()) return;
  if (cancel.wait_until(*ready)) {
    std::lock_guard lock(mutex_);
    bucket(action, now_()).release(now_());
    throw ApiError(std::string(action), "Cancelled",
                   "the operation was cancelled while waiting for the rate limit", "",
                   ErrorClass::Cancelled);
  }
}

}  // namespace cloudssl::api
