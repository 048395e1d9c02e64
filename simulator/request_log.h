// Request counters per action and a bounded log of recent requests (for benchmarks and for
// tests that assert what the client sent).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace cloudssl::sim {

struct LoggedRequest {
  std::uint64_t seq = 0;
  std::int64_t time = 0;
  std::string action, code, request_id;
  int http_status = 200;
  std::int64_t latency_us = 0;
};

class RequestLog {
 public:
  explicit RequestLog(std::size_t capacity = 10000) : capacity_(capacity) {}
  void record(LoggedRequest entry);  // seq is assigned here
  // {"counters": {...}, "log": [...]}; `action` "" = all; entries with seq > since.
  nlohmann::json to_json(const std::string& action, std::uint64_t since) const;
  void clear();

 private:
  struct Counter {
    std::uint64_t total = 0, ok = 0;
    std::map<std::string, std::uint64_t> errors;
  };
  mutable std::mutex mu_;
  std::size_t capacity_;
  std::uint64_t next_seq_ = 1;
  std::map<std::string, Counter> counters_;
  std::deque<LoggedRequest> log_;
};

}  // namespace cloudssl::sim
