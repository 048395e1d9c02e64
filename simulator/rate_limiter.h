// Per-action rate limits (docs/design/ssl-api.md §1.9) in the dimensions the API documents them: "API +
// 接入地域 + 子账号" (action, access region, sub-account). The access region is the one the
// endpoint host names (ssl.ap-guangzhou.tencentcloudapi.com; "" for the nearest-region host
// ssl.tencentcloudapi.com or the simulator's own address); the sub-account is the SecretId's
// owner (the simulator has one key per account). A token bucket whose burst equals the
// per-second limit.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace cloudssl::sim {

class RateLimiter {
 public:
  explicit RateLimiter(bool enabled) : enabled_(enabled) {}
  // True if the request may proceed (and takes a token).
  bool allow(const std::string& action, const std::string& access_region,
             const std::string& secret_id);
  // The access region named by an endpoint host ("ssl.ap-guangzhou.tencentcloudapi.com" →
  // "ap-guangzhou"); "" for any other host.
  static std::string access_region(const std::string& host);
  void set_enabled(bool enabled);
  void set_limit(const std::string& action, int per_second);
  int limit_for(const std::string& action) const;
  nlohmann::json to_json() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  mutable std::mutex mu_;
  bool enabled_;
  std::map<std::string, int> overrides_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace cloudssl::sim
