// cloudssl_certificate_validation through the real terraform CLI against cloudssl-sim:
// - a certificate that is cancelled, revoked or expires while the validation waits ends the
//   wait with its status and the API's message (instead of running into timeouts.create);
// - drift: once issued and applied, a certificate revoked or expired out of band drops the
//   validation from state on refresh, so the next plan creates it again (and applying that
//   ends with the status message).
// The simulator holds the application pending (--issue-polls) and the tests change its
// status through the admin endpoint (POST /_sim/certificates/{id}, /_sim/clock).
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
using nlohmann::json;

namespace {

constexpr const char* kFree = "cloudssl_free_certificate.f";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

// A DNS_AUTO application (validation starts at once) and a validation waiting for it.
std::string config(const std::string& domain) {
  return "resource \"cloudssl_free_certificate\" \"f\" {\n"
         "  domain = \"" +
         domain +
         "\"\n  dv_auth_method = \"DNS_AUTO\"\n}\n"
         "resource \"cloudssl_certificate_validation\" \"v\" {\n"
         "  certificate_id = cloudssl_free_certificate.f.id\n"
         "  timeouts {\n    create = \"3m\"\n  }\n}\n";
}

// The id of the only certificate in the simulator.
std::string only_certificate_id(cloudssl::testing::SimulatorProcess& sim) {
  const json state = sim.admin("GET", "/state");
  const auto& all = state.at("certificates");
  if (all.size() != 1) throw std::runtime_error("expected one certificate: " + all.dump());
  return all.at(0).at("id").get<std::string>();
}

// DescribeCertificate calls the simulator has answered.
long certificate_reads(cloudssl::testing::SimulatorProcess& sim) {
  return sim.admin("GET", "/requests?action=DescribeCertificate")["counters"]
      .value("DescribeCertificate", json::object())
      .value("total", 0L);
}

struct EndCase {
  const char* name;
  int status;
  std::string status_msg;
  std::string expected;  // regex on "summary: detail"
};

// Readable, stable CTest names (gtest_discover_tests prints the parameter).
void PrintTo(const EndCase& c, std::ostream* os) { *os << c.name; }

class ValidationWaitEnds : public ::testing::TestWithParam<EndCase> {};

// The application stays pending (the simulator would issue it only after a million reads);
// once terraform is inside the validation's create, the certificate changes status.
TEST_P(ValidationWaitEnds, WithTheStatusMessage) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const EndCase& c = GetParam();
  cloudssl::testing::SimulatorProcess sim({.args = {"--issue-polls", "1000000", "--quiet"}});
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write_providers_tf();
  ws.write("main.tf", config("wait.example.com"));

  auto apply = ws.start({"apply", "-auto-approve", "-input=false", "-json"});
  ASSERT_TRUE(apply->wait_for_output(std::string(kWait) + ": Creating...", std::chrono::minutes(2)))
      << "the validation never started";
  // Change the status only once the validation has polled the pending certificate: its first
  // read plus at least one poll.
  const long reads_at_start = certificate_reads(sim);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (certificate_reads(sim) < reads_at_start + 2) {
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the validation never polled";
    std::this_thread::yield();
  }
  const std::string id = only_certificate_id(sim);
  sim.admin("POST", "/certificates/" + id, {{"Status", c.status}, {"StatusMsg", c.status_msg}});

  const acc::CommandResult result = apply->wait(std::chrono::minutes(2));
  EXPECT_FALSE(result.ok()) << result.text();
  EXPECT_TRUE(acc::matches_error(result, acc::error_like(c.expected, "certificate_id")))
      << "expected /" << c.expected << "/ at certificate_id:\n"
      << result.text();
  // It stopped on the status, not at timeouts.create (3m): that error says "Timed out".
  EXPECT_EQ(result.text().find("Timed out"), std::string::npos) << result.text();
}

INSTANTIATE_TEST_SUITE_P(
    TerminalStatuses, ValidationWaitEnds,
    ::testing::Values(
        EndCase{"Canceled", 7, "order cancelled by the account owner",
                "Certificate \\w+ was not issued: It is cancelled: order cancelled by the "
                "account owner"},
        EndCase{"Revoked", 10, "revoked at the owner's request",
                "Certificate \\w+ was not issued: It is revoked: revoked at the owner's request"},
        EndCase{"Expired", 3, "validation window passed",
                "Certificate \\w+ was not issued: It is expired: validation window passed"}),
    [](const ::testing::TestParamInfo<EndCase>& info) { return std::string(info.param.name); });

struct DriftCase {
  const char* name;
  // Changes the issued certificate out of band.
  std::function<void(cloudssl::testing::SimulatorProcess&, const std::string& id)> drift;
  std::string expected;  // the error when the validation is created again
};

void PrintTo(const DriftCase& c, std::ostream* os) { *os << c.name; }

class ValidationDrift : public ::testing::TestWithParam<DriftCase> {};

