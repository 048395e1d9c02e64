// Paid certificates in the simulator (seed 004: CreateCertificate, CreateCertificateByPackage,
// CertificateInfoSubmit, CertificateOrderSubmit, CancelAuditCertificate, CancelCertificateOrder,
// ModifyCertificateResubmit, DescribeCompanies / DescribeManagers / DescribePackages): the order's
// states, the review-failure setting, the points a package purchase spends, and the refusals each
// action documents.
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using nlohmann::json;

// A PEM certificate request for `common_name` with a fresh P-256 key.
std::string make_csr(const std::string& common_name) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(X509_REQ_new(), X509_REQ_free);
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  X509_NAME_add_entry_by_NID(name, NID_commonName, MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_REQ_set_pubkey(req.get(), key.get());
  X509_REQ_sign(req.get(), key.get(), EVP_sha256());
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509_REQ(out.get(), req.get());
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

class PaidTest : public SimTest {
 protected:
  void SetUp() override {
    SimTest::SetUp();
    server->admin("POST", "/seed",
                  {{"companies",
                    {{{"CompanyId", 122},
                      {"CompanyName", "Example Ltd"},
                      {"CompanyCountry", "CN"},
                      {"CompanyProvince", "Guangdong"},
                      {"CompanyCity", "Shenzhen"},
                      {"CompanyAddress", "1 Example Road"},
                      {"CompanyPhone", "0755-8601"}},
                     {{"CompanyId", 123}, {"CompanyName", "Other Ltd"}}}},
                   {"managers",
                    {{{"CompanyId", 122},
                      {"ManagerId", 36383},
                      {"Status", "ok"},
                      {"ManagerFirstName", "Ada"},
                      {"ManagerLastName", "Lee"},
                      {"ManagerMail", "ada@example.com"},
                      {"ManagerDepartment", "IT"},
                      {"ManagerPhone", "13800000000"},
                      {"ManagerPosition", "SRE"}},
                     {{"CompanyId", 122},
                      {"ManagerId", 36384},
                      {"Status", "audit"},
                      {"ManagerFirstName", "Bo"},
                      {"ManagerLastName", "Wu"},
                      {"ManagerMail", "bo@example.com"},
                      {"ManagerDepartment", "Ops"}}}},
                   {"packages",
                    {{{"PackageId", "P1"},
                      {"Status", "usable"},
                      {"Balance", 60},
                      {"Total", 100},
                      {"Type", "ssl_100"},
                      {"ExpireTime", "2027-12-18"}},
                     {{"PackageId", "P2"},
                      {"Status", "used"},
                      {"Balance", 0},
                      {"Total", 500},
                      {"Type", "ssl_500"},
                      {"ExpireTime", "2026-01-01"}}}}});
  }

  std::string buy(std::int64_t product = 25, int domains = 1, int years = 1) {
    json r = client.ok(
        "CreateCertificate",
        {{"ProductId", product}, {"DomainNum", domains}, {"TimeSpan", years}, {"AutoVoucher", 0}});
    EXPECT_EQ(r["CertificateIds"].size(), 1u);
    EXPECT_EQ(r["DealIds"].size(), 1u);
    return r["CertificateIds"][0].get<std::string>();
  }

  json info(const std::string& id, const std::string& cn, json extra = json::object()) {
    json body = {{"CertId", id},
                 {"GenCsrType", "online"},
                 {"CertCommonName", cn},
                 {"CompanyType", 2},
                 {"CompanyId", "122"},
                 {"ManagerId", "36383"},
                 {"CsrEncryptAlgo", "RSA"},
                 {"CsrKeyParameter", "2048"},
                 {"VerifyType", "DNS"}};
    if (extra.is_object()) body.update(extra);  // {} is null, not an object
    return body;
  }

  json describe(const std::string& id) {
    return client.ok("DescribeCertificate", {{"CertificateId", id}});
  }
};

TEST_F(PaidTest, ABoughtOrderWaitsForItsInformationThenValidationThenIsIssued) {
  const std::string id = buy(26, 3, 2);  // Wotrus DV multi-domain, 3 names, 2 years
  json d = describe(id);
  EXPECT_EQ(d["Status"], 0);
  EXPECT_EQ(d["PackageType"], "26");
  EXPECT_EQ(d["SubmittedData"], nullptr);
  EXPECT_EQ(d["ValidityPeriod"], "24");
  EXPECT_EQ(d["CertificateExtra"]["DomainNumber"], "3");
  EXPECT_EQ(d["DvAuthDetail"]["DvAuths"], json::array());
  // Not issued: no validity, "" in the list (its model does not allow null there).
  json listed = client.ok("DescribeCertificates", {{"CertIds", {id}}})["Certificates"][0];
  EXPECT_EQ(listed["CertBeginTime"], "");
  EXPECT_EQ(listed["CertEndTime"], "");
  // An order before its information is refused.
  EXPECT_EQ(client.call("CertificateOrderSubmit", {{"CertId", id}}).code(),
            "FailedOperation.CertificateInfoSubmitStatusInvalid");

  client.ok("CertificateInfoSubmit",
            info(id, "www.example.com", {{"DnsNames", {"api.example.com", "cdn.example.com"}}}));
  d = describe(id);
  EXPECT_EQ(d["SubmittedData"]["CertificateDomain"], "www.example.com");
  EXPECT_EQ(d["SubmittedData"]["OrganizationName"], "Example Ltd");  // from CompanyId
  EXPECT_EQ(d["SubmittedData"]["AdminEmail"], "ada@example.com");    // from ManagerId

  json order = client.ok("CertificateOrderSubmit", {{"CertId", id}});
  EXPECT_EQ(order["Status"], 0);
  EXPECT_FALSE(order["OrderId"].get<std::string>().empty());
  EXPECT_EQ(client.call("CertificateOrderSubmit", {{"CertId", id}}).code(),
            "FailedOperation.CertificateOrderSubmitProcessing");
  d = describe(id);
  EXPECT_EQ(d["StatusMsg"], "PENDING-DCV");
  ASSERT_EQ(d["DvAuthDetail"]["DvAuths"].size(), 3u);  // one record per name
  EXPECT_EQ(d["DvAuthDetail"]["DvAuths"][2]["DvAuthKey"], "_dnsauth.cdn.example.com");

  server->admin("POST", "/certificates/" + id + "/validate");
  describe(id);  // WAIT-ISSUE (issue_polls 1)
  d = describe(id);
  EXPECT_EQ(d["Status"], 1);
  json detail = client.ok("DescribeCertificateDetail", {{"CertificateId", id}});
  EXPECT_EQ(detail["CertType"], "DV");
  EXPECT_EQ(detail["SubjectAltName"], json({"api.example.com", "cdn.example.com"}));
  EXPECT_NE(detail["CertificatePublicKey"], nullptr);
  // Issued: neither the review nor the order can be cancelled any more.
  EXPECT_EQ(client.call("CancelAuditCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotFoundOrCantCancel");
  EXPECT_EQ(client.call("CancelCertificateOrder", {{"CertificateId", id}}).code(),
            "FailedOperation.InvalidCertificateStatusCode");
}

// Seed 004's status 5 ("企业证书，待提交"): an OV/EV purchase waits for its information in 5,
// also once the information is in, until the order is submitted; it can be cancelled there.
TEST_F(PaidTest, AnOrganisationsPurchaseWaitsForItsInformationInStatus5) {
  const std::string id = buy(14);  // TrustAsia OV
  EXPECT_EQ(describe(id)["Status"], 5);
  EXPECT_EQ(describe(id)["StatusName"], "企业证书，待提交资料");
  EXPECT_EQ(client.ok("DescribeCertificates", {{"CertificateStatus", {5}}})["TotalCount"], 1);
  client.ok("CertificateInfoSubmit", info(id, "www.example.com"));
  EXPECT_EQ(describe(id)["Status"], 5);
  EXPECT_EQ(client.ok("CertificateOrderSubmit", {{"CertId", id}})["Status"], 0);
  EXPECT_EQ(describe(id)["Status"], 0);

  const std::string other = buy(14);
  client.ok("CancelCertificateOrder", {{"CertificateId", other}});
  EXPECT_EQ(describe(other)["Status"], 6);
  EXPECT_EQ(describe(other)["Status"], 7);
}

TEST_F(PaidTest, DnsAutoValidatesAtOnce) {
  const std::string id = buy(14);  // TrustAsia OV
  client.ok("CertificateInfoSubmit", info(id, "shop.example.com", {{"VerifyType", "DNS_AUTO"}}));
  EXPECT_EQ(client.ok("CertificateOrderSubmit", {{"CertId", id}})["Status"], 4);
  describe(id);
  EXPECT_EQ(describe(id)["Status"], 1);
}

TEST_F(PaidTest, PurchasesOutsideTheProductListAreRefused) {
  auto code = [&](json body) { return client.call("CreateCertificate", body).code(); };
  EXPECT_EQ(code({{"ProductId", 999}, {"DomainNum", 1}, {"TimeSpan", 1}}),
            "FailedOperation.InvalidParam");
  // Multi-domain needs more than one name; single-domain exactly one.
  EXPECT_EQ(code({{"ProductId", 26}, {"DomainNum", 1}, {"TimeSpan", 1}}),
            "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"ProductId", 25}, {"DomainNum", 2}, {"TimeSpan", 1}}),
            "FailedOperation.InvalidParam");
  // CFCA EV (101) is single-year only.
  EXPECT_EQ(code({{"ProductId", 101}, {"DomainNum", 1}, {"TimeSpan", 2}}),
            "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"ProductId", 25}, {"DomainNum", 1}}), "MissingParameter");
}

TEST_F(PaidTest, InformationIsCheckedAgainstTheProductAndTheAccount) {
  const std::string id = buy(25);  // Wotrus DV single domain
  auto code = [&](json extra, const std::string& cn = "www.example.com") {
    return client.call("CertificateInfoSubmit", info(id, cn, std::move(extra))).code();
  };
  EXPECT_EQ(code({}, "*.example.com"), "FailedOperation.CertificateInfoSubmitDomainInvalid");
  EXPECT_EQ(code({}, "not a domain"), "FailedOperation.CertificateInfoSubmitDomainInvalid");
  EXPECT_EQ(code({{"DnsNames", {"api.example.com"}}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"CsrKeyParameter", "1024"}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"GenCsrType", "parse"}}), "FailedOperation.InvalidParam");  // no Csr
  EXPECT_EQ(code({{"CompanyId", "999"}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"ManagerId", "1"}}), "FailedOperation.InvalidParam");
  // Without a company and manager every organisation and contact field is needed.
  EXPECT_EQ(code({{"CompanyId", "0"}, {"ManagerId", "0"}}), "FailedOperation.InvalidParam");
  EXPECT_EQ(code({{"CompanyType", 1}}), "FailedOperation.CertificateInfoSubmitContactEmailEmpty");
  EXPECT_EQ(client.call("CertificateInfoSubmit", info("NoSuch01", "www.example.com")).code(),
            "FailedOperation.CertificateNotFound");
  // An individual may buy DV, not OV.
  client.ok("CertificateInfoSubmit",
            info(id, "www.example.com", {{"CompanyType", 1}, {"ContactEmail", "me@example.com"}}));
  const std::string ov = buy(14);
  EXPECT_EQ(client
                .call("CertificateInfoSubmit",
                      info(ov, "www.example.com",
                           {{"CompanyType", 1}, {"ContactEmail", "me@example.com"}}))
                .code(),
            "FailedOperation.InvalidParam");
}

