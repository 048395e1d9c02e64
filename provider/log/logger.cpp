#include "provider/log/logger.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>

#include "provider/util/ascii.h"

namespace cloudssl::log {
namespace {

const char* level_name(Level level) {
  switch (level) {
    case Level::Trace: return "trace";
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
    case Level::Off: return "off";
  }
  return "info";
}

// hclog's timestamp layout: 2006-01-02T15:04:05.000000Z07:00 (we always write UTC).
std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%06lldZ", static_cast<long long>(micros));
  return buf;
}

Level read_threshold() {
  for (const char* var : {"TF_LOG_PROVIDER", "TF_LOG"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return parse_level(v);
  }
  return Level::Warn;
}

}  // namespace

Level parse_level(std::string_view text) {
  const std::string t = ascii_lower(text);
  if (t == "trace" || t == "json") return Level::Trace;
  if (t == "debug") return Level::Debug;
  if (t == "info") return Level::Info;
  if (t == "warn") return Level::Warn;
  if (t == "error") return Level::Error;
  return Level::Off;
}

Level threshold() {
  static const Level level = read_threshold();  // the environment does not change
  return level;
}

bool enabled(Level level) { return level != Level::Off && level >= threshold(); }

std::string format_line(Level level, std::string_view message, const nlohmann::json& fields,
                        std::string_view module) {
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["@level"] = level_name(level);
  line["@message"] = std::string(message);
  line["@module"] = std::string(module);
  line["@timestamp"] = timestamp();
  // Replace invalid UTF-8 instead of throwing: a log line must never crash the provider.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write(Level level, std::string_view message, const nlohmann::json& fields,
           std::string_view module) {
  if (!enabled(level)) return;
  std::string out = format_line(level, message, fields, module);
  out.push_back('\n');
  static std::mutex mutex;  // whole lines from concurrent RPC threads
  std::lock_guard lock(mutex);
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

}  // namespace cloudssl::log
