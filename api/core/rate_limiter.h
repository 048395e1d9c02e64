// Client-side rate limiting per action at the API's documented limits (which the dialect
// knows: dialect.h), shared by every thread that uses one Client, so concurrent Terraform
// operations queue here
// instead of being throttled by the API. A token bucket per action hands out reservations
// (like Go's rate.Limiter): each caller learns when its turn comes and waits for exactly that
// long on its cancellation token, so callers are served in arrival order with no stampede.
//
// The documented limits are per account, not per process: several processes (CI jobs, one
// terraform each) sharing an account are throttled by the API although each keeps to its own
// bucket. So the rate adapts to the API's answers (AIMD, as TCP's congestion window): a
// throttling answer halves the action's rate (once per second: the answers of one burst count
// once) and empties its bucket; each success adds back `increase / rate`, so a busy action
// regains `increase` requests per second every second, up to the documented rate.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "provider/util/cancellation.h"

namespace cloudssl::api {

using SteadyClock = std::chrono::steady_clock;

// The documented requests-per-second limit of an action (Dialect::rate_limit).
using DocumentedLimit = std::function<int(std::string_view action)>;

// One action's bucket. Not thread-safe on its own (RateLimiter locks around it); the clock
// is passed in so tests drive it by hand.
class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst, SteadyClock::time_point now);

  // Takes one token and returns when the caller may go (≤ now: at once), or nullopt, taking
  // nothing, when that moment would be after `latest`.
  std::optional<SteadyClock::time_point> reserve(SteadyClock::time_point now,
                                                 SteadyClock::time_point latest);
  // Gives back a reservation that was not used (its caller was cancelled while waiting).
  void release(SteadyClock::time_point now);

  double rate() const { return rate_; }
  // Changes the rate from `now` on (tokens earned so far are kept); `drain` empties the bucket
  // (promised reservations stay promised).
  void set_rate(double rate_per_second, SteadyClock::time_point now, bool drain);

 private:
  void refill(SteadyClock::time_point now);
  double rate_;
  double burst_;
  double tokens_;  // negative: reservations already promised to waiting callers
  SteadyClock::time_point last_;
};

struct RateLimitSettings {
  // Fraction of the documented limit the client allows itself: a margin for the jitter
  // between our send time and the server's count, so a server window never sees more than
  // the limit.
  double utilisation = 0.95;
  double burst = 1.0;
  // Per-action overrides in requests per second (tests, benchmarks); 0 disables limiting.
  std::map<std::string, double, std::less<>> overrides;
  bool enabled = true;
  // Adapting to the API's throttling answers (see above). The rate never drops below
  // `min_fraction` of its ceiling.
  bool adaptive = true;
  double decrease = 0.5;
  double increase_fraction = 0.05;  // of the ceiling, per second of successes
  double min_fraction = 0.05;
  std::chrono::milliseconds decrease_interval = std::chrono::seconds(1);
};

class RateLimiter {
 public:
  using Now = std::function<SteadyClock::time_point()>;
  explicit RateLimiter(DocumentedLimit documented, RateLimitSettings settings = {},
                       Now now = SteadyClock::now);

  // Blocks until `action` may be sent. Throws ApiError (DeadlineExceeded when the turn would
  // come after `deadline`, Cancelled when `cancel` fires while waiting).
  void acquire(std::string_view action, SteadyClock::time_point deadline,
               const CancellationToken& cancel);

  // The reservation step alone (no waiting), for tests with a hand-driven clock.
  std::optional<SteadyClock::time_point> reserve(std::string_view action,
                                                 SteadyClock::time_point latest);

  // The API answered `action` with a throttling error / with success (adapts the rate).
  void throttled(std::string_view action);
  void succeeded(std::string_view action);

  // Requests per second allowed now (the adapted rate once the action has been used).
  double rate_of(std::string_view action) const;

 private:
  double ceiling_of(std::string_view action) const;  // the configured (documented) rate
  TokenBucket& bucket(std::string_view action, SteadyClock::time_point now);
  DocumentedLimit documented_;
  RateLimitSettings settings_;
  Now now_;
  mutable std::mutex mutex_;
  std::map<std::string, TokenBucket, std::less<>> buckets_;
  std::map<std::string, SteadyClock::time_point, std::less<>> last_decrease_;
};

}  // namespace cloudssl::api
