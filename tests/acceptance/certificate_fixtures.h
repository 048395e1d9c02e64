// Throw-away test PKI for the certificate acceptance tests, made with the openssl CLI in a
// temporary folder: a root CA, an intermediate, and leaves with any validity window
// (`openssl ca -startdate/-enddate`, so expired certificates too). Nothing is committed; every
// key exists only for the duration of a test. Also: the simulator environment and small
// helpers the certificate tests share.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/acceptance/harness/acceptance.h"

namespace cloudssl::acceptance::certs {

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Leaf {
  std::string cert;   // leaf PEM
  std::string chain;  // leaf + intermediate
  std::string key;    // PKCS#8 PEM
};

class Pki {
 public:
  Pki() {
    dir_ = std::filesystem::temp_directory_path() /
           ("cloudssl-pki-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "index.txt").close();
    std::ofstream(dir_ / "serial") << "1000\n";
    std::ofstream(dir_ / "ca.cnf") << "[ca]\ndefault_ca = test\n[test]\ndir = " << dir_.string()
                                   << "\ndatabase = $dir/index.txt\nnew_certs_dir = $dir\n"
                                      "serial = $dir/serial\ndefault_md = sha256\n"
                                      "policy = anything\nunique_subject = no\n"
                                      "[anything]\ncommonName = supplied\n"
                                      "[ca_ext]\nbasicConstraints = critical,CA:TRUE\n"
                                      "keyUsage = critical,keyCertSign,cRLSign\n";
    run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 "
        "-subj '/CN=cloudssl acceptance root' -addext basicConstraints=critical,CA:TRUE "
        "-addext keyUsage=critical,keyCertSign,cRLSign -keyout root.key -out root.pem");
    run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
        "-subj '/CN=cloudssl acceptance intermediate' -keyout int.key -out int.csr");
    run("openssl ca -batch -config ca.cnf -cert root.pem -keyfile root.key -in int.csr "
        "-out int.pem -notext -extensions ca_ext -startdate " +
        stamp(-2) + " -enddate " + stamp(3650));
    intermediate_ = read_text(dir_ / "int.pem");
    root_ = read_text(dir_ / "root.pem");
  }
  ~Pki() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Pki(const Pki&) = delete;
  Pki& operator=(const Pki&) = delete;

  // A leaf for `cn` (+ SANs) valid from now+from_days to now+to_days.
  Leaf leaf(const std::string& cn, std::vector<std::string> sans = {}, int from_days = -1,
            int to_days = 90) {
    const std::string name = "leaf" + std::to_string(leaves_++);
    if (sans.empty()) sans = {cn};
    std::string alt;
    for (const auto& s : sans) alt += (alt.empty() ? "DNS:" : ",DNS:") + s;
    std::ofstream(dir_ / (name + ".ext")) << "[leaf]\nbasicConstraints = CA:FALSE\n"
                                          << "subjectAltName = " << alt << "\n";
    run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=" + cn +
        "' -keyout " + name + ".key -out " + name + ".csr");
    run("openssl ca -batch -config ca.cnf -cert int.pem -keyfile int.key -in " + name +
        ".csr -out " + name + ".pem -notext -extfile " + name +
        ".ext -extensions leaf "
        "-startdate " +
        stamp(from_days) + " -enddate " + stamp(to_days));
    Leaf l;
    l.cert = read_text(dir_ / (name + ".pem"));
    l.chain = l.cert + intermediate_;
    l.key = read_text(dir_ / (name + ".key"));
    return l;
  }

  const std::string& intermediate() const { return intermediate_; }
  const std::string& root() const { return root_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  static std::string stamp(int days) {
    std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%SZ", &tm);
    return buf;
  }
  void run(const std::string& command) const {
    std::string full = "cd '" + dir_.string() + "' && " + command + " >/dev/null 2>openssl.err";
    if (std::system(full.c_str()) != 0)
      throw std::runtime_error("openssl failed: " + command + "\n" +
                               read_text(dir_ / "openssl.err"));
  }

  std::filesystem::path dir_;
  std::string intermediate_;
  std::string root_;
  int leaves_ = 0;
};

