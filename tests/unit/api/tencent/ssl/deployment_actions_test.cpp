// The typed deployment actions against a scripted API: the doc's type wobble (numbers as
// strings, nulls, Url as array or string), paging of record details, the string-typed
// parameters of DescribeHostUpdateRecordDetail, and the completion rule of docs/design/ssl-api.md
// §0.1.
#include "api/tencent/ssl/deployment_actions.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

ClientConfig config_for(const FakeApiServer& server) {
  ClientConfig config;
  config.credentials = {"AKIDTEST", "test-secret-key", ""};
  config.endpoint = server.endpoint();
  config.max_retries = 1;
  return config;
}

TEST(DeploymentActions, DeployRecordDetailsArePagedAndTolerant) {
  FakeApiServer server([](const RecordedRequest& r, int) -> Reply {
    const auto body = json::parse(r.body);
    EXPECT_TRUE(body["DeployRecordId"].is_string());
    const int offset = body["Offset"];
    json item = {{"Id", std::to_string(100 + offset)},
                 {"Status", offset == 0 ? 1 : 2},
                 {"Port", "443"},
                 {"Domains", {"a.example.com"}},
                 {"ErrorMsg", nullptr},
                 {"InstanceId", nullptr},
                 {"Url", {"/a", "/b"}}};
    return ok({{"TotalCount", "2"},
               {"SuccessTotalCount", 1},
               {"FailedTotalCount", 1},
               {"RunningTotalCount", 0},
               {"DeployRecordDetailList", {item}}});
  });
  Client client = make_client(kSslApi, config_for(server));
  const auto p = describe_host_deploy_record_detail(client, 42);
  ASSERT_EQ(p.details.size(), 2u);  // two pages of one item
  EXPECT_EQ(p.total_count, 2);
  EXPECT_EQ(p.details[0].id, 100);
  EXPECT_EQ(p.details[0].port, "443");
  EXPECT_EQ(p.details[0].url, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(p.details[0].instance_id, "");
  EXPECT_TRUE(record_finished(p));
  ASSERT_EQ(failed_details(p).size(), 1u);
  EXPECT_EQ(failed_details(p)[0].id, 101);
}

TEST(DeploymentActions, UpdateRecordDetailsSendStringsAndCarryTheirGroupType) {
  FakeApiServer server([](const RecordedRequest& r, int) -> Reply {
    const auto body = json::parse(r.body);
    EXPECT_EQ(body["DeployRecordId"], "7");
    EXPECT_EQ(body["Limit"], "200");
    EXPECT_EQ(body["Offset"], "0");
    return ok(
        {{"TotalCount", 2},
         {"RunningTotalCount", 1},
         {"RecordDetailList",
          {{{"ResourceType", "clb"},
            {"TotalCount", 1},
            {"List", {{{"Id", 1}, {"Status", 1}, {"Url", "/index"}, {"Region", "ap-guangzhou"}}}}},
           {{"ResourceType", "cdn"}, {"TotalCount", 1}, {"List", {{{"Id", 2}, {"Status", 3}}}}}}}});
  });
  Client client = make_client(kSslApi, config_for(server));
  const auto p = describe_host_update_record_detail(client, 7);
  ASSERT_EQ(p.details.size(), 2u);
  EXPECT_EQ(p.details[0].resource_type, "clb");
  EXPECT_EQ(p.details[0].url, std::vector<std::string>{"/index"});  // a String on this action
  EXPECT_EQ(p.details[1].resource_type, "cdn");
  EXPECT_FALSE(record_finished(p));  // an item is still running
}

TEST(DeploymentActions, FinishedMeansNothingRunningAndNoItemPendingOrRunning) {
  RecordProgress p;
  p.details.push_back({});
  p.details[0].status = record_status::kPending;
  EXPECT_FALSE(record_finished(p));  // counts say 0 running, an item is still pending
  p.details[0].status = 7;           // an undocumented status is not "running"
  EXPECT_TRUE(record_finished(p));
  p.running_total_count = 1;
  EXPECT_FALSE(record_finished(p));
}

TEST(DeploymentActions, UpdateCreationAnswersAndRequestShape) {
  FakeApiServer server([](const RecordedRequest& r, int) -> Reply {
    const auto body = json::parse(r.body);
    EXPECT_EQ(body["ResourceTypesRegions"][0]["ResourceType"], "clb");
    EXPECT_EQ(body["ExpiringNotificationSwitch"], 1);
    EXPECT_FALSE(body.contains("Regions"));  // deprecated 2023-08-09
    return ok({{"DeployRecordId", 0},
               {"DeployStatus", 0},
               {"UpdateSyncProgress",
                {{{"ResourceType", "clb"},
                  {"Status", 3},
                  {"UpdateSyncProgressRegions",
                   {{{"Region", "ap-guangzhou"},
                     {"TotalCount", nullptr},
                     {"OffsetCount", nullptr},
                     {"Status", 0}}}}}}}});
  });
  Client client = make_client(kSslApi, config_for(server));
  UpdateCertificateInstanceRequest request{"OLD", "NEW", {"clb"}, {{"clb", {"ap-guangzhou"}}}, 1};
  const auto created = update_certificate_instance(client, request);
  EXPECT_EQ(created.deploy_record_id, 0);
  ASSERT_EQ(created.update_sync_progress.size(), 1u);
  EXPECT_EQ(created.update_sync_progress[0].regions[0].total_count, 0);  // null tolerated
}

TEST(DeploymentActions, HostListingPagesAndSendsTheDocumentedTypes) {
  FakeApiServer server([](const RecordedRequest& r, int index) -> Reply {
    const auto body = json::parse(r.body);
    EXPECT_TRUE(body["Offset"].is_string());  // DescribeHostApiGatewayInstanceList: a String
    EXPECT_EQ(body["IsCache"], 0);
    json item = {{"ServiceId", "service-" + std::to_string(index)},
                 {"Domain", "api.example.com"},
                 {"CertId", "C"}};
    return ok({{"TotalCount", 2}, {"InstanceList", {item}}});
  });
  Client client = make_client(kSslApi, config_for(server));
  HostInstanceListRequest request;
  request.resource_type = "apigateway";
  request.certificate_id = "C";
  const auto list = describe_host_instance_list(client, request);
  ASSERT_EQ(list.instances.size(), 2u);
  const auto flat = flatten_host_instances("apigateway", list.instances);
  EXPECT_EQ(flat[1].id_parts, (std::vector<std::string>{"service-1", "api.example.com"}));
  EXPECT_TRUE(host_instance_list_action("tse").empty());
  HostInstanceListRequest tcb;
  tcb.resource_type = "tcb";
  EXPECT_THROW(describe_host_instance_list(client, tcb), std::invalid_argument);
}

TEST(DeploymentActions, DeployedResourcesSpellDdosTheOldWay) {
  FakeApiServer server([](const RecordedRequest& r, int) -> Reply {
    EXPECT_EQ(json::parse(r.body)["ResourceType"], "antiddos");
    return ok({{"DeployedResources",
                {{{"CertificateId", "C"},
                  {"Count", 1},
                  {"Type", "antiddos"},
                  {"Resources", nullptr},
                  {"ResourceIds", {"bgpip-1"}}}}}});
  });
  Client client = make_client(kSslApi, config_for(server));
  const auto found = describe_deployed_resources(client, {"C"}, "ddos");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].resources, std::vector<std::string>{"bgpip-1"});  // the deprecated twin
}

}  // namespace
}  // namespace cloudssl::api::tencent
