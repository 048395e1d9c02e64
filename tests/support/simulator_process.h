// Starts cloudssl-sim as a child process for a test: `cloudssl-sim --listen 127.0.0.1:0
// <args>`, reads the bound address from its first stdout line, and stops it on destruction.
// admin() talks to its /_sim endpoint (simulator/README.md).
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cloudssl::testing {

class SimulatorProcess {
 public:
  struct Options {
    std::vector<std::string> args;  // extra flags, e.g. {"--seed", path, "--no-rate-limit"}
  };

  // Throws std::runtime_error if the simulator does not start within 20 seconds.
  explicit SimulatorProcess(Options options = {});
  ~SimulatorProcess();
  SimulatorProcess(const SimulatorProcess&) = delete;
  SimulatorProcess& operator=(const SimulatorProcess&) = delete;

  std::string endpoint() const;  // "http://127.0.0.1:PORT"
  std::string address() const;   // "127.0.0.1:PORT"
  int port() const { return port_; }

  // `path` with or without the "/_sim" prefix: admin("POST", "/faults", {...}). Throws
  // std::runtime_error on a non-2xx answer (with the simulator's error text).
  nlohmann::json admin(const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr);

  // How many requests of `action` the simulator has received since it started or since the
  // last admin("DELETE", "/requests"): its /requests counter, 0 when there was none.
  int calls(const std::string& action);

  // The resource types of the deploy tasks still unfinished: each deploy-family record of its
  // /tasks listing with items, every one pending (0) or running (3), gives its resource type.
  std::set<std::string> unfinished_deploy_types();

  // Binds certificate `certificate_id` to a seeded target (its /bindings: e.g. "clb",
  // "lb-web1|lbl-a"), as if done in the console; "" unbinds it.
  void bind(const std::string& resource_type, const std::string& target,
            const std::string& certificate_id);

  // Seeds one certificate (an entry of /seed's "certificates", simulator/README.md, e.g.
  // {"Generate": {"Domain": "www.example.com", "Days": 90}}) and returns its id.
  std::string seed_certificate(const nlohmann::json& spec);

  // Seeds a layer-7 CLB load balancer in ap-guangzhou whose HTTPS listeners (SNI off) hold no
  // certificate: one listener per {listener id, domain}, with one rule for that domain.
  void seed_https_clb(const std::string& load_balancer_id,
                      const std::vector<std::pair<std::string, std::string>>& listeners);

  // Seeds an online CDN domain with no certificate, one a certificate can be bound to
  // (`https_billing`: its HttpsBillingSwitch).
  void seed_cdn_domain(const std::string& domain, bool https_billing = false);

  // The binary the tests run (CLOUDSSL_SIM_PATH, overridable by the environment variable of
  // the same name).
  static std::string binary_path();

 private:
  pid_t pid_ = -1;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
};

}  // namespace cloudssl::testing