// Issued and applied; then the certificate stops being issued out of band. Refresh drops the
// validation (its documented read behaviour), the next plan creates it again, and applying
// that ends at once with the certificate's status.
TEST_P(ValidationDrift, NextPlanCreatesTheValidationAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const DriftCase& c = GetParam();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  const std::string tf = config("drift.example.com");
  auto drift = [&](const acc::StepContext& ctx) {
    const auto id = ctx.last_state().text(kFree, "id");
    ASSERT_TRUE(id);
    c.drift(sim, *id);
  };

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .check = acc::all({acc::attr_equals(kWait, "status", "1"), acc::attr_set(kWait, "not_after"),
                          acc::attr_pair(kWait, "id", kFree, "id")})},
      {.config = tf,
       .pre_step = drift,
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kWait, {"create"}), acc::expect_actions(kFree, {"no-op"})})},
      {.config = tf, .expect_error = acc::error_like(c.expected, "certificate_id")},
  };
  acc::run(tc);
}

INSTANTIATE_TEST_SUITE_P(
    OutOfBand, ValidationDrift,
    ::testing::Values(DriftCase{"Revoked",
                                [](cloudssl::testing::SimulatorProcess& sim,
                                   const std::string& id) {
                                  sim.admin("POST", "/certificates/" + id,
                                            {{"Status", 10}, {"StatusMsg", "revoked out of band"}});
                                },
                                "was not issued: It is revoked: revoked out of band"},
                      // Past CertEndTime an issued certificate reads as Status 3 (the simulator's
                      // rule, as the API shows it): move the simulated clock beyond the 90 days.
                      DriftCase{"Expired",
                                [](cloudssl::testing::SimulatorProcess& sim, const std::string&) {
                                  sim.admin("POST", "/clock", {{"advance_seconds", 100 * 86400}});
                                },
                                "was not issued: It is expired"}),
    [](const ::testing::TestParamInfo<DriftCase>& info) { return std::string(info.param.name); });

}  // namespace

// The lifecycle: create → empty plan → in place (timeouts only) → replace (another
// certificate) → import (compared with the applied state) → destroy, which leaves the
// certificates alone (delete is a no-op).
TEST(ValidationLifecycle, CreateUpdateReplaceImportDestroy) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  auto two = [](const std::string& target, const std::string& timeout) {
    std::string out;
    for (const char* name : {"f", "g"})
      out += std::string("resource \"cloudssl_free_certificate\" \"") + name +
             "\" {\n  domain = \"" + name + ".example.com\"\n  dv_auth_method = \"DNS_AUTO\"\n}\n";
    return out + "resource \"cloudssl_certificate_validation\" \"v\" {\n  certificate_id = " +
           "cloudssl_free_certificate." + target + ".id\n" +
           (timeout.empty() ? "" : "  timeouts {\n    create = \"" + timeout + "\"\n  }\n") + "}\n";
  };
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = two("f", "3m"),
       .check =
           acc::all({acc::attr_pair(kWait, "certificate_id", kFree, "id"),
                     acc::attr_equals(kWait, "status", "1"), acc::attr_set(kWait, "not_after")})},
      {.config = two("f", "10m"), .plan_check = acc::expect_actions(kWait, {"update"})},
      {.config = two("g", ""),
       .plan_check = acc::all_plan({acc::expect_actions(kWait, {"delete", "create"}),
                                    acc::expect_replace_path(kWait, "certificate_id")}),
       .check =
           acc::all({acc::attr_pair(kWait, "certificate_id", "cloudssl_free_certificate.g", "id"),
                     acc::attr_equals(kWait, "status", "1")})},
      // (The CLI form: an import block in a fresh folder would see the free certificates'
      // ids unknown, since only this resource is imported there.)
      acc::import_step(kWait),
  };
  tc.check_destroy = [&](const acc::State& before, const acc::StepContext&) {
    // The free certificates were destroyed with the configuration; the validation deleted
    // nothing itself, which the import of an issued certificate above relies on.
    EXPECT_TRUE(before.text(kWait, "certificate_id"));
  };
  acc::run(tc);
}

TEST(ValidationLifecycle, ImportOfACertificateNotIssuedSaysSo) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--issue-polls", "1000"}});
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  const std::string free =
      "resource \"cloudssl_free_certificate\" \"f\" {\n"
      "  domain = \"pending.example.com\"\n  dv_auth_method = \"DNS\"\n}\n";
  const std::string wait =
      "resource \"cloudssl_certificate_validation\" \"v\" {\n"
      "  certificate_id = cloudssl_free_certificate.f.id\n}\n";
  acc::Step import = acc::import_step(
      kWait, {.id_from = [](const acc::State& s) { return *s.text(kFree, "id"); }});
  import.config = free + wait;
  import.expect_error = acc::error_like("is not issued");
  tc.steps = {{.config = free}, import};
  acc::run(tc);
}
