// Cancelling a free certificate's order (seed 004 CancelCertificateOrder; statuses 6 order
// cancelling, 7 cancelled) and the one-hour rule of DeleteCertificate
// (CannotBeDeletedWithinHour), which holds for the checked delete too.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using CancelTest = SimTest;

TEST_F(CancelTest, AnOrderGoesThroughCancellingToCancelledAndCanThenBeDeleted) {
  const std::string id =
      client.ok("ApplyCertificate", {{"DvAuthMethod", "DNS"}, {"DomainName", "order.example.com"}})
          .value("CertificateId", "");
  EXPECT_EQ(
      client.call("DeleteCertificate", {{"CertificateId", id}, {"IsCheckResource", true}}).code(),
      "FailedOperation.CannotBeDeletedWithinHour");
  EXPECT_EQ(client.ok("CancelCertificateOrder", {{"CertificateId", id}})["CertificateId"], id);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 6);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 7);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 7);
  // Neither an order any more nor issued: nothing to cancel.
  EXPECT_EQ(client.call("CancelCertificateOrder", {{"CertificateId", id}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
  EXPECT_EQ(client.ok("DeleteCertificate", {{"CertificateId", id}})["DeleteResult"], true);
}

TEST_F(CancelTest, AnIssuedCertificateCannotBeCancelled) {
  const std::string id = upload(make_pem("www.example.com"));
  EXPECT_EQ(client.call("CancelCertificateOrder", {{"CertificateId", id}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
}

}  // namespace
}  // namespace cloudssl::sim::test
