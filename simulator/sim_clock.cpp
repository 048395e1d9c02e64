#include "simulator/sim_clock.h"

#include <ctime>
#include <stdexcept>

namespace cloudssl::sim {

namespace {
constexpr std::int64_t kBeijingOffset = 8 * 3600;

std::string format(std::int64_t unix_seconds, const char* pattern) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}
}  // namespace

std::int64_t SimClock::real_now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t SimClock::now() const { return real_now() + offset_.load(); }

std::int64_t SimClock::steady_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string beijing_time(std::int64_t unix_seconds) {
  return format(unix_seconds + kBeijingOffset, "%Y-%m-%d %H:%M:%S");
}

std::int64_t parse_beijing_time(const std::string& text) {
  std::tm tm{};
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3) {
    throw std::invalid_argument("expected yyyy-mm-dd hh:mm:ss, got " + text);
  }
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm)) - kBeijingOffset;
}

std::string iso_utc(std::int64_t unix_seconds) {
  return format(unix_seconds, "%Y-%m-%dT%H:%M:%S.000000Z");
}

}  // namespace cloudssl::sim
