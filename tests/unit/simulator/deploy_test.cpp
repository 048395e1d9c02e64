// Deployment tasks over HTTP: creation checks, the one-running-task rule, item progression by
// polls, failures, retry, rollback and the effect on the instances.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

class DeployTest : public SimTest {
 protected:
  std::string cert_id;
  void SetUp() override {
    SimTest::SetUp();
    cert_id = upload(make_pem("www.example.com", {"*.example.com"}));
  }

  nlohmann::json deploy(const std::vector<std::string>& targets, const std::string& type = "clb",
                        const std::string& region = "ap-guangzhou") {
    SendOptions o;
    o.region = region;
    return client.ok(
        "DeployCertificateInstance",
        {{"CertificateId", cert_id}, {"InstanceIdList", targets}, {"ResourceType", type}}, o);
  }

  // Polls the record until RunningTotalCount is 0 (bounded by a poll count, not by time).
  nlohmann::json poll_to_end(std::int64_t record, int max_polls = 10) {
    nlohmann::json d;
    for (int i = 0; i < max_polls; ++i) {
      d = client.ok("DescribeHostDeployRecordDetail",
                    {{"DeployRecordId", std::to_string(record)}, {"Limit", 200}});
      if (d["RunningTotalCount"] == 0) return d;
    }
    ADD_FAILURE() << "record " << record << " did not finish: " << d.dump();
    return d;
  }

  std::string target_cert(const std::string& type, const std::string& target) {
    auto all = server->admin("GET", "/instances");
    for (const auto& t : all["targets"]) {
      if (t["ResourceType"] == type && t["Target"] == target) return t["CertId"];
    }
    ADD_FAILURE() << "no target " << target;
    return "";
  }
};

TEST_F(DeployTest, DeployRunsPendingRunningSuccessAndBindsTheTargets) {
  SimulatorOptions o = quiet_options();
  o.settings.pending_polls = 1;
  o.settings.running_polls = 1;
  start(o);
  cert_id = upload(make_pem("www.example.com", {"*.example.com"}));
  auto created = deploy({"lb-web1|lbl-sni|www.example.com", "lb-web1|lbl-plain"});
  EXPECT_EQ(created["DeployStatus"], 1);
  const std::int64_t record = created["DeployRecordId"];
  auto poll = [&] {
    return client.ok("DescribeHostDeployRecordDetail",
                     {{"DeployRecordId", std::to_string(record)}});
  };
  auto d1 = poll();
  EXPECT_EQ(d1["TotalCount"], 2);
  EXPECT_EQ(d1["DeployRecordDetailList"][0]["Status"], 0);
  EXPECT_EQ(d1["RunningTotalCount"], 2);
  auto d2 = poll();
  EXPECT_EQ(d2["DeployRecordDetailList"][0]["Status"], 3);
  auto d3 = poll();
  EXPECT_EQ(d3["SuccessTotalCount"], 2);
  EXPECT_EQ(d3["RunningTotalCount"], 0);
  const auto& item = d3["DeployRecordDetailList"][0];
  EXPECT_EQ(item["Status"], 1);
  EXPECT_EQ(item["CertId"], cert_id);
  EXPECT_EQ(item["InstanceId"], "lb-web1");
  EXPECT_EQ(item["ListenerId"], "lbl-sni");
  EXPECT_EQ(item["Domains"], nlohmann::json({"www.example.com"}));
  EXPECT_TRUE(item["CreateTime"].get<std::string>().ends_with(".000000Z"));
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-sni|www.example.com"), cert_id);
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), cert_id);
  auto records = client.ok("DescribeHostDeployRecord", {{"CertificateId", cert_id}});
  EXPECT_EQ(records["TotalCount"], 1);
  EXPECT_EQ(records["DeployRecordList"][0]["Status"], 1);
  EXPECT_EQ(records["DeployRecordList"][0]["Region"], "ap-guangzhou");
}

