// Same-id rotation (cloudssl_certificate with rotate_in_place) when some targets fail, through
// the real terraform CLI against cloudssl-sim, with two CLB listeners bound and the simulator
// failing one of them once:
// - "retry" (default): the apply fails naming the listener, rotate_in_place_failed_targets
//   lists it, the next plan is an update and its apply retries that target on the same record
//   (UploadUpdateCertificateRecordRetry, no second UploadUpdateCertificateInstance); then the
//   plan is empty;
// - "rollback": the updated listener is put back on the old content
//   (UploadUpdateCertificateRecordRollback), the simulator holds the old content again, and
//   the next apply rotates afresh.
#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kAddr = "cloudssl_certificate.c";

std::string config(const certs::Leaf& leaf, const std::string& on_failure) {
  return "resource \"cloudssl_certificate\" \"c\" {\n  certificate_pem = " +
         certs::heredoc(leaf.chain) + "  private_key_wo = " + certs::heredoc(leaf.key) +
         "  rotate_in_place = true\n  rotate_in_place_regions = [\"ap-guangzhou\"]\n" +
         (on_failure.empty() ? "" : "  rotate_in_place_on_failure = \"" + on_failure + "\"\n") +
         "}\n";
}

class RotationFailure : public ::testing::Test {
 protected:
  RotationFailure() {
    sim.seed_https_clb("lb-rot",
                       {{"lbl-good", "rot.example.com"}, {"lbl-flaky", "rot.example.com"}});
  }
  void bind(const std::string& id) {
    for (const char* l : {"lb-rot|lbl-good", "lb-rot|lbl-flaky"}) sim.bind("clb", l, id);
  }
  // The listener lbl-flaky fails the next same-id update once.
  void fail_flaky_once() {
    sim.admin(
        "POST", "/tasks/config",
        {{"failures", {{{"match", "lbl-flaky"}, {"message", "listener busy"}, {"times", 1}}}}});
  }
  bool holds(const std::string& id, const certs::Leaf& leaf) {
    auto stored = sim.admin("GET", "/certificates/" + id);
    return stored.value("public_pem", "").find(leaf.cert.substr(30, 60)) != std::string::npos;
  }
  // Unbinds so that the destroy may delete the certificate.
  void unbind() {
    for (const char* l : {"lb-rot|lbl-good", "lb-rot|lbl-flaky"}) sim.bind("clb", l, "");
  }

  SimulatorProcess sim;
  certs::Pki pki;
};

}  // namespace

TEST_F(RotationFailure, FailedTargetsAreRetriedOnTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto a = pki.leaf("rot.example.com");
  const auto b = pki.leaf("rot.example.com");
  std::string id;
  long uploads = 0;  // UploadUpdateCertificateInstance calls after the failed rotation
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.steps = {
      {.config = config(a, ""),
       .check =
           [&](const acc::State& s) {
             id = *s.text(kAddr, "id");
             EXPECT_EQ(s.text(kAddr, "rotate_in_place_failed_targets"), "[]");
             EXPECT_EQ(s.text(kAddr, "rotate_in_place_on_failure"), "retry");
             bind(id);
             fail_flaky_once();
           }},
      {.config = config(b, ""),
       .expect_error = acc::error_like(
           "1 target\\(s\\) of certificate \\w+ did not get the new content: Same-id update "
           "record \\d+ failed on: - clb lb-rot/lbl-flaky \\(ap-guangzhou\\): listener busy The "
           "next apply retries these targets")},
      {.config = config(b, ""),
       .pre_step =
           [&](const acc::StepContext&) {
             uploads = sim.calls("UploadUpdateCertificateInstance");
             EXPECT_GE(uploads, 1);
           },
       .plan_check = acc::all_plan({acc::expect_actions(kAddr, {"update"}),
                                    acc::expect_unknown(kAddr, "rotate_in_place_failed_targets")}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id);
             EXPECT_EQ(s.text(kAddr, "rotate_in_place_failed_targets"), "[]");
             EXPECT_EQ(sim.calls("UploadUpdateCertificateRecordRetry"), 1);
             EXPECT_EQ(sim.calls("UploadUpdateCertificateInstance"), uploads) << "a new record";
             EXPECT_TRUE(holds(id, b));
             unbind();
           }},
  };
  acc::run(tc);
}

TEST_F(RotationFailure, RollbackPutsTheUpdatedTargetsBack) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto a = pki.leaf("rot.example.com");
  const auto b = pki.leaf("rot.example.com");
  std::string id;
  long uploads = 0;  // UploadUpdateCertificateInstance calls after the rolled-back rotation
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.steps = {
      {.config = config(a, "rollback"),
       .check =
           [&](const acc::State& s) {
             id = *s.text(kAddr, "id");
             bind(id);
             fail_flaky_once();
           }},
      {.config = config(b, "rollback"),
       .expect_error = acc::error_like(
           "in place failed and was rolled back: Same-id update record \\d+ failed on: - clb "
           "lb-rot/lbl-flaky \\(ap-guangzhou\\): listener busy The targets already updated were "
           "put back on the old content")},
      {.config = config(b, "rollback"),
       .pre_step =
           [&](const acc::StepContext&) {
             EXPECT_EQ(sim.calls("UploadUpdateCertificateRecordRollback"), 1);
             uploads = sim.calls("UploadUpdateCertificateInstance");
             EXPECT_TRUE(holds(id, a)) << "the rollback did not restore the old content";
           },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kAddr, "rotate_in_place_failed_targets"), "[]");
             EXPECT_GT(sim.calls("UploadUpdateCertificateInstance"), uploads)
                 << "no fresh rotation";
             EXPECT_EQ(sim.calls("UploadUpdateCertificateRecordRetry"), 0);
             EXPECT_TRUE(holds(id, b));
             unbind();
           }},
  };
  acc::run(tc);
}

TEST_F(RotationFailure, UnknownFailureModeIsRefusedAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto a = pki.leaf("rot.example.com");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.steps = {acc::plan_error_step(config(a, "ignore"), "ignore", "rotate_in_place_on_failure")};
  acc::run(tc);
}
