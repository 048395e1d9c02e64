// Reissue (ReplaceCertificate, seed 004): a new certificate with a new id that goes through
// validation like an application, ReplacedFor / ReplacedBy linking the two both ways; a free
// certificate reissued once, only when issued, only RSA 2048; the parameter rules of CsrType; an
// uploaded CSR's key is the reissue's.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

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

// An RSA 2048 key and a PEM certificate request for `common_name` signed with it.
struct RequestAndKey {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, EVP_PKEY_free};
  std::string csr_pem;
};

RequestAndKey rsa_request(const std::string& common_name) {
  RequestAndKey out;
  out.key.reset(EVP_RSA_gen(2048));
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(X509_REQ_new(), X509_REQ_free);
  X509_NAME_add_entry_by_NID(X509_REQ_get_subject_name(req.get()), NID_commonName, MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_REQ_set_pubkey(req.get(), out.key.get());
  X509_REQ_sign(req.get(), out.key.get(), EVP_sha256());
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509_REQ(bio.get(), req.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  out.csr_pem.assign(data, static_cast<std::size_t>(size));
  return out;
}

// Whether the first certificate of `pem` carries the public half of `key`.
bool certificate_has_key(const std::string& pem, EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())),
                                                BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  return cert && EVP_PKEY_eq(X509_get0_pubkey(cert.get()), key) == 1;
}

// A reissue asked for with the requester's own CSR (CsrType Upload) is issued with that CSR's
// key, which the simulator never holds: no private key in the detail.
TEST_F(ReissueTest, AnUploadedCsrsKeyIsTheReissuesKey) {
  const std::string id = issued_free(client, *server, "own.example.com");
  const RequestAndKey mine = rsa_request("own.example.com");
  const std::string reissue = client
                                  .ok("ReplaceCertificate", {{"CertificateId", id},
                                                             {"ValidType", "DNS"},
                                                             {"CsrType", "Upload"},
                                                             {"CsrContent", mine.csr_pem}})
                                  .at("CertificateId");
  server->admin("POST", "/certificates/" + reissue + "/validate");
  server->admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", reissue}});
  const json detail = client.ok("DescribeCertificateDetail", {{"CertificateId", reissue}});
  ASSERT_EQ(detail["Status"], 1);
  EXPECT_TRUE(certificate_has_key(detail["CertificatePublicKey"], mine.key.get()));
  const json& key = detail["CertificatePrivateKey"];  // none: the requester keeps it
  EXPECT_TRUE(key.is_null() || key == "") << key;
  EXPECT_EQ(detail["EncryptAlgorithm"], "RSA 2048");
  // Without a CSR the reissue gets a key of its own, which Tencent holds.
  const std::string other = issued_free(client, *server, "their.example.com");
  const std::string online =
      client.ok("ReplaceCertificate", {{"CertificateId", other}, {"ValidType", "DNS_AUTO"}})
          .at("CertificateId");
  server->admin("POST", "/tasks/complete", {{"kind", "issuance"}, {"id", online}});
  const json theirs = client.ok("DescribeCertificateDetail", {{"CertificateId", online}});
  EXPECT_FALSE(certificate_has_key(theirs["CertificatePublicKey"], mine.key.get()));
  EXPECT_TRUE(theirs["CertificatePrivateKey"].is_string());
  EXPECT_NE(theirs["CertificatePrivateKey"], "");
}

}  // namespace
}  // namespace cloudssl::sim::test
