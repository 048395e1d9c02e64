// data cloudssl_certificate_operation_logs through the real terraform CLI against cloudssl-sim:
// what Terraform did (an application, an alias change) appears in the log with its type and
// certificate; certificate_id and types narrow it; malformed, reversed, future and
// out-of-range times (after 2262) are errors on their attribute at plan; the example works as
// written.
#include <regex>

#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kFree = "cloudssl_free_certificate.f";

std::string free_certificate(const std::string& alias) {
  return "resource \"cloudssl_free_certificate\" \"f\" {\n  domain = \"log.example.com\"\n"
         "  dv_auth_method = \"DNS_AUTO\"\n  alias = \"" +
         alias + "\"\n}\n";
}

std::string logs(const std::string& name, const std::string& body) {
  return "data \"cloudssl_certificate_operation_logs\" \"" + name + "\" {\n" + body + "}\n";
}

}  // namespace

TEST(CertificateOperationLogs, WhatTerraformDidIsInTheLog) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string queries =
      logs("mine",
           "  certificate_id = cloudssl_free_certificate.f.id\n"
           "  types = [\"apply\", \"updateAlias\"]\n") +
      logs("renames",
           "  types = [\"updateAlias\"]\n  depends_on = [cloudssl_free_certificate.f]\n");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = free_certificate("first")},
      {.config = free_certificate("second") + queries,
       .check =
           [&](const acc::State& s) {
             const auto id = s.text(kFree, "id");
             ASSERT_TRUE(id);
             const json* mine =
                 s.attribute("data.cloudssl_certificate_operation_logs.mine", "logs");
             ASSERT_TRUE(mine && mine->size() == 2u) << (mine ? mine->dump() : "null");
             // Newest first: the alias change, then the application.
             EXPECT_EQ((*mine)[0].at("type"), "updateAlias");
             EXPECT_EQ((*mine)[1].at("type"), "apply");
             for (const auto& l : *mine) {
               EXPECT_EQ(l.at("certificate_id"), *id);
               EXPECT_NE(l.at("action").get<std::string>().find(*id), std::string::npos);
               EXPECT_TRUE(
                   std::regex_search(l.at("created_on").get<std::string>(),
                                     std::regex("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$")))
                   << l.dump();
             }
             const json* renames =
                 s.attribute("data.cloudssl_certificate_operation_logs.renames", "logs");
             ASSERT_TRUE(renames && renames->size() == 1u) << (renames ? renames->dump() : "null");
           }},
  };
  acc::run(tc);
}

TEST(CertificateOperationLogs, BadTimesAreErrorsAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      acc::plan_error_step(logs("x", "  start_time = \"yesterday\"\n"),
                           "\"yesterday\" is not an RFC 3339 time", "start_time"),
      acc::plan_error_step(logs("x",
                                "  start_time = \"2026-12-02T00:00:00Z\"\n"
                                "  end_time = \"2026-12-01T00:00:00Z\"\n"),
                           "start_time is after end_time", "start_time"),
      {.config = logs("x", "  start_time = \"2100-01-01T00:00:00Z\"\n"),
       .plan_only = true,
       .expect_error =
           acc::error_like("is later than now: the log holds only what already", "start_time")},
      acc::plan_error_step(logs("x", "  end_time = \"2999-01-01T00:00:00Z\"\n"),
                           "outside the times the provider handles", "end_time"),
      acc::plan_error_step(logs("x", "  types = [\"explode\"]\n"), "explode", "types"),
  };
  acc::run(tc);
}

TEST(CertificateOperationLogs, ExampleWorksAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("data-sources/certificate_operation_logs"));
  auto applied =
      ws.terraform({"apply", "-auto-approve", "-input=false", "-var=certificate_id=Abcd1234"});
  ASSERT_TRUE(applied.ok()) << applied.text();
  auto out = ws.terraform({"output", "-json", "history"});
  ASSERT_TRUE(out.ok()) << out.text();
  EXPECT_EQ(json::parse(out.out), json::array());
}
