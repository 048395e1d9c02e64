// cloudssl_free_certificate's reissue (ReplaceCertificate) through the real terraform CLI against
// cloudssl-sim:
// - bumping `reissue` plans an in-place update with the id unknown (the validation that
//   references it is replaced); apply reissues once, the resource holds the new certificate
//   (validated like an application), replaced_by names the original, which stays in the account
//   with ReplacedFor naming its reissue (data cloudssl_certificate shows both sides); a second
//   bump is refused at plan on `reissue`;
// - the reissue's DNS validation records appear in dv_auths like the application's;
// - an answer lost after the reissue was made does not reissue twice (the apply finds it);
// - a certificate that cannot be reissued is refused at plan on `reissue`: not issued yet, and
//   one whose key is not RSA 2048.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
using cloudssl::testing::SimulatorProcess;
using nlohmann::json;

namespace {

constexpr const char* kFree = "cloudssl_free_certificate.f";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

std::string free_config(const std::string& domain, const std::string& method,
                        const std::string& extra) {
  return "resource \"cloudssl_free_certificate\" \"f\" {\n  domain = \"" + domain +
         "\"\n  dv_auth_method = \"" + method + "\"\n  alias = \"site\"\n" + extra + "}\n";
}

const std::string kWaitConfig =
    "resource \"cloudssl_certificate_validation\" \"v\" {\n"
    "  certificate_id = cloudssl_free_certificate.f.id\n"
    "  timeouts {\n    create = \"2m\"\n  }\n}\n";

std::string reissue(int value, const std::string& extra = "") {
  return "  reissue = " + std::to_string(value) + "\n" + extra;
}

json certificate(SimulatorProcess& sim, const std::string& id) {
  return sim.admin("GET", "/certificates/" + id);
}

long calls(SimulatorProcess& sim, const std::string& action) {
  return sim.admin("GET", "/requests?action=" + action)["counters"]
      .value(action, json::object())
      .value("total", 0L);
}

acc::TestCase simulator_case(SimulatorProcess& sim) {
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = certs::simulator_env(sim.endpoint());
  return tc;
}

}  // namespace

TEST(FreeCertificateReissue, BumpReissuesInPlaceOnceAndKeepsTheOriginal) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  auto original = std::make_shared<std::string>();
  auto reissued = std::make_shared<std::string>();
  const std::string reason = "  reissue_reason = \"key rotated\"\n";
  acc::TestCase tc = simulator_case(sim);
  tc.steps = {
      // The value given at create reissues nothing.
      {.config = free_config("www.example.com", "DNS_AUTO", reissue(1)) + kWaitConfig,
       .check =
           [&](const acc::State& s) {
             *original = s.text(kFree, "id").value_or("");
             acc::all({acc::attr_equals(kWait, "status", "1"),
                       acc::attr_absent(kFree, "replaced_by"),
                       acc::attr_absent(kFree, "replaced_for")})(s);
           }},
      {.config = free_config("www.example.com", "DNS_AUTO", reissue(2, reason)) + kWaitConfig,
       .plan_check =
           acc::all_plan({acc::expect_actions(kFree, {"update"}), acc::expect_unknown(kFree, "id"),
                          acc::expect_unknown(kFree, "status"),
                          acc::expect_actions(kWait, {"delete", "create"})}),
       .check =
           [&](const acc::State& s) {
             *reissued = s.text(kFree, "id").value_or("");
             EXPECT_NE(*reissued, *original);
             EXPECT_EQ(s.text(kFree, "replaced_by"), *original);
             acc::all({acc::attr_absent(kFree, "replaced_for"),
                       acc::attr_equals(kFree, "alias", "site"),
                       acc::attr_pair(kWait, "certificate_id", kFree, "id"),
                       acc::attr_equals(kWait, "status", "1")})(s);
             // The original stays, still issued, naming its reissue.
             const json old = certificate(sim, *original);
             EXPECT_EQ(old.at("status"), 1);
             EXPECT_EQ(old.at("replaced_for"), *reissued);
             EXPECT_EQ(certificate(sim, *reissued).at("replaced_by"), *original);
           }},
      // Refresh fills the reissue's PEM once issued. The data source shows the lineage both
      // ways: the reissue names its original, the original its reissue.
      {.config = free_config("www.example.com", "DNS_AUTO", reissue(2, reason)) + kWaitConfig +
                 "data \"cloudssl_certificate\" \"reissue\" {\n"
                 "  id = cloudssl_free_certificate.f.id\n}\n"
                 "data \"cloudssl_certificate\" \"original\" {\n"
                 "  id = cloudssl_free_certificate.f.replaced_by\n}\n",
       .check =
           [&](const acc::State& s) {
             acc::attr_set(kFree, "certificate_pem")(s);
             EXPECT_EQ(s.text("data.cloudssl_certificate.reissue", "replaced_by"), *original);
             acc::attr_absent("data.cloudssl_certificate.reissue", "replaced_for")(s);
             EXPECT_EQ(s.text("data.cloudssl_certificate.original", "replaced_for"), *reissued);
             acc::attr_absent("data.cloudssl_certificate.original", "replaced_by")(s);
           }},
      // Free certificates are reissued once: the next bump is refused at plan.
      {.config = free_config("www.example.com", "DNS_AUTO", reissue(3, reason)) + kWaitConfig,
       .plan_only = true,
       .expect_error = acc::error_like(
           "cannot be reissued again: It is the reissue of certificate \\w+, and a free "
           "certificate can be reissued only once \\(ReplaceCertificate\\). Set reissue back to 2",
           "reissue")},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(calls(sim, "ReplaceCertificate"), 1);
    EXPECT_THROW(certificate(sim, *reissued), std::runtime_error);
    // Not managed any more: destroy leaves the original in the account.
    EXPECT_EQ(certificate(sim, *original).at("status"), 1);
  };
  acc::run(tc);
}

