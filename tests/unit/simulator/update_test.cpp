// The update family (new certificate ID) and the same-ID family (UploadUpdate*).
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

class UpdateTest : public SimTest {
 protected:
  std::string old_id;
  void SetUp() override {
    SimTest::SetUp();
    old_id = upload(make_pem("www.example.com"));
    for (const auto& [type, target] :
         std::vector<std::pair<std::string, std::string>>{{"clb", "lb-web1|lbl-plain"},
                                                          {"cdn", "cdn.example.com"},
                                                          {"waf", "www.example.com"}}) {
      server->admin("POST", "/bindings",
                    {{"ResourceType", type}, {"Target", target}, {"CertificateId", old_id}});
    }
  }
  std::string target_cert(const std::string& type, const std::string& target) {
    const auto all = server->admin("GET", "/instances");
    for (const auto& t : all["targets"]) {
      if (t["ResourceType"] == type && t["Target"] == target) return t["CertId"];
    }
    return "(missing)";
  }
};

TEST_F(UpdateTest, CreationLoopThenItemsGroupedByTypeThenTargetsRebound) {
  const std::string new_id = upload(make_pem("www.example.com", {"cdn.example.com"}));
  const nlohmann::json req = {
      {"OldCertificateId", old_id},
      {"CertificateId", new_id},
      {"ResourceTypes", {"clb", "cdn"}},
      {"ResourceTypesRegions", {{{"ResourceType", "clb"}, {"Regions", {"ap-guangzhou"}}}}},
      {"ExpiringNotificationSwitch", 1}};
  auto first = client.ok("UpdateCertificateInstance", req);
  EXPECT_EQ(first["DeployRecordId"], 0);
  EXPECT_EQ(first["UpdateSyncProgress"][0]["Status"], 0);
  auto second = client.ok("UpdateCertificateInstance", req);
  const std::int64_t record = second["DeployRecordId"];
  EXPECT_GT(record, 0);
  EXPECT_EQ(second["DeployStatus"], 1);
  EXPECT_EQ(client.ok("UpdateCertificateInstance", req)["DeployStatus"], 0);  // running

  nlohmann::json d;
  for (int i = 0; i < 10; ++i) {
    d = client.ok("DescribeHostUpdateRecordDetail",
                  {{"DeployRecordId", std::to_string(record)}, {"Limit", "200"}, {"Offset", "0"}});
    if (d["RunningTotalCount"] == 0) break;
  }
  EXPECT_EQ(d["TotalCount"], 2);
  EXPECT_EQ(d["SuccessTotalCount"], 2);
  ASSERT_EQ(d["RecordDetailList"].size(), 2u);
  nlohmann::json clb;
  for (const auto& group : d["RecordDetailList"]) {
    if (group["ResourceType"] == "clb") clb = group;
  }
  ASSERT_EQ(clb["TotalCount"], 1);
  EXPECT_EQ(clb["List"][0]["OldCertId"], old_id);
  EXPECT_EQ(clb["List"][0]["ResourceType"], "clb");
  EXPECT_TRUE(clb["List"][0]["Url"].is_string());
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), new_id);
  EXPECT_EQ(target_cert("cdn", "cdn.example.com"), new_id);
  EXPECT_EQ(target_cert("waf", "www.example.com"), old_id);  // not requested
  auto old_cert = client.ok("DescribeCertificates", {{"CertIds", {old_id}}})["Certificates"][0];
  EXPECT_EQ(old_cert["IsIgnore"], true);
  auto list = client.ok("DescribeHostUpdateRecord", {{"OldCertificateId", old_id}});
  EXPECT_EQ(list["DeployRecordList"][0]["CertId"], new_id);

  auto rb = client.ok("UpdateCertificateRecordRollback", {{"DeployRecordId", record}});
  for (int i = 0; i < 10; ++i) {
    d = client.ok("DescribeHostUpdateRecordDetail", {{"DeployRecordId", rb["DeployRecordId"]}});
    if (d["RunningTotalCount"] == 0) break;
  }
  for (const auto& group : d["RecordDetailList"]) EXPECT_EQ(group["List"][0]["Status"], 4);
  EXPECT_EQ(target_cert("clb", "lb-web1|lbl-plain"), old_id);
}

TEST_F(UpdateTest, RegionAwareTypeNeedsRegionsAndEmptySelectionFails) {
  const std::string new_id = upload(make_pem("www.example.com"));
  EXPECT_EQ(client
                .call("UpdateCertificateInstance", {{"OldCertificateId", old_id},
                                                    {"CertificateId", new_id},
                                                    {"ResourceTypes", {"clb"}}})
                .code(),
            "InvalidParameter.WithDetailReason");
  const nlohmann::json live = {
      {"OldCertificateId", old_id}, {"CertificateId", new_id}, {"ResourceTypes", {"live"}}};
  client.ok("UpdateCertificateInstance", live);  // creation pending
  EXPECT_EQ(client.call("UpdateCertificateInstance", live).code(),
            "FailedOperation.CertificateDeployInstanceEmpty");
}

