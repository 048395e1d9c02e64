// cancel_pending_order against a scripted SSL API: an order (status 0 or 4) is cancelled once
// and followed through 6 to 7; an issued certificate is left to the usual delete (no
// cancellation sent); one issued meanwhile (InvalidCertificateStatusCode) too; a refused
// cancellation is an error carrying the API's code; a certificate gone is done.
#include "resources/certificates/order_cancellation.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using namespace api::testing;

// A scripted SSL API, its client and the context the workflow runs in.
struct Fixture : ScriptedSslApi {
  using ScriptedSslApi::ScriptedSslApi;
  framework::Context ctx;
};

Reply status(int s) { return api::testing::ok({{"CertificateId", "abc12345"}, {"Status", s}}); }

TEST(OrderCancellation, AnOrderIsCancelledAndFollowedToStatus7) {
  for (const int pending : {0, 4}) {
    std::vector<int> reads = {pending, 6, 6, 7};
    std::size_t next = 0;
    Fixture f([&](const RecordedRequest& r, int) -> Reply {
      const std::string action = action_of(r);
      if (action == "CancelCertificateOrder") {
        return api::testing::ok({{"CertificateId", "abc12345"}});
      }
      return status(reads.at(std::min(next++, reads.size() - 1)));
    });
    framework::Diagnostics d;
    EXPECT_EQ(cancel_pending_order(f.client, "abc12345", f.ctx, d), OrderCancellation::Cancelled);
    EXPECT_TRUE(d.empty());
    EXPECT_EQ(f.calls("CancelCertificateOrder"), 1);
    EXPECT_EQ(f.calls("DescribeCertificate"), 4);
  }
}

TEST(OrderCancellation, AnIssuedCertificateIsNotCancelled) {
  Fixture f([](const RecordedRequest&, int) { return status(1); });
  framework::Diagnostics d;
  EXPECT_EQ(cancel_pending_order(f.client, "abc12345", f.ctx, d), OrderCancellation::NotAnOrder);
  EXPECT_EQ(f.calls("CancelCertificateOrder"), 0);
}

TEST(OrderCancellation, IssuedMeanwhileIsLeftToTheUsualDelete) {
  Fixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "CancelCertificateOrder")
      return api::testing::api_error("FailedOperation.InvalidCertificateStatusCode");
    return status(0);
  });
  framework::Diagnostics d;
  EXPECT_EQ(cancel_pending_order(f.client, "abc12345", f.ctx, d), OrderCancellation::NotAnOrder);
  EXPECT_TRUE(d.empty());
}

TEST(OrderCancellation, ARefusedCancellationIsAnErrorWithTheCode) {
  Fixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "CancelCertificateOrder")
      return api::testing::api_error("FailedOperation.CancelOrderFailed", "req-cancel");
    return status(4);
  });
  framework::Diagnostics d;
  EXPECT_EQ(cancel_pending_order(f.client, "abc12345", f.ctx, d), OrderCancellation::Failed);
  ASSERT_TRUE(d.has_errors());
  const auto& detail = d.all().front().detail;
  EXPECT_NE(detail.find("FailedOperation.CancelOrderFailed"), std::string::npos) << detail;
  EXPECT_NE(detail.find("req-cancel"), std::string::npos) << detail;
  EXPECT_NE(detail.find("status 4"), std::string::npos) << detail;
}

TEST(OrderCancellation, AGoneCertificateIsDone) {
  Fixture f([](const RecordedRequest&, int) {
    return api::testing::api_error("FailedOperation.CertificateNotFound");
  });
  framework::Diagnostics d;
  EXPECT_EQ(cancel_pending_order(f.client, "abc12345", f.ctx, d), OrderCancellation::Gone);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace cloudssl::certificates
