#include "tests/support/simulator_process.h"

#include <httplib.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace cloudssl::testing {

namespace {

// Reads one line from `fd` before `deadline`; throws on timeout or EOF.
std::string read_line(int fd, std::chrono::steady_clock::time_point deadline) {
  std::string line;
  char c = 0;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("cloudssl-sim did not print its address");
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    ssize_t n = ::read(fd, &c, 1);
    if (n <= 0) throw std::runtime_error("cloudssl-sim exited before printing its address");
    if (c == '\n') return line;
    line += c;
  }
}

}  // namespace

std::string SimulatorProcess::binary_path() {
  if (const char* env = std::getenv("CLOUDSSL_SIM_PATH"); env && *env) return env;
  return CLOUDSSL_SIM_PATH;
}

SimulatorProcess::SimulatorProcess(Options options) {
  std::vector<std::string> argv = {binary_path(), "--listen", "127.0.0.1:0"};
  if (!std::getenv("CLOUDSSL_SIM_VERBOSE")) argv.push_back("--quiet");
  argv.insert(argv.end(), options.args.begin(), options.args.end());

  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    ::execv(cargs[0], cargs.data());
    std::fprintf(stderr, "cannot exec %s: %s\n", cargs[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(out[1]);
  try {
    const std::string line =
        read_line(out[0], std::chrono::steady_clock::now() + std::chrono::seconds(20));
    const auto colon = line.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("unexpected first line: " + line);
    host_ = line.substr(0, colon);
    port_ = std::stoi(line.substr(colon + 1));
  } catch (...) {
    ::close(out[0]);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw;
  }
  ::close(out[0]);  // the simulator writes nothing more to stdout
}

SimulatorProcess::~SimulatorProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    ::usleep(10000);  // reaping a child has no blocking-with-timeout call
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::string SimulatorProcess::address() const { return host_ + ":" + std::to_string(port_); }

std::string SimulatorProcess::endpoint() const { return "http://" + address(); }

nlohmann::json SimulatorProcess::admin(const std::string& method, const std::string& path,
                                       const nlohmann::json& body) {
  httplib::Client client(host_, port_);
  client.set_read_timeout(30, 0);
  const std::string full = path.rfind("/_sim", 0) == 0 ? path : "/_sim" + path;
  const std::string payload = body.is_null() ? "" : body.dump();
  auto send = [&]() -> httplib::Result {
    if (method == "GET") return client.Get(full.c_str());
    if (method == "DELETE") return client.Delete(full.c_str());
    if (method == "POST") return client.Post(full.c_str(), payload, "application/json");
    throw std::invalid_argument("unsupported admin method " + method);
  };
  httplib::Result res = send();
  if (!res) throw std::runtime_error("admin " + method + " " + full + ": no answer");
  if (res->status < 200 || res->status >= 300) {
    throw std::runtime_error("admin " + method + " " + full + ": HTTP " +
                             std::to_string(res->status) + " " + res->body);
  }
  return nlohmann::json::parse(res->body);
}

int SimulatorProcess::calls(const std::string& action) {
  return admin("GET", "/requests")["counters"]
      .value(action, nlohmann::json::object())
      .value("total", 0);
}

std::set<std::string> SimulatorProcess::unfinished_deploy_types() {
  std::set<std::string> types;
  for (const auto& r : admin("GET", "/tasks").value("deploy_records", nlohmann::json::array())) {
    if (r.value("family", "") != "deploy") continue;
    bool unfinished = !r["items"].empty();
    for (const auto& item : r["items"]) {
      const int status = item.value("status", 0);
      unfinished = unfinished && (status == 0 || status == 3);
    }
    if (unfinished) types.insert(r.value("resource_type", ""));
  }
  return types;
}

void SimulatorProcess::bind(const std::string& resource_type, const std::string& target,
                            const std::string& certificate_id) {
  admin("POST", "/bindings",
        {{"ResourceType", resource_type}, {"Target", target}, {"CertificateId", certificate_id}});
}

std::string SimulatorProcess::seed_certificate(const nlohmann::json& spec) {
  return admin("POST", "/seed", {{"certificates", nlohmann::json::array({spec})}})
      .at("certificates")
      .at(0)
      .get<std::string>();
}

void SimulatorProcess::seed_https_clb(
    const std::string& load_balancer_id,
    const std::vector<std::pair<std::string, std::string>>& listeners) {
  nlohmann::json https = nlohmann::json::array();
  for (const auto& [id, domain] : listeners)
    https.push_back({{"ListenerId", id},
                     {"Protocol", "HTTPS"},
                     {"SniSwitch", 0},
                     {"Certificate", {{"CertId", ""}}},
                     {"Rules", {{{"LocationId", "loc-" + id}, {"Domain", domain}, {"Url", "/"}}}}});
  admin("POST", "/seed",
        {{"instances",
          {{"clb",
            {{{"LoadBalancerId", load_balancer_id},
              {"Region", "ap-guangzhou"},
              {"Forward", 1},
              {"Listeners", https}}}}}}});
}

void SimulatorProcess::seed_cdn_domain(const std::string& domain, bool https_billing) {
  admin("POST", "/seed",
        {{"instances",
          {{"cdn",
            {{{"Domain", domain},
              {"CertId", ""},
              {"Status", "online"},
              {"HttpsBillingSwitch", https_billing ? "on" : "off"}}}}}}});
}

}  // namespace cloudssl::testing
