// cloudssl_certificate_revocation through the real terraform CLI against cloudssl-sim:
// - revoke and wait (DNS_AUTO: the records publish themselves): status 10, the records in
//   state, an empty plan, and destroy leaves the certificate revoked;
// - wait_for_revocation = false: status 9 with the records for other resources to publish,
//   which refresh later shows revoked without any change planned;
// - a wait that times out keeps the records in the error and the (tainted) state; the next
//   apply adopts the revocation in progress without a second RevokeCertificate; so does a
//   revocation waiting for its letter (status 12), whose error says where to upload it;
// - bad inputs, each an error on certificate_id naming the fix: an uploaded certificate and
//   one not issued are refused at plan time; a certificate still bound to a cloud resource is
//   refused at apply with the bound resources listed (RevokeResourceFailed).
#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kRevocation = "cloudssl_certificate_revocation.r";

// A certificate in the simulator: issued through Tencent Cloud unless `from` says otherwise.
std::string seed_certificate(SimulatorProcess& sim, const std::string& domain,
                             const std::string& verify_type, const std::string& from = "trustasia",
                             int status = 1) {
  return sim.seed_certificate({{"Generate", {{"Domain", domain}, {"Days", 90}}},
                               {"From", from},
                               {"VerifyType", verify_type},
                               {"Status", status}});
}

std::string revocation(const std::string& id, const std::string& extra = "") {
  return "resource \"cloudssl_certificate_revocation\" \"r\" {\n  certificate_id = \"" + id +
         "\"\n  reason = \"key compromised\"\n" + extra + "}\n";
}

int status_of(SimulatorProcess& sim, const std::string& id) {
  return sim.admin("GET", "/certificates/" + id).at("status").get<int>();
}

}  // namespace

TEST(CertificateRevocation, RevokesWaitsAndDestroyOnlyForgets) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "auto.example.com", "DNS_AUTO");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = revocation(id),
       .plan_check = acc::all_plan({acc::expect_actions(kRevocation, {"create"}),
                                    acc::expect_known(kRevocation, "wait_for_revocation", true)}),
       .check = acc::all(
           {acc::attr_equals(kRevocation, "id", id), acc::attr_equals(kRevocation, "status", "10"),
            acc::attr_equals(kRevocation, "validation_records.0.domain", "auto.example.com"),
            acc::attr_matches(kRevocation, "validation_records.0.key",
                              "^_revoke_[0-9a-f]+\\.auto\\.example\\.com$"),
            acc::attr_set(kRevocation, "validation_records.0.value")})},
      // The default written out changes nothing.
      {.config = revocation(id, "  wait_for_revocation = true\n"),
       .plan_check = acc::expect_actions(kRevocation, {"no-op"})},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(status_of(sim, id), 10) << "destroy must leave the certificate revoked";
    EXPECT_EQ(sim.calls("RevokeCertificate"), 1);
  };
  acc::run(tc);
}

TEST(CertificateRevocation, WithoutWaitingTheRecordsFeedOtherResources) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "dns.example.com", "DNS");
  // A stand-in for the DNS records another provider would publish from the records.
  const std::string tf = revocation(id, "  wait_for_revocation = false\n") +
                         "resource \"terraform_data\" \"records\" {\n"
                         "  input = cloudssl_certificate_revocation.r.validation_records\n}\n";
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .check = acc::all(
           {acc::attr_equals(kRevocation, "status", "9"),
            acc::attr_equals(kRevocation, "validation_records.0.domain", "dns.example.com"),
            acc::attr_pair("terraform_data.records", "input.0.key", kRevocation,
                           "validation_records.0.key")})},
      // The records were published: the CA revokes; refresh shows it, nothing to change.
      {.config = tf,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id + "/validate");
             sim.admin("POST", "/tasks/complete", {{"kind", "revocation"}, {"id", id}});
           },
       .plan_check = acc::expect_actions(kRevocation, {"no-op"}),
       .check = acc::attr_equals(kRevocation, "status", "10")},
  };
  acc::run(tc);
}

