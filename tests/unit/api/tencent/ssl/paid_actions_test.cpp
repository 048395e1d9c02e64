// The paid-certificate actions against a scripted API: CreateCertificate's request (no voucher)
// and answer, CreateCertificateByPackage's (points: the refusals), both purchases sent once
// (a lost answer or an internal error looked up, a miss unconfirmed, not sent again),
// CertificateInfoSubmit's request mapping (online / parse, company or organisation, manager or
// contacts), CertificateOrderSubmit's status, the refusals recognised by code, the order's state
// (DescribeCertificate's Status and OrderId), and the paged company / manager / package lists.
#include "api/tencent/ssl/paid_actions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <mutex>

#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

TEST(PaidActions, CreateCertificateBuysWithoutVouchersAndReturnsTheIds) {
  std::mutex mutex;
  json body;
  FakeApiServer server([&](const RecordedRequest& r, int) {
    std::lock_guard lock(mutex);
    body = json::parse(r.body);
    return testing::ok({{"CertificateIds", {"gf16kv3A"}}, {"DealIds", {"2020092387700"}}});
  });
  Client client = ssl_client_for(server);
  const PaidOrderIds ids = create_certificate(client, {26, 3, 2, {{"cloudssl-order", "ab12"}}});
  EXPECT_EQ(ids.certificate_id, "gf16kv3A");
  EXPECT_EQ(ids.deal_id, "2020092387700");
  std::lock_guard lock(mutex);
  EXPECT_EQ(body, (json{{"ProductId", 26},
                        {"DomainNum", 3},
                        {"TimeSpan", 2},
                        {"AutoVoucher", 0},
                        {"Tags", {{{"TagKey", "cloudssl-order"}, {"TagValue", "ab12"}}}}}));
}

TEST(PaidActions, CreateCertificateWithoutAnIdIsAnError) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok({{"CertificateIds", json::array()}, {"DealIds", nullptr}});
  });
  Client client = ssl_client_for(server);
  EXPECT_THROW(create_certificate(client, {25, 1, 1, {}}), ApiError);
}

// The two purchases, each with a lookup: the id found or bought.
using Purchase =
    std::function<std::string(Client&, const std::function<std::optional<std::string>()>&)>;
const std::vector<std::pair<std::string, Purchase>>& purchases() {
  static const std::vector<std::pair<std::string, Purchase>> all = {
      {"CreateCertificate",
       [](Client& c, const auto& lookup) {
         return create_certificate(c, {25, 1, 1, {}}, {}, lookup).certificate_id;
       }},
      {"CreateCertificateByPackage", [](Client& c, const auto& lookup) {
         return create_certificate_by_package(c, {.product_pid = 1004157, .package_ids = {"J1"}},
                                              {}, lookup);
       }}};
  return all;
}

struct LookupRun {
  std::string id;     // what the purchase returned, "" when it threw
  std::string error;  // the ApiError's code and message when it threw
  bool unconfirmed = false;
  int requests = 0, lookups = 0;
};

// `buy` against an API that answers every request with `reply`, its lookup finding `found`.
LookupRun buy_with_lookup(const Purchase& buy, const Reply& reply,
                          const std::optional<std::string>& found) {
  std::atomic<int> requests = 0;
  FakeApiServer server([&](const RecordedRequest&, int) {
    ++requests;
    return reply;
  });
  Client client = ssl_client_for(server);
  LookupRun run;
  try {
    run.id = buy(client, [&] {
      ++run.lookups;
      return found;
    });
  } catch (const ApiError& e) {
    run.error = e.code() + ": " + e.message();
    run.unconfirmed = purchase_unconfirmed(e);
  }
  run.requests = requests;
  return run;
}

// A purchase whose answer is lost (a gateway's 502: the API may have bought) is looked up
// before any retry, and what was found ends the call: one request, one certificate.
TEST(PaidActions, ALostPurchaseIsLookedUpNotSentAgain) {
  for (const auto& [action, buy] : purchases()) {
    const LookupRun run =
        buy_with_lookup(buy, Reply{.status = 502, .body = "bad gateway"}, "Found001");
    EXPECT_EQ(run.id, "Found001") << action << ": " << run.error;
    EXPECT_EQ(run.lookups, 1) << action;
    EXPECT_EQ(run.requests, 1) << action;
  }
}

// "Internal error, try later" may come after the API bought: looked up, and when the lookup
// finds nothing the purchase is unconfirmed, not sent again.
TEST(PaidActions, AnInternalErrorIsLookedUpAndAMissIsUnconfirmedNotRetried) {
  for (const auto& [action, buy] : purchases()) {
    const LookupRun run = buy_with_lookup(buy, testing::api_error("InternalError"), std::nullopt);
    EXPECT_TRUE(run.unconfirmed) << action << ": " << run.error;
    EXPECT_NE(run.error.find("InternalError: scripted InternalError"), std::string::npos)
        << run.error;
    EXPECT_EQ(run.lookups, 1) << action;
    EXPECT_EQ(run.requests, 1) << action;
  }
}

