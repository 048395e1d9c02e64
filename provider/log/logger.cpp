#include "provider/log/logger.h"

#include "provider/log/request_context.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <random>
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

thread_local RequestContext t_request;

}  // namespace

RequestScope::RequestScope(RequestContext context) : previous_(std::move(t_request)) {
  t_request = std::move(context);
}

RequestScope::~RequestScope() { t_request = std::move(previous_); }

const RequestContext& current_request() { return t_request; }

std::string new_request_id() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_int_distribution<unsigned> nibble(0, 15);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx";
  for (char& c : id) {
    if (c == 'x') c = kHex[nibble(engine)];
    if (c == 'y') c = kHex[8 + nibble(engine) % 4];  // the RFC 4122 variant bits 10xx
  }
  return id;
}

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

// The calling thread's request context is added, unless `fields` names those keys itself.
std::string format_line(Level level, std::string_view message, const nlohmann::json& fields,
                        std::string_view module) {
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  const RequestContext& request = t_request;
  const auto add = [&line](const char* key, const std::string& value) {
    if (!value.empty() && !line.contains(key)) line[key] = value;
  };
  add("tf_req_id", request.req_id);
  add("tf_rpc", request.rpc);
  add("tf_resource_type", request.resource_type);
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