TEST_F(DeployTest, SecondDeployWhileRunningAnswersDeployStatus0WithTheRunningId) {
  auto first = deploy({"lb-web1|lbl-plain"});
  auto second = deploy({"lb-web1|lbl-sni|api.example.com"});
  EXPECT_EQ(second["DeployStatus"], 0);
  EXPECT_EQ(second["DeployRecordId"], first["DeployRecordId"]);
  // Another resource type is independent.
  EXPECT_EQ(deploy({"cdn.example.com|on"}, "cdn", "")["DeployStatus"], 1);
  poll_to_end(first["DeployRecordId"]);
  EXPECT_EQ(deploy({"lb-web1|lbl-sni|api.example.com"})["DeployStatus"], 1);
}

TEST_F(DeployTest, CreationRefusesBadTargets) {
  SendOptions o;
  o.region = "ap-guangzhou";
  auto call = [&](const std::vector<std::string>& targets, const std::string& type = "clb") {
    return client
        .call("DeployCertificateInstance",
              {{"CertificateId", cert_id}, {"InstanceIdList", targets}, {"ResourceType", type}}, o)
        .code();
  };
  EXPECT_EQ(call({"lb-web1|lbl-other"}), "FailedOperation.CertificateNotDeployInstance");  // domain
  EXPECT_EQ(call({"lb-web1|lbl-norules"}), "FailedOperation.CertificateNotDeployInstance");
  EXPECT_EQ(call({"lb-missing|lbl-x"}), "FailedOperation.CertificateNotDeployInstance");
  EXPECT_EQ(call({"lb-web1"}), "FailedOperation.CertificateDeployInstanceFormatError");
  EXPECT_EQ(call({"x"}, "nosuchtype"), "FailedOperation.CertificateHostResourceTypeInvalid");
  SendOptions no_region;
  EXPECT_EQ(
      client
          .call("DeployCertificateInstance",
                {{"CertificateId", cert_id}, {"InstanceIdList", {"lb-web1|lbl-plain"}}}, no_region)
          .code(),
      "InvalidParameter.RegionNotEmpty");
  o.region = "ap-shanghai";
  EXPECT_EQ(call({"lb-web1|lbl-plain"}), "FailedOperation.CertificateNotDeployInstance");
}

TEST_F(DeployTest, TargetThatAlreadyHoldsTheCertificateIsRefused) {
  poll_to_end(deploy({"lb-web1|lbl-plain"})["DeployRecordId"]);
  SendOptions o;
  o.region = "ap-guangzhou";
  EXPECT_EQ(client
                .call("DeployCertificateInstance",
                      {{"CertificateId", cert_id}, {"InstanceIdList", {"lb-web1|lbl-plain"}}}, o)
                .code(),
            "FailedOperation.CertificateNotDeployInstance");
}

TEST_F(DeployTest, FailedTargetCanBeRetriedAndSuccessRolledBack) {
  server->admin(
      "POST", "/tasks/config",
      {{"failures", {{{"match", "lbl-plain"}, {"message", "listener busy"}, {"times", 1}}}}});
  const std::string old_cert = upload(make_pem("www.example.com"));
  server->admin("POST", "/bindings",
                {{"ResourceType", "clb"},
                 {"Target", "lb-web1|lbl-sni|www.example.com"},
                 {"CertificateId", old_cert}});
  const std::int64_t record =
      deploy({"lb-web1|lbl-sni|www.example.com", "lb-web1|lbl-plain"})["DeployRecordId"];
  auto done = poll_to_end(record);
  EXPECT_EQ(done["FailedTotalCount"], 1);
  EXPECT_EQ(done["SuccessTotalCount"], 1);
  EXPECT_EQ(client.ok("DescribeHostDeployRecord",
                      {{"CertificateId", cert_id}})["DeployRecordList"][0]["Status"],
            2);
  nlohmann::json failed;
  for (const auto& i : done["DeployRecordDetailList"]) {
    if (i["Status"] == 2) failed = i;
  }
  EXPECT_EQ(failed["ErrorMsg"], "listener busy");
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), "");

  client.ok("DeployCertificateRecordRetry", {{"DeployRecordDetailId", failed["Id"]}});
  EXPECT_EQ(poll_to_end(record)["SuccessTotalCount"], 2);
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), cert_id);
  EXPECT_EQ(client.call("DeployCertificateRecordRetry", {{"DeployRecordId", record}}).code(),
            "FailedOperation.CertificateDeployRetryStatusInvalid");

  auto rb = client.ok("DeployCertificateRecordRollback", {{"DeployRecordId", record}});
  const std::int64_t rb_id = rb["DeployRecordId"];
  EXPECT_NE(rb_id, record);
  auto rolled = poll_to_end(rb_id);
  EXPECT_EQ(rolled["SuccessTotalCount"], 2);
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-sni|www.example.com"), old_cert);
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), "");
}