// A refusal that says nothing was bought is not a lookup's business: an error as it came.
TEST(PaidActions, AFinalRefusalIsNotLookedUp) {
  for (const auto& [action, buy] : purchases()) {
    const LookupRun run =
        buy_with_lookup(buy, testing::api_error("FailedOperation.TradeError"), "Found001");
    EXPECT_FALSE(run.unconfirmed) << action;
    EXPECT_EQ(run.error.rfind("FailedOperation.TradeError", 0), 0u) << run.error;
    EXPECT_EQ(run.lookups, 0) << action;
  }
}

TEST(PaidActions, ByPackageSendsThePidPackagesCountAsTextAndTags) {
  std::mutex mutex;
  json body;
  FakeApiServer server([&](const RecordedRequest& r, int) {
    std::lock_guard lock(mutex);
    body = json::parse(r.body);
    return testing::ok({{"CertificateId", "Pk12Ab34"}, {"CertificateIds", {"Pk12Ab34"}}});
  });
  Client client = ssl_client_for(server);
  const PackagePurchase purchase{.product_pid = 1004161,
                                 .package_ids = {"J880000867", "J880000868"},
                                 .domain_count = 3,
                                 .period = 2,
                                 .tags = {{"cloudssl-order", "ab12"}}};
  EXPECT_EQ(create_certificate_by_package(client, purchase), "Pk12Ab34");
  std::lock_guard lock(mutex);
  EXPECT_EQ(body, (json{{"ProductPid", 1004161},
                        {"PackageIds", {"J880000867", "J880000868"}},
                        {"DomainCount", "3"},
                        {"Period", 2},
                        {"Tags", {{{"TagKey", "cloudssl-order"}, {"TagValue", "ab12"}}}}}));
}

TEST(PaidActions, ByPackageTakesTheIdListWithoutCertificateIdAndRefusesNoId) {
  std::atomic<int> replies = 0;
  FakeApiServer server([&](const RecordedRequest&, int) {
    return ++replies == 1 ? testing::ok({{"CertificateIds", {"Pk12Ab34"}}})
                          : testing::ok({{"CertificateIds", json::array()}});
  });
  Client client = ssl_client_for(server);
  EXPECT_EQ(create_certificate_by_package(client, {.product_pid = 1004157, .package_ids = {"J1"}}),
            "Pk12Ab34");
  EXPECT_THROW(
      create_certificate_by_package(client, {.product_pid = 1004157, .package_ids = {"J1"}}),
      ApiError);
}

TEST(PaidActions, PackagePaymentRefusalsAreRecognisedByCode) {
  for (const std::string code : {"InvalidParameter.PackageIdsInvalid", "FailedOperation.TradeError",
                                 "InvalidParameter.ProductPidInvalid"}) {
    FakeApiServer server([&](const RecordedRequest&, int) { return testing::api_error(code); });
    Client client = ssl_client_for(server);
    try {
      create_certificate_by_package(client, {.product_pid = 1004157, .package_ids = {"J1"}});
      ADD_FAILURE() << code << " did not throw";
    } catch (const ApiError& e) {
      EXPECT_EQ(package_payment_refused(e), code != "InvalidParameter.ProductPidInvalid") << code;
    }
  }
}

TEST(PaidActions, InformationOnlineWithCompanyAndManagerSendsOnlyTheIds) {
  PaidCertificateInfo info;
  info.common_name = "www.example.com";
  info.other_names = {"api.example.com"};
  info.key_algorithm = "RSA";
  info.key_parameter = "2048";
  info.company_id = "122";
  info.manager_id = "36383";
  info.verify_type = "DNS";
  EXPECT_EQ(certificate_info_request("Ab12Cd34", info), (json{{"CertId", "Ab12Cd34"},
                                                              {"GenCsrType", "online"},
                                                              {"CertCommonName", "www.example.com"},
                                                              {"CompanyType", 2},
                                                              {"CompanyId", "122"},
                                                              {"ManagerId", "36383"},
                                                              {"DnsNames", {"api.example.com"}},
                                                              {"CsrEncryptAlgo", "RSA"},
                                                              {"CsrKeyParameter", "2048"},
                                                              {"VerifyType", "DNS"}}));
}

