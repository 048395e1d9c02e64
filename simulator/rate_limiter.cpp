#include "simulator/rate_limiter.h"

#include <algorithm>

#include "simulator/actions/action_table.h"

namespace cloudssl::sim {

int RateLimiter::limit_for(const std::string& action) const {
  auto it = overrides_.find(action);
  return it != overrides_.end() ? it->second : documented_rate_limit(action);
}

std::string RateLimiter::access_region(const std::string& host) {
  const std::string suffix = ".tencentcloudapi.com";
  std::string h = host.substr(0, host.find(':'));
  if (h.size() <= suffix.size() || h.compare(h.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  h.resize(h.size() - suffix.size());  // "ssl.ap-guangzhou" or "ssl"
  const auto dot = h.find('.');
  return dot == std::string::npos ? std::string() : h.substr(dot + 1);
}

bool RateLimiter::allow(const std::string& action, const std::string& access_region,
                        const std::string& secret_id) {
  std::lock_guard lock(mu_);
  if (!enabled_) return true;
  const double limit = limit_for(action);
  const auto now = std::chrono::steady_clock::now();
  auto [it, inserted] = buckets_.try_emplace(action + "\n" + access_region + "\n" + secret_id);
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = limit;
  } else {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(limit, b.tokens + elapsed * limit);
  }
  b.last = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

void RateLimiter::set_enabled(bool enabled) {
  std::lock_guard lock(mu_);
  enabled_ = enabled;
  buckets_.clear();
}

void RateLimiter::set_limit(const std::string& action, int per_second) {
  std::lock_guard lock(mu_);
  overrides_[action] = per_second;
  buckets_.clear();
}

nlohmann::json RateLimiter::to_json() const {
  std::lock_guard lock(mu_);
  return {{"enabled", enabled_}, {"limits", overrides_}};
}

}  // namespace cloudssl::sim