TEST_F(DeployTest, TimeBasedTasksFinishAfterTheConfiguredDuration) {
  server->admin("POST", "/tasks/config", {{"task_ms", 1}});
  const std::int64_t record = deploy({"lb-web1|lbl-plain"})["DeployRecordId"];
  // No sleep: poll until the 1 ms has passed, bounded by a poll count.
  nlohmann::json d;
  for (int i = 0; i < 100000; ++i) {
    d = client.ok("DescribeHostDeployRecordDetail", {{"DeployRecordId", record}});
    if (d["RunningTotalCount"] == 0) break;
  }
  EXPECT_EQ(d["SuccessTotalCount"], 1);
}

TEST_F(DeployTest, AdminCompleteFinishesATaskWithoutPolls) {
  server->admin("POST", "/tasks/config", {{"running_polls", 1000}});
  const std::int64_t record = deploy({"lb-web1|lbl-plain"})["DeployRecordId"];
  server->admin("POST", "/tasks/complete", {{"kind", "deploy"}, {"id", record}});
  auto d = client.ok("DescribeHostDeployRecordDetail", {{"DeployRecordId", record}});
  EXPECT_EQ(d["SuccessTotalCount"], 1);
}

TEST_F(DeployTest, InstanceListsShowMatchAndCacheUntilRefreshed) {
  auto list =
      client.ok("DescribeHostClbInstanceList", {{"CertificateId", cert_id}, {"IsCache", 0}});
  ASSERT_EQ(list["InstanceList"].size(), 1u);
  const auto& listeners = list["InstanceList"][0]["Listeners"];
  EXPECT_EQ(listeners[3]["Rules"][0]["IsMatch"], false);
  EXPECT_EQ(listeners[0]["Rules"][0]["IsMatch"], true);
  auto cdn = client.ok("DescribeHostCdnInstanceList", {{"CertificateId", cert_id}});
  EXPECT_EQ(cdn["TotalCount"], 1);  // domainMatch defaults to matching instances
  auto cdn_nomatch =
      client.ok("DescribeHostCdnInstanceList",
                {{"CertificateId", cert_id},
                 {"Filters", {{{"FilterKey", "domainMatch"}, {"FilterValue", "0"}}}}});
  EXPECT_EQ(cdn_nomatch["InstanceList"][0]["Domain"], "static.other.org");
  server->admin(
      "POST", "/bindings",
      {{"ResourceType", "cdn"}, {"Target", "cdn.example.com"}, {"CertificateId", cert_id}});
  // IsCache 1 (the default) answers the half-hour snapshot: the change is not visible yet...
  auto cached = client.ok("DescribeHostCdnInstanceList", {{"CertificateId", cert_id}});
  EXPECT_EQ(cached["InstanceList"][0]["CertId"], "");
  // ...until IsCache 0 asks for a fresh listing, or the snapshot is half an hour old.
  auto fresh =
      client.ok("DescribeHostCdnInstanceList", {{"CertificateId", cert_id}, {"IsCache", 0}});
  EXPECT_EQ(fresh["InstanceList"][0]["CertId"], cert_id);
  server->admin("POST", "/bindings",
                {{"ResourceType", "cdn"}, {"Target", "cdn.example.com"}, {"CertificateId", ""}});
  server->admin("POST", "/clock", {{"advance_seconds", 1801}});
  auto expired = client.ok("DescribeHostCdnInstanceList", {{"CertificateId", cert_id}});
  EXPECT_EQ(expired["InstanceList"][0]["CertId"], "");
  auto live = client.ok("DescribeHostLiveInstanceList", {{"CertificateId", cert_id}});
  EXPECT_FALSE(live.contains("TotalCount"));
  EXPECT_EQ(client.call("DescribeHostTeoInstanceList", {}).code(), "MissingParameter");
}

