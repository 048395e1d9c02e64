// The SSL API 3.0 client (Version 2019-12-05): signs with TC3-HMAC-SHA256, sends over one
// keep-alive libcurl connection pool, rate-limits per action at the documented limits
// (shared by every thread), retries throttling and transient errors with exponential backoff
// and full jitter within the caller's deadline, and redacts secrets in its logs.
// It knows nothing about Terraform. Thread-safe: one instance serves all concurrent RPCs.
// ClientConfig::service/version point the same machinery at another Tencent Cloud API (the
// Tag API: tag_actions.h).
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/core/api_error.h"
#include "api/tencent/client_config.h"
#include "api/core/rate_limiter.h"
#include "api/core/retry_policy.h"
#include "provider/util/cancellation.h"

namespace cloudssl::api {

struct CallOptions {
  // Give up (ApiError DeadlineExceeded) rather than retry or wait past this point.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  CancellationToken cancel;  // a default token is never cancelled
  // The common parameter Region (X-TC-Region) for this call; empty = ClientConfig::region.
  // Deployments to region-aware resource types (clb, waf, cos, tke, ...) need it per call.
  std::string region;
};

// Knobs besides the configuration a user sets: the client-side rate limits and the backoff
// curve. Tests and benchmarks change them; the provider uses the defaults.
struct ClientTuning {
  RateLimitSettings rate_limits;
  BackoffSettings backoff;
};

// Counters over the client's lifetime (benchmarks, tests).
struct ClientStats {
  long calls = 0;              // call() invocations
  long attempts = 0;           // HTTP exchanges started
  long throttled_retries = 0;  // throttling errors answered by the API and retried
  long transient_retries = 0;  // transient errors retried
  long failed_calls = 0;       // call() that threw
};

class SslClient {
 public:
  explicit SslClient(ClientConfig config);
  SslClient(ClientConfig config, ClientTuning tuning);
  ~SslClient();
  SslClient(const SslClient&) = delete;
  SslClient& operator=(const SslClient&) = delete;

  // Calls one action with `request` as the JSON body and returns the envelope's "Response"
  // object (RequestId included). Throws ApiError.
  nlohmann::json call(std::string_view action, const nlohmann::json& request,
                      const CallOptions& options = {});

  const ClientConfig& config() const;
  ClientStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloudssl::api
