// delete_certificate_checked (resources/certificates/certificate_deletion.h) against cloudssl-sim:
// a certificate already gone counts as deleted — on the checked path and on the unchecked
// fallback taken when the service role is missing — and an existing one is deleted through
// the checked task.
#include <gtest/gtest.h>

#include "api/core/client.h"
#include "api/tencent/ssl/ssl_api.h"
#include "resources/certificates/certificate_deletion.h"
#include "tests/support/simulator_client.h"

namespace cloudssl::certificates {
namespace {

using namespace std::chrono_literals;
using testing::SimulatorProcess;

class CertificateDeletion : public ::testing::Test {
 protected:
  CertificateDeletion()
      : client_(api::tencent::make_client(api::tencent::kSslApi,
                                          testing::simulator_client_config(sim_))) {
    ctx_.deadline = std::chrono::steady_clock::now() + 60s;
  }
  std::string seeded() {
    return sim_
        .admin("POST", "/seed",
               {{"certificates", {{{"Generate", {{"Domain", "gone.example.com"}, {"Days", 90}}}}}}})
        .at("certificates")
        .at(0)
        .get<std::string>();
  }
  bool exists(const std::string& id) {
    try {
      sim_.admin("GET", "/certificates/" + id);
      return true;
    } catch (const std::runtime_error&) {
      return false;
    }
  }
  int calls(const std::string& action) {
    return sim_.admin("GET", "/requests")["counters"]
        .value(action, nlohmann::json::object())
        .value("total", 0);
  }
  static std::string summaries(const framework::Diagnostics& d) {
    std::string out;
    for (const auto& x : d.all()) out += x.summary + ": " + x.detail + "\n";
    return out;
  }

  SimulatorProcess sim_;
  api::Client client_;
  framework::Context ctx_;
};

TEST_F(CertificateDeletion, AnExistingCertificateIsDeletedThroughTheCheckedTask) {
  const std::string id = seeded();
  framework::Diagnostics d;
  delete_certificate_checked(client_, id, ctx_, d);
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_FALSE(exists(id));
  EXPECT_GE(calls("DescribeDeleteCertificatesTaskResult"), 1);
}

TEST_F(CertificateDeletion, ACertificateAlreadyGoneIsSuccess) {
  const std::string id = seeded();
  sim_.admin("DELETE", "/certificates/" + id);  // deleted in the console meanwhile
  framework::Diagnostics d;
  EXPECT_NO_THROW(delete_certificate_checked(client_, id, ctx_, d));
  EXPECT_TRUE(d.all().empty()) << summaries(d);
  EXPECT_EQ(calls("DeleteCertificate"), 1);  // answered CertificateNotFound, not retried
}

TEST_F(CertificateDeletion, ACertificateGoneOnTheUncheckedFallbackIsSuccess) {
  const std::string id = seeded();
  // The checked delete is refused for want of the service role (once), so the unchecked
  // delete follows — and finds the certificate already deleted out of band.
  sim_.admin("POST", "/faults",
             {{"rules",
               {{{"action", "DeleteCertificate"},
                 {"code", "FailedOperation.RoleNotFoundAuthorization"},
                 {"message", "Authorise the service role."},
                 {"count", 1}}}}});
  sim_.admin("DELETE", "/certificates/" + id);
  framework::Diagnostics d;
  EXPECT_NO_THROW(delete_certificate_checked(client_, id, ctx_, d));
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  ASSERT_EQ(d.all().size(), 1u) << summaries(d);
  EXPECT_NE(d.all().front().summary.find("without the bound-resource check"), std::string::npos);
  EXPECT_EQ(calls("DeleteCertificate"), 2);
}

}  // namespace
}  // namespace cloudssl::certificates
