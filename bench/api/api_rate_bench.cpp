// The client's achieved request rate against a documented per-action limit under contention:
// N threads call one action through one Client for a fixed time against cloudssl-sim with
// its rate limits enforced. Prints achieved req/s, % of the limit, throttling errors that
// reached callers (target 0) and throttles the client absorbed by retrying. Asserts nothing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/core/client.h"
#include "api/core/rate_limiter.h"
#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/simulator_process.h"

namespace {

using Clock = std::chrono::steady_clock;
using cloudssl::api::ApiError;
using cloudssl::api::ErrorClass;

struct Options {
  int threads = 16;
  double seconds = 10;
  std::string action = "DescribeCertificates";
  double utilisation = -1;  // < 0: the client's default
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads")
      o.threads = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--seconds")
      o.seconds = std::max(1.0, std::atof(argv[i + 1]));
    else if (flag == "--action")
      o.action = argv[i + 1];
    else if (flag == "--utilisation")
      o.utilisation = std::atof(argv[i + 1]);
  }
  return o;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  cloudssl::testing::SimulatorProcess sim({{"--quiet"}});  // rate limits enforced (default)
  sim.admin("DELETE", "/requests");

  cloudssl::api::tencent::ClientConfig config;
  config.credentials = {"AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ""};
  config.endpoint = sim.endpoint();
  cloudssl::api::ClientTuning tuning;
  if (options.utilisation > 0) tuning.rate_limits.utilisation = options.utilisation;
  cloudssl::api::Client client =
      cloudssl::api::tencent::make_client(cloudssl::api::tencent::kSslApi, config, tuning);
  const int limit = cloudssl::api::tencent::ssl_rate_limit(options.action);
  const nlohmann::json body = {{"Limit", 1}};

  // Callers still queued for a turn when time is up are cancelled, not counted.
  cloudssl::CancellationToken stop;
  std::atomic<long> ok{0}, throttled_surfaced{0}, other_errors{0};
  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::map<std::string, long> error_codes;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(options.seconds));
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&] {
      cloudssl::api::CallOptions call_options;
      call_options.cancel = stop;
      while (Clock::now() < end) {
        const auto sent = Clock::now();
        try {
          client.call(options.action, body, call_options);
          if (Clock::now() <= end) ++ok;
          std::lock_guard lock(mutex);
          latencies_ms.push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        } catch (const ApiError& e) {
          if (e.error_class() == ErrorClass::Cancelled) break;
          (e.error_class() == ErrorClass::Throttled ? throttled_surfaced : other_errors)++;
          std::lock_guard lock(mutex);
          ++error_codes[e.code()];
        }
      }
    });
  }
  // Wake queued callers at the end instead of letting them run on.
  stop.wait_until(end);
  stop.cancel();
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(end - start).count();

  const auto counters = sim.admin("GET", "/requests?action=" + options.action)["counters"];
  long server_total = 0, server_throttled = 0;
  if (counters.contains(options.action)) {
    server_total = counters[options.action].value("total", 0L);
    for (const auto& [code, count] : counters[options.action]["errors"].items()) {
      if (code.rfind("RequestLimitExceeded", 0) == 0 || code == "LimitExceeded.RateLimitExceeded") {
        server_throttled += count.get<long>();
      }
    }
  }
  const auto stats = client.stats();
  const double rate = static_cast<double>(ok.load()) / elapsed;
  std::printf(
      "api client under contention: %d threads calling %s for %.1f s against cloudssl-sim "
      "(server limit enforced: %d/s, client bucket %.2f/s)\n",
      options.threads, options.action.c_str(), elapsed, limit,
      cloudssl::api::RateLimiter(cloudssl::api::tencent::kSslApi.rate_limit, tuning.rate_limits)
          .rate_of(options.action));
  std::printf("  achieved: %.2f req/s = %.1f %% of the documented limit (target >= 90 %%)\n", rate,
              100.0 * rate / limit);
  std::printf("  throttling errors surfaced to callers: %ld (target 0)\n",
              throttled_surfaced.load());
  std::printf(
      "  throttled by the server and retried inside the client: %ld (server saw %ld "
      "requests, %ld throttled)\n",
      stats.throttled_retries, server_total, server_throttled);
  std::printf("  other errors surfaced: %ld\n", other_errors.load());
  for (const auto& [code, count] : error_codes) std::printf("    %s: %ld\n", code.c_str(), count);
  std::printf("  call latency incl. waiting for a turn: p50 %.0f ms, p99 %.0f ms\n",
              percentile(latencies_ms, 0.5), percentile(latencies_ms, 0.99));
  return 0;
}
