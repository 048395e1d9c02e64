// Certificate objects: upload with OpenSSL checks, Repeatable, describe/list/filters/paging,
// alias, project, notification switch.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using CertificateTest = SimTest;

TEST_F(CertificateTest, UploadDerivesDomainSansDatesAndFingerprint) {
  Pem pem = make_pem("www.example.com", {"example.com"});
  const std::string id =
      upload(pem, {{"Alias", "web"}, {"Tags", {{{"TagKey", "env"}, {"TagValue", "ci"}}}}});
  ASSERT_EQ(id.size(), 8u);
  auto d = client.ok("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(d["Domain"], "www.example.com");
  EXPECT_EQ(d["SubjectAltName"], nlohmann::json({"www.example.com", "example.com"}));
  EXPECT_EQ(d["Status"], 1);
  EXPECT_EQ(d["From"], "upload");
  EXPECT_EQ(d["CertificateType"], "SVR");
  EXPECT_EQ(d["Alias"], "web");
  EXPECT_EQ(d["ProjectId"], "0");
  EXPECT_TRUE(d["PackageType"].is_null());
  EXPECT_EQ(d["Tags"][0]["TagKey"], "env");
  EXPECT_FALSE(d.contains("CertificatePrivateKey"));
  auto detail = client.ok("DescribeCertificateDetail", {{"CertificateId", id}});
  EXPECT_EQ(detail["CertificatePublicKey"], pem.cert);
  EXPECT_EQ(detail["CertificatePrivateKey"], pem.key);
  EXPECT_EQ(detail["SubjectAltName"], nlohmann::json({"example.com"}));  // main domain excluded
  EXPECT_EQ(detail["CertFingerprint"].get<std::string>().size(), 40u);
  EXPECT_EQ(detail["EncryptAlgorithm"], "ECC 256");
  EXPECT_EQ(detail["CertBeginTime"].get<std::string>().size(), 19u);
}

TEST_F(CertificateTest, KeyOfAnotherCertificateIsAMismatch) {
  Pem a = make_pem("a.example.com"), b = make_pem("b.example.com");
  Reply r = client.call("UploadCertificate",
                        {{"CertificatePublicKey", a.cert}, {"CertificatePrivateKey", b.key}});
  EXPECT_EQ(r.code(), "FailedOperation.CertificateMismatch");
  r = client.call("UploadCertificate",
                  {{"CertificatePublicKey", "not a pem"}, {"CertificatePrivateKey", a.key}});
  EXPECT_EQ(r.code(), "FailedOperation.CertificateParseError");
  r = client.call("UploadCertificate", {{"CertificatePublicKey", a.cert}});
  EXPECT_EQ(r.code(), "MissingParameter");  // SVR needs the key
}

TEST_F(CertificateTest, RepeatableFalseReturnsTheExistingId) {
  Pem pem = make_pem("www.example.com");
  const std::string first = upload(pem);
  auto again = client.ok("UploadCertificate", {{"CertificatePublicKey", pem.cert},
                                               {"CertificatePrivateKey", pem.key},
                                               {"Repeatable", false}});
  EXPECT_EQ(again["CertificateId"], first);
  EXPECT_EQ(again["RepeatCertId"], first);
  EXPECT_NE(upload(pem), first);  // Repeatable defaults to true: a copy
  auto exist = client.ok("CheckCertificateExist", {{"CertificatePublicKey", pem.cert}});
  EXPECT_FALSE(exist["RepeatCertId"].get<std::string>().empty());
}

TEST_F(CertificateTest, DuplicateUploadCanBeConfiguredToFail) {
  SimulatorOptions o = quiet_options();
  o.settings.duplicate_upload_error = true;
  start(o);
  Pem pem = make_pem("www.example.com");
  upload(pem);
  Reply r = client.call("UploadCertificate", {{"CertificatePublicKey", pem.cert},
                                              {"CertificatePrivateKey", pem.key},
                                              {"Repeatable", false}});
  EXPECT_EQ(r.code(), "FailedOperation.CertificateExists");
}

TEST_F(CertificateTest, DetailCanShowThePrivateKeyMasked) {
  SimulatorOptions o = quiet_options();
  o.settings.mask_private_key = true;  // --mask-private-key
  start(o);
  Pem pem = make_pem("www.example.com");
  const std::string id = upload(pem);
  auto detail = client.ok("DescribeCertificateDetail", {{"CertificateId", id}});
  EXPECT_EQ(detail["CertificatePrivateKey"], "*******");
  EXPECT_EQ(detail["CertificatePublicKey"], pem.cert);
  // Switched off at run time through the admin endpoint: the key again.
  EXPECT_EQ(
      server->admin("POST", "/tasks/config", {{"mask_private_key", false}})["mask_private_key"],
      false);
  detail = client.ok("DescribeCertificateDetail", {{"CertificateId", id}});
  EXPECT_EQ(detail["CertificatePrivateKey"], pem.key);
}

TEST_F(CertificateTest, MissingCertificateIsNotFound) {
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");
  EXPECT_EQ(client.call("DescribeCertificateDetail", {{"CertificateId", "Nope1234"}}).code(),
            "FailedOperation.CertificateNotFound");
}

TEST_F(CertificateTest, ListFiltersAndPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        upload(make_pem("host" + std::to_string(i) + ".example.com"), {{"ProjectId", i % 2}}));
  }
  auto page = client.ok("DescribeCertificates", {{"Limit", 2}, {"Offset", 1}});
  EXPECT_EQ(page["TotalCount"], 5);
  EXPECT_EQ(page["Certificates"].size(), 2u);
  auto by_id = client.ok("DescribeCertificates", {{"CertIds", {ids[3]}}});
  ASSERT_EQ(by_id["TotalCount"], 1);
  EXPECT_EQ(by_id["Certificates"][0]["CertificateId"], ids[3]);
  EXPECT_EQ(by_id["Certificates"][0]["HostingStatus"], -1);
  EXPECT_EQ(by_id["Certificates"][0]["IsIgnore"], false);
  auto search = client.ok("DescribeCertificates", {{"SearchKey", "HOST2"}});
  EXPECT_EQ(search["TotalCount"], 1);
  auto project = client.ok("DescribeCertificates", {{"ProjectId", 1}});
  EXPECT_EQ(project["TotalCount"], 2);
  auto status = client.ok("DescribeCertificates", {{"CertificateStatus", {3}}});
  EXPECT_EQ(status["TotalCount"], 0);
  auto capped = client.ok("DescribeCertificates", {{"Limit", 5000}});
  EXPECT_EQ(capped["Certificates"].size(), 5u);
}

