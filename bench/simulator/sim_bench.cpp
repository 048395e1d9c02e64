// Requests per second cloudssl-sim sustains: starts the simulator (rate limits off), seeds a
// certificate and a deployment, then N client threads send signed requests over keep-alive
// connections for a fixed time (and at most a fixed count). Prints figures; asserts nothing.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/tencent/tc3_signer.h"
#include "tests/support/simulator_process.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace tc3 = cloudssl::api::tencent::tc3;

struct Result {
  std::uint64_t ok = 0, errors = 0;
  std::vector<double> latencies_us;
};

std::string call(httplib::Client& client, const std::string& host, const std::string& action,
                 const std::string& body, bool* ok) {
  const auto ts = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  tc3::CanonicalInput in;
  in.headers = {{"content-type", "application/json"}, {"host", host}, {"x-tc-action", action}};
  in.payload = body;
  auto s = tc3::sign(in, "AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ts);
  httplib::Headers headers = {{"Authorization", s.authorization},
                              {"X-TC-Action", action},
                              {"X-TC-Version", "2019-12-05"},
                              {"X-TC-Timestamp", std::to_string(ts)},
                              {"X-TC-Region", "ap-guangzhou"}};
  auto res = client.Post("/", headers, body, "application/json");
  *ok = res && res->status == 200 && res->body.find("\"Error\"") == std::string::npos;
  return res ? res->body : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 4;
  double seconds = 5;
  std::uint64_t max_requests = 2'000'000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--threads")
      threads = std::stoi(argv[i + 1]);
    else if (flag == "--seconds")
      seconds = std::stod(argv[i + 1]);
    else if (flag == "--max-requests")
      max_requests = std::stoull(argv[i + 1]);
  }
  cloudssl::testing::SimulatorProcess sim({{"--no-rate-limit"}});
  const std::string host = sim.address();
  auto seeded = sim.admin("POST", "/seed", nlohmann::json::parse(R"({
      "certificates": [{"Generate": {"Domain": "www.example.com"}}],
      "instances": {"cdn": [{"Domain": "www.example.com", "CertId": ""}]}})"));
  const std::string cert_id = seeded["certificates"][0];
  std::string record;
  {
    httplib::Client c("127.0.0.1", sim.port());
    bool ok = false;
    auto body = call(c, host, "DeployCertificateInstance",
                     nlohmann::json{{"CertificateId", cert_id},
                                    {"InstanceIdList", {"www.example.com|on"}},
                                    {"ResourceType", "cdn"}}
                         .dump(),
                     &ok);
    record = std::to_string(nlohmann::json::parse(body)["Response"].value("DeployRecordId", 0));
  }
  // A read-heavy mix like a plan/refresh: list, describe one, poll a deployment.
  const std::vector<std::pair<std::string, std::string>> mix = {
      {"DescribeCertificates", nlohmann::json{{"CertIds", {cert_id}}}.dump()},
      {"DescribeCertificate", nlohmann::json{{"CertificateId", cert_id}}.dump()},
      {"DescribeHostDeployRecordDetail", nlohmann::json{{"DeployRecordId", record}}.dump()},
  };

  std::atomic<std::uint64_t> issued{0};
  std::vector<Result> results(threads);
  const auto start = Clock::now();
  const auto stop_at = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", sim.port());
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      Result& r = results[t];
      for (std::size_t i = t; Clock::now() < stop_at && issued++ < max_requests; ++i) {
        const auto& [action, body] = mix[i % mix.size()];
        const auto t0 = Clock::now();
        bool ok = false;
        call(client, host, action, body, &ok);
        r.latencies_us.push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        (ok ? r.ok : r.errors)++;
      }
    });
  }
  for (auto& w : workers) w.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  Result all;
  for (auto& r : results) {
    all.ok += r.ok;
    all.errors += r.errors;
    all.latencies_us.insert(all.latencies_us.end(), r.latencies_us.begin(), r.latencies_us.end());
  }
  std::sort(all.latencies_us.begin(), all.latencies_us.end());
  auto pct = [&](double p) {
    if (all.latencies_us.empty()) return 0.0;
    return all.latencies_us[static_cast<std::size_t>(p * (all.latencies_us.size() - 1))];
  };
  auto counters = sim.admin("GET", "/requests?since=999999999")["counters"];
  std::uint64_t server_total = 0;
  for (const auto& [action, c] : counters.items()) server_total += c["total"].get<std::uint64_t>();
  std::printf(
      "simulator: %d client threads, %.1f s, signed keep-alive requests (rate limits off)\n",
      threads, elapsed);
  std::printf("simulator: %.0f requests/s sustained (%llu ok, %llu errors; server counted %llu)\n",
              (all.ok + all.errors) / elapsed, static_cast<unsigned long long>(all.ok),
              static_cast<unsigned long long>(all.errors),
              static_cast<unsigned long long>(server_total));
  std::printf("simulator: latency p50 %.0f us, p99 %.0f us, max %.0f us\n", pct(0.5), pct(0.99),
              pct(1.0));
  return all.errors == 0 ? 0 : 1;
}
