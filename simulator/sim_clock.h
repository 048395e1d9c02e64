// The simulated wall clock (certificate validity, the one-hour delete rule, cache ages) is
// the real clock plus an offset tests can advance through /_sim/clock. Signature timestamps
// are checked against a separate clock (the real one plus a skew, zero unless a test sets
// it), so advancing simulated time never breaks authentication while a test can still play
// a client whose clock is wrong.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace cloudssl::sim {

class SimClock {
 public:
  std::int64_t now() const;       // Unix seconds, simulated
  std::int64_t real_now() const;  // Unix seconds, real
  // The server time that request timestamps (TC3 X-TC-Timestamp, Volcengine X-Date) are
  // checked against: the real clock plus the skew set through /_sim/clock.
  std::int64_t signature_now() const { return real_now() + signature_skew_.load(); }
  std::int64_t steady_ms() const;  // monotonic milliseconds, for task durations
  void advance(std::int64_t seconds) { offset_ += seconds; }
  std::int64_t offset() const { return offset_; }
  void set_signature_skew(std::int64_t seconds) { signature_skew_ = seconds; }
  std::int64_t signature_skew() const { return signature_skew_; }

 private:
  std::atomic<std::int64_t> offset_{0};
  std::atomic<std::int64_t> signature_skew_{0};
};

// "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8), the API's usual timestamp form.
std::string beijing_time(std::int64_t unix_seconds);
// The inverse; throws std::invalid_argument on a malformed string.
std::int64_t parse_beijing_time(const std::string& text);
// "2024-06-26T11:36:33.000000Z", the record-detail item form.
std::string iso_utc(std::int64_t unix_seconds);

}  // namespace cloudssl::sim