TEST_F(CertificateTest, AliasProjectAndNotificationSwitch) {
  const std::string id = upload(make_pem("www.example.com"));
  client.ok("ModifyCertificateAlias", {{"CertificateId", id}, {"Alias", "renamed"}});
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Alias"], "renamed");
  auto moved = client.ok("ModifyCertificateProject",
                         {{"CertificateIdList", {id, "Missing1"}}, {"ProjectId", 7}});
  EXPECT_EQ(moved["SuccessCertificates"], nlohmann::json({id}));
  EXPECT_EQ(moved["FailCertificates"], nlohmann::json({"Missing1"}));
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["ProjectId"], "7");
  client.ok("ModifyCertificatesExpiringNotificationSwitch",
            {{"CertificateIds", {id}}, {"SwitchStatus", 1}});
  auto list = client.ok("DescribeCertificates", {{"CertIds", {id}}});
  EXPECT_EQ(list["Certificates"][0]["IsIgnore"], true);
}

TEST_F(CertificateTest, ExpiredCertificateReadsAsStatus3) {
  const std::string id = upload(make_pem("www.example.com", {}, 10));
  server->admin("POST", "/clock", {{"advance_seconds", 11 * 86400}});
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 3);
}

TEST_F(CertificateTest, AdminDriftIsVisibleThroughTheApi) {
  const std::string id = upload(make_pem("www.example.com"));
  server->admin("POST", "/certificates/" + id,
                {{"Alias", "changed"}, {"RenewOrder", "Renew123"}, {"HostingStatus", 10}});
  auto c = client.ok("DescribeCertificates", {{"CertIds", {id}}})["Certificates"][0];
  EXPECT_EQ(c["Alias"], "changed");
  EXPECT_EQ(c["HasRenewOrder"], "Renew123");
  EXPECT_EQ(c["HostingStatus"], 10);
  server->admin("DELETE", "/certificates/" + id);
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotFound");
}

}  // namespace
}  // namespace cloudssl::sim::test