TEST_F(PaidTest, AnUploadedCsrMustNameTheCommonName) {
  const std::string id = buy(25);
  const std::string csr = make_csr("www.example.com");
  EXPECT_EQ(client
                .call("CertificateInfoSubmit",
                      info(id, "api.example.com", {{"GenCsrType", "parse"}, {"Csr", csr}}))
                .code(),
            "FailedOperation.InvalidParam");
  client.ok("CertificateInfoSubmit",
            info(id, "www.example.com", {{"GenCsrType", "parse"}, {"Csr", csr}}));
  EXPECT_EQ(describe(id)["SubmittedData"]["CsrContent"], csr);
}

TEST_F(PaidTest, AFailedReviewCanBeResubmittedAndThenPasses) {
  server->admin(
      "POST", "/tasks/config",
      {{"review_failures",
        {{{"match", "bad.example.com"}, {"message", "organisation not verified"}, {"times", 1}}}}});
  const std::string id = buy(14);
  EXPECT_EQ(client.call("ModifyCertificateResubmit", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateStatusNotAllowResubmit");  // nothing failed yet
  client.ok("CertificateInfoSubmit", info(id, "bad.example.com"));
  client.ok("CertificateOrderSubmit", {{"CertId", id}});
  server->admin("POST", "/certificates/" + id + "/validate");
  describe(id);
  json d = describe(id);
  EXPECT_EQ(d["Status"], 2);
  EXPECT_EQ(d["StatusMsg"], "organisation not verified");

  EXPECT_EQ(client.ok("ModifyCertificateResubmit", {{"CertificateId", id}})["CertificateId"], id);
  d = describe(id);
  EXPECT_EQ(d["Status"], 5);  // OV: waiting for its information again
  EXPECT_EQ(d["DvAuthDetail"]["DvAuths"], json::array());
  EXPECT_EQ(d["OrderId"], nullptr);  // the new review's order is not submitted yet
  client.ok("CertificateInfoSubmit", info(id, "bad.example.com"));
  const json order = client.ok("CertificateOrderSubmit", {{"CertId", id}});
  EXPECT_EQ(describe(id)["OrderId"], order["OrderId"]);
  server->admin("POST", "/certificates/" + id + "/validate");
  describe(id);
  EXPECT_EQ(describe(id)["Status"], 1);  // the rule fired once
}

// A `confirm_letters` rule: the order waits for a confirmation letter (Status 8), which no
// validation moves on, until the admin confirm-letter endpoint (the console's upload); then the
// review goes on and the order, its records validated, is issued.
TEST_F(PaidTest, AnOrderCanWaitForAConfirmationLetterUntilItIsUploaded) {
  server->admin(
      "POST", "/tasks/config",
      {{"issue_polls", 0}, {"confirm_letters", {{{"match", "letter.example.com"}, {"times", 1}}}}});
  const std::string id = buy(14);
  client.ok("CertificateInfoSubmit", info(id, "letter.example.com"));
  EXPECT_EQ(client.ok("CertificateOrderSubmit", {{"CertId", id}})["Status"], 8);
  server->admin("POST", "/certificates/" + id + "/validate");
  describe(id);
  EXPECT_EQ(describe(id)["Status"], 8);  // validation does not move it on
  const json view = server->admin("POST", "/certificates/" + id + "/confirm-letter");
  EXPECT_EQ(view["status"], 0);
  EXPECT_EQ(describe(id)["Status"], 1);  // its records were validated already
  // Only an order waiting for its letter takes one.
  EXPECT_EQ(server->simulator()
                .handle_admin("POST", "/certificates/" + id + "/confirm-letter", {}, "")
                .status,
            400);
}

TEST_F(PaidTest, AReviewCanBeCancelledAndResubmittedAndAnOrderCancelled) {
  const std::string id = buy(14);
  // No review runs before the order: nothing to cancel.
  EXPECT_EQ(client.call("CancelAuditCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotFoundOrCantCancel");
  client.ok("CertificateInfoSubmit", info(id, "www.example.com"));
  client.ok("CertificateOrderSubmit", {{"CertId", id}});
  EXPECT_EQ(client.ok("CancelAuditCertificate", {{"CertificateId", id}})["Result"], true);
  EXPECT_EQ(describe(id)["Status"], 7);
  client.ok("ModifyCertificateResubmit", {{"CertificateId", id}});
  EXPECT_EQ(describe(id)["Status"], 5);

  // Information pending: the order itself can still be cancelled (6, then 7).
  client.ok("CancelCertificateOrder", {{"CertificateId", id}});
  EXPECT_EQ(describe(id)["Status"], 6);
  EXPECT_EQ(describe(id)["Status"], 7);
  EXPECT_EQ(client.call("CertificateInfoSubmit", info(id, "www.example.com")).code(),
            "FailedOperation.CertificateInfoSubmitStatusInvalid");
  EXPECT_EQ(client.call("ModifyCertificateResubmit", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateStatusNotAllowResubmit");  // the order is cancelled
}

// CreateCertificateByPackage: the product by its ProductPid, one point per name and year taken
// from the packages named, a package left empty is "used"; the refusals the seed lists.
TEST_F(PaidTest, APackagePurchaseSpendsPointsAndIsAPaidOrder) {
  server->admin(
      "POST", "/seed",
      {{"packages", {{{"PackageId", "P3"}, {"Status", "usable"}, {"Balance", 3}, {"Total", 10}}}}});
  auto balance = [&](const std::string& id) {
    return client.ok("DescribePackages", {{"PackageId", id}})["Packages"][0];
  };
  // WoTrus DV multi-domain (ProductId 26), 4 names for 2 years: 8 points, 3 from P3 first.
  const json r = client.ok("CreateCertificateByPackage",
                           {{"ProductPid", 1004161},
                            {"PackageIds", {"P3", "P1"}},
                            {"DomainCount", "4"},
                            {"Period", 2},
                            {"Tags", {{{"TagKey", "cloudssl-order"}, {"TagValue", "ab12"}}}}});
  const std::string id = r["CertificateId"];
  EXPECT_EQ(r["CertificateIds"], json::array({id}));
  EXPECT_EQ(balance("P3")["Balance"], 0);
  EXPECT_EQ(balance("P3")["Status"], "used");
  EXPECT_EQ(balance("P1")["Balance"], 55);
  EXPECT_EQ(balance("P1")["Status"], "usable");
  const json d = describe(id);
  EXPECT_EQ(d["Status"], 0);
  EXPECT_EQ(d["PackageType"], "26");
  EXPECT_EQ(d["Tags"][0]["TagValue"], "ab12");
  // A paid order like any other: its information and order are submitted next.
  client.ok("CertificateInfoSubmit",
            info(id, "www.example.com", {{"DnsNames", {"a.example.com", "b.example.com"}}}));
  client.ok("CertificateOrderSubmit", {{"CertId", id}});

  auto refused = [&](json body) {
    json request = {
        {"ProductPid", 1004157}, {"PackageIds", {"P1"}}, {"DomainCount", "1"}, {"Period", 1}};
    request.update(body);
    return client.call("CreateCertificateByPackage", request).code();
  };
  EXPECT_EQ(refused({{"ProductPid", 1014020}}), "InvalidParameter.ProductPidInvalid");
  EXPECT_EQ(refused({{"DomainCount", "2"}}), "InvalidParameter.DomainCountInvalid");
  EXPECT_EQ(refused({{"DomainCount", "one"}}), "InvalidParameter.DomainCountInvalid");
  EXPECT_EQ(refused({{"ProductPid", 1022451}, {"Period", 2}}), "InvalidParameter.PeriodInvalid");
  EXPECT_EQ(refused({{"PackageIds", {"P2"}}}), "InvalidParameter.PackageIdsInvalid");  // used
  EXPECT_EQ(refused({{"PackageIds", {"nope"}}}), "InvalidParameter.PackageIdsInvalid");
  EXPECT_EQ(refused({{"Period", 56}}), "FailedOperation.TradeError");  // 56 > 55 points
  EXPECT_EQ(balance("P1")["Balance"], 55);                             // nothing spent by a refusal
}

TEST_F(PaidTest, CompaniesManagersAndPackagesAreListedAndFiltered) {
  json c = client.ok("DescribeCompanies", json::object());
  EXPECT_EQ(c["TotalCount"], 2);
  EXPECT_EQ(c["Companies"][0]["CompanyName"], "Example Ltd");
  EXPECT_EQ(client.ok("DescribeCompanies", {{"CompanyId", 123}})["Companies"].size(), 1u);
  EXPECT_EQ(
      client.ok("DescribeCompanies", {{"Offset", 1}, {"Limit", 1}})["Companies"][0]["CompanyId"],
      123);

  json m = client.ok("DescribeManagers", {{"CompanyId", 122}});
  EXPECT_EQ(m["TotalCount"], 2);
  EXPECT_FALSE(m["Managers"][0].contains("CompanyId"));  // not a ManagerInfo member
  EXPECT_EQ(client.ok("DescribeManagers", {{"CompanyId", 122}, {"Status", "ok"}})["TotalCount"], 1);
  EXPECT_EQ(client.ok("DescribeManagers",
                      {{"CompanyId", 122}, {"SearchKey", "Wu|Bo"}})["Managers"][0]["ManagerId"],
            36384);
  EXPECT_EQ(client.ok("DescribeManagers", {{"CompanyId", 123}})["TotalCount"], 0);
  EXPECT_EQ(client.call("DescribeManagers", json::object()).code(), "MissingParameter");

  json p = client.ok("DescribePackages", json::object());
  EXPECT_EQ(p["TotalCount"], 2);
  EXPECT_EQ(p["TotalBalance"], 60);  // usable packages only
  EXPECT_EQ(client.ok("DescribePackages", {{"Status", "used"}})["Packages"][0]["PackageId"], "P2");
  EXPECT_EQ(client.ok("DescribePackages", {{"ExpireTime", "asc"}})["Packages"][0]["PackageId"],
            "P2");
}

TEST_F(PaidTest, AnOrderSurvivesARestartFromItsStateFile) {
  const std::string id = buy(14);
  client.ok("CertificateInfoSubmit", info(id, "www.example.com"));
  json state = server->admin("GET", "/state");
  State loaded = state.get<State>();
  ASSERT_TRUE(loaded.certificates.count(id));
  EXPECT_TRUE(loaded.certificates.at(id).is_paid);
  EXPECT_EQ(loaded.certificates.at(id).paid.stage, "info_submitted");
  EXPECT_EQ(loaded.companies.size(), 2u);
}

}  // namespace
}  // namespace cloudssl::sim::test
