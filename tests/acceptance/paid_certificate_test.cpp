// cloudssl_paid_certificate through the real terraform CLI against cloudssl-sim: the plan shows
// what is bought; buying (tagged with the purchase), submitting and ordering give the
// validation records; cloudssl_certificate_validation waits for issuance; destroy deletes an
// issued certificate and stops the review and cancels the order of one under review; a purchase
// whose answer is lost is found, not bought again; an order an earlier apply left unsubmitted
// is adopted; a refused submission continues the same order on the next apply; an order
// submission whose answer is lost is taken, not an error; benefit points pay through
// CreateCertificateByPackage (spent once, also when its answer is lost; packages that cannot pay
// are an error on package_ids); a failed review is resubmitted on the next apply; bad input is
// refused at plan on its attribute.
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

constexpr const char* kPaid = "cloudssl_paid_certificate.p";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

void seed_account(SimulatorProcess& sim) {
  sim.admin("POST", "/seed",
            {{"companies", {{{"CompanyId", 122}, {"CompanyName", "Example Ltd"}}}},
             {"managers",
              {{{"CompanyId", 122},
                {"ManagerId", 36383},
                {"Status", "ok"},
                {"ManagerMail", "ada@example.com"}}}}});
}

std::string paid(const std::string& body) {
  return "resource \"cloudssl_paid_certificate\" \"p\" {\n" + body + "}\n";
}

const std::string kMulti = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 36383\n");

const std::string kWaitConfig =
    "resource \"cloudssl_certificate_validation\" \"v\" {\n"
    "  certificate_id = cloudssl_paid_certificate.p.id\n"
    "  timeouts {\n    create = \"2m\"\n  }\n}\n";

acc::TestCase base_case(SimulatorProcess& sim) {
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = certs::simulator_env(sim.endpoint());
  return tc;
}

}  // namespace

TEST(PaidCertificate, BuySubmitValidateIssueAndDelete) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--issue-polls", "0"}});
  seed_account(sim);
  std::string id;
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = kMulti,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"create"}),
            acc::expect_known(kPaid, "product_name", "WoTrus DV multi-domain"),
            acc::expect_known(kPaid, "domain_num", 2), acc::expect_known(kPaid, "time_span", 1)}),
       .check =
           [&](const acc::State& s) {
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_EQ(s.text(kPaid, "status"), "0");
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             const json* records = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
             EXPECT_EQ(sim.calls("CreateCertificate"), 1);
             // The purchase carries its tag, to be found again after a lost answer.
             const json cert = sim.admin("GET", "/certificates/" + id);
             ASSERT_EQ(cert.at("tags").size(), 1u) << cert.dump();
             EXPECT_EQ(cert.at("tags")[0].value("key", ""), "cloudssl-order");
             EXPECT_EQ(cert.at("paid").value("order_id", ""), s.text(kPaid, "order_id"));
           }},
      {.config = kMulti + kWaitConfig,
       .pre_step =
           [&](const acc::StepContext&) { sim.admin("POST", "/certificates/" + id + "/validate"); },
       .check = acc::all({acc::attr_equals(kWait, "status", "1")})},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_THROW(sim.admin("GET", "/certificates/" + id), std::runtime_error);  // deleted
  };
  acc::run(tc);
}

TEST(PaidCertificate, DestroyUnderReviewCancelsTheOrder) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  std::string id;
  acc::TestCase tc = base_case(sim);
  tc.steps = {{.config = kMulti,
               .check = [&](const acc::State& s) { id = s.text(kPaid, "id").value_or(""); }}};
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    const json cert = sim.admin("GET", "/certificates/" + id);
    EXPECT_EQ(cert.value("status", -1), 7);
    EXPECT_EQ(cert.at("paid").value("stage", ""), "order_cancelled");
    EXPECT_EQ(sim.calls("CancelAuditCertificate"), 1);
    EXPECT_EQ(sim.calls("DeleteCertificates") + sim.calls("DeleteCertificate"), 0);
  };
  acc::run(tc);
}

// The submission names a manager the account does not have: the API refuses it once the
// certificate is bought.
const std::string kUnknownManager = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 99999\n");

TEST(PaidCertificate, ARefusedSubmissionContinuesTheSameOrderOnTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  std::string id;
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      // Bought, the submission refused: a warning, the certificate in state, no order yet.
      {.config = kUnknownManager,
       .expect_non_empty_plan = true,
       .check =
           [&](const acc::State& s) {
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_FALSE(s.text(kPaid, "order_id"));
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).at("paid").value("stage", ""),
                       "bought");
           }},
      // Fixed: the same certificate takes the submission and the order.
      {.config = kMulti,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_unknown(kPaid, "order_id")}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             const json* records = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

