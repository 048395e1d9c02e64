#include "tests/unit/simulator/sim_fixture.h"

#include <chrono>

namespace cloudssl::sim::test {

SimServer::SimServer(SimulatorOptions options)
    : simulator_(std::make_unique<Simulator>(std::move(options))),
      server_(std::make_unique<HttpServer>(*simulator_, 4)) {
  port_ = server_->bind("127.0.0.1", 0);
  thread_ = std::thread([this] { server_->run(); });
  if (!server_->wait_until_running(std::chrono::seconds(10))) {
    ADD_FAILURE() << "the in-process simulator did not start listening";
  }
}

SimServer::~SimServer() {
  server_->stop();
  thread_.join();
}

nlohmann::json SimServer::admin(const std::string& method, const std::string& path,
                                const nlohmann::json& body) {
  HttpReply reply = simulator_->handle_admin(method, path, {}, body.is_null() ? "" : body.dump());
  EXPECT_EQ(reply.status, 200) << method << " " << path << ": " << reply.body;
  return nlohmann::json::parse(reply.body);
}

SimulatorOptions quiet_options() {
  SimulatorOptions o;
  o.rate_limits = false;
  o.log_requests = false;
  return o;
}

nlohmann::json standard_seed() {
  return nlohmann::json::parse(R"({
    "instances": {
      "clb": [{"LoadBalancerId": "lb-web1", "LoadBalancerName": "web", "Region": "ap-guangzhou",
               "Listeners": [
                 {"ListenerId": "lbl-sni", "ListenerName": "sni", "Protocol": "HTTPS", "SniSwitch": 1,
                  "Rules": [{"LocationId": "loc-1", "Domain": "www.example.com", "Url": "/", "Certificate": {"CertId": ""}},
                            {"LocationId": "loc-2", "Domain": "api.example.com", "Url": "/v1", "Certificate": {"CertId": ""}}]},
                 {"ListenerId": "lbl-plain", "ListenerName": "plain", "Protocol": "HTTPS", "SniSwitch": 0,
                  "Certificate": {"CertId": ""},
                  "Rules": [{"LocationId": "loc-3", "Domain": "www.example.com", "Url": "/"}]},
                 {"ListenerId": "lbl-norules", "ListenerName": "empty", "Protocol": "HTTPS", "SniSwitch": 0,
                  "Certificate": {"CertId": ""}, "Rules": []},
                 {"ListenerId": "lbl-other", "ListenerName": "other", "Protocol": "HTTPS", "SniSwitch": 0,
                  "Certificate": {"CertId": ""},
                  "Rules": [{"LocationId": "loc-4", "Domain": "shop.other.org", "Url": "/"}]}]}],
      "cdn": [{"Domain": "cdn.example.com", "CertId": "", "Status": "online", "HttpsBillingSwitch": "on"},
              {"Domain": "static.other.org", "CertId": "", "Status": "online", "HttpsBillingSwitch": "off"}],
      "waf": [{"Domain": "www.example.com", "CertId": "", "Keepalive": 1, "Region": "ap-guangzhou"}],
      "live": [{"Domain": "live.example.com", "CertId": "", "Status": -1}]
    }
  })");
}

Pem make_pem(const std::string& domain, std::vector<std::string> sans, int days) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  KeyPair kp = make_self_signed(domain, sans, now - 3600, days);
  return {kp.certificate_pem, kp.private_key_pem};
}

void SimTest::start(SimulatorOptions options) {
  server.reset();
  server = std::make_unique<SimServer>(std::move(options));
  client = server->client();
  server->admin("POST", "/seed", standard_seed());
}

std::string SimTest::upload(const Pem& pem, nlohmann::json extra) {
  extra["CertificatePublicKey"] = pem.cert;
  extra["CertificatePrivateKey"] = pem.key;
  auto r = client.ok("UploadCertificate", extra);
  return r.value("CertificateId", "");
}

}  // namespace cloudssl::sim::test
