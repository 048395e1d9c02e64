// An in-process simulator on a loopback port for tests: the Simulator object, its HTTP server
// on a background thread, a signing client, and the admin endpoint.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "simulator/cert_info.h"
#include "simulator/http_server.h"
#include "simulator/simulator.h"
#include "tests/unit/simulator/signed_client.h"

namespace cloudssl::sim::test {

class SimServer {
 public:
  explicit SimServer(SimulatorOptions options);
  ~SimServer();
  SignedClient client() const { return SignedClient("127.0.0.1", port_); }
  int port() const { return port_; }
  // Admin call through the Simulator object; fails the test on a non-200 answer.
  nlohmann::json admin(const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr);
  Simulator& simulator() { return *simulator_; }

 private:
  std::unique_ptr<Simulator> simulator_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// Default test options: rate limits off, no request log lines.
SimulatorOptions quiet_options();

// The seed used by most tests: instances of several types around *.example.com.
nlohmann::json standard_seed();

struct Pem {
  std::string cert, key;
};
Pem make_pem(const std::string& domain, std::vector<std::string> sans = {}, int days = 90);

class SimTest : public ::testing::Test {
 protected:
  void start(SimulatorOptions options = quiet_options());
  void SetUp() override { start(); }
  std::string upload(const Pem& pem, nlohmann::json extra = nlohmann::json::object());

  std::unique_ptr<SimServer> server;
  SignedClient client{"127.0.0.1", 0};
};

}  // namespace cloudssl::sim::test
