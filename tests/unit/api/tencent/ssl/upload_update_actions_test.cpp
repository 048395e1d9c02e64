// The same-id update family's follow-up actions against a scripted API: what
// UploadUpdateCertificateRecordRetry, UploadUpdateCertificateRecordRollback and
// DescribeHostUploadUpdateRecordDetail send (seed 004, their pages: DeployRecordId, Limit at
// most 200), and the refusals rotate_content tolerates recognised by code only.
#include <gtest/gtest.h>

#include <string>

#include "api/tencent/ssl/certificate_actions.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

TEST(UploadUpdateRecordActions, RetryAndRollbackSendTheRecordId) {
  FakeApiServer server([](const RecordedRequest&, int) { return testing::ok(json::object()); });
  Client client = ssl_client_for(server);
  upload_update_certificate_record_retry(client, 748939);
  upload_update_certificate_record_rollback(client, 7377374);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(action_of(requests[0]), "UploadUpdateCertificateRecordRetry");
  EXPECT_EQ(action_of(requests[1]), "UploadUpdateCertificateRecordRollback");
  // Retry by the whole record (every failed item of its latest run), never DeployRecordDetailId.
  const auto bodies = request_bodies(server);
  EXPECT_EQ(bodies[0], (json{{"DeployRecordId", 748939}}));
  EXPECT_EQ(bodies[1], (json{{"DeployRecordId", 7377374}}));
}

TEST(UploadUpdateRecordActions, DetailAsksForTheWholeRecord) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok({{"DeployRecordDetail", json::array()}});
  });
  Client client = ssl_client_for(server);
  EXPECT_TRUE(describe_host_upload_update_record_detail(client, 57).empty());
  EXPECT_EQ(action_of(server.requests().at(0)), "DescribeHostUploadUpdateRecordDetail");
  EXPECT_EQ(request_bodies(server).at(0), (json{{"DeployRecordId", 57}, {"Limit", 200}}));
}

TEST(UploadUpdateRecordActions, NothingToRetryOrRollBackIsRecognisedByCode) {
  // The codes of both pages: only "no failed record" (retry) and "no successful record"
  // (rollback) mean there is nothing to do; a record still running is another refusal.
  for (const char* code : {"FailedOperation.CertificateDeployRetryStatusInvalid",
                           "FailedOperation.CertificateDeployRollbackStatusInvalid",
                           "FailedOperation.CertificateDeployDetailRollbackStatusInvalid",
                           "FailedOperation.CertificateDeployHasPendingRecord"}) {
    FakeApiServer server([&](const RecordedRequest&, int) { return testing::api_error(code); });
    Client client = ssl_client_for(server);
    const std::string c = code;
    const ApiError retry = error_of([&] { upload_update_certificate_record_retry(client, 1); });
    EXPECT_EQ(retry.code(), c);
    EXPECT_EQ(nothing_to_retry(retry), c == "FailedOperation.CertificateDeployRetryStatusInvalid")
        << c;
    const ApiError back = error_of([&] { upload_update_certificate_record_rollback(client, 1); });
    EXPECT_EQ(nothing_to_roll_back(back),
              c == "FailedOperation.CertificateDeployRollbackStatusInvalid")
        << c;
  }
}

}  // namespace
}  // namespace cloudssl::api::tencent
