// cloudssl_free_certificate + cloudssl_certificate_validation through the real terraform CLI
// against cloudssl-sim: application, waiting for issuance, in-place alias change, import,
// DNS validation records checked before waiting, a rejected application ending the wait with
// the API's message, drift, and renewal: a replacement the plan shows before it happens, in
// both replacement orders.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_client.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

namespace {

constexpr const char* kFree = "cloudssl_free_certificate.f";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

std::string free_config(const std::string& domain, const std::string& method,
                        const std::string& alias, const std::string& extra = {}) {
  return "resource \"cloudssl_free_certificate\" \"f\" {\n"
         "  domain = \"" +
         domain + "\"\n  dv_auth_method = \"" + method +
         "\"\n"
         "  alias = \"" +
         alias + "\"\n" + extra + "}\n";
}

const std::string kWaitConfig =
    "resource \"cloudssl_certificate_validation\" \"v\" {\n"
    "  certificate_id = cloudssl_free_certificate.f.id\n"
    "  timeouts {\n    create = \"2m\"\n  }\n}\n";

using cloudssl::testing::beijing_time_in_days;

}  // namespace

TEST(FreeCertificateAcceptance, ApplyValidateUpdateImportDestroy) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = free_config("www.example.com", "DNS_AUTO", "site") + kWaitConfig,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kFree, {"create"}), acc::expect_actions(kWait, {"create"})}),
       .check = acc::all(
           {acc::attr_set(kFree, "id"), acc::attr_pair(kWait, "certificate_id", kFree, "id"),
            acc::attr_equals(kWait, "status", "1"), acc::attr_set(kWait, "not_after")})},
      {.config = free_config("www.example.com", "DNS_AUTO", "renamed") + kWaitConfig,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kFree, {"update"}), acc::expect_actions(kWait, {"no-op"})}),
       .check = acc::all({acc::attr_equals(kFree, "alias", "renamed"),
                          acc::attr_equals(kFree, "status", "1"),
                          acc::attr_set(kFree, "certificate_pem")})},
      // Changing what the API cannot change replaces at plan time, never fails at apply.
      {.config = free_config("other.example.com", "DNS_AUTO", "renamed") + kWaitConfig,
       .plan_check = acc::all_plan({acc::expect_actions(kFree, {"delete", "create"}),
                                    acc::expect_replace_path(kFree, "domain"),
                                    acc::expect_actions(kWait, {"delete", "create"})}),
       .check = acc::all({acc::attr_equals(kFree, "domain", "other.example.com"),
                          acc::attr_absent(kFree, "renewed_from_certificate_id"),
                          acc::attr_equals(kWait, "status", "1")})},
      // Apply again: the refresh records the issuance the validation waited for.
      {.config = free_config("other.example.com", "DNS_AUTO", "renamed") + kWaitConfig,
       .check = acc::attr_equals(kFree, "status", "1")},
      // The API no longer returns the validation records of an issued certificate.
      acc::import_step(kFree, {.ignore = {"dv_auths"}}),
  };
  tc.check_destroy = [&](const acc::State& before, const acc::StepContext&) {
    auto id = before.text(kFree, "id");
    ASSERT_TRUE(id);
    EXPECT_THROW(sim.admin("GET", "/certificates/" + *id), std::runtime_error);
  };
  acc::run(tc);
}

TEST(FreeCertificateAcceptance, DnsRecordsAreCheckedBeforeWaiting) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  const std::string free = free_config("api.example.com", "DNS", "api");
  auto wait_for = [](const std::string& fqdns) {
    return "resource \"cloudssl_certificate_validation\" \"v\" {\n"
           "  certificate_id = cloudssl_free_certificate.f.id\n"
           "  validation_record_fqdns = " +
           fqdns + "\n}\n";
  };
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = free,
       .check = acc::all({acc::attr_set(kFree, "dv_auths.0.key"),
                          acc::attr_set(kFree, "dv_auths.0.value"),
                          acc::attr_equals(kFree, "status", "0")})},
      {.config = free + wait_for("[\"_wrong.example.com\"]"),
       .expect_error =
           acc::error_like("Missing DNS validation records", "validation_record_fqdns")},
      {.config = free + wait_for("[for a in cloudssl_free_certificate.f.dv_auths : a.key]"),
       .check = acc::attr_equals(kWait, "status", "1")},
  };
  acc::run(tc);
}

TEST(FreeCertificateAcceptance, ARejectedApplicationEndsTheWaitWithTheApiMessage) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim(
      {.args = {"--fail-domain", "bad.example.com=domain failed the CA security review"}});
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = free_config("bad.example.com", "DNS_AUTO", "bad") + kWaitConfig,
       .expect_error = acc::error_like("was not issued.*security review", "certificate_id")},
  };
  acc::run(tc);
}