TEST(PaidCertificate, AnOrderAnEarlierApplyLeftUnsubmittedIsAdopted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  std::string id;
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = kUnknownManager,
       .expect_non_empty_plan = true,
       .check = [&](const acc::State& s) { id = s.text(kPaid, "id").value_or(""); }},
      // The state of that apply is lost (as when it was interrupted before saving it): the
      // next create finds the order by its tag instead of buying again.
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext& ctx) {
             ASSERT_TRUE(ctx.workspace().terraform({"state", "rm", kPaid}).ok());
           },
       .plan_check = acc::expect_actions(kPaid, {"create"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_TRUE(s.text(kPaid, "order_id"));
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

TEST(PaidCertificate, AnOrderSubmissionWhoseAnswerIsLostIsTaken) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  // CertificateOrderSubmit runs, then its answer is lost; the retry hears that the order is
  // being processed.
  sim.admin(
      "POST", "/faults",
      {{"rules", {{{"action", "CertificateOrderSubmit"}, {"drop_reply", true}, {"count", 1}}}}});
  acc::TestCase tc = base_case(sim);
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 const std::string id = s.text(kPaid, "id").value_or("");
                 ASSERT_FALSE(id.empty());
                 const std::string order =
                     sim.admin("GET", "/certificates/" + id).at("paid").value("order_id", "");
                 ASSERT_FALSE(order.empty());
                 EXPECT_EQ(s.text(kPaid, "order_id"), order);
                 EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 2);
               }}};
  acc::run(tc);
}

TEST(PaidCertificate, APurchaseWhoseAnswerIsLostIsNotBoughtAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--drop-reply", "CreateCertificate"}});
  seed_account(sim);
  acc::TestCase tc = base_case(sim);
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_EQ(sim.calls("CreateCertificate"), 1);
                 int paid = 0;
                 const json state = sim.admin("GET", "/state");  // alive through the loop
                 for (const auto& c : state.at("certificates"))
                   paid += c.value("is_paid", false) ? 1 : 0;
                 EXPECT_EQ(paid, 1);
               }}};
  acc::run(tc);
}

// A package of benefit points: `balance` points left.
void seed_package(SimulatorProcess& sim, int balance) {
  sim.admin("POST", "/seed",
            {{"packages",
              {{{"PackageId", "J880000867"},
                {"Status", "usable"},
                {"Balance", balance},
                {"Total", 100},
                {"Type", "ssl_100"}}}}});
}

int package_balance(SimulatorProcess& sim) {
  const json state = sim.admin("GET", "/state");  // alive through the loop
  for (const auto& p : state.at("packages"))
    if (p.value("PackageId", "") == "J880000867") return p.value("Balance", -1);
  return -1;
}

const std::string kByPackage = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 36383\n"
    "  package_ids = [\"J880000867\"]\n");

TEST(PaidCertificate, BenefitPointsPayWithCreateCertificateByPackage) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  seed_package(sim, 10);
  acc::TestCase tc = base_case(sim);
  tc.steps = {{.config = kByPackage, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_FALSE(s.text(kPaid, "deal_id"));  // nothing charged: no deal
                 const json* records = s.attribute(kPaid, "dv_auths");
                 ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
                 EXPECT_EQ(package_balance(sim), 8);  // 2 names, 1 year
                 EXPECT_EQ(sim.calls("CreateCertificateByPackage"), 1);
                 EXPECT_EQ(sim.calls("CreateCertificate"), 0);
               }}};
  acc::run(tc);
}

TEST(PaidCertificate, APackagePurchaseWhoseAnswerIsLostIsNotBoughtAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  seed_package(sim, 10);
  sim.admin("POST", "/faults",
            {{"rules",
              {{{"action", "CreateCertificateByPackage"}, {"drop_reply", true}, {"count", 1}}}}});
  acc::TestCase tc = base_case(sim);
  tc.steps = {{.config = kByPackage, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_EQ(sim.calls("CreateCertificateByPackage"), 1);
                 EXPECT_EQ(package_balance(sim), 8);  // spent once
               }}};
  acc::run(tc);
}

TEST(PaidCertificate, PackagesThatCannotPayAreAnErrorOnPackageIds) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  seed_package(sim, 1);  // 2 names cost 2 points
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = kByPackage,
       .expect_error = acc::error_like("packages cannot pay.*FailedOperation.TradeError.*Nothing "
                                       "was bought",
                                       "package_ids")},
      // A product not sold for points is refused at plan.
      {.config = paid("  product_id = 102\n  common_name = \"a.example.com\"\n"
                      "  company_id = 122\n  manager_id = 36383\n"
                      "  package_ids = [\"J880000867\"]\n"),
       .plan_only = true,
       .expect_error = acc::error_like("cannot be bought with a package's points", "package_ids")},
  };
  acc::run(tc);
  EXPECT_EQ(package_balance(sim), 1);
  const json state = sim.admin("GET", "/state");
  EXPECT_EQ(state.at("certificates").size(), 0u);
}

