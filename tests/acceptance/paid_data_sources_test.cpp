// data cloudssl_companies, cloudssl_managers and cloudssl_packages through the real terraform
// CLI against cloudssl-sim: what the account holds (seeded through the admin endpoint) with the
// filters applied, bad filters refused at plan on their attribute, and the examples working as
// written.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
using cloudssl::testing::SimulatorProcess;
using nlohmann::json;

namespace {

void seed_account(SimulatorProcess& sim) {
  sim.admin("POST", "/seed",
            {{"companies",
              {{{"CompanyId", 122},
                {"CompanyName", "Example Ltd"},
                {"CompanyCountry", "CN"},
                {"CompanyCity", "Shenzhen"}},
               {{"CompanyId", 123}, {"CompanyName", "Other Ltd"}}}},
             {"managers",
              {{{"CompanyId", 122},
                {"ManagerId", 36383},
                {"Status", "ok"},
                {"ManagerFirstName", "Ada"},
                {"ManagerMail", "ada@example.com"},
                {"VerifyTime", nullptr},
                {"CertCount", 2}},
               {{"CompanyId", 122},
                {"ManagerId", 36384},
                {"Status", "audit"},
                {"ManagerMail", "bo@example.com"}}}},
             {"packages",
              {{{"PackageId", "P1"},
                {"Status", "usable"},
                {"Balance", 60},
                {"Total", 100},
                {"Type", "ssl_100"}},
               {{"PackageId", "P2"}, {"Status", "used"}, {"Balance", 0}, {"Total", 500}}}}});
}

}  // namespace

TEST(PaidDataSources, ListWhatTheAccountHolds) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  seed_account(sim);
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = certs::simulator_env(sim.endpoint());
  tc.steps = {
      {.config = "data \"cloudssl_companies\" \"all\" {}\n"
                 "data \"cloudssl_companies\" \"one\" { company_id = 123 }\n"
                 "data \"cloudssl_managers\" \"all\" { company_id = 122 }\n"
                 "data \"cloudssl_managers\" \"ok\" {\n  company_id = 122\n  status = \"ok\"\n}\n"
                 "data \"cloudssl_packages\" \"all\" {}\n"
                 "data \"cloudssl_packages\" \"used\" { status = \"used\" }\n",
       .check =
           [](const acc::State& s) {
             const json* all = s.attribute("data.cloudssl_companies.all", "companies");
             ASSERT_TRUE(all && all->size() == 2u) << (all ? all->dump() : "null");
             EXPECT_EQ((*all)[0].at("company_id"), 122);
             EXPECT_EQ((*all)[0].at("name"), "Example Ltd");
             EXPECT_EQ((*all)[0].at("city"), "Shenzhen");
             const json* one = s.attribute("data.cloudssl_companies.one", "companies");
             ASSERT_TRUE(one && one->size() == 1u);
             EXPECT_EQ((*one)[0].at("name"), "Other Ltd");

             const json* managers = s.attribute("data.cloudssl_managers.all", "managers");
             ASSERT_TRUE(managers && managers->size() == 2u);
             EXPECT_EQ((*managers)[0].at("mail"), "ada@example.com");
             EXPECT_EQ((*managers)[0].at("verify_time"), "");  // null in the answer
             EXPECT_EQ((*managers)[0].at("cert_count"), 2);
             const json* ok = s.attribute("data.cloudssl_managers.ok", "managers");
             ASSERT_TRUE(ok && ok->size() == 1u);
             EXPECT_EQ((*ok)[0].at("manager_id"), 36383);

             const json* packages = s.attribute("data.cloudssl_packages.all", "packages");
             ASSERT_TRUE(packages && packages->size() == 2u);
             EXPECT_EQ(*s.attribute("data.cloudssl_packages.all", "total_balance"), 60);
             const json* used = s.attribute("data.cloudssl_packages.used", "packages");
             ASSERT_TRUE(used && used->size() == 1u);
             EXPECT_EQ((*used)[0].at("package_id"), "P2");
           }},
  };
  acc::run(tc);
}

TEST(PaidDataSources, BadFiltersAreErrorsAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = certs::simulator_env(sim.endpoint());
  tc.steps = {
      {.config = "data \"cloudssl_managers\" \"x\" {\n  company_id = 122\n  status = \"fine\"\n}\n",
       .plan_only = true,
       .expect_error = acc::error_like("fine", "status")},
      {.config = "data \"cloudssl_managers\" \"x\" { company_id = 0 }\n",
       .plan_only = true,
       .expect_error = acc::error_like("at least 1", "company_id")},
      {.config = "data \"cloudssl_packages\" \"x\" { status = \"spent\" }\n",
       .plan_only = true,
       .expect_error = acc::error_like("spent", "status")},
  };
  acc::run(tc);
}

TEST(PaidDataSources, ExamplesWorkAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  seed_account(sim);
  struct Case {
    const char* dir;
    std::vector<std::string> vars;
    const char* output;
    json expected;
  };
  const std::vector<Case> cases = {
      {"companies", {}, "company_ids", {{"Example Ltd", 122}, {"Other Ltd", 123}}},
      {"managers", {"-var=company_id=122"}, "managers", {{"ada@example.com", 36383}}},
      {"packages", {}, "points_left", 60},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.dir);
    acc::Workspace ws({acc::cloudssl_provider()}, acc::Installation::DevOverrides,
                      certs::simulator_env(sim.endpoint()));
    ws.copy_files(certs::example_dir(std::string("data-sources/") + c.dir));
    std::vector<std::string> args = {"apply", "-auto-approve", "-input=false"};
    args.insert(args.end(), c.vars.begin(), c.vars.end());
    auto applied = ws.terraform(args);
    ASSERT_TRUE(applied.ok()) << applied.text();
    auto out = ws.terraform({"output", "-json", c.output});
    ASSERT_TRUE(out.ok()) << out.text();
    EXPECT_EQ(json::parse(out.out), c.expected);
  }
}