TEST(FreeCertificateReissue, TheReissuesDnsRecordsAppearLikeTheApplications) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  // A stand-in for the DNS records another provider would publish from dv_auths.
  const std::string records =
      "resource \"terraform_data\" \"records\" {\n"
      "  input = [for a in cloudssl_free_certificate.f.dv_auths : a.value]\n}\n";
  const std::string dns = "  reissue_dv_auth_method = \"DNS\"\n";
  acc::TestCase tc = simulator_case(sim);
  tc.steps = {
      {.config = free_config("dns.example.com", "DNS_AUTO", reissue(1, dns)) + kWaitConfig},
      {.config = free_config("dns.example.com", "DNS_AUTO", reissue(2, dns)) + records,
       .plan_check =
           acc::all_plan({acc::expect_actions(kFree, {"update"}),
                          acc::expect_known(kFree, "dv_auths.0.domain", "dns.example.com"),
                          acc::expect_actions("terraform_data.records", {"create"})}),
       .check = acc::all(
           {acc::attr_equals(kFree, "status", "0"), acc::attr_equals(kFree, "verify_type", "DNS"),
            acc::attr_equals(kFree, "dv_auths.0.key", "_dnsauth.dns.example.com"),
            acc::attr_pair("terraform_data.records", "input.0", kFree, "dv_auths.0.value")})},
  };
  acc::run(tc);
}

TEST(FreeCertificateReissue, ALostAnswerDoesNotReissueTwice) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  acc::TestCase tc = simulator_case(sim);
  tc.steps = {
      {.config = free_config("lost.example.com", "DNS_AUTO", reissue(1)) + kWaitConfig},
      {.config = free_config("lost.example.com", "DNS_AUTO", reissue(2)),
       .pre_step =
           [&](const acc::StepContext&) {
             // ReplaceCertificate runs, then the connection is cut: the answer is lost.
             sim.admin(
                 "POST", "/faults",
                 {{"rules",
                   {{{"action", "ReplaceCertificate"}, {"drop_reply", true}, {"count", 1}}}}});
           },
       .check =
           [&](const acc::State& s) {
             const std::string original = s.text(kFree, "replaced_by").value_or("");
             ASSERT_FALSE(original.empty());
             EXPECT_EQ(certificate(sim, original).at("replaced_for"), s.text(kFree, "id"));
           }},
  };
  acc::run(tc);
  EXPECT_EQ(calls(sim, "ReplaceCertificate"), 1) << "the lost answer was followed by a second call";
}

TEST(FreeCertificateReissue, CertificatesThatCannotBeReissuedAreRefusedAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string ecc = "  csr_encrypt_algo = \"ECC\"\n  csr_key_parameter = \"prime256v1\"\n";
  acc::TestCase tc = simulator_case(sim);
  tc.steps = {
      // Not issued yet: the DNS record is not published.
      {.config = free_config("wait.example.com", "DNS", reissue(1))},
      {.config = free_config("wait.example.com", "DNS", reissue(2)),
       .plan_only = true,
       .expect_error = acc::error_like(
           "cannot be reissued yet: It is under review: ReplaceCertificate reissues only an "
           "issued certificate. Set reissue back to 1 until it is issued",
           "reissue")},
      {.config = free_config("ecc.example.com", "DNS_AUTO", reissue(1, ecc)) + kWaitConfig},
      {.config = free_config("ecc.example.com", "DNS_AUTO", reissue(2, ecc)) + kWaitConfig,
       .plan_only = true,
       .expect_error = acc::error_like(
           "cannot be reissued: Its key is EC_prime256v1: a free certificate can be reissued "
           "only when its key is RSA 2048",
           "reissue")},
  };
  acc::run(tc);
  EXPECT_EQ(calls(sim, "ReplaceCertificate"), 0);
}
