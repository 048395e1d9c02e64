// Reissue (ReplaceCertificate, seed 004): a new certificate with a new id that goes through
// validation like an application, ReplacedFor / ReplacedBy linking the two both ways; a free
// certificate reissued once, only when issued, only RSA 2048; the parameter rules of CsrType.
#include "simulator/cert_info.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using nlohmann::json;
using ReissueTest = SimTest;

std::string issued_free(SignedClient& client, SimServer& server, const std::string& domain,
                        const std::string& algo = "RSA") {
  const std::string id =
      client.ok("ApplyCertificate", {{"DvAuthMethod", "DNS_AUTO"},
                                     {"DomainName", domain},
                                     {"CsrEncryptAlgo", algo},
                                     {"CsrKeyParameter", algo == "ECC" ? "prime256v1" : "2048"},
                                     {"Alias", "site"}})["CertificateId"];
  server.admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", id}});
  return id;
}

TEST_F(ReissueTest, ANewCertificateValidatedLikeAnApplicationAndLinkedBothWays) {
  const std::string original = issued_free(client, *server, "re.example.com");
  const std::string reissue =
      client
          .ok("ReplaceCertificate",
              {{"CertificateId", original}, {"ValidType", "DNS"}, {"Reason", "key leaked"}})
          .at("CertificateId");
  ASSERT_NE(reissue, original);
  auto fresh = client.ok("DescribeCertificate", {{"CertificateId", reissue}});
  EXPECT_EQ(fresh["Status"], 0);
  EXPECT_EQ(fresh["StatusMsg"], "PENDING-DCV");
  EXPECT_EQ(fresh["Alias"], "site");
  EXPECT_EQ(fresh["DvAuthDetail"]["DvAuths"][0]["DvAuthKey"], "_dnsauth.re.example.com");
  EXPECT_EQ(fresh["CertificateExtra"]["ReplacedBy"], original);
  EXPECT_TRUE(fresh["CertificateExtra"]["ReplacedFor"].is_null());
  auto old = client.ok("DescribeCertificate", {{"CertificateId", original}});
  EXPECT_EQ(old["Status"], 1);  // still valid
  EXPECT_EQ(old["CertificateExtra"]["ReplacedFor"], reissue);
  EXPECT_TRUE(old["CertificateExtra"]["ReplacedBy"].is_null());

  server->admin("POST", "/certificates/" + reissue + "/validate");
  server->admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", reissue}});
  auto listed = client.ok("DescribeCertificates", {{"CertIds", {reissue}}})["Certificates"][0];
  EXPECT_EQ(listed["Status"], 1);
  EXPECT_EQ(listed["EncryptAlgorithm"], "RSA 2048");
  EXPECT_EQ(listed["ReplaceOriCertIsDelete"], false);

  // Once: neither the original nor its reissue can be reissued again.
  for (const auto& id : {original, reissue})
    EXPECT_EQ(
        client.call("ReplaceCertificate", {{"CertificateId", id}, {"ValidType", "DNS"}}).code(),
        "FailedOperation.OrderAlreadyReplaced");
}

TEST_F(ReissueTest, OnlyIssuedRsa2048CertificatesFromTheCa) {
  const std::string ecc = issued_free(client, *server, "ecc.example.com", "ECC");
  EXPECT_EQ(
      client.call("ReplaceCertificate", {{"CertificateId", ecc}, {"ValidType", "DNS"}}).code(),
      "InvalidParameter.RenewAlgorithmInvalid");
  const std::string pending =
      client.ok("ApplyCertificate", {{"DvAuthMethod", "DNS"}, {"DomainName", "p.example.com"}})
          .at("CertificateId");
  EXPECT_EQ(
      client.call("ReplaceCertificate", {{"CertificateId", pending}, {"ValidType", "DNS"}}).code(),
      "FailedOperation.InvalidCertificateStatusCode");
  EXPECT_EQ(client.call("ReplaceCertificate", {{"CertificateId", "NoSuch01"}, {"ValidType", "DNS"}})
                .code(),
            "FailedOperation.CertificateNotFound");
}

TEST_F(ReissueTest, CsrTypeDecidesWhichParametersApplyAndTheKey) {
  const std::string id = issued_free(client, *server, "csr.example.com");
  auto refused = [&](json params) {
    params["CertificateId"] = id;
    return client.call("ReplaceCertificate", params).code();
  };
  EXPECT_EQ(refused({{"ValidType", "EMAIL"}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(refused({{"ValidType", "DNS"}, {"CsrType", "Upload"}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(refused({{"ValidType", "DNS"}, {"CertCSREncryptAlgo", "RSA"}}),
            "FailedOperation.InvalidParam");
  EXPECT_EQ(refused({{"ValidType", "DNS"}, {"CsrType", "Upload"}, {"CsrContent", "not a csr"}}),
            "FailedOperation.InvalidParam");
  EXPECT_EQ(refused({{"ValidType", "DNS"},
                     {"CsrType", "Online"},
                     {"CertCSREncryptAlgo", "RSA"},
                     {"CertCSRKeyParameter", "4096"}}),
            "InvalidParameter.RenewAlgorithmInvalid");
  // Refusals leave the certificate reissuable.
  auto ok = client.ok("ReplaceCertificate", {{"CertificateId", id},
                                             {"ValidType", "DNS_AUTO"},
                                             {"CsrType", "Online"},
                                             {"CertCSREncryptAlgo", "RSA"},
                                             {"CertCSRKeyParameter", "2048"}});
  auto fresh = client.ok("DescribeCertificate", {{"CertificateId", ok.at("CertificateId")}});
  EXPECT_EQ(fresh["Status"], 4);  // DNS_AUTO: Tencent adds the record
}

}  // namespace
}  // namespace cloudssl::sim::test