// HCL heredoc for a PEM (or any multi-line text): <<-EOT ... EOT.
inline std::string heredoc(const std::string& text) {
  std::string out = "<<-EOT\n" + text;
  if (out.back() != '\n') out += "\n";
  return out + "EOT\n";
}

// A stretch of a key's base64 body that must never appear anywhere but the config.
// (The second body line: the first starts with the same ASN.1 header in every key.)
inline std::string key_probe(const std::string& key_pem) {
  auto first = key_pem.find('\n') + 1;
  auto second = key_pem.find('\n', first) + 1;
  return key_pem.substr(second, 40);
}

inline std::map<std::string, std::string> simulator_env(const std::string& endpoint) {
  return {{"CLOUDSSL_ENDPOINT", endpoint},
          {"TENCENTCLOUD_SECRET_ID", "AKIDCLOUDSSLSIMULATOR"},
          {"TENCENTCLOUD_SECRET_KEY", "cloudssl-sim-secret-key"}};
}

// A test case of the cloudssl provider calling the simulator at `endpoint`; the steps are the
// test's.
inline TestCase simulator_case(const std::string& endpoint) {
  TestCase tc;
  tc.providers = {cloudssl_provider()};
  tc.env = simulator_env(endpoint);
  return tc;
}

// A workspace of the cloudssl provider (dev_overrides) calling the simulator at `endpoint`.
inline Workspace simulator_workspace(const std::string& endpoint) {
  return Workspace({cloudssl_provider()}, Installation::DevOverrides, simulator_env(endpoint));
}

// A folder of the repository's examples/, e.g. example_dir("quickstart"): an example is
// the whole folder (terraform.tf, variables.tf, main.tf), see Workspace::copy_files.
inline std::filesystem::path example_dir(const std::string& path) {
  return std::filesystem::path(CLOUDSSL_ACC_SOURCE_DIR) / "examples" / path;
}

// A file of the repository's examples/ folder, e.g. example_text("quickstart/main.tf").
inline std::string example_text(const std::string& path) { return read_text(example_dir(path)); }

// Files under the test folder whose name matches `keep` and that contain `needle`.
inline std::vector<std::string> files_containing(const std::filesystem::path& dir,
                                                 const std::string& needle,
                                                 bool (*keep)(const std::filesystem::path&)) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || !keep(entry.path())) continue;
    if (read_text(entry.path()).find(needle) != std::string::npos)
      out.push_back(entry.path().string());
  }
  return out;
}

// A provider log or the CLI's plan, apply or destroy output: files Terraform never shows a
// sensitive argument in (it keeps one in state).
inline bool log_or_command_output(const std::filesystem::path& p) {
  const auto name = p.filename().string();
  return name.find(".provider.log") != std::string::npos ||
         name.find("-plan.") != std::string::npos || name.find("-apply.") != std::string::npos ||
         name.find("-destroy.") != std::string::npos;
}

// Whether the run under `dir` wrote a provider log (what proves a search of the logs looked
// at one: the harness runs the provider at TF_LOG_PROVIDER=trace).
inline bool wrote_provider_log(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().string().find(".provider.log") != std::string::npos) return true;
  return false;
}

// Skips unless the CLI and the provider binary exist.
#define CLOUDSSL_REQUIRE_PROVIDER()                                        \
  CLOUDSSL_ACC_REQUIRE_CLI();                                              \
  if (::cloudssl::acceptance::cloudssl_provider().binary.empty()) {        \
    ::cloudssl::acceptance::announce_skip(                                 \
        "acceptance test skipped: terraform-provider-cloudssl not built"); \
    GTEST_SKIP() << "terraform-provider-cloudssl not built";               \
  }

}  // namespace cloudssl::acceptance::certs