TEST(PaidCertificate, AFailedReviewIsResubmittedOnTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--issue-polls", "0"}});
  seed_account(sim);
  sim.admin("POST", "/tasks/config",
            {{"review_failures",
              {{{"match", "shop.example.com"},
                {"message", "organisation not verified"},
                {"times", 1}}}}});
  const std::string tf = paid(
      "  product_id = 14\n  common_name = \"shop.example.com\"\n  company_id = 122\n"
      "  manager_id = 36383\n");
  std::string id;
  auto validate = [&](const acc::StepContext& ctx) {
    id = ctx.last_state().text(kPaid, "id").value_or("");
    sim.admin("POST", "/certificates/" + id + "/validate");
  };
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = tf},
      // The review fails: the plan says so and resubmits.
      {.config = tf,
       .pre_step = validate,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_unknown(kPaid, "order_id")}),
       .check = acc::all(
           {acc::attr_equals(kPaid, "status", "0"), acc::attr_set(kPaid, "order_id"),
            [&](const acc::State& s) {
              EXPECT_EQ(s.text(kPaid, "order_id"),
                        sim.admin("GET", "/certificates/" + id).at("paid").value("order_id", ""));
            }})},
      {.config = tf, .pre_step = validate, .plan_only = true, .expect_non_empty_plan = false},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

TEST(PaidCertificate, BadInputIsRefusedAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  acc::TestCase tc = base_case(sim);
  const std::string who = "  company_id = 122\n  manager_id = 36383\n";
  auto step = [](std::string config, std::string pattern, std::string attribute) {
    return acc::Step{.config = std::move(config),
                     .plan_only = true,
                     .expect_error = acc::error_like(std::move(pattern), std::move(attribute))};
  };
  tc.steps = {
      step(paid("  product_id = 999\n  common_name = \"a.example.com\"\n" + who),
           "not in CreateCertificate's product list", "product_id"),
      step(paid("  product_id = 14\n  domain_num = 3\n  common_name = \"a.example.com\"\n" + who),
           "covers one name", "domain_num"),
      step(paid("  product_id = 14\n  common_name = \"*.example.com\"\n" + who), "does not certify",
           "common_name"),
      step(paid("  product_id = 26\n  domain_num = 2\n  common_name = \"a.example.com\"\n" + who),
           // Not in the configuration: Terraform points at the resource block.
           "list the names besides common_name", ""),
      step(paid("  product_id = 101\n  time_span = 2\n  common_name = \"a.example.com\"\n" + who),
           "one year at a time", "time_span"),
      step(paid("  product_id = 14\n  company_type = 1\n  contact_email = \"me@example.com\"\n"
                "  common_name = \"a.example.com\"\n"),
           "individual cannot order OV", "company_type"),
      step(paid("  product_id = 14\n  common_name = \"a.example.com\"\n  company_id = 122\n"),
           "Without manager_id the order names the administrator: set the admin block", ""),
      step(paid("  product_id = 14\n  common_name = \"a.example.com\"\n  key_algorithm = "
                "\"ECC\"\n  key_parameter = \"2048\"\n" +
                who),
           "prime256v1", "key_parameter"),
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 0);
}

// examples/paid_certificate works as written: the certificate first (its records published
// elsewhere, here the simulator's validation), then the wait for issuance; an empty plan; a
// clean destroy.
TEST(PaidCertificate, TheExampleWorksAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet"}});
  seed_account(sim);
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  const std::filesystem::path source =
      std::filesystem::path(CLOUDSSL_ACC_SOURCE_DIR) / "examples/paid_certificate/main.tf";
  ws.write("main.tf", certs::read_text(source));
  const std::vector<std::string> var = {"-input=false", "-var", "company_id=122"};
  auto args = [&](std::vector<std::string> command) {
    command.insert(command.end(), var.begin(), var.end());
    return command;
  };

  auto bought =
      ws.terraform(args({"apply", "-auto-approve", "-target=cloudssl_paid_certificate.shop"}));
  ASSERT_TRUE(bought.ok()) << bought.text();
  std::string id;
  const json state = sim.admin("GET", "/state");  // alive through the loop
  for (const auto& c : state.at("certificates"))
    if (c.value("is_paid", false)) id = c.value("id", "");
  ASSERT_FALSE(id.empty());
  sim.admin("POST", "/certificates/" + id + "/validate");

  auto applied = ws.terraform(args({"apply", "-auto-approve"}));
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 1);
  auto replan = ws.terraform(args({"plan", "-detailed-exitcode"}));
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
  auto destroyed = ws.terraform(args({"destroy", "-auto-approve"}));
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
  EXPECT_THROW(sim.admin("GET", "/certificates/" + id), std::runtime_error);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}