TEST(CertificateRevocation, TimeoutKeepsTheRecordsAndTheNextApplyAdopts) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "file.example.com", "FILE");
  const std::string tf = revocation(id, "  timeouts {\n    create = \"3s\"\n  }\n");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .expect_error = acc::error_like(
           "Timed out waiting for certificate \\w+ to be revoked: Still being revoked at the "
           "deadline \\(timeouts.create\\). Publish the revocation validation records: - "
           "file.example.com: /.well-known/pki-validation/fileauth.txt = [0-9a-f]+",
           "certificate_id")},
      {.config = tf,
       .pre_step =
           [&](const acc::StepContext&) { sim.admin("POST", "/certificates/" + id + "/validate"); },
       .plan_check = acc::expect_actions(kRevocation, {"delete", "create"}),
       .check = acc::all({acc::attr_equals(kRevocation, "status", "10"),
                          acc::attr_equals(kRevocation, "validation_records.0.path",
                                           "/.well-known/pki-validation/")})},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.calls("RevokeCertificate"), 1) << "the retry revoked a second time";
  };
  acc::run(tc);
}

// The CA asks for a revocation letter (Status 12, the simulator's revoke_letters): the wait
// stops at once with the status and the fix (the letter is uploaded in the console; the API's
// UploadRevokeLetter is no longer maintained), and the revocation stays in the (tainted) state.
// Once the letter is in (the admin revoke-letter endpoint, as the console's upload), the next
// apply adopts the revocation without a second RevokeCertificate and waits until it is revoked.
TEST(CertificateRevocation, ARevocationWaitingForItsLetterIsKeptAndSaysWhereToUploadIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "letter.example.com", "DNS_AUTO");
  sim.admin("POST", "/tasks/config",
            {{"revoke_letters", {{{"match", "letter.example.com"}, {"times", 1}}}}});
  const std::string tf = revocation(id);
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .expect_error = acc::error_like(
           "needs action: it is waiting for a revocation letter: It is waiting for a revocation "
           "letter \\(status 12\\), which waiting does not change.*UploadRevokeLetter is no "
           "longer maintained.*Then apply again",
           "certificate_id")},
      {.config = tf,
       .pre_step =
           [&](const acc::StepContext& ctx) {
             const acc::State kept(ctx.workspace().show_json());
             EXPECT_EQ(kept.text(kRevocation, "status"), "12");
             EXPECT_EQ(status_of(sim, id), 12);
             sim.admin("POST", "/certificates/" + id + "/revoke-letter");  // in the console
           },
       .plan_check = acc::expect_actions(kRevocation, {"delete", "create"}),
       .check = acc::attr_equals(kRevocation, "status", "10")},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.calls("RevokeCertificate"), 1) << "the retry revoked a second time";
  };
  acc::run(tc);
}

TEST(CertificateRevocation, UploadedAndPendingCertificatesAreRefusedAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string uploaded = seed_certificate(sim, "up.example.com", "", "upload");
  const std::string pending = seed_certificate(sim, "pend.example.com", "DNS", "trustasia", 0);
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      acc::plan_error_step(
          revocation(uploaded),
          "cannot be revoked here: It was uploaded, not issued through Tencent Cloud: only the "
          "CA that issued it can revoke it",
          "certificate_id"),
      acc::plan_error_step(
          revocation(pending),
          "cannot be revoked: It is under review; only an issued certificate can be revoked",
          "certificate_id"),
      acc::plan_error_step(revocation("NoSuch01"), "Certificate NoSuch01 does not exist",
                           "certificate_id"),
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("RevokeCertificate"), 0);
}

TEST(CertificateRevocation, BoundCertificateNamesTheBoundResources) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  sim.seed_cdn_domain("cdn.example.com");
  const std::string id = seed_certificate(sim, "cdn.example.com", "DNS_AUTO");
  sim.bind("cdn", "cdn.example.com", id);
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = revocation(id),
       .expect_error = acc::error_like(
           "Certificate \\w+ is still bound to cloud resources: The API refuses to revoke a "
           "certificate that cloud resources use \\(RevokeResourceFailed\\). Bound resources: - "
           "cdn cdn.example.com Move them to another certificate first",
           "certificate_id")},
  };
  acc::run(tc);
  EXPECT_EQ(status_of(sim, id), 1);
}

// examples/certificate_revocation works as written: apply, an empty plan, destroy.
TEST(CertificateRevocation, ExampleWorksAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim;
  const std::string id = seed_certificate(sim, "leak.example.com", "DNS_AUTO");
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("certificate_revocation"));
  const std::string var = "-var=certificate_id=" + id;
  auto applied = ws.terraform({"apply", "-auto-approve", "-input=false", var});
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_EQ(status_of(sim, id), 10);
  auto replan = ws.terraform({"plan", "-detailed-exitcode", "-input=false", var});
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
  auto destroyed = ws.terraform({"destroy", "-auto-approve", "-input=false", var});
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
  EXPECT_EQ(status_of(sim, id), 10);
}
