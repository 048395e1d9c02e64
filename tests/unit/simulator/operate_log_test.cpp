// The operation log (DescribeCertificateOperateLogs): the user's operations and the CA's,
// newest first, in a time window, paged; a malformed time is refused.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using OperateLogTest = SimTest;

TEST_F(OperateLogTest, RecordsOperationsNewestFirstInAWindowAndPaged) {
  const std::string uploaded = upload(make_pem("u.example.com"));
  client.ok("ModifyCertificateAlias", {{"CertificateId", uploaded}, {"Alias", "renamed"}});
  const std::string applied =
      client.ok("ApplyCertificate",
                {{"DvAuthMethod", "DNS"}, {"DomainName", "a.example.com"}})["CertificateId"];
  server->admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", applied}});
  client.ok("DeleteCertificate", {{"CertificateId", uploaded}});
  // A refused call leaves no entry.
  EXPECT_EQ(client.call("DeleteCertificate", {{"CertificateId", uploaded}}).code(),
            "FailedOperation.CertificateNotFound");

  auto all = client.ok("DescribeCertificateOperateLogs", {{"Limit", 100}});
  ASSERT_EQ(all["AllTotal"], 5);
  EXPECT_EQ(all["TotalCount"], 5);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& l : all["OperateLogs"])
    got.emplace_back(l["Type"].get<std::string>(), l["CertId"].get<std::string>());
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"delete", uploaded},
                                                                   {"issued", applied},
                                                                   {"apply", applied},
                                                                   {"updateAlias", uploaded},
                                                                   {"upload", uploaded}}));
  EXPECT_EQ(all["OperateLogs"][1]["SubAccountUin"], "--");  // the CA issued it
  EXPECT_EQ(all["OperateLogs"][0]["Action"],
            "用户[uin: 100000000001] 删除 证书[id: " + uploaded + "]");

  auto page = client.ok("DescribeCertificateOperateLogs", {{"Limit", 2}, {"Offset", 1}});
  EXPECT_EQ(page["AllTotal"], 5);
  EXPECT_EQ(page["TotalCount"], 2);
  EXPECT_EQ(page["OperateLogs"][0]["Type"], "issued");

  auto future = client.ok("DescribeCertificateOperateLogs", {{"StartTime", "2999-01-01 00:00:00"}});
  EXPECT_EQ(future["AllTotal"], 0);
  server->admin("POST", "/clock", {{"advance_seconds", 16 * 86400}});
  EXPECT_EQ(client.ok("DescribeCertificateOperateLogs", nlohmann::json::object())["AllTotal"], 0)
      << "the default window is the last 15 days";
  EXPECT_EQ(client.call("DescribeCertificateOperateLogs", {{"EndTime", "tomorrow"}}).code(),
            "InvalidParameterValue");
}

}  // namespace
}  // namespace cloudssl::sim::test