TEST_F(DeployTest, DeployedResourcesAndBindTask) {
  poll_to_end(deploy({"lb-web1|lbl-plain"})["DeployRecordId"]);
  auto deployed = client.ok("DescribeDeployedResources",
                            {{"CertificateIds", {cert_id}}, {"ResourceType", "clb"}});
  EXPECT_EQ(deployed["DeployedResources"][0]["Resources"], nlohmann::json({"lb-web1"}));
  EXPECT_EQ(deployed["DeployedResources"][0]["Count"], 1);
  auto task = client.ok("CreateCertificateBindResourceSyncTask",
                        {{"CertificateIds", {cert_id}}, {"IsCache", 0}});
  const std::string task_id = task["CertTaskIds"][0]["TaskId"];
  nlohmann::json result;
  for (int i = 0; i < 10; ++i) {
    result = client.ok("DescribeCertificateBindResourceTaskResult", {{"TaskIds", {task_id}}});
    if (result["SyncTaskBindResourceResult"][0]["Status"] != 0) break;
  }
  const auto& r = result["SyncTaskBindResourceResult"][0];
  EXPECT_EQ(r["Status"], 1);
  EXPECT_EQ(r["BindResourceResult"][0]["ResourceType"], "clb");
  EXPECT_EQ(r["BindResourceResult"][0]["BindResourceRegionResult"][0]["TotalCount"], 1);
  auto detail = client.ok("DescribeCertificateBindResourceTaskDetail", {{"TaskId", task_id}});
  EXPECT_EQ(detail["CLB"][0]["Region"], "ap-guangzhou");
  EXPECT_EQ(detail["CLB"][0]["InstanceList"][0]["Listeners"].size(), 1u);
  // IsCache 1 reuses the completed task.
  auto again = client.ok("CreateCertificateBindResourceSyncTask",
                         {{"CertificateIds", {cert_id}}, {"IsCache", 1}});
  EXPECT_EQ(again["CertTaskIds"][0]["TaskId"], task_id);
}

// A missing record: FailedOperation.CertificateDeployNotExist only from the three actions
// whose error lists document it; the others answer FailedOperation.InvalidParam.
TEST_F(DeployTest, MissingRecordCodeFollowsEachActionsDocumentedErrors) {
  const std::string missing = "FailedOperation.CertificateDeployNotExist";
  for (const char* action : {"DeployCertificateRecordRollback", "DescribeHostDeployRecordDetail",
                             "DescribeHostUpdateRecordDetail"})
    EXPECT_EQ(client.call(action, {{"DeployRecordId", "999999"}}).code(), missing) << action;
  for (const char* action :
       {"DeployCertificateRecordRetry", "UpdateCertificateRecordRetry",
        "UpdateCertificateRecordRollback", "UploadUpdateCertificateRecordRetry",
        "UploadUpdateCertificateRecordRollback", "DescribeHostUploadUpdateRecordDetail"})
    EXPECT_EQ(client.call(action, {{"DeployRecordId", "999999"}}).code(),
              "FailedOperation.InvalidParam")
        << action;
}

}  // namespace
}  // namespace cloudssl::sim::test
