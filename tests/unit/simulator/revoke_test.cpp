// Revocation (RevokeCertificate): who may be revoked, the records to publish, Status 9 → 10.
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using RevokeTest = SimTest;

// A free certificate applied for with `method` and issued.
std::string issued_free(SignedClient& client, SimServer& server, const std::string& method,
                        const std::string& domain) {
  const std::string id = client.ok(
      "ApplyCertificate", {{"DvAuthMethod", method}, {"DomainName", domain}})["CertificateId"];
  server.admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", id}});
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 1);
  return id;
}

TEST_F(RevokeTest, DnsRecordsThenStatus10AfterValidation) {
  const std::string id = issued_free(client, *server, "DNS", "r.example.com");
  auto r = client.ok("RevokeCertificate", {{"CertificateId", id}, {"Reason", "key leaked"}});
  ASSERT_EQ(r["RevokeDomainValidateAuths"].size(), 1u);
  const auto& rec = r["RevokeDomainValidateAuths"][0];
  EXPECT_EQ(rec["DomainValidateAuthDomain"], "r.example.com");
  EXPECT_EQ(rec["DomainValidateAuthPath"], "");
  const std::string key = rec["DomainValidateAuthKey"];
  EXPECT_EQ(key.rfind("_revoke_", 0), 0u) << key;
  EXPECT_FALSE(rec["DomainValidateAuthValue"].get<std::string>().empty());

  // Status 9 with the same records, until they are validated.
  for (int i = 0; i < 3; ++i) {
    auto d = client.ok("DescribeCertificate", {{"CertificateId", id}});
    EXPECT_EQ(d["Status"], 9);
    ASSERT_EQ(d["DvRevokeAuthDetail"].size(), 1u);
    EXPECT_EQ(d["DvRevokeAuthDetail"][0]["DvAuthKey"], key);
    EXPECT_EQ(d["DvRevokeAuthDetail"][0]["DvAuthValue"], rec["DomainValidateAuthValue"]);
  }
  // A second revocation of a certificate being revoked is refused.
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
  server->admin("POST", "/certificates/" + id + "/validate");
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 9);
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 10);
  auto listed = client.ok("DescribeCertificates", {{"CertIds", {id}}});
  EXPECT_FALSE(listed["Certificates"][0]["CertRevokedTime"].get<std::string>().empty());
}

TEST_F(RevokeTest, DnsAutoIsValidatedAtOnceAndFileGivesAFile) {
  const std::string autoid = issued_free(client, *server, "DNS_AUTO", "a.example.com");
  client.ok("RevokeCertificate", {{"CertificateId", autoid}});
  int status = 9;
  for (int i = 0; i < 5 && status == 9; ++i)
    status = client.ok("DescribeCertificate", {{"CertificateId", autoid}})["Status"].get<int>();
  EXPECT_EQ(status, 10);

  const std::string file = issued_free(client, *server, "FILE", "f.example.com");
  auto r = client.ok("RevokeCertificate", {{"CertificateId", file}});
  EXPECT_EQ(r["RevokeDomainValidateAuths"][0]["DomainValidateAuthPath"],
            "/.well-known/pki-validation/");
  EXPECT_EQ(r["RevokeDomainValidateAuths"][0]["DomainValidateAuthKey"], "fileauth.txt");
}

// A `revoke_letters` rule: the revocation waits for its letter (Status 12), which no validation
// moves on, until the admin revoke-letter endpoint (the console's upload); then it goes on (9)
// and, its DNS_AUTO records validated, ends revoked (10).
TEST_F(RevokeTest, ARevocationCanWaitForItsLetterUntilItIsUploaded) {
  server->admin("POST", "/tasks/config",
                {{"revoke_letters", {{{"match", "l.example.com"}, {"times", 1}}}}});
  const std::string id = issued_free(client, *server, "DNS_AUTO", "l.example.com");
  client.ok("RevokeCertificate", {{"CertificateId", id}});
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"], 12);
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
  EXPECT_EQ(server->admin("POST", "/certificates/" + id + "/revoke-letter")["status"], 9);
  int status = 9;
  for (int i = 0; i < 5 && status == 9; ++i)
    status = client.ok("DescribeCertificate", {{"CertificateId", id}})["Status"].get<int>();
  EXPECT_EQ(status, 10);
  // Only a revocation waiting for its letter takes one.
  EXPECT_EQ(server->simulator()
                .handle_admin("POST", "/certificates/" + id + "/revoke-letter", {}, "")
                .status,
            400);
}

TEST_F(RevokeTest, RefusedForUploadsPendingBoundAndUnknown) {
  const std::string uploaded = upload(make_pem("u.example.com"));
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", uploaded}}).code(),
            "FailedOperation.InvalidCertificateSource");
  const std::string pending =
      client.ok("ApplyCertificate",
                {{"DvAuthMethod", "DNS"}, {"DomainName", "p.example.com"}})["CertificateId"];
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", pending}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
  const std::string bound = issued_free(client, *server, "DNS_AUTO", "b.example.com");
  server->admin("POST", "/bindings",
                {{"ResourceType", "cdn"}, {"Target", "cdn.example.com"}, {"CertificateId", bound}});
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", bound}}).code(),
            "FailedOperation.RevokeResourceFailed");
  EXPECT_EQ(client.ok("DescribeCertificate", {{"CertificateId", bound}})["Status"], 1);
  EXPECT_EQ(client.call("RevokeCertificate", {{"CertificateId", "NoSuch01"}}).code(),
            "FailedOperation.CertificateNotFound");
}

}  // namespace
}  // namespace cloudssl::sim::test
