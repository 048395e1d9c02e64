// Deletion (sync, checked, bulk) and free-certificate issuance.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using DeleteTest = SimTest;
using IssuanceTest = SimTest;

// DeleteCertificate's IsCheckResource defaults to no check (seed 004): the plain delete of a
// certificate still bound to a resource succeeds, as the real API's would.
TEST_F(DeleteTest, UncheckedDeleteOfABoundCertificateSucceeds) {
  const std::string id = upload(make_pem("www.example.com"));
  const std::string other = upload(make_pem("x.example.com"));
  server->admin("POST", "/bindings",
                {{"ResourceType", "cdn"}, {"Target", "cdn.example.com"}, {"CertificateId", id}});
  server->admin(
      "POST", "/bindings",
      {{"ResourceType", "live"}, {"Target", "live.example.com"}, {"CertificateId", other}});
  auto r = client.ok("DeleteCertificate", {{"CertificateId", id}});
  EXPECT_EQ(r["DeleteResult"], true);
  EXPECT_EQ(client.call("DeleteCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotFound");
  auto bulk = client.ok("DeleteCertificates", {{"CertificateIds", {other}}});
  EXPECT_EQ(bulk["Success"], nlohmann::json({other}));
}

// The bound-resource query does not need the checked-delete service role; when it is not
// authorised, DescribeCertificateBindResourceTaskDetail (which documents the code) says so.
TEST_F(DeleteTest, BindQueryWorksWithoutTheServiceRoleUnlessItIsUnauthorised) {
  const std::string id = upload(make_pem("www.example.com"));
  server->admin("POST", "/bindings",
                {{"ResourceType", "cdn"}, {"Target", "cdn.example.com"}, {"CertificateId", id}});
  server->admin("POST", "/tasks/config", {{"service_role", false}});
  auto created = client.ok("CreateCertificateBindResourceSyncTask",
                           {{"CertificateIds", {id}}, {"IsCache", 0}});
  const std::string task = created["CertTaskIds"][0]["TaskId"];
  nlohmann::json detail;
  for (int i = 0; i < 10; ++i) {
    detail = client.ok("DescribeCertificateBindResourceTaskDetail", {{"TaskId", task}});
    if (detail["Status"] != 0) break;
  }
  EXPECT_EQ(detail["Status"], 1);
  ASSERT_EQ(detail["CDN"].size(), 1u);
  EXPECT_EQ(detail["CDN"][0]["InstanceList"][0]["Domain"], "cdn.example.com");

  server->admin("POST", "/tasks/config", {{"bind_query_authorised", false}});
  EXPECT_EQ(client.call("DescribeCertificateBindResourceTaskDetail", {{"TaskId", task}}).code(),
            "FailedOperation.RoleNotFoundAuthorization");
}

TEST_F(DeleteTest, CheckedDeleteTaskEndsIn4WhileBoundAnd1Otherwise) {
  const std::string bound = upload(make_pem("www.example.com"));
  const std::string free_ = upload(make_pem("x.example.com"));
  server->admin(
      "POST", "/bindings",
      {{"ResourceType", "live"}, {"Target", "live.example.com"}, {"CertificateId", bound}});
  auto a = client.ok("DeleteCertificate", {{"CertificateId", bound}, {"IsCheckResource", true}});
  EXPECT_EQ(a["DeleteResult"], false);
  auto b = client.ok("DeleteCertificates", {{"CertificateIds", {free_}}, {"IsSync", true}});
  const std::string ta = a["TaskId"], tb = b["CertTaskIds"][0]["TaskId"];
  nlohmann::json res;
  for (int i = 0; i < 10; ++i) {
    res = client.ok("DescribeDeleteCertificatesTaskResult", {{"TaskIds", {ta, tb}}});
    if (res["DeleteTaskResult"][0]["Status"] != 0 && res["DeleteTaskResult"][1]["Status"] != 0)
      break;
  }
  EXPECT_EQ(res["DeleteTaskResult"][0]["Status"], 4);
  EXPECT_EQ(res["DeleteTaskResult"][0]["Error"], "有未解绑的云资源");
  EXPECT_EQ(res["DeleteTaskResult"][1]["Status"], 1);
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", free_}}).code(),
            "FailedOperation.CertificateNotFound");
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", bound}}).code(), "");
}

TEST_F(DeleteTest, BulkSyncDeleteReportsSuccessAndFail) {
  const std::string id = upload(make_pem("www.example.com"));
  auto r = client.ok("DeleteCertificates", {{"CertificateIds", {id, "Missing1"}}});
  EXPECT_EQ(r["Success"], nlohmann::json({id}));
  EXPECT_EQ(r["Fail"][0]["CertId"], "Missing1");
}

TEST_F(DeleteTest, MissingServiceRoleFailsCheckedDelete) {
  const std::string id = upload(make_pem("www.example.com"));
  server->admin("POST", "/tasks/config", {{"service_role", false}});
  EXPECT_EQ(
      client.call("DeleteCertificate", {{"CertificateId", id}, {"IsCheckResource", true}}).code(),
      "FailedOperation.RoleNotFoundAuthorization");
}

