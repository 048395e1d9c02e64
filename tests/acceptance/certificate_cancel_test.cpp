// Destroying a free certificate that is still an order, on the real CLI against cloudssl-sim:
// the simulator refuses to delete an application in its first hour
// (CannotBeDeletedWithinHour, seed 004 DeleteCertificate), so the destroy cancels the order
// (CancelCertificateOrder), follows it through 6 (cancelling) to 7 (cancelled) and deletes it;
// a cancellation the API refuses is an error that says the certificate is still an order,
// with the API's code, and the next destroy finishes the job.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

namespace {

constexpr const char* kFree = "cloudssl_free_certificate.f";

const std::string kPendingOrder =
    "resource \"cloudssl_free_certificate\" \"f\" {\n"
    "  domain         = \"order.example.com\"\n"
    "  dv_auth_method = \"DNS\"\n"
    "}\n";

bool exists(cloudssl::testing::SimulatorProcess& sim, const std::string& id) {
  try {
    sim.admin("GET", "/certificates/" + id);
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

TEST(CertificateCancelAcceptance, DestroyingAPendingOrderCancelsItThenDeletesIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  std::string id;
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = kPendingOrder,
       .check = acc::all({acc::attr_equals(kFree, "status", "0"),
                          [&](const acc::State& s) { id = s.text(kFree, "id").value_or(""); }})},
      // Within the hour the API refuses the delete of an order: the destroy cancels it.
      {.config = "# the application is no longer wanted\n",
       .check =
           [&](const acc::State&) {
             EXPECT_EQ(sim.calls("CancelCertificateOrder"), 1);
             EXPECT_FALSE(exists(sim, id)) << id << " is still in the account";
           }},
  };
  acc::run(tc);
}

TEST(CertificateCancelAcceptance, ARefusedCancellationIsAnErrorAndTheNextDestroyFinishes) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  std::string id;
  tc.steps = {
      {.config = kPendingOrder,
       .check = [&](const acc::State& s) { id = s.text(kFree, "id").value_or(""); }},
      {.config = "# the application is no longer wanted\n",
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/faults",
                       {{"rules",
                         {{{"action", "CancelCertificateOrder"},
                           {"code", "FailedOperation.CancelOrderFailed"},
                           {"message", "the CA is busy"},
                           {"count", 1}}}}});
           },
       .expect_error = acc::error_like(
           "Cancelling the order of certificate .* failed.*still an order.*CancelOrderFailed")},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    // The final destroy cancelled it (the fault fired once) and deleted it.
    EXPECT_EQ(sim.calls("CancelCertificateOrder"), 2);
    EXPECT_FALSE(exists(sim, id));
  };
  acc::run(tc);
}

}  // namespace
