// cloudssl_free_certificate's reissue at plan time: changing `reissue` plans an in-place update
// with the id and per-certificate values unknown, replaced_by = the certificate it reissues,
// the reissue's validation record keyed by the domain, and a warning saying why; the value given
// at create, after an import, or unchanged reissues nothing; a certificate that cannot be
// reissued (a reissue already, not issued, not RSA 2048) and contradictory reissue_* options are
// errors on their attribute naming the fix; a reissue the API already has is taken, known.
#include <gtest/gtest.h>

#include "provider/framework/plan_engine.h"
#include "resources/certificates/factories.h"
#include "simulator/cert_info.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

class ReissuePlan : public testing::PlanHarness {
 protected:
  ReissuePlan() : PlanHarness(make_free_certificate_resource()) {}

  void SetUp() override {
    base_ = {{"domain", Value::string("www.example.com")},
             {"dv_auth_method", Value::string("DNS_AUTO")},
             {"reissue", Value::number(1)}};
    const std::string pem =
        sim::make_self_signed("www.example.com", {}, 1'700'000'000, 90, "RSA").certificate_pem;
    prior_ = applied(plan(config(base_)).planned, "Orig0001")
                 .with("status", Value::number(1))
                 .with("certificate_pem", Value::string(pem));
  }
  std::map<std::string, Value> with(std::map<std::string, Value> changes) const {
    auto attrs = base_;
    for (auto& [k, v] : changes) attrs[k] = v;
    return attrs;
  }

  std::map<std::string, Value> base_;
  Value prior_;
};

TEST_F(ReissuePlan, BumpingReissuePlansAnUpdateWithTheNewIdUnknown) {
  auto r = plan(config(with({{"reissue", Value::number(2)},
                             {"reissue_dv_auth_method", Value::string("DNS")}})),
                prior_);
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.requires_replace.empty());  // in place: the original is not destroyed
  EXPECT_TRUE(r.planned.at("id").is_unknown());
  EXPECT_TRUE(r.planned.at("status").is_unknown());
  EXPECT_TRUE(r.planned.at("certificate_pem").is_unknown());
  EXPECT_EQ(r.planned.get_string("replaced_by"), "Orig0001");
  EXPECT_TRUE(r.planned.at("replaced_for").is_null());
  // The reissue's DNS record, keyed by the domain at plan like an application's.
  ASSERT_EQ(r.planned.at("dv_auths").length(), 1u);
  EXPECT_EQ(r.planned.at("dv_auths").elements()[0].get_string("domain"), "www.example.com");
  const auto* why = warning("Certificate Orig0001 will be reissued");
  ASSERT_NE(why, nullptr);
  EXPECT_EQ(why->attribute, Path::root("reissue"));
  EXPECT_NE(why->detail.find("reissue changed from 1 to 2"), std::string::npos);
  EXPECT_NE(why->detail.find("is not deleted"), std::string::npos);
}

TEST_F(ReissuePlan, TheValueAtCreateUnchangedOrAfterImportReissuesNothing) {
  auto created = plan(config(base_));
  EXPECT_EQ(warning("will be reissued"), nullptr);
  EXPECT_TRUE(created.planned.at("id").is_unknown());  // a create, not a reissue

  auto same = plan(config(base_), prior_);
  EXPECT_EQ(same.planned, prior_);

  // Options alone change nothing but the stored options.
  auto options = plan(config(with({{"reissue_reason", Value::string("later")}})), prior_);
  EXPECT_EQ(options.planned.get_string("id"), "Orig0001");
  EXPECT_EQ(warning("will be reissued"), nullptr);

  // Removing the trigger reissues nothing either.
  auto removed = base_;
  removed.erase("reissue");
  EXPECT_EQ(plan(config(removed), prior_).planned.get_string("id"), "Orig0001");

  framework::PrivateState imported;
  imported.set("imported", true);
  auto first = plan(config(base_), prior_.with("reissue", Value::null(Type::number())),
                    imported.serialize());
  EXPECT_EQ(first.planned.get_string("id"), "Orig0001");
  EXPECT_EQ(warning("will be reissued"), nullptr);
}

TEST_F(ReissuePlan, CertificatesThatCannotBeReissuedAreRefusedOnReissue) {
  const auto bumped = config(with({{"reissue", Value::number(2)}}));
  plan(bumped, prior_.with("replaced_by", Value::string("Older001")));
  const auto* again = error_at("reissue");
  ASSERT_NE(again, nullptr);
  EXPECT_NE(again->detail.find("can be reissued only once"), std::string::npos);
  EXPECT_NE(again->detail.find("Set reissue back to 1"), std::string::npos);

  plan(bumped, prior_.with("status", Value::number(0)));
  const auto* pending = error_at("reissue");
  ASSERT_NE(pending, nullptr);
  EXPECT_NE(pending->summary.find("cannot be reissued yet"), std::string::npos);

  const std::string ecc =
      sim::make_self_signed("www.example.com", {}, 1'700'000'000, 90, "ECC").certificate_pem;
  plan(bumped, prior_.with("certificate_pem", Value::string(ecc)));
  const auto* key = error_at("reissue");
  ASSERT_NE(key, nullptr);
  EXPECT_NE(key->detail.find("RSA 2048"), std::string::npos);
}

TEST_F(ReissuePlan, AReissueTheApiAlreadyHasIsTakenWithItsIdKnown) {
  auto r = plan(config(with({{"reissue", Value::number(2)}})),
                prior_.with("replaced_for", Value::string("Done0001")));
  ASSERT_FALSE(diags_.has_errors());
  EXPECT_EQ(r.planned.get_string("id"), "Done0001");
  EXPECT_NE(warning("was already reissued as Done0001"), nullptr);
}

TEST_F(ReissuePlan, ContradictoryOptionsAreErrorsNamingTheFix) {
  const std::vector<std::pair<std::string, std::map<std::string, Value>>> refused = {
      {"reissue_csr_type", {{"reissue_csr_type", Value::string("Upload")}}},
      {"reissue_csr", {{"reissue_csr", Value::string("-----BEGIN CERTIFICATE REQUEST-----")}}},
      {"reissue_csr",
       {{"reissue_csr_type", Value::string("Upload")}, {"reissue_csr", Value::string("MIIB")}}},
      {"reissue_key_algorithm", {{"reissue_key_algorithm", Value::string("RSA")}}},
      {"reissue_key_algorithm",
       {{"reissue_csr_type", Value::string("Online")},
        {"reissue_key_algorithm", Value::string("ECC")}}},
      {"reissue_key_parameter",
       {{"reissue_csr_type", Value::string("Online")},
        {"reissue_key_parameter", Value::string("4096")}}},
      {"reissue_dv_auth_method", {{"reissue_dv_auth_method", Value::string("EMAIL")}}},
      {"reissue", {{"reissue", Value::number(*codec::Number::parse("1.5"))}}},
  };
  for (const auto& [attribute, changes] : refused) {
    plan(config(with(changes)), prior_);
    EXPECT_NE(error_at(attribute), nullptr) << attribute;
  }
  plan(config(with({{"reissue_csr_type", Value::string("Online")},
                    {"reissue_key_algorithm", Value::string("RSA")},
                    {"reissue_key_parameter", Value::string("2048")}})),
       prior_);
  EXPECT_FALSE(diags_.has_errors());
}

}  // namespace
}  // namespace cloudssl::certificates
