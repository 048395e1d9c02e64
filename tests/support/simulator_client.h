// What tests need to talk to a running cloudssl-sim besides the process itself: client
// configurations with the simulator's default credentials (Tencent and Volcengine), retries
// a few milliseconds apart, and times in the API's format.
#pragma once

#include <chrono>
#include <ctime>
#include <string>

#include "api/core/client.h"
#include "api/tencent/client_config.h"
#include "api/volcengine/volcengine_dialect.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::testing {

// The simulator's endpoint and default credentials, a short per-request timeout.
inline api::tencent::ClientConfig simulator_client_config(const SimulatorProcess& sim) {
  api::tencent::ClientConfig config;
  config.credentials = {"AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ""};
  config.endpoint = sim.endpoint();
  config.request_timeout = std::chrono::seconds(10);
  return config;
}

// The same for its Volcengine gateway, with five retries.
inline api::volcengine::ClientConfig simulator_volcengine_config(const SimulatorProcess& sim) {
  api::volcengine::ClientConfig config;
  config.credentials = {"AKLTCLOUDSSLSIMULATOR", "cloudssl-sim-volcengine-secret", ""};
  config.endpoint = sim.endpoint();
  config.request_timeout = std::chrono::seconds(10);
  config.max_retries = 5;
  return config;
}

// Retries 5 to 50 ms apart: what tests of retried calls against the simulator wait.
inline api::ClientTuning fast_backoff() {
  api::ClientTuning tuning;
  tuning.backoff = {std::chrono::milliseconds(5), std::chrono::milliseconds(50),
                    std::chrono::milliseconds(5)};
  return tuning;
}

// "yyyy-mm-dd hh:mm:ss" in Beijing time (the SSL API's format), `days` from now.
inline std::string beijing_time_in_days(int days) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400 + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace cloudssl::testing
