// Shared by the deployment, replacement and hosting acceptance tests: a simulator seeded with
// certificates and deployable instances, a TestCase wired to it, and views of the simulator's
// bindings, task records and request counters (simulator/README.md, /_sim admin endpoint).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#if __has_include("tests/support/simulator_process.h") && defined(CLOUDSSL_HAVE_SIMULATOR)
#include "tests/support/simulator_process.h"
#define CLOUDSSL_DEPLOY_HAVE_SIMULATOR 1
#endif

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
#define REQUIRE_CLOUDSSL_AND_SIM()                                                        \
  CLOUDSSL_ACC_REQUIRE_CLI();                                                             \
  if (::cloudssl::acceptance::cloudssl_provider().binary.empty()) {                       \
    ::cloudssl::acceptance::announce_skip("acceptance test skipped: provider not built"); \
    GTEST_SKIP() << "terraform-provider-cloudssl not built";                              \
  }
#else
#define REQUIRE_CLOUDSSL_AND_SIM()                                                   \
  ::cloudssl::acceptance::announce_skip("acceptance test skipped: no cloudssl-sim"); \
  GTEST_SKIP() << "cloudssl-sim not built"
#endif

#ifdef CLOUDSSL_DEPLOY_HAVE_SIMULATOR
namespace cloudssl::deployment_testing {

namespace acc = cloudssl::acceptance;
using nlohmann::json;

// Certificates DEPLOY01 (to deploy), OLDCERT1 (bound to lb-web2/lbl-x and old.example.com on
// CDN) and NEWCERT1 (its replacement); clb lb-web1 with three plain HTTPS listeners, cdn domains.
inline json default_seed() {
  const json sans = {"example.com",     "*.example.com",   "cdn.example.com",
                     "img.example.com", "old.example.com", "www.example.com"};
  auto listener = [](const std::string& id, const std::string& cert) {
    return json{
        {"ListenerId", id},
        {"ListenerName", id},
        {"Protocol", "HTTPS"},
        {"SniSwitch", 0},
        {"Certificate", {{"CertId", cert}}},
        {"Rules", {{{"LocationId", "loc-" + id}, {"Domain", "www.example.com"}, {"Url", "/"}}}}};
  };
  auto cdn = [](const std::string& domain, const std::string& cert) {
    return json{
        {"Domain", domain}, {"CertId", cert}, {"Status", "online"}, {"HttpsBillingSwitch", "off"}};
  };
  auto generated = [&](const std::string& id) {
    return json{
        {"CertificateId", id},
        {"Alias", id},
        {"Generate", {{"Domain", "www.example.com"}, {"SubjectAltNames", sans}, {"Days", 90}}}};
  };
  return {
      {"certificates", {generated("DEPLOY01"), generated("OLDCERT1"), generated("NEWCERT1")}},
      {"instances",
       {{"clb",
         {{{"LoadBalancerId", "lb-web1"},
           {"LoadBalancerName", "web"},
           {"Region", "ap-guangzhou"},
           {"Forward", 1},
           {"Listeners", {listener("lbl-a", ""), listener("lbl-b", ""), listener("lbl-c", "")}}},
          {{"LoadBalancerId", "lb-web2"},
           {"LoadBalancerName", "legacy"},
           {"Region", "ap-guangzhou"},
           {"Forward", 1},
           {"Listeners", {listener("lbl-x", "OLDCERT1")}}}}},
        {"cdn",
         {cdn("cdn.example.com", ""), cdn("img.example.com", ""),
          cdn("old.example.com", "OLDCERT1")}}}}};
}

class DeploySim {
 public:
  explicit DeploySim(json seed = default_seed()) : sim_() { sim_.admin("POST", "/seed", seed); }

  acc::TestCase test_case() const { return acc::certs::simulator_case(sim_.endpoint()); }
  acc::Workspace workspace() const { return acc::certs::simulator_workspace(sim_.endpoint()); }

  json admin(const std::string& method, const std::string& path, const json& body = nullptr) {
    return sim_.admin(method, path, body);
  }

  // The certificate a target holds now ("" when none; "<absent>" when no such target).
  std::string holder(const std::string& type, const std::string& target) {
    const auto listing = sim_.admin("GET", "/instances?type=" + type);
    for (const auto& t : listing.value("targets", json::array()))
      if (t.value("Target", "") == target) return t.value("CertId", "");
    return "<absent>";
  }

  // The next task item of a `type` target matching `match` fails, once, with `message`.
  void fail_once(const std::string& type, const std::string& match, const std::string& message) {
    sim_.admin(
        "POST", "/tasks/config",
        {{"failures",
          {{{"match", match}, {"message", message}, {"times", 1}, {"resource_type", type}}}}});
  }

  void bind(const std::string& type, const std::string& target, const std::string& cert) {
    sim_.bind(type, target, cert);
  }

  // Records of one family ("deploy" or "update"), oldest first.
  std::vector<json> records(const std::string& family) {
    std::vector<json> out;
    for (const auto& r : sim_.admin("GET", "/tasks").value("deploy_records", json::array()))
      if (r.value("family", "") == family) out.push_back(r);
    std::sort(out.begin(), out.end(),
              [](const json& a, const json& b) { return a["id"] < b["id"]; });
    return out;
  }
  std::vector<json> deploy_records() { return records("deploy"); }
  std::set<std::string> unfinished_deploy_types() { return sim_.unfinished_deploy_types(); }

  json counters() { return sim_.admin("GET", "/requests").value("counters", json::object()); }
  static long count(const json& counters, const std::string& action) {
    if (!counters.contains(action)) return 0;
    return counters[action].value("total", 0L);
  }

  json certificate(const std::string& id) { return sim_.admin("GET", "/certificates/" + id); }

 private:
  cloudssl::testing::SimulatorProcess sim_;
};

}  // namespace cloudssl::deployment_testing
#endif
