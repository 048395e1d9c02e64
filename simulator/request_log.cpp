#include "simulator/request_log.h"

namespace cloudssl::sim {

void RequestLog::record(LoggedRequest entry) {
  std::lock_guard lock(mu_);
  entry.seq = next_seq_++;
  Counter& c = counters_[entry.action];
  ++c.total;
  if (entry.code.empty())
    ++c.ok;
  else
    ++c.errors[entry.code];
  log_.push_back(std::move(entry));
  while (log_.size() > capacity_) log_.pop_front();
}

nlohmann::json RequestLog::to_json(const std::string& action, std::uint64_t since) const {
  std::lock_guard lock(mu_);
  nlohmann::json counters = nlohmann::json::object();
  for (const auto& [name, c] : counters_) {
    if (!action.empty() && name != action) continue;
    counters[name] = {{"total", c.total}, {"ok", c.ok}, {"errors", c.errors}};
  }
  nlohmann::json log = nlohmann::json::array();
  for (const auto& e : log_) {
    if (e.seq <= since || (!action.empty() && e.action != action)) continue;
    log.push_back({{"seq", e.seq},
                   {"time", e.time},
                   {"action", e.action},
                   {"code", e.code},
                   {"request_id", e.request_id},
                   {"http_status", e.http_status},
                   {"latency_us", e.latency_us}});
  }
  return {{"counters", counters}, {"log", log}};
}

void RequestLog::clear() {
  std::lock_guard lock(mu_);
  counters_.clear();
  log_.clear();
}

}  // namespace cloudssl::sim