TEST(PaidActions, InformationWithAnUploadedCsrAndFullContacts) {
  PaidCertificateInfo info;
  info.csr_type = "parse";
  info.csr = "-----BEGIN CERTIFICATE REQUEST-----\nx\n-----END CERTIFICATE REQUEST-----\n";
  info.common_name = "www.example.com";
  info.key_algorithm = "RSA";  // ignored with an uploaded CSR
  info.company_id = "";
  info.organisation = PaidOrganisation{"Example Ltd", "IT",        "1 Road", "CN",
                                       "Shenzhen",    "Guangdong", "0755",   "8601"};
  info.admin = PaidContact{"Ada", "Lee", "138", "ada@example.com", "SRE"};
  info.tech = PaidContact{"Bo", "Wu", "139", "", "Ops"};
  const json r = certificate_info_request("Ab12Cd34", info);
  EXPECT_EQ(r["GenCsrType"], "parse");
  EXPECT_EQ(r["Csr"], info.csr);
  EXPECT_FALSE(r.contains("CsrEncryptAlgo"));
  EXPECT_EQ(r["CompanyId"], "0");  // none: the organisation is given
  EXPECT_FALSE(r.contains("ManagerId"));
  EXPECT_EQ(r["OrgOrganization"], "Example Ltd");
  EXPECT_EQ(r["OrgPhoneNumber"], "8601");
  EXPECT_EQ(r["AdminEmail"], "ada@example.com");
  EXPECT_EQ(r["TechTitle"], "Ops");
  EXPECT_FALSE(r.contains("TechEmail"));  // empty values are left out
  EXPECT_FALSE(r.contains("VerifyType"));
}

TEST(PaidActions, OrderSubmitDecodesTheStatus) {
  FakeApiServer server([](const RecordedRequest& r, int) {
    EXPECT_EQ(json::parse(r.body), (json{{"CertId", "Ab12Cd34"}, {"VerifyType", "FILE"}}));
    return testing::ok({{"OrderId", "SO8zRv29"}, {"Status", 8}, {"IsAudited", true}});
  });
  Client client = ssl_client_for(server);
  const SubmittedOrder order = submit_certificate_order(client, "Ab12Cd34", "FILE");
  EXPECT_EQ(order.order_id, "SO8zRv29");
  EXPECT_EQ(order.status, 8);
}

TEST(PaidActions, TheOrderStateIsReadFromDescribeCertificate) {
  FakeApiServer server([](const RecordedRequest& r, int) {
    const std::string id = json::parse(r.body).at("CertificateId");
    if (id == "Gone0001") return testing::api_error("FailedOperation.CertificateNotFound");
    if (id == "Bought01")
      return testing::ok({{"Status", 0}, {"StatusName", "review"}, {"OrderId", nullptr}});
    return testing::ok({{"Status", 4},
                        {"StatusName", "records added"},
                        {"OrderId", "SO8zRv29"},
                        {"Tags", {{{"TagKey", "cloudssl-owner"}, {"TagValue", "n1"}}}}});
  });
  Client client = ssl_client_for(server);
  EXPECT_FALSE(find_paid_order(client, "Gone0001"));
  const auto bought = find_paid_order(client, "Bought01");
  ASSERT_TRUE(bought);
  EXPECT_EQ(bought->status, 0);
  EXPECT_EQ(bought->order_id, "");  // null: not submitted
  const auto ordered = find_paid_order(client, "Order001");
  ASSERT_TRUE(ordered);
  EXPECT_EQ(ordered->status, 4);
  EXPECT_EQ(ordered->status_name, "records added");
  EXPECT_EQ(ordered->order_id, "SO8zRv29");
  // The order's tags say which instance owns it (cloudssl_paid_certificate's owner tag).
  ASSERT_EQ(ordered->tags.size(), 1u);
  EXPECT_EQ(ordered->tags.front(), (Tag{"cloudssl-owner", "n1"}));
  EXPECT_TRUE(bought->tags.empty());
}

// A DvAuths entry naming only its domain (a placeholder for an order bought, not submitted)
// shows no submission: read(), the plan and remove() take the order as the state does
// (cloudssl_paid_certificate's submission_signs), not as submitted for good.
TEST(PaidActions, OnlyARecordWithAKeyOrValueShowsASubmission) {
  FakeApiServer server([](const RecordedRequest& r, int) {
    const std::string id = json::parse(r.body).at("CertificateId");
    json auth = {{"DvAuthDomain", "www.example.com"}, {"DvAuthKey", ""}, {"DvAuthValue", ""}};
    if (id == "Listed01") auth["DvAuthValue"] = "202611070000";
    return testing::ok({{"Status", 0},
                        {"OrderId", nullptr},
                        {"StatusMsg", ""},
                        {"DvAuthDetail", {{"DvAuths", json::array({auth})}}}});
  });
  Client client = ssl_client_for(server);
  const auto placeholder = find_paid_order(client, "Bought01");
  ASSERT_TRUE(placeholder);
  EXPECT_FALSE(placeholder->shows_submission);
  const auto listed = find_paid_order(client, "Listed01");
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->shows_submission);

  DvAuth placeholder_record;
  placeholder_record.domain = "www.example.com";
  EXPECT_FALSE(shows_submission("", {placeholder_record}));
  DvAuth keyed = placeholder_record;
  keyed.key = "_dnsauth";
  EXPECT_TRUE(shows_submission("", {DvAuth{}, keyed}));
  EXPECT_TRUE(shows_submission("PENDING-DCV", {}));
}