TEST(FreeCertificateAcceptance, DriftMadeInTheSimulatorShowsInThePlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  const std::string config = free_config("drift.example.com", "DNS_AUTO", "site") + kWaitConfig;
  std::string id;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = config, .check = [&](const acc::State& s) { id = *s.text(kFree, "id"); }},
      {.config = config,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id, {{"Alias", "renamed-in-console"}});
           },
       .plan_check = acc::expect_actions(kFree, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kFree, "id"), id);
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("alias", ""), "site");
           }},
      {.config = config,
       .pre_step = [&](const acc::StepContext&) { sim.admin("DELETE", "/certificates/" + id); },
       .plan_check = acc::all_plan(
           {acc::expect_actions(kFree, {"create"}), acc::expect_actions(kWait, {"create"})}),
       .check = [&](const acc::State& s) { EXPECT_NE(*s.text(kFree, "id"), id); }},
  };
  acc::run(tc);
}

// Renewal: `old` is moved into the window, the next plan replaces it (forced by not_after) and
// the apply renews it: a new certificate whose lineage points at the old one.
class FreeCertificateRenewal : public ::testing::Test {
 protected:
  static std::string config(const std::string& domain, bool create_before_destroy) {
    std::string extra = "  renew_before = \"720h\"\n";
    if (create_before_destroy) extra += "  lifecycle {\n    create_before_destroy = true\n  }\n";
    return free_config(domain, "DNS_AUTO", "renew", extra) + kWaitConfig;
  }
  // The steps shared by both orders; `order` is the replacement's action list.
  std::vector<acc::Step> steps(const std::string& config, std::vector<std::string> order,
                               std::function<void(const std::string& old_id)> check_old) {
    return {
        {.config = config, .check = [&](const acc::State& s) { old_id_ = *s.text(kFree, "id"); }},
        // Refresh alone renews nothing.
        {.config = config, .plan_only = true},
        {.config = config,
         .pre_step =
             [&](const acc::StepContext&) {
               sim_.admin("POST", "/certificates/" + old_id_,
                          {{"CertEndTime", beijing_time_in_days(10)}});
             },
         .plan_check =
             [order](const acc::Plan& plan) {
               EXPECT_EQ(plan.actions(kFree), order);
               EXPECT_EQ(plan.replace_paths(kFree), std::vector<std::string>{"not_after"});
               EXPECT_TRUE(plan.is_unknown_after(kFree, "id"));
               EXPECT_EQ(plan.actions(kWait).size(), 2u);  // follows the new certificate
             },
         .check =
             [this, check_old](const acc::State& s) {
               const std::string new_id = *s.text(kFree, "id");
               EXPECT_NE(new_id, old_id_);
               EXPECT_EQ(*s.text(kFree, "renewed_from_certificate_id"), old_id_);
               EXPECT_EQ(*s.text(kWait, "status"), "1");
               auto renewed = sim_.admin("GET", "/certificates/" + new_id);
               EXPECT_EQ(renewed.value("origin_certificate_id", ""), old_id_) << renewed.dump();
               check_old(old_id_);
             }},
    };
  }
  cloudssl::testing::SimulatorProcess sim_;
  std::string old_id_;
};

TEST_F(FreeCertificateRenewal, DefaultOrderRenewsAndKeepsTheOldCertificate) {
  CLOUDSSL_REQUIRE_PROVIDER();
  acc::TestCase tc = certs::simulator_case(sim_.endpoint());
  tc.steps = steps(config("renew.example.com", false), {"delete", "create"},
                   [&](const std::string& old_id) {
                     // Destroy came first, but the renewal needed the old certificate.
                     auto old = sim_.admin("GET", "/certificates/" + old_id);
                     EXPECT_FALSE(old.value("renew_order", "").empty()) << old.dump();
                   });
  acc::run(tc);
}

TEST_F(FreeCertificateRenewal, CreateBeforeDestroyRenewsThenDeletesTheOldCertificate) {
  CLOUDSSL_REQUIRE_PROVIDER();
  acc::TestCase tc = certs::simulator_case(sim_.endpoint());
  tc.steps =
      steps(config("cbd.example.com", true), {"create", "delete"}, [&](const std::string& old_id) {
        EXPECT_THROW(sim_.admin("GET", "/certificates/" + old_id), std::runtime_error);
      });
  acc::run(tc);
}

TEST(FreeCertificateAcceptance, CsrKeyPasswordStaysOutOfLogsAndPlanOutput) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  const std::string probe = "Probe-Csr-Pass-4711";
  const std::string config =
      free_config("pass.example.com", "DNS_AUTO", "p", "  csr_key_password = \"" + probe + "\"\n");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {{.config = config, .plan_check = [&](const acc::Plan& plan) {
                 // Sensitive: the plan JSON marks it, the rendered plan never shows it.
                 const auto* change = plan.resource_change(kFree);
                 ASSERT_TRUE(change);
                 EXPECT_EQ((*change)["change"]["after_sensitive"].value("csr_key_password", false),
                           true);
               }}};
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    auto hits = certs::files_containing(ctx.dir(), probe, certs::log_or_command_output);
    EXPECT_TRUE(hits.empty()) << "password found in: " << (hits.empty() ? "" : hits.front());
  };
  acc::run(tc);
}
