// The simulated wall clock (certificate validity, the one-hour delete rule, cache ages) is
// the real clock plus an offset tests can advance through /_sim/clock. Signature timestamps
// are always checked against the real clock, so advancing never breaks authentication.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace cloudssl::sim {

class SimClock {
 public:
  std::int64_t now() const;        // Unix seconds, simulated
  std::int64_t real_now() const;   // Unix seconds, real
  std::int64_t steady_ms() const;  // monotonic milliseconds, for task durations
  void advance(std::int64_t seconds) { offset_ += seconds; }
  std::int64_t offset() const { return offset_; }

 private:
  std::atomic<std::int64_t> offset_{0};
};

// "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8), the API's usual timestamp form.
std::string beijing_time(std::int64_t unix_seconds);
// The inverse; throws std::invalid_argument on a malformed string.
std::int64_t parse_beijing_time(const std::string& text);
// "2024-06-26T11:36:33.000000Z", the record-detail item form.
std::string iso_utc(std::int64_t unix_seconds);

}  // namespace cloudssl::sim
