// cloudssl_certificate_validation through the real terraform CLI against cloudssl-sim, for the
// statuses that wait for information or a letter (seed 004, DescribeCertificate's Status: 5
// 企业证书，待提交资料, 12 待上传吊销确认函, 13 免费证书待提交资料): the apply fails on its first
// poll, long before timeouts.create, with an error on certificate_id that names the status and
// what to do where; once that is done, the next apply waits again and issues, and the plan after
// it is empty.
//
// Status 5 comes from the simulator's own flow (an OV order whose submission was refused);
// 12 and 13 come from the console (a revocation whose CA asks for a letter; a free certificate
// started there), so they are seeded, and the person's action in the console is an admin patch.
#include <algorithm>

#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kPaid = "cloudssl_paid_certificate.p";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

// A validation of `certificate_id` (an expression) whose timeout is far beyond a test's run: an
// error before it is the status's, not the deadline's (which says "Timed out").
std::string validation(const std::string& certificate_id) {
  return "resource \"cloudssl_certificate_validation\" \"v\" {\n  certificate_id = " +
         certificate_id + "\n  timeouts {\n    create = \"2m\"\n  }\n}\n";
}

// An OV order of company 122 for `common_name` with manager `manager`, and its validation.
std::string paid_and_validation(const std::string& common_name, const std::string& manager) {
  return "resource \"cloudssl_paid_certificate\" \"p\" {\n  product_id = 14\n"
         "  common_name = \"" +
         common_name + "\"\n  company_id = 122\n  manager_id = " + manager +
         "\n  verify_type = \"DNS_AUTO\"\n}\n" + validation("cloudssl_paid_certificate.p.id");
}

// DescribeCertificate calls the simulator has answered.
int certificate_reads(SimulatorProcess& sim) { return sim.calls("DescribeCertificate"); }

// A certificate issued through Tencent Cloud, seeded in `status`.
std::string seeded(SimulatorProcess& sim, const std::string& domain, int status) {
  return sim.seed_certificate({{"Generate", {{"Domain", domain}, {"Days", 90}}},
                               {"From", "trustasia"},
                               {"Status", status}});
}

// The validation of a certificate seeded in `status` stops at once with `expected` (a regex on
// "summary: detail") on certificate_id, having read the certificate twice (the create's read
// and the first poll: no wait); once the person acted in the console (Status 1), the next
// apply finishes.
void stops_then_waits_again(int status, const std::string& expected) {
  SimulatorProcess sim({.args = {"--quiet"}});
  const std::string id = seeded(sim, "action.example.com", status);
  const std::string tf = validation("\"" + id + "\"");
  int reads_before = 0;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .pre_step = [&](const acc::StepContext&) { reads_before = certificate_reads(sim); },
       .expect_error = acc::error_like(expected, "certificate_id")},
      {.config = tf,
       .pre_step =
           [&](const acc::StepContext&) {
             EXPECT_LE(certificate_reads(sim) - reads_before, 2) << "the validation polled on";
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), status);
             sim.admin("POST", "/certificates/" + id, {{"Status", 1}});  // done in the console
           },
       .check = acc::all({acc::attr_equals(kWait, "id", id), acc::attr_equals(kWait, "status", "1"),
                          acc::attr_set(kWait, "not_after")})},
  };
  acc::run(tc);
}

}  // namespace

// 12: uploading the revocation letter completes the revocation, so a validation can only go on
// if the revocation is cancelled in the console, which the second step does.
TEST(ValidationNeedsAction, ARevocationWaitingForItsLetterSaysToCancelIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  stops_then_waits_again(
      12,
      "needs action: it is waiting for a revocation letter: It is waiting for a revocation "
      "letter \\(status 12\\), which waiting does not change, so the wait stopped instead of "
      "running into the timeout\\. The certificate is being revoked: its revocation waits for a "
      "revocation letter \\(吊销确认函\\)\\. To keep waiting for this certificate, cancel the "
      "revocation in the Tencent Cloud SSL certificate console, "
      "https://console\\.cloud\\.tencent\\.com/ssl.*then apply again\\. Uploading the letter "
      "completes the revocation.*this validation can never pass: point certificate_id at another "
      "certificate\\.$");
}

// 13: a free certificate's information is submitted in the console (no API action submits it),
// or a cloudssl_free_certificate applies for a new one with it.
TEST(ValidationNeedsAction, AFreeCertificateWaitingForItsInformationSaysWhereToSubmitIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  stops_then_waits_again(
      13,
      "needs action: it is a free certificate waiting for information: It is a free "
      "certificate waiting for information \\(status 13\\), which waiting does not change.*Submit "
      "the free "
      "certificate's information.*https://console\\.cloud\\.tencent\\.com/ssl \\(the "
      "certificate's 提交资料\\); no API action submits it.*cloudssl_free_certificate");
}

