// cloudssl_free_certificate's plan through the framework's plan engine: validation records
// keyed by a domain known at plan, immutable inputs replacing at plan time (except the
// apply-only ones after an import), in-place alias, and the renewal window.
#include <gtest/gtest.h>

#include "provider/framework/plan_engine.h"
#include "resources/certificate_resources.h"
#include "resources/support/pem.h"

namespace cloudssl::resources {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;
using framework::Diagnostics;
using namespace std::chrono_literals;

class FreeCertificatePlan : public ::testing::Test {
 protected:
  FreeCertificatePlan()
      : resource_(make_free_certificate_resource()),
        schema_(resource_->schema()),
        type_(framework::implied_type(schema_)) {}

  Value config(std::map<std::string, Value> attrs) const {
    return Value::object(type_, std::move(attrs));
  }
  Value proposed(const Value& config, const Value& prior) const {
    if (prior.is_null()) return config;
    std::map<std::string, Value> out = config.entries();
    for (const auto& a : schema_.block.attributes)
      if (a.computed && config.at(a.name).is_null()) out.insert_or_assign(a.name, prior.at(a.name));
    return Value::object(type_, std::move(out));
  }
  framework::PlanResult plan(const Value& config, const Value& prior = Value()) {
    Value p = prior.is_null() ? Value::null(type_) : prior;
    diags_ = Diagnostics();
    resource_->validate(framework::ValidateRequest{config, ctx_}, diags_);
    return framework::plan_resource_change(*resource_, schema_, p, proposed(config, p), config, "",
                                           ctx_, diags_);
  }
  // An issued certificate in state, expiring at `not_after`.
  Value issued(const Value& planned, std::chrono::system_clock::time_point not_after) const {
    return planned
        .transform([](const Path&, const Value& v) {
          if (!v.is_unknown()) return v;
          if (v.type() == Type::number()) return Value::number(1);
          if (v.type() == Type::string()) return Value::string("x");
          return Value::null(v.type());
        })
        .with("id", Value::string("Old12345"))
        .with("status", Value::number(1))
        .with("renewed_from_certificate_id", Value::null(Type::string()))
        .with("not_after", Value::string(pem::rfc3339(not_after)));
  }
  bool replaces(const framework::PlanResult& r, const std::string& attribute) const {
    return std::find(r.requires_replace.begin(), r.requires_replace.end(), Path::root(attribute)) !=
           r.requires_replace.end();
  }

  std::shared_ptr<framework::Resource> resource_;
  framework::Schema schema_;
  Type type_;
  framework::Context ctx_;
  Diagnostics diags_;
};

TEST_F(FreeCertificatePlan, DnsRecordsAreKeyedByADomainKnownAtPlan) {
  auto r = plan(config(
      {{"domain", Value::string("api.example.com")}, {"dv_auth_method", Value::string("DNS")}}));
  ASSERT_FALSE(diags_.has_errors());
  const Value& records = r.planned.at("dv_auths");
  ASSERT_TRUE(records.is_known());
  ASSERT_EQ(records.length(), 1u);
  EXPECT_EQ(records.elements()[0].get_string("domain"), "api.example.com");
  EXPECT_TRUE(records.elements()[0].at("key").is_unknown());
  EXPECT_TRUE(r.planned.at("id").is_unknown());

  auto automatic = plan(config({{"domain", Value::string("api.example.com")},
                                {"dv_auth_method", Value::string("DNS_AUTO")}}));
  EXPECT_TRUE(automatic.planned.at("dv_auths").is_unknown());  // Tencent handles the records
}

TEST_F(FreeCertificatePlan, InvalidInputsAreErrorsOnTheirAttribute) {
  plan(config(
      {{"domain", Value::string("a.example.com")}, {"dv_auth_method", Value::string("EMAIL")}}));
  ASSERT_TRUE(diags_.has_errors());
  EXPECT_EQ(diags_.all().front().attribute, Path::root("dv_auth_method"));
  plan(config({{"domain", Value::string("a.example.com")},
               {"dv_auth_method", Value::string("DNS")},
               {"renew_before", Value::string("1000h")}}));
  ASSERT_TRUE(diags_.has_errors());
  EXPECT_EQ(diags_.all().front().attribute, Path::root("renew_before"));
}

class IssuedFreeCertificatePlan : public FreeCertificatePlan {
 protected:
  void SetUp() override {
    base_ = {{"domain", Value::string("www.example.com")},
             {"dv_auth_method", Value::string("DNS")},
             {"alias", Value::string("site")},
             {"contact_email", Value::string("ops@example.com")},
             {"renew_before", Value::string("720h")}};
    prior_ = issued(plan(config(base_)).planned, std::chrono::system_clock::now() + 24h * 80);
  }
  std::map<std::string, Value> base_;
  Value prior_;
};

TEST_F(IssuedFreeCertificatePlan, OutsideTheWindowNothingChanges) {
  auto r = plan(config(base_), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(r.planned, prior_);
}

TEST_F(IssuedFreeCertificatePlan, AliasChangesInPlaceAndKeepsTheApiValues) {
  auto changed = base_;
  changed["alias"] = Value::string("renamed");
  auto r = plan(config(changed), prior_);
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_EQ(r.planned.get_string("id"), "Old12345");
  EXPECT_EQ(r.planned.at("not_after"), prior_.at("not_after"));
  EXPECT_EQ(r.planned.at("certificate_pem"), prior_.at("certificate_pem"));
}

TEST_F(IssuedFreeCertificatePlan, ImmutableInputsReplaceAtPlanTime) {
  auto changed = base_;
  changed["domain"] = Value::string("other.example.com");
  changed["contact_email"] = Value::string("new@example.com");
  auto r = plan(config(changed), prior_);
  EXPECT_TRUE(replaces(r, "domain"));
  EXPECT_TRUE(replaces(r, "contact_email"));
}

TEST_F(IssuedFreeCertificatePlan, ApplyOnlyInputsSetAfterImportDoNotReplace) {
  Value imported = prior_.with("contact_email", Value::null(Type::string()));
  auto r = plan(config(base_), imported);
  EXPECT_FALSE(replaces(r, "contact_email"));
  EXPECT_EQ(r.planned.get_string("contact_email"), "ops@example.com");
}

TEST_F(IssuedFreeCertificatePlan, InsideTheWindowTheRenewalIsPlannedWithAWarning) {
  Value expiring = prior_.with(
      "not_after", Value::string(pem::rfc3339(std::chrono::system_clock::now() + 24h * 10)));
  auto r = plan(config(base_), expiring);
  EXPECT_TRUE(r.requires_replace.empty());  // an update: the renewal needs the old id
  EXPECT_TRUE(r.planned.at("id").is_unknown());
  EXPECT_EQ(r.planned.get_string("renewed_from_certificate_id"), "Old12345");
  ASSERT_EQ(r.planned.at("dv_auths").length(), 1u);  // still keyed by domain
  EXPECT_EQ(r.planned.at("dv_auths").elements()[0].get_string("domain"), "www.example.com");
  bool warned = false;
  for (const auto& d : diags_.all())
    if (d.severity == framework::Severity::Warning &&
        d.summary.find("will be renewed") != std::string::npos)
      warned = true;
  EXPECT_TRUE(warned);

  auto no_window = base_;
  no_window.erase("renew_before");
  auto quiet = plan(config(no_window), expiring.with("renew_before", Value::null(Type::string())));
  EXPECT_EQ(quiet.planned.get_string("id"), "Old12345");  // without renew_before: nothing
}

}  // namespace
}  // namespace cloudssl::resources
