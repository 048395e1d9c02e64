// The cloudssl-sim binary through the shared SimulatorProcess helper: first stdout line,
// flags, the admin endpoint over HTTP, and --state persistence across restarts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/simulator_process.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using cloudssl::testing::SimulatorProcess;

SignedClient client_for(const SimulatorProcess& p) { return SignedClient("127.0.0.1", p.port()); }

TEST(SimulatorProcessTest, PrintsItsAddressAndAnswersTheApi) {
  SimulatorProcess sim;
  EXPECT_EQ(sim.endpoint(), "http://" + sim.address());
  EXPECT_GT(sim.port(), 0);
  EXPECT_TRUE(sim.admin("GET", "/health")["ok"]);
  EXPECT_EQ(client_for(sim).call("DescribeCertificates", {}).code(), "");
}

TEST(SimulatorProcessTest, CustomCredentialsAndSeedFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("cloudssl-sim-seed-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto seed = dir / "seed.json";
  std::ofstream(seed) << R"({"certificates": [{"CertificateId": "Seed0001",
      "Generate": {"Domain": "www.example.com"}, "Alias": "seeded"}],
      "instances": {"cdn": [{"Domain": "www.example.com", "CertId": "Seed0001"}]}})";
  SimulatorProcess sim(
      {{"--seed", seed.string(), "--secret-id", "AKIDOTHER", "--secret-key", "k2"}});
  SendOptions o;
  o.secret_id = "AKIDOTHER";
  o.secret_key = "k2";
  auto r = client_for(sim).call("DescribeCertificate", {{"CertificateId", "Seed0001"}}, o);
  ASSERT_TRUE(r.ok()) << r.json.dump();
  EXPECT_EQ(r.response()["Alias"], "seeded");
  auto list =
      client_for(sim).call("DescribeHostCdnInstanceList", {{"CertificateId", "Seed0001"}}, o);
  EXPECT_EQ(list.response()["InstanceList"][0]["CertId"], "Seed0001");
  EXPECT_EQ(client_for(sim).call("DescribeCertificates", {}).code(),
            "AuthFailure.SecretIdNotFound");
  std::filesystem::remove_all(dir);
}

TEST(SimulatorProcessTest, TheExampleSeedDeploysToEveryResourceType) {
  SimulatorProcess sim({{"--seed", CLOUDSSL_SIM_SEED_EXAMPLE, "--no-rate-limit"}});
  auto c = client_for(sim);
  const std::vector<std::pair<std::string, std::string>> targets = {
      {"clb", "lb-web1|lbl-sni|api.example.com"},
      {"cdn", "cdn.example.com|on"},
      {"waf", "www.example.com"},
      {"live", "live.example.com"},
      {"vod", "vod.example.com"},
      {"teo", "edge.example.com"},
      {"ddos", "bgpip-1|www.example.com|443"},
      {"apigateway", "service-1|api.example.com"},
      {"cos", "ap-guangzhou|assets-1250000000|static.example.com"},
      {"tke", "cls-1|default|web-tls"},
      {"lighthouse", "ap-shanghai|lhins-1|www.example.com"},
      {"tse", "gateway-1|gwcert-1"},
      {"tcb", "AccessService|ap-shanghai|env-1|www.example.com"}};
  for (const auto& [type, target] : targets) {
    SendOptions o;
    o.region = type == "lighthouse" || type == "tcb" ? "ap-shanghai" : "ap-guangzhou";
    auto r = c.call(
        "DeployCertificateInstance",
        {{"CertificateId", "Seed0002"}, {"InstanceIdList", {target}}, {"ResourceType", type}}, o);
    ASSERT_TRUE(r.ok()) << type << " " << target << ": " << r.json.dump();
    EXPECT_EQ(r.response()["DeployStatus"], 1);
  }
  sim.admin("POST", "/tasks/complete", {{"kind", "deploy"}});
  const auto all = sim.admin("GET", "/instances");
  int bound = 0;
  for (const auto& t : all["targets"]) bound += t["CertId"] == "Seed0002" ? 1 : 0;
  EXPECT_EQ(bound, static_cast<int>(targets.size()));
}

TEST(SimulatorProcessTest, StateSurvivesARestart) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("cloudssl-sim-state-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string state = (dir / "state.json").string();
  Pem pem = make_pem("www.example.com");
  std::string id;
  {
    SimulatorProcess sim({{"--state", state}});
    auto r = client_for(sim).call("UploadCertificate", {{"CertificatePublicKey", pem.cert},
                                                        {"CertificatePrivateKey", pem.key},
                                                        {"Alias", "kept"}});
    ASSERT_TRUE(r.ok()) << r.json.dump();
    id = r.response()["CertificateId"];
  }
  const auto perms = std::filesystem::status(state).permissions();
  EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  {
    SimulatorProcess sim({{"--state", state}});
    auto r = client_for(sim).call("DescribeCertificateDetail", {{"CertificateId", id}});
    ASSERT_TRUE(r.ok()) << r.json.dump();
    EXPECT_EQ(r.response()["Alias"], "kept");
    EXPECT_EQ(r.response()["CertificatePrivateKey"], pem.key);
    // The admin state dump leaves private keys out.
    EXPECT_EQ(sim.admin("GET", "/state").dump().find("PRIVATE KEY"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(SimulatorProcessTest, BadFlagFailsToStart) {
  EXPECT_THROW(SimulatorProcess({{"--no-such-flag"}}), std::runtime_error);
}

}  // namespace
}  // namespace cloudssl::sim::test
