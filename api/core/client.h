// The cloud-neutral API client: sends one action's call over a keep-alive libcurl connection
// pool, rate-limits per action at the documented limits (shared by every thread), retries
// throttling and transient errors with exponential backoff and full jitter within the
// caller's deadline, re-signs once when the API says the signature expired, honours
// cancellation, logs with secrets redacted and counts what it did. What is particular to one
// cloud (encoding, signing, envelope, error codes, rate limits) is its Dialect (dialect.h).
// It knows nothing about Terraform. Thread-safe: one instance serves all concurrent RPCs.
//
//   api::Client ssl = api::tencent::make_client(api::tencent::kSslApi, config);
//   nlohmann::json answer = ssl.call("DescribeCertificates", {{"Limit", 10}}, options);
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/core/api_error.h"
#include "api/core/call_options.h"
#include "api/core/dialect.h"
#include "api/core/http_client.h"
#include "api/core/rate_limiter.h"
#include "api/core/retry_policy.h"

namespace cloudssl::api {

// Where and how to connect, whatever the cloud.
struct ClientSettings {
  // Scheme, host and optional port (endpoint.h). The simulator: "http://127.0.0.1:PORT".
  std::string endpoint;
  std::string region;  // the default region of calls (CallOptions::region overrides it)
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(60);  // one HTTP exchange
  int max_retries = 10;  // for throttling and transient errors, within the deadline
  std::string ca_file;   // optional custom CA bundle; the system one otherwise
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

class Client {
 public:
  // Throws std::invalid_argument for an unusable endpoint.
  Client(std::shared_ptr<const Dialect> dialect, ClientSettings settings, ClientTuning tuning = {});
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  // Calls one action and returns the envelope's result (dialect.h: Answer::result). POST
  // with the parameters in the body unless `method` says otherwise. Throws ApiError.
  nlohmann::json call(std::string_view action, const nlohmann::json& params,
                      const CallOptions& options = {});
  nlohmann::json call(HttpMethod method, std::string_view action, const nlohmann::json& params,
                      const CallOptions& options = {});

  const ClientSettings& settings() const;
  const Dialect& dialect() const;
  ClientStats stats() const;
  // Requests per second this client allows itself for `action` now (0: unlimited); below the
  // documented limit after throttling answers (rate_limiter.h).
  double allowed_rate(std::string_view action) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloudssl::api
