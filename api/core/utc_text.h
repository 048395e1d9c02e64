// A Unix time as UTC text in a strftime format: the dates and timestamps the signers and the
// typed actions write ("2026-12-06", "20261206T101500Z", "2026-12-06 18:15:00").
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace cloudssl::api {

// `format` must produce fewer than 32 characters.
inline std::string utc_text(std::int64_t unix_seconds, const char* format) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

}  // namespace cloudssl::api