TEST(PaidActions, RefusalsAreRecognisedByCode) {
  const std::vector<std::string> codes = {"FailedOperation.CertificateNotFoundOrCantCancel",
                                          "FailedOperation.CertificateInfoSubmitStatusInvalid",
                                          "FailedOperation.CertificateOrderSubmitProcessing",
                                          "FailedOperation.CertificateStatusNotAllowResubmit",
                                          "InvalidParameter.CertificateStatusNotAllowResubmit",
                                          "FailedOperation.CertificateCancelFailedMulti",
                                          "FailedOperation.InvalidParam"};
  for (const auto& code : codes) {
    FakeApiServer server([&](const RecordedRequest&, int) { return testing::api_error(code); });
    Client client = ssl_client_for(server);
    try {
      cancel_certificate_audit(client, "Ab12Cd34");
      ADD_FAILURE() << code << " did not throw";
    } catch (const ApiError& e) {
      EXPECT_EQ(audit_not_cancellable(e), code == codes[0]) << code;
      EXPECT_EQ(submission_refused_status(e), code == codes[1]) << code;
      EXPECT_EQ(order_already_submitted(e), code == codes[2]) << code;
      EXPECT_EQ(resubmit_refused(e), code == codes[3] || code == codes[4]) << code;
      EXPECT_EQ(audit_cancel_refused_multi_year(e), code == codes[5]) << code;
    }
  }
}

TEST(PaidActions, ListsArePagedUntilTheTotal) {
  std::mutex mutex;
  std::vector<json> bodies;
  FakeApiServer server([&](const RecordedRequest& r, int) {
    std::lock_guard lock(mutex);
    const json body = json::parse(r.body);
    bodies.push_back(body);
    const std::string action = r.headers.count("x-tc-action") ? r.headers.at("x-tc-action") : "";
    const std::int64_t offset = body.value("Offset", 0);
    if (action == "DescribeManagers") {
      json page = offset == 0 ? json::array({{{"ManagerId", 1},
                                              {"Status", "ok"},
                                              {"ManagerMail", "a@example.com"},
                                              {"VerifyTime", nullptr}}})
                              : json::array({{{"ManagerId", 2}, {"Status", "audit"}}});
      return testing::ok({{"Managers", page}, {"TotalCount", 2}});
    }
    if (action == "DescribePackages") {
      return testing::ok({{"Packages", {{{"PackageId", "P1"}, {"Balance", 60}, {"Total", 100}}}},
                          {"TotalCount", 1},
                          {"TotalBalance", 60}});
    }
    return testing::ok(
        {{"Companies", {{{"CompanyId", 122}, {"CompanyName", "Example Ltd"}}}}, {"TotalCount", 1}});
  });
  Client client = ssl_client_for(server);
  const auto managers = describe_managers(client, 122, "");
  ASSERT_EQ(managers.size(), 2u);
  EXPECT_EQ(managers[0].mail, "a@example.com");
  EXPECT_EQ(managers[0].verify_time, "");  // null
  EXPECT_EQ(managers[1].status, "audit");
  const auto companies = describe_companies(client, 122);
  ASSERT_EQ(companies.size(), 1u);
  EXPECT_EQ(companies[0].name, "Example Ltd");
  const Packages packages = describe_packages(client, "usable");
  ASSERT_EQ(packages.packages.size(), 1u);
  EXPECT_EQ(packages.total_balance, 60);
  std::lock_guard lock(mutex);
  ASSERT_EQ(bodies.size(), 4u);
  EXPECT_EQ(bodies[0], (json{{"CompanyId", 122}, {"Offset", 0}, {"Limit", 1000}}));
  EXPECT_EQ(bodies[1]["Offset"], 1);
  EXPECT_EQ(bodies[2], (json{{"CompanyId", 122}, {"Offset", 0}, {"Limit", 1000}}));
  EXPECT_EQ(bodies[3], (json{{"Status", "usable"}, {"Offset", 0}, {"Limit", 1000}}));
}

}  // namespace
}  // namespace cloudssl::api::tencent