// 5: an organisation's order whose submission was refused (an unknown manager) waits for its
// information; the validation depending on it stops at once, saying that the paid
// certificate's apply submits it once the attributes its warning names are corrected. With
// the manager corrected, the same apply submits the same order (nothing bought) and the
// validation waits for its issuance.
TEST(ValidationNeedsAction, AnOrganisationsOrderWaitingForItsInformationSaysWhatSubmitsIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--issue-polls", "0"}});
  certs::seed_company(sim);
  auto config = [](const std::string& manager) {
    return paid_and_validation("org.example.com", manager);
  };
  std::string id;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = config("99999"),  // the account has no such manager: the submission is refused
       .expect_error = acc::error_like(
           "needs action: it is an enterprise certificate waiting for documents: It is an "
           "enterprise certificate waiting for documents \\(status 5\\), which waiting does not "
           "change.*For a certificate bought by cloudssl_paid_certificate, that resource's "
           "apply submits it.*correct what the API refused \\(the warning quotes its "
           "error\\), usually company_id or organisation, manager_id or admin and tech, "
           "contact_email or verify_type, and apply",
           "certificate_id")},
      {.config = config("36383"),
       .pre_step =
           [&](const acc::StepContext& ctx) {
             const acc::State s(ctx.workspace().show_json());
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 5);
           },
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_actions(kWait, {"create"})}),
       .check = acc::all(
           {acc::attr_pair(kWait, "id", kPaid, "id"), acc::attr_equals(kWait, "status", "1")})},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 1);
}

// A paid order whose review fails with seed 004's message 4, 证书资料未通过 (the organisation's
// information refused by the CA): the validation waiting on it in the same apply stops with the
// API's text, the paid certificate's attributes it concerns (the organisation and the contacts)
// and the fix; the next plan's warning points at company_id. With the contact corrected (another
// manager), the apply resubmits the same order (nothing bought), the validation waits for its
// issuance, and the plan after it is empty.
TEST(ValidationReviewFailed, TheOrganisationRefusedNamesThePaidAttributesAndTheFix) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--issue-polls", "0"}});
  certs::seed_company(sim, {{36383, "ada@example.com"}, {36384, "bo@example.com"}});
  const std::string& refused = certs::kOrganisationRefused;
  certs::fail_reviews(sim, "org.example.com", refused, 1);
  auto config = [](const std::string& manager) {
    return paid_and_validation("org.example.com", manager);
  };
  std::string id;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = config("36383"),
       .expect_error = acc::error_like(
           "was not issued: It is review failed: " + refused +
               ".*In its cloudssl_paid_certificate, this concerns company_id, organisation, "
               "manager_id, admin, tech\\. The CA refused the organisation's information.*Correct "
               "the organisation \\(company_id, or organisation\\) and the contacts \\(manager_id, "
               "or admin and tech\\).*nothing is bought\\. This validation then waits again\\.",
           "certificate_id")},
      {.config = config("36384"),
       .pre_step =
           [&](const acc::StepContext& ctx) {
             id = acc::State(ctx.workspace().show_json()).text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 2);
             // The paid certificate's plan says the same on the attribute itself.
             ctx.workspace().write("main.tf", config("36383"));
             const acc::CommandResult plan = ctx.workspace().terraform({"plan", "-json"});
             ASSERT_TRUE(plan.ok()) << plan.text();
             const auto d =
                 std::find_if(plan.diagnostics.begin(), plan.diagnostics.end(), [&](const auto& d) {
                   return d.severity == "warning" &&
                          d.summary.find("ended: " + refused) != std::string::npos;
                 });
             ASSERT_NE(d, plan.diagnostics.end()) << plan.text();
             EXPECT_NE(d->snippet.find("company_id"), std::string::npos) << d->snippet;
           },
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_actions(kWait, {"create"})}),
       .check = acc::all({acc::attr_pair(kWait, "id", kPaid, "id"),
                          acc::attr_equals(kWait, "status", "1"),
                          [&](const acc::State&) {  // resubmitted with the new contact
                            EXPECT_EQ(sim.admin("GET", "/certificates/" + id)
                                          .at("paid")
                                          .at("submitted")
                                          .value("AdminEmail", ""),
                                      "bo@example.com");
                          }})},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// A paid order whose review ends with seed 004's message 3, 域名验证超时，订单自动关闭 (the domain
// validation timed out and the CA closed the order): the validation's error names verify_type
// and says that only a replacement (which buys again) applies again, without promising another
// wait; the paid certificate's plan resubmits nothing, so nothing is resubmitted or bought.
TEST(ValidationReviewFailed, AClosedOrderSaysToReplaceItAndResubmitsNothing) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--quiet", "--issue-polls", "0"}});
  certs::seed_company(sim);
  const std::string closed = "域名验证超时，订单自动关闭，请您重新进行证书申请";
  certs::fail_reviews(sim, "late.example.com", closed);
  const std::string tf = paid_and_validation("late.example.com", "36383");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .expect_error = acc::error_like(
           "was not issued: It is review failed: " + closed +
               "\\s+In its cloudssl_paid_certificate, this concerns verify_type\\. The domain "
               "validation timed out and the CA closed the order.*terraform apply "
               "-replace=ADDRESS.*With verify_type = \"DNS_AUTO\" the records are added only when "
               "the zone is hosted in Tencent Cloud DNS under the same Tencent Cloud account.*"
               "before the CA's deadline\\.\\s*$",
           "certificate_id")},
      {.config = tf,
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"no-op"}), acc::expect_actions(kWait, {"create"})})},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 0);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}
