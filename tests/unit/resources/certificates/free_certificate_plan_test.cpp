// cloudssl_free_certificate's plan through the framework's plan engine: validation records
// keyed by a domain known at plan, immutable inputs replacing at plan time (except the
// apply-only ones after an import), in-place alias, and the renewal window.
#include <gtest/gtest.h>

#include "lib/pem/pem.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/validators.h"
#include "resources/certificates/factories.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;
using namespace std::chrono_literals;

class FreeCertificatePlan : public testing::PlanHarness {
 protected:
  FreeCertificatePlan() : PlanHarness(make_free_certificate_resource()) {}

  static std::optional<std::string> renewal_of(const std::string& private_bytes) {
    auto entry = framework::PrivateState::parse(private_bytes).get("renewal_of");
    if (!entry) return std::nullopt;
    return entry->value("id", "");
  }
  bool warned(const std::string& summary_part, const Path& attribute) const {
    for (const auto& d : diags_.all())
      if (d.severity == framework::Severity::Warning &&
          d.summary.find(summary_part) != std::string::npos && d.attribute == attribute)
        return true;
    return false;
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
        .with("renewal_certificate_id", Value::null(Type::string()))
        .with("not_after", Value::string(pem::rfc3339(not_after)));
  }
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

// The schema's declarative rules (issue 15): each refused value is an error on its attribute,
// at plan, before any call.
TEST_F(FreeCertificatePlan, DeclaredRulesAreErrorsOnTheirAttribute) {
  const std::map<std::string, Value> base = {{"domain", Value::string("www.example.com")},
                                             {"dv_auth_method", Value::string("DNS")}};
  auto with = [&](std::map<std::string, Value> changes) {
    auto attrs = base;
    for (auto& [k, v] : changes) attrs[k] = v;
    return config(attrs);
  };
  const std::vector<std::pair<std::string, std::map<std::string, Value>>> refused = {
      {"domain", {{"domain", Value::string("")}}},
      {"domain", {{"domain", Value::string("bad domain!")}}},
      {"domain", {{"domain", Value::string("*.example.com")}}},
      {"domain", {{"domain", Value::string("\xE8\xAF\x81\xE4\xB9\xA6.example.com")}}},
      {"validity_period", {{"validity_period", Value::number(12)}}},
      {"validity_period", {{"validity_period", Value::number(*codec::Number::parse("3.5"))}}},
      {"csr_encrypt_algo", {{"csr_encrypt_algo", Value::string("DSA")}}},
      {"csr_key_parameter", {{"csr_encrypt_algo", Value::string("ECC")}}},
      {"csr_key_parameter",
       {{"csr_encrypt_algo", Value::string("ECC")}, {"csr_key_parameter", Value::string("2048")}}},
      {"contact_email", {{"contact_email", Value::string("nobody")}}},
      {"old_certificate_id", {{"old_certificate_id", Value::string("")}}},
      {"project_id", {{"project_id", Value::number(*codec::Number::parse("1e30"))}}},
  };
  for (const auto& [attribute, changes] : refused) {
    plan(with(changes));
    ASSERT_TRUE(diags_.has_errors()) << attribute;
    EXPECT_EQ(diags_.all().front().attribute, Path::root(attribute)) << attribute;
  }
  plan(with({{"domain", Value::string("xn--fiq228c.example.com")},
             {"csr_encrypt_algo", Value::string("ECC")},
             {"csr_key_parameter", Value::string("prime256v1")},
             {"validity_period", Value::number(3)}}));
  EXPECT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
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
  // Read at refresh only: null stays null (an update must not leave it unknown).
  EXPECT_TRUE(r.planned.at("renewal_certificate_id").is_null());
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
  framework::PrivateState flag;
  flag.set("imported", true);
  auto r = plan(config(base_), imported, flag.serialize());
  EXPECT_FALSE(replaces(r, "contact_email"));
  EXPECT_EQ(r.planned.get_string("contact_email"), "ops@example.com");
}

TEST_F(IssuedFreeCertificatePlan, ApplyOnlyInputsAddedToAnAppliedCertificateReplaceIt) {
  // Not imported: the certificate was applied for without a contact e-mail.
  Value applied = prior_.with("contact_email", Value::null(Type::string()));
  auto r = plan(config(base_), applied);
  EXPECT_TRUE(replaces(r, "contact_email"));
}

class RenewalPlan : public IssuedFreeCertificatePlan {
 protected:
  void SetUp() override {
    IssuedFreeCertificatePlan::SetUp();
    expiring_ = prior_.with(
        "not_after", Value::string(pem::rfc3339(std::chrono::system_clock::now() + 24h * 10)));
  }
  Value expiring_;
};

TEST_F(RenewalPlan, InsideTheWindowThePlanReplacesTheCertificateWithAWarning) {
  framework::PrivateState stored;
  stored.set("issued_end", "2026-01-01 07:59:59");
  auto first = plan(config(base_), expiring_, stored.serialize());
  EXPECT_TRUE(replaces(first, "not_after"));  // "# forces replacement" on not_after
  EXPECT_TRUE(first.planned.at("not_after").is_unknown());
  EXPECT_TRUE(first.planned.at("id").is_unknown());
  EXPECT_EQ(renewal_of(first.planned_private), "Old12345");
  EXPECT_TRUE(warned("will be renewed", Path::root("renew_before")));

  // Terraform's second plan of the replacement: prior null, prior_private = the first plan's.
  auto second = plan(config(base_), Value(), first.planned_private);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(second.requires_replace.empty());
  EXPECT_EQ(renewal_of(second.planned_private), "Old12345");
  // The old certificate's bookkeeping does not follow into the new object.
  EXPECT_FALSE(framework::PrivateState::parse(second.planned_private).get("issued_end"));
  // A client before 6.11 re-plans the create at apply without it: unknown until apply.
  EXPECT_TRUE(second.planned.at("renewed_from_certificate_id").is_unknown());
  ASSERT_EQ(second.planned.at("dv_auths").length(), 1u);  // still keyed by the domain
  EXPECT_EQ(second.planned.at("dv_auths").elements()[0].get_string("domain"), "www.example.com");

  // That apply-time re-plan (no prior, no private) must agree with the saved plan.
  auto at_apply = plan(config(base_));
  EXPECT_TRUE(at_apply.planned.at("renewed_from_certificate_id").is_unknown());
}

TEST_F(RenewalPlan, AClientThatStoresPlannedPrivateGetsTheLineageInThePlan) {
  ctx_.client.store_planned_private = true;
  auto first = plan(config(base_), expiring_);
  auto second = plan(config(base_), Value(), first.planned_private);
  EXPECT_EQ(second.planned.get_string("renewed_from_certificate_id"), "Old12345");
  // Apply-time re-plan: no prior private, but the plan's private state in planned_private.
  auto at_apply = plan(config(base_), Value(), "", second.planned_private);
  EXPECT_EQ(at_apply.planned.get_string("renewed_from_certificate_id"), "Old12345");
  EXPECT_EQ(renewal_of(at_apply.planned_private), "Old12345");
  // A new application plans null, at plan and at apply alike.
  auto fresh = plan(config(base_));
  EXPECT_TRUE(fresh.planned.at("renewed_from_certificate_id").is_null());
  EXPECT_FALSE(renewal_of(fresh.planned_private));
}

TEST_F(RenewalPlan, AnExpiredCertificateIsReplacedByANewApplication) {
  Value expired =
      prior_.with("status", Value::number(3))
          .with("not_after", Value::string(pem::rfc3339(std::chrono::system_clock::now() - 24h)));
  auto r = plan(config(base_), expired);
  EXPECT_TRUE(replaces(r, "not_after"));
  EXPECT_TRUE(warned("expired", Path::root("renew_before")));
}

TEST_F(RenewalPlan, WithoutRenewBeforeNothingIsRenewed) {
  auto no_window = base_;
  no_window.erase("renew_before");
  auto quiet = plan(config(no_window), expiring_.with("renew_before", Value::null(Type::string())));
  EXPECT_TRUE(quiet.requires_replace.empty());
  EXPECT_EQ(quiet.planned.get_string("id"), "Old12345");
  EXPECT_FALSE(renewal_of(quiet.planned_private));
  // ...and a new application without renew_before plans no lineage at all.
  EXPECT_TRUE(plan(config(no_window)).planned.at("renewed_from_certificate_id").is_null());
}

TEST_F(RenewalPlan, AnExplicitOldCertificateIdIsTheLineage) {
  auto explicit_renewal = base_;
  explicit_renewal["old_certificate_id"] = Value::string("Prev0001");
  auto r = plan(config(explicit_renewal));
  EXPECT_EQ(r.planned.get_string("renewed_from_certificate_id"), "Prev0001");
}

}  // namespace
}  // namespace cloudssl::certificates
