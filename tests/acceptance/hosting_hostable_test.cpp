// cloudssl_hosting_config's hosting facts through the real terraform CLI against cloudssl-sim:
// - Hostable is checked at plan: a certificate the API cannot host (a CA certificate) is a
//   warning naming it (on follow_renewal when that is set), an issued server certificate is
//   not, and `hostable` shows the answer after apply;
// - a certificate that does not exist is an error on certificate_id at plan;
// - is_hosting_upload_renew_cert shows the API's IsHostingUploadRenewCert, read on refresh
//   without planning a change.
#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kAddr = "cloudssl_hosting_config.h";

std::string seed_certificate(SimulatorProcess& sim, const std::string& domain,
                             const std::string& type) {
  return sim.seed_certificate(
      {{"Generate", {{"Domain", domain}, {"Days", 90}}}, {"CertificateType", type}});
}

std::string hosting(const std::string& id, bool follow) {
  return "resource \"cloudssl_hosting_config\" \"h\" {\n  certificate_id = \"" + id + "\"\n" +
         (follow ? "  follow_renewal {\n    resource_types = [\"cdn\"]\n  }\n" : "") + "}\n";
}

// The warnings of a plan whose summary contains `text`, with the attribute they point at.
std::vector<acc::Diagnostic> warnings(const acc::CommandResult& r, const std::string& text) {
  std::vector<acc::Diagnostic> out;
  for (const auto& d : r.diagnostics)
    if (d.severity == "warning" && d.summary.find(text) != std::string::npos) out.push_back(d);
  return out;
}

}  // namespace

TEST(HostingHostable, CheckedAtPlanAndShownAfterApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string ca = seed_certificate(sim, "ca.example.com", "CA");
  const std::string svr = seed_certificate(sim, "svr.example.com", "SVR");
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write_providers_tf();

  ws.write("main.tf", hosting(ca, true));
  auto plan = ws.terraform({"plan", "-json", "-input=false"});
  ASSERT_TRUE(plan.ok()) << plan.text();
  auto hits = warnings(plan, "Certificate " + ca + " cannot be hosted");
  ASSERT_EQ(hits.size(), 1u) << plan.text();
  EXPECT_NE(hits[0].detail.find("follow_renewal can follow only a renewal order"),
            std::string::npos)
      << hits[0].detail;

  ws.write("main.tf", hosting(ca, false));
  auto apply = ws.terraform({"apply", "-auto-approve", "-json", "-input=false"});
  ASSERT_TRUE(apply.ok()) << apply.text();
  EXPECT_FALSE(warnings(apply, "cannot be hosted").empty()) << apply.text();
  const acc::State state(ws.show_json());
  EXPECT_EQ(state.text(kAddr, "hostable"), "false");
  EXPECT_EQ(state.text(kAddr, "is_hosting_upload_renew_cert"), "false");
  // Checked once: the plans of the existing resource do not warn again.
  auto replan = ws.terraform({"plan", "-json", "-detailed-exitcode", "-input=false"});
  EXPECT_EQ(replan.exit_code, 0) << replan.text();
  EXPECT_TRUE(warnings(replan, "cannot be hosted").empty()) << replan.text();
  ASSERT_TRUE(ws.terraform({"destroy", "-auto-approve", "-input=false"}).ok());

  ws.write("main.tf", hosting(svr, true));
  auto hostable = ws.terraform({"apply", "-auto-approve", "-json", "-input=false"});
  ASSERT_TRUE(hostable.ok()) << hostable.text();
  EXPECT_TRUE(warnings(hostable, "cannot be hosted").empty()) << hostable.text();
  EXPECT_EQ(acc::State(ws.show_json()).text(kAddr, "hostable"), "true");
  ASSERT_TRUE(ws.terraform({"destroy", "-auto-approve", "-input=false"}).ok());
}

TEST(HostingHostable, UnknownCertificateIsAnErrorAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {acc::plan_error_step(hosting("NoSuch01", false),
                                   "Certificate NoSuch01 does not exist: "
                                   "certificate_id must name a certificate",
                                   "certificate_id")};
  acc::run(tc);
}

TEST(HostingHostable, UploadedRenewalCertificateFlagIsRead) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "renewal.example.com", "SVR");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = hosting(id, false),
       .check = acc::attr_equals(kAddr, "is_hosting_upload_renew_cert", "false")},
      {.config = hosting(id, false),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id, {{"IsHostingUploadRenewCert", true}});
           },
       .plan_check = acc::expect_actions(kAddr, {"no-op"}),
       .check = acc::attr_equals(kAddr, "is_hosting_upload_renew_cert", "true")},
  };
  acc::run(tc);
}