TEST_F(UpdateTest, InlineUploadCreatesTheNewCertificate) {
  Pem pem = make_pem("cdn.example.com");
  const nlohmann::json req = {{"OldCertificateId", old_id},
                              {"ResourceTypes", {"cdn"}},
                              {"CertificatePublicKey", pem.cert},
                              {"CertificatePrivateKey", pem.key}};
  client.ok("UpdateCertificateInstance", req);
  auto created = client.ok("UpdateCertificateInstance", req);
  ASSERT_GT(created["DeployRecordId"], 0);
  auto list = client.ok("DescribeHostUpdateRecord", {{"OldCertificateId", old_id}});
  const std::string new_id = list["DeployRecordList"][0]["CertId"];
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", new_id}})["Domain"],
            "cdn.example.com");
  Pem other = make_pem("x.example.com");
  EXPECT_EQ(client
                .call("UpdateCertificateInstance", {{"OldCertificateId", old_id},
                                                    {"ResourceTypes", {"cdn"}},
                                                    {"CertificatePublicKey", pem.cert},
                                                    {"CertificatePrivateKey", other.key}})
                .code(),
            "FailedOperation.CertificateMatchError");
}

TEST_F(UpdateTest, SameIdUpdateReplacesContentAndRollbackRestoresIt) {
  const std::string before =
      client.ok("DescribeCertificateDetail", {{"CertificateId", old_id}})["CertificatePublicKey"];
  Pem pem = make_pem("www.example.com", {"new.example.com"});
  const nlohmann::json req = {
      {"OldCertificateId", old_id},
      {"ResourceTypes", {"clb"}},
      {"CertificatePublicKey", pem.cert},
      {"CertificatePrivateKey", pem.key},
      {"ResourceTypesRegions", {{{"ResourceType", "clb"}, {"Regions", {"ap-guangzhou"}}}}}};
  EXPECT_EQ(client.ok("UploadUpdateCertificateInstance", req)["DeployRecordId"], 0);
  const std::int64_t record = client.ok("UploadUpdateCertificateInstance", req)["DeployRecordId"];
  ASSERT_GT(record, 0);
  nlohmann::json d;
  for (int i = 0; i < 10; ++i) {
    d = client.ok("DescribeHostUploadUpdateRecordDetail", {{"DeployRecordId", record}});
    if (d["DeployRecordDetail"].back()["RunningTotalCount"] == 0) break;
  }
  ASSERT_EQ(d["DeployRecordDetail"].size(), 1u);
  EXPECT_EQ(d["DeployRecordDetail"][0]["Type"], 0);
  EXPECT_EQ(d["DeployRecordDetail"][0]["Status"], 1);
  EXPECT_EQ(d["DeployRecordDetail"][0]["RecordDetailList"][0]["List"][0]["SSLMode"],
            "UNIDIRECTIONAL");
  auto after = client.ok("DescribeCertificateDetail", {{"CertificateId", old_id}});
  EXPECT_EQ(after["CertificatePublicKey"], pem.cert);
  EXPECT_EQ(after["CertificateId"], old_id);

  client.ok("UploadUpdateCertificateRecordRollback", {{"DeployRecordId", record}});
  for (int i = 0; i < 10; ++i) {
    d = client.ok("DescribeHostUploadUpdateRecordDetail", {{"DeployRecordId", record}});
    if (d["DeployRecordDetail"].back()["RunningTotalCount"] == 0) break;
  }
  ASSERT_EQ(d["DeployRecordDetail"].size(), 2u);
  EXPECT_EQ(d["DeployRecordDetail"][1]["Type"], 1);
  EXPECT_EQ(d["DeployRecordDetail"][1]["Status"], 4);
  EXPECT_EQ(
      client.ok("DescribeCertificateDetail", {{"CertificateId", old_id}})["CertificatePublicKey"],
      before);
  auto list = client.ok("DescribeHostUploadUpdateRecord", {{"OldCertificateId", old_id}});
  EXPECT_EQ(list["DeployRecordList"][0]["Status"], 4);
  EXPECT_EQ(client
                .call("UploadUpdateCertificateInstance", {{"OldCertificateId", old_id},
                                                          {"ResourceTypes", {"cdn"}},
                                                          {"CertificatePublicKey", pem.cert},
                                                          {"CertificatePrivateKey", pem.key}})
                .code(),
            "FailedOperation.CertificateHostResourceTypeInvalid");
}

}  // namespace
}  // namespace cloudssl::sim::test
