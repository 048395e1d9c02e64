// cloudssl_paid_certificate at plan time: a create shows the product, names and years it buys
// (and with what: the account, or benefit points of products sold for them) and defaults
// key_parameter from key_algorithm; an order under review or issued refuses a
// changed submission on the attribute (and plans nothing when unchanged); an order not
// submitted yet, or whose review failed, plans an update that submits again (resubmits);
// product rules and contradictory submission attributes are errors on their attribute.
#include <gtest/gtest.h>

#include "resources/certificates/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

class PaidPlan : public testing::PlanHarness {
 protected:
  PaidPlan() : PlanHarness(make_paid_certificate_resource()) {}

  void SetUp() override {
    base_ = {{"product_id", Value::number(std::int64_t{26})},
             {"domain_num", Value::number(std::int64_t{2})},
             {"common_name", Value::string("www.example.com")},
             {"other_names", Value::list(Type::string(), {Value::string("api.example.com")})},
             {"company_id", Value::number(std::int64_t{122})},
             {"manager_id", Value::number(std::int64_t{36383})}};
  }
  std::map<std::string, Value> with(std::map<std::string, Value> changes) const {
    auto attrs = base_;
    for (auto& [k, v] : changes) attrs[k] = v;
    return attrs;
  }
  // A created certificate in `status`, its order submitted (`order_id`) or not ("").
  Value prior(std::int64_t status, const std::string& order_id) {
    Value planned = plan(config(base_)).planned;
    return applied(planned, "Paid0001")
        .with("status", Value::number(status))
        .with("status_msg", Value::string(status == 2 ? "organisation not verified" : ""))
        .with("order_id", order_id.empty() ? Value::null(Type::string()) : Value::string(order_id));
  }

  std::map<std::string, Value> base_;
};

TEST_F(PaidPlan, ACreateShowsWhatItBuys) {
  auto r = plan(config(base_));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_EQ(r.planned.get_string("product_name"), "WoTrus DV multi-domain");
  EXPECT_EQ(r.planned.get_int("time_span"), 1);
  EXPECT_EQ(r.planned.get_string("key_algorithm"), "RSA");
  EXPECT_EQ(r.planned.get_string("key_parameter"), "2048");
  EXPECT_EQ(r.planned.get_string("verify_type"), "DNS");
  const auto* buys = warning("This buys a paid certificate");
  ASSERT_NE(buys, nullptr);
  EXPECT_EQ(buys->attribute, Path::root("product_id"));
  EXPECT_NE(buys->detail.find("WoTrus DV multi-domain for 2 name(s), 1 year(s)"), std::string::npos)
      << buys->detail;

  auto ecc = plan(config(with({{"key_algorithm", Value::string("ECC")}})));
  EXPECT_EQ(ecc.planned.get_string("key_parameter"), "prime256v1");
}

TEST_F(PaidPlan, BenefitPointsPayOnlyForProductsSoldForThem) {
  const Value packages = Value::list(Type::string(), {Value::string("J880000867")});
  plan(config(with({{"package_ids", packages}})));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  const auto* points = warning("with benefit points");
  ASSERT_NE(points, nullptr);
  EXPECT_EQ(points->attribute, Path::root("package_ids"));
  EXPECT_NE(points->detail.find("Nothing is charged"), std::string::npos);
  for (const auto& w : diags_.all())  // not also the warning of a purchase charged to the account
    EXPECT_NE(w.summary, "This buys a paid certificate");

  // Rapid DV (102) has no ProductPid.
  plan(config(with({{"product_id", Value::number(std::int64_t{102})},
                    {"domain_num", Value::null(Type::number())},
                    {"other_names", Value::null(Type::list(Type::string()))},
                    {"package_ids", packages}})));
  const auto* e = error_at("package_ids");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->detail.find("Remove package_ids"), std::string::npos) << e->detail;

  plan(config(with({{"package_ids", Value::list(Type::string(), {})}})));
  EXPECT_NE(error_at("package_ids"), nullptr);
}

TEST_F(PaidPlan, ASubmittedOrderRefusesAChangedSubmission) {
  const Value ordered = prior(0, "SO123");
  auto same = plan(config(base_), ordered);
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_EQ(same.planned, ordered);

  plan(config(with({{"manager_id", Value::number(std::int64_t{4242})}})), ordered);
  const auto* e = error_at("manager_id");
  ASSERT_NE(e, nullptr);
  EXPECT_NE(e->detail.find("Revert manager_id"), std::string::npos) << e->detail;
  EXPECT_NE(e->detail.find("-replace"), std::string::npos) << e->detail;

  // Issued: the same.
  plan(config(with({{"common_name", Value::string("web.example.com")}})), prior(1, "SO123"));
  EXPECT_NE(error_at("common_name"), nullptr);
}

TEST_F(PaidPlan, AnUnsubmittedOrderIsSubmittedAgain) {
  auto r = plan(config(base_), prior(0, ""));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_EQ(r.planned.get_string("id"), "Paid0001");
  EXPECT_TRUE(r.planned.at("order_id").is_unknown());
  EXPECT_TRUE(r.planned.at("dv_auths").is_unknown());
  EXPECT_NE(warning("is not submitted yet"), nullptr);
  // Its submission may change: nothing was submitted.
  plan(config(with({{"manager_id", Value::number(std::int64_t{4242})}})), prior(0, ""));
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(PaidPlan, AFailedReviewIsResubmittedWithTheNewSubmission) {
  auto r =
      plan(config(with({{"manager_id", Value::number(std::int64_t{4242})}})), prior(2, "SO123"));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.planned.at("status").is_unknown());
  EXPECT_TRUE(r.planned.at("order_id").is_unknown());
  const auto* why = warning("The review of certificate Paid0001 ended");
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->summary.find("organisation not verified"), std::string::npos);
  EXPECT_NE(why->detail.find("ModifyCertificateResubmit"), std::string::npos);
}

TEST_F(PaidPlan, AnotherProductIsAnotherPurchase) {
  auto r = plan(config(with({{"domain_num", Value::number(std::int64_t{3})}})), prior(0, "SO1"));
  EXPECT_TRUE(replaces(r, "domain_num"));
  EXPECT_NE(warning("This buys another paid certificate"), nullptr);
}

TEST_F(PaidPlan, ContradictionsAreErrorsOnTheirAttribute) {
  plan(config(with({{"csr_type", Value::string("parse")}})));
  EXPECT_NE(error_at("csr"), nullptr);
  plan(config(with({{"csr", Value::string("-----BEGIN CERTIFICATE REQUEST-----")}})));
  EXPECT_NE(error_at("csr"), nullptr);
  plan(config(
      with({{"other_names", Value::list(Type::string(), {Value::string("a.example.com"),
                                                         Value::string("b.example.com")})}})));
  const auto* more = error_at("other_names");
  ASSERT_NE(more, nullptr);
  EXPECT_NE(more->detail.find("Raise domain_num"), std::string::npos);
  plan(config(with({{"manager_id", Value::null(Type::number())}})));
  EXPECT_NE(error_at("admin"), nullptr);
  EXPECT_NE(error_at("tech"), nullptr);
  plan(config(with({{"company_type", Value::number(std::int64_t{1})}})));
  EXPECT_NE(error_at("contact_email"), nullptr);
  // A multi-domain product bought for the default single name.
  plan(config(with({{"domain_num", Value::null(Type::number())}})));
  EXPECT_NE(error_at("domain_num"), nullptr);
}

}  // namespace
}  // namespace cloudssl::certificates