TEST_F(IssuanceTest, DnsAutoGoesFrom4ToIssuedWithARealCertificate) {
  auto r = client.ok("ApplyCertificate",
                     {{"DvAuthMethod", "DNS_AUTO"}, {"DomainName", "wgc.example.com"}});
  const std::string id = r["CertificateId"];
  auto first = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(first["Status"], 4);  // issue_polls 1: one read shows the pending state
  EXPECT_EQ(first["DvAuthDetail"]["DvAuths"].size(), 1u);
  auto d = client.ok("DescribeCertificateDetail", {{"CertificateId", id}});
  EXPECT_EQ(d["Status"], 1);
  EXPECT_EQ(d["PackageType"], "83");
  EXPECT_EQ(d["Domain"], "wgc.example.com");
  EXPECT_NE(d["CertificatePublicKey"].get<std::string>().find("BEGIN CERTIFICATE"),
            std::string::npos);
  EXPECT_EQ(d["ValidityPeriod"], "3");
  EXPECT_TRUE(d["DvAuthDetail"]["DvAuths"].empty());
}

// StatusMsg WAIT-ISSUE ("domain validation passed, awaiting issuance") comes before issuance,
// not after it.
TEST_F(IssuanceTest, WaitIssueIsShownAfterValidationAndBeforeIssuance) {
  auto r = client.ok("ApplyCertificate",
                     {{"DvAuthMethod", "DNS_AUTO"}, {"DomainName", "wait.example.com"}});
  const std::string id = r["CertificateId"];
  auto pending = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(pending["Status"], 4);
  EXPECT_EQ(pending["StatusMsg"], "WAIT-ISSUE");
  auto issued = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(issued["Status"], 1);
  EXPECT_NE(issued["StatusMsg"], "WAIT-ISSUE");
}

// DNS validation records may be CNAME, as in the API's DescribeCertificate example.
TEST_F(IssuanceTest, DnsValidationRecordCanBeACname) {
  server->admin("POST", "/tasks/config", {{"dns_record_type", "CNAME"}});
  auto r =
      client.ok("ApplyCertificate", {{"DvAuthMethod", "DNS"}, {"DomainName", "cn.example.com"}});
  auto d = client.ok("DescribeCertificate", {{"CertificateId", r["CertificateId"]}});
  const auto& auth = d["DvAuthDetail"]["DvAuths"][0];
  EXPECT_EQ(auth["DvAuthVerifyType"], "CNAME");
  const std::string key = auth["DvAuthKey"];
  EXPECT_EQ(key, auth["DvAuthSubDomain"].get<std::string>() + ".cn.example.com");
  const std::string value = auth["DvAuthValue"];
  EXPECT_NE(value.find(".trust-provider.com"), std::string::npos) << value;
}

TEST_F(IssuanceTest, ManualDnsWaitsForCompleteCertificate) {
  SimulatorOptions o = quiet_options();
  o.settings.issue_polls = 2;
  start(o);
  const std::string id =
      client.ok("ApplyCertificate",
                {{"DvAuthMethod", "DNS"}, {"DomainName", "manual.example.com"}})["CertificateId"];
  for (int i = 0; i < 3; ++i) {
    auto d = client.ok("DescribeCertificate", {{"CertificateId", id}});
    EXPECT_EQ(d["Status"], 0);
    EXPECT_EQ(d["DvAuthDetail"]["DvAuths"][0]["DvAuthVerifyType"], "TXT");
    EXPECT_EQ(d["DvAuthDetail"]["DvAuthKeySubDomain"], "_dnsauth");
  }
  auto check = client.ok("CheckCertificateDomainVerification", {{"CertificateId", id}});
  EXPECT_EQ(check["VerificationResults"][0]["LocalCheck"], -1);
  EXPECT_EQ(client.call("DeleteCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CannotBeDeletedWithinHour");
  client.ok("CompleteCertificate", {{"CertificateId", id}});
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 0);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 0);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 1);
  EXPECT_EQ(client.call("CompleteCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotFoundOrAudited");
}

TEST_F(IssuanceTest, ConfiguredDomainFailsReview) {
  server->admin("POST", "/tasks/config",
                {{"dv_failures", {{{"match", "bad.example.com"}, {"message", "CA审核失败"}}}}});
  const std::string id =
      client.ok("ApplyCertificate",
                {{"DvAuthMethod", "DNS_AUTO"}, {"DomainName", "bad.example.com"}})["CertificateId"];
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 4);
  auto d = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(d["Status"], 2);
  EXPECT_EQ(d["StatusMsg"], "CA审核失败");
}

TEST_F(IssuanceTest, InvalidApplicationsAndCancel) {
  EXPECT_EQ(
      client.call("ApplyCertificate", {{"DvAuthMethod", "EMAIL"}, {"DomainName", "a.example.com"}})
          .code(),
      "FailedOperation.InvalidParam");
  EXPECT_EQ(client.call("ApplyCertificate", {{"DvAuthMethod", "DNS"}}).code(), "MissingParameter");
  const std::string id =
      client.ok("ApplyCertificate",
                {{"DvAuthMethod", "FILE"}, {"DomainName", "f.example.com"}})["CertificateId"];
  auto d = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(d["DvAuthDetail"]["DvAuthPath"], "/.well-known/pki-validation/");
  client.ok("CancelCertificateOrder", {{"CertificateId", id}});
  // 6 (order cancelling), then 7 (cancelled): cancel_test.cpp.
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 6);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 7);
}

}  // namespace
}  // namespace cloudssl::sim::test
