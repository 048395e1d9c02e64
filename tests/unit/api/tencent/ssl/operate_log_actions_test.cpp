// describe_all_certificate_operate_logs against a scripted DescribeCertificateOperateLogs: the
// window is sent as given (omitted when empty), every page is read, by AllTotal when the API
// reports it and by page size when it does not, and each entry is decoded.
#include "api/tencent/ssl/operate_log_actions.h"

#include <gtest/gtest.h>

#include <mutex>

#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

// A log of `size` entries; AllTotal reported or not.
struct Log {
  std::int64_t size;
  bool report_total;
  std::mutex mutex;
  std::vector<json> requests;

  testing::Reply answer(const RecordedRequest& r) {
    const json body = json::parse(r.body);
    {
      std::lock_guard lock(mutex);
      requests.push_back(body);
    }
    json items = json::array();
    for (const std::string& id : requested_page(body, size, 20)) {
      items.push_back({{"Action", "用户[uin: 1] 删除 证书[id: " + id + "]"},
                       {"CreatedOn", "2026-12-01 08:00:00"},
                       {"Uin", "1"},
                       {"SubAccountUin", "--"},
                       {"CertId", id},
                       {"Type", "delete"}});
    }
    json response = {{"OperateLogs", items}, {"TotalCount", items.size()}};
    if (report_total) response["AllTotal"] = size;
    return testing::ok(response);
  }
};

TEST(OperateLogs, EveryPageByAllTotal) {
  Log log{2500, true, {}, {}};
  FakeApiServer server([&](const RecordedRequest& r, int) { return log.answer(r); });
  Client client = ssl_client_for(server);
  OperateLogsRequest request;
  request.start_time = "2026-11-20 00:00:00";
  request.end_time = "2026-12-06 00:00:00";
  const auto all = describe_all_certificate_operate_logs(client, request);
  ASSERT_EQ(all.size(), 2500u);
  EXPECT_EQ(all[1234].cert_id, "c1234");
  EXPECT_EQ(all[0].type, "delete");
  EXPECT_EQ(all[0].sub_account_uin, "--");
  EXPECT_EQ(all[0].created_on, "2026-12-01 08:00:00");
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.requests.size(), 3u);  // no trailing empty page
  EXPECT_EQ(log.requests[2], (json{{"Offset", 2000},
                                   {"Limit", 1000},
                                   {"StartTime", "2026-11-20 00:00:00"},
                                   {"EndTime", "2026-12-06 00:00:00"}}));
}

TEST(OperateLogs, WithoutAllTotalUntilAShortPageAndNoEmptyWindow) {
  Log log{1500, false, {}, {}};
  FakeApiServer server([&](const RecordedRequest& r, int) { return log.answer(r); });
  Client client = ssl_client_for(server);
  EXPECT_EQ(describe_all_certificate_operate_logs(client, {}).size(), 1500u);
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.requests.size(), 2u);
  EXPECT_FALSE(log.requests[0].contains("StartTime"));  // the API's default window
  EXPECT_FALSE(log.requests[0].contains("EndTime"));
}

}  // namespace
}  // namespace cloudssl::api::tencent
