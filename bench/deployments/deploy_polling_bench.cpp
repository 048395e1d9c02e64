// Deployment polling bench: the time from the simulator finishing a deploy task to the
// provider's deploy flow returning, and the record polls each task costs, with the default
// poll settings (resources/deployments/record_wait.h). Tasks run for a few durations (cloudssl-sim
// --task-ms semantics: pending for half, running for the rest); the finish instant is the
// item's start on the simulator's monotonic clock plus the duration. Prints; never asserts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/core/client.h"
#include "api/tencent/ssl/ssl_api.h"
#include "resources/deployments/deploy_flow.h"
#include "tests/support/simulator_process.h"

using namespace cloudssl;
using nlohmann::json;

namespace {

constexpr int kTasksPerDuration = 8;
// Short tasks, then longer ones spread over 5-15 s so that the finish instant falls anywhere
// between two polls (real items take 3 s to minutes; a fixed duration would measure one phase).
const std::vector<int> kDurationsMs = {1000, 3000, 5000};
constexpr int kSpreadMs = 1300;  // the last group: 5000, 6300, 7600, ... ms

json seed(int listeners) {
  json ls = json::array();
  for (int i = 0; i < listeners; ++i)
    ls.push_back(
        {{"ListenerId", "lbl-" + std::to_string(i)},
         {"Protocol", "HTTPS"},
         {"SniSwitch", 0},
         {"Certificate", {{"CertId", ""}}},
         {"Rules", {{{"LocationId", "loc"}, {"Domain", "www.example.com"}, {"Url", "/"}}}}});
  return {
      {"certificates",
       {{{"CertificateId", "BENCH001"},
         {"Generate",
          {{"Domain", "www.example.com"}, {"SubjectAltNames", {"example.com"}}, {"Days", 90}}}}}},
      {"instances",
       {{"clb",
         {{{"LoadBalancerId", "lb-bench"}, {"Region", "ap-guangzhou"}, {"Listeners", ls}}}}}}};
}

deployments::Target listener(int i) {
  const auto type =
      framework::implied_type(deployments::target_block(*deployments::find_kind("clb")).block);
  return {"clb", codec::Value::object(
                     type, {{"load_balancer_id", codec::Value::string("lb-bench")},
                            {"listener_id", codec::Value::string("lbl-" + std::to_string(i))}})};
}

long detail_polls(testing::SimulatorProcess& sim) {
  const json c = sim.admin("GET", "/requests")["counters"];
  return c.contains("DescribeHostDeployRecordDetail")
             ? c["DescribeHostDeployRecordDetail"].value("total", 0L)
             : 0L;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

long long steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main() {
  const int total = kTasksPerDuration * static_cast<int>(kDurationsMs.size());
  testing::SimulatorProcess sim;
  sim.admin("POST", "/seed", seed(total));
  api::tencent::ClientConfig config;
  config.credentials = {"AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ""};
  config.endpoint = sim.endpoint();
  api::Client client = api::tencent::make_client(api::tencent::kSslApi, config);
  deployments::DeployLocks locks;
  framework::Context ctx;
  const deployments::PollSettings defaults;

  std::printf("deploy polling (defaults: first %lld ms, x%.1f, cap %lld ms)\n",
              static_cast<long long>(defaults.first_interval.count()), defaults.backoff,
              static_cast<long long>(defaults.max_interval.count()));
  std::vector<double> all_latency;
  double all_polls = 0;
  int next = 0;
  for (int duration : kDurationsMs) {
    const bool spread = duration == kDurationsMs.back();
    std::vector<double> latency;
    double polls = 0;
    for (int k = 0; k < kTasksPerDuration; ++k, ++next) {
      const int task_ms = spread ? duration + k * kSpreadMs : duration;
      sim.admin("POST", "/tasks/config", {{"task_ms", task_ms}});
      deployments::DeploySession session{client, locks, ctx, "BENCH001", "ap-guangzhou"};
      const long before = detail_polls(sim);
      auto out = deployments::deploy_type(session, "clb", {listener(next)}, {});
      const long long returned = steady_ms();
      const long after = detail_polls(sim);
      if (out.results.empty() || out.results[0].state != deployments::TargetState::Deployed) {
        std::printf("  task %d did not deploy: %s\n", next,
                    out.results.empty() ? "?" : out.results[0].message.c_str());
        continue;
      }
      long long started = -1;
      const json tasks = sim.admin("GET", "/tasks");
      for (const auto& r : tasks["deploy_records"])
        if (r.value("id", 0LL) == out.record_id && !r["items"].empty())
          started = r["items"][0].value("started_ms", 0LL);
      if (started <= 0) {
        std::printf("  task %d: no start time for record %lld\n", next,
                    static_cast<long long>(out.record_id));
        continue;
      }
      latency.push_back(static_cast<double>(returned - (started + task_ms)));
      polls += static_cast<double>(after - before);
    }
    if (latency.empty()) continue;
    const std::string label =
        spread ? "tasks " + std::to_string(duration) + "-" +
                     std::to_string(duration + (kTasksPerDuration - 1) * kSpreadMs) + " ms"
               : "task " + std::to_string(duration) + " ms";
    std::printf(
        "  %-20s notice delay median %5.0f ms, p90 %5.0f ms, max %5.0f ms; polls/task %.1f\n",
        label.c_str(), percentile(latency, 0.5), percentile(latency, 0.9), percentile(latency, 1.0),
        polls / static_cast<double>(latency.size()));
    all_latency.insert(all_latency.end(), latency.begin(), latency.end());
    all_polls += polls;
  }
  if (!all_latency.empty())
    std::printf(
        "  all %zu tasks: notice delay median %.0f ms (target <= 1000 ms), polls/task %.1f\n",
        all_latency.size(), percentile(all_latency, 0.5),
        all_polls / static_cast<double>(all_latency.size()));
  return 0;
}
