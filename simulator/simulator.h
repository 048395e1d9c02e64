// The simulator as a transport-free object: an API request in (method, headers, body), an
// HTTP reply out. It serves the SSL API and, on the same port, the Tag API's
// ModifyResourceTags (chosen by X-TC-Version; the signature's scope must name that service) and
// Volcengine's CertificateGetInstance (Action/Version in the query string, no X-TC-Action;
// simulator/volcengine/). The HTTP server (http_server.h) and the unit tests drive it.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/volcengine/signer.h"
#include "simulator/actions/action_table.h"
#include "simulator/auth.h"
#include "simulator/faults.h"
#include "simulator/rate_limiter.h"
#include "simulator/request_log.h"
#include "simulator/sim_clock.h"
#include "simulator/world.h"

namespace cloudssl::sim {

struct SimulatorOptions {
  Credentials credentials{"AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ""};
  // Volcengine's access key, secret key and session token ("" = long-term keys).
  api::volcengine::Credentials volcengine_credentials{"AKLTCLOUDSSLSIMULATOR",
                                                      "cloudssl-sim-volcengine-secret", ""};
  std::string state_file;  // "" = in memory only
  std::string seed_file;   // "" = no seed
  bool rate_limits = true;
  Settings settings;
  std::vector<FaultRule> faults;
  std::uint64_t fault_seed = 1;
  bool log_requests = true;  // one stderr line per API request (no secrets)
};

struct HttpReply {
  int status = 200;
  std::string body;
  // With the charset, exactly: cpp-httplib compresses only a bare "application/json", and with
  // brotli at its highest quality when the client accepts it (libcurl accepts everything it
  // decodes), which took the simulator 2.2 s for a listing of 300 certificates and made it, not
  // the provider, the cost of a refresh. Loopback answers need no compression.
  std::string content_type = "application/json; charset=utf-8";
  bool drop = false;   // cut the connection after the headers
  int latency_ms = 0;  // wait this long before answering
};

// Applies an admin patch (the body of POST /_sim/certificates/<id>: Status, Tags, OrderId...)
// to `c`; std::invalid_argument for a member it does not patch.
void patch_certificate(Certificate& c, const nlohmann::json& patch);

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options);

  HttpReply handle_api(const IncomingRequest& request);
  // GET /_download/<token>/<name>: an archive DescribeDownloadCertificateUrl linked to.
  HttpReply handle_download(const std::string& path);
  // `path` below /_sim, e.g. "/tasks/config"; `query` the parsed query parameters.
  HttpReply handle_admin(const std::string& method, const std::string& path,
                         const std::map<std::string, std::string>& query, const std::string& body);

 private:
  static bool is_volcengine_request(const IncomingRequest& request);
  // The transport-level part of a fault decision (a dropped connection, an injected HTTP
  // status), the same for every API served on the port; true when it is the whole answer.
  static bool apply_transport_fault(const FaultDecision& fault, HttpReply& reply,
                                    std::string& log_code);
  HttpReply handle_volcengine(const IncomingRequest& request);  // volcengine/service.cpp
  nlohmann::json run_action(const ActionTable& table, const std::string& action,
                            const IncomingRequest& request, const std::string& request_id,
                            const FaultDecision& fault);
  nlohmann::json admin_route(const std::string& method, const std::string& path,
                             const std::map<std::string, std::string>& query,
                             const nlohmann::json& body);
  void persist();  // under mu_
  void load_initial_state();
  std::string new_request_id();

  SimulatorOptions options_;
  ActionTable actions_;      // the SSL API (2019-12-05, service "ssl")
  ActionTable tag_actions_;  // the Tag API (2018-08-13, service "tag"), same port
  SimClock clock_;
  RateLimiter limiter_;
  FaultInjector faults_;
  RequestLog log_;
  std::mutex mu_;  // guards world_
  World world_;
};

}  // namespace cloudssl::sim
