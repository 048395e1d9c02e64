// cloudssl_certificate's plan, driven through the framework's plan engine exactly as
// PlanResourceChange would: facts known at plan, errors on the right attribute, semantic PEM
// comparison, replacement versus in-place rotation, and no key text in any diagnostic.
#include <gtest/gtest.h>

#include <algorithm>

#include "lib/pem/pem.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/validators.h"
#include "resources/certificates/factories.h"
#include "tests/support/test_certificates.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;
using namespace std::chrono_literals;

class CertificatePlan : public testing::PlanHarness {
 protected:
  CertificatePlan() : PlanHarness(make_certificate_resource()) {}

  bool warning_about(const std::string& summary_part) const {
    return warning(summary_part) != nullptr;
  }
  void expect_no_key_text(const std::string& key_pem) const {
    // Any 16 characters of the key body must not appear in any diagnostic.
    std::string body = key_pem.substr(key_pem.find('\n') + 1, 64);
    for (const auto& d : diags_.all()) {
      for (std::size_t i = 0; i + 16 <= body.size(); i += 8) {
        EXPECT_EQ(d.summary.find(body.substr(i, 16)), std::string::npos);
        EXPECT_EQ(d.detail.find(body.substr(i, 16)), std::string::npos);
      }
    }
  }
};

TEST_F(CertificatePlan, FactsFromThePemAreKnownAtPlan) {
  testing::CertSpec spec;
  spec.common_name = "shop.example.test";
  spec.dns_names = {"shop.example.test", "www.shop.example.test"};
  auto chain = testing::make_chain(spec);
  auto result = plan(config({{"certificate_pem", Value::string(chain.leaf_and_chain())},
                             {"private_key_wo", Value::string(chain.leaf.key.pem)}}));
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  const Value& p = result.planned;
  EXPECT_EQ(p.get_string("domain"), "shop.example.test");
  EXPECT_EQ(p.at("subject_alt_names").length(), 2u);
  EXPECT_EQ(p.get_string("key_algorithm"), "EC_prime256v1");
  EXPECT_EQ(p.get_string("fingerprint_sha256"),
            pem::parse_chain(chain.leaf.pem).facts().fingerprint_sha256);
  EXPECT_EQ(p.get_string("private_key_sha256"),
            pem::parse_private_key(chain.leaf.key.pem).sha256());
  EXPECT_TRUE(p.at("not_after").is_known());
  EXPECT_TRUE(p.at("id").is_unknown());
  EXPECT_TRUE(p.at("private_key_wo").is_null());  // write-only: never in the plan
  EXPECT_EQ(p.get_string("alias"), "");
  EXPECT_EQ(p.get_string("type"), "SVR");
}

// The schema's declarative rules (issue 15): each refused value is an error on its attribute.
TEST_F(CertificatePlan, DeclaredRulesAreErrorsOnTheirAttribute) {
  auto chain = testing::make_chain();
  const std::map<std::string, Value> base = {
      {"certificate_pem", Value::string(chain.leaf_and_chain())},
      {"private_key_pem", Value::string(chain.leaf.key.pem)}};
  auto with = [&](const char* name, Value v) {
    auto attrs = base;
    attrs[name] = std::move(v);
    return config(attrs);
  };
  const std::vector<std::pair<const char*, Value>> refused = {
      {"project_id", Value::number(*codec::Number::parse("1.5"))},
      {"project_id", Value::number(*codec::Number::parse("1e30"))},
      {"project_id", Value::number(std::int64_t{-1})},
      {"type", Value::string("SERVER")},
      {"private_key_wo_version", Value::number(*codec::Number::parse("0.5"))},
      {"tags", Value::map(Type::string(), {{"project", Value::string("x")}})},
      {"tags", Value::map(Type::string(), {{" lead", Value::string("x")}})},
      {"tags", Value::map(Type::string(), {{"k", Value::string("a|b")}})},
      {"tags", Value::map(Type::string(), {{std::string(128, 'k'), Value::string("x")}})},
      {"rotate_in_place_regions", Value::set(Type::string(), {Value::string("")})},
  };
  for (const auto& [name, value] : refused) {
    plan(with(name, value));
    // On the attribute, or on the element at fault inside it (tags["k"]).
    const bool on_attribute = std::any_of(diags_.all().begin(), diags_.all().end(), [&](auto& d) {
      return d.severity == framework::Severity::Error && d.attribute &&
             d.attribute->starts_with(Path::root(name));
    });
    EXPECT_TRUE(on_attribute) << name << " = " << value.debug_string();
  }
  // What the Tag API accepts is accepted (letters, digits, allowed punctuation, non-ASCII).
  plan(with("tags", Value::map(Type::string(), {{"team:web/ops", Value::string("证书 a-b")},
                                                {"env", Value::string("")}})));
  EXPECT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  // A CA certificate cannot rotate in place: refused with the configuration, on rotate_in_place.
  auto ca = base;
  ca["type"] = Value::string("CA");
  ca["rotate_in_place"] = Value::boolean(true);
  ca["rotate_in_place_regions"] = Value::set(Type::string(), {Value::string("ap-guangzhou")});
  plan(config(ca));
  EXPECT_TRUE(error_at("rotate_in_place"));
}

TEST_F(CertificatePlan, UnparsablePemIsAnErrorOnCertificatePem) {
  auto key = testing::make_key();
  plan(config({{"certificate_pem", Value::string("not a certificate")},
               {"private_key_pem", Value::string(key.pem)}}));
  EXPECT_TRUE(error_at("certificate_pem"));
}

TEST_F(CertificatePlan, ChainOutOfOrderIsAnErrorOnCertificatePem) {
  auto chain = testing::make_chain();
  plan(config({{"certificate_pem", Value::string(chain.intermediate.pem + chain.leaf.pem)},
               {"private_key_pem", Value::string(chain.leaf.key.pem)}}));
  const auto* d = error_at("certificate_pem");
  ASSERT_TRUE(d);
  EXPECT_NE(d->summary.find("out of order"), std::string::npos);
}

TEST_F(CertificatePlan, KeyMismatchIsAnErrorOnTheKeyAttributeWithoutQuotingIt) {
  auto chain = testing::make_chain();
  auto other = testing::make_key();
  plan(config({{"certificate_pem", Value::string(chain.leaf.pem)},
               {"private_key_pem", Value::string(other.pem)}}));
  EXPECT_TRUE(error_at("private_key_pem"));
  expect_no_key_text(other.pem);

  plan(config({{"certificate_pem", Value::string(chain.leaf.pem)},
               {"private_key_wo", Value::string(other.pem)}}));
  EXPECT_TRUE(error_at("private_key_wo"));
  expect_no_key_text(other.pem);
}

TEST_F(CertificatePlan, GarbledKeyIsAnErrorWithoutQuotingIt) {
  auto chain = testing::make_chain();
  std::string broken = chain.leaf.key.pem;
  broken.replace(broken.find('\n') + 3, 5, "*****");
  plan(config({{"certificate_pem", Value::string(chain.leaf.pem)},
               {"private_key_pem", Value::string(broken)}}));
  EXPECT_TRUE(error_at("private_key_pem"));
  expect_no_key_text(broken);
}

TEST_F(CertificatePlan, ServerCertificateNeedsAKeyButCaDoesNot) {
  auto chain = testing::make_chain();
  plan(config({{"certificate_pem", Value::string(chain.leaf.pem)}}));
  EXPECT_TRUE(error_at("private_key_pem"));
  auto result = plan(
      config({{"certificate_pem", Value::string(chain.root.pem)}, {"type", Value::string("CA")}}));
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.planned.at("private_key_sha256").is_null());
}

TEST_F(CertificatePlan, BothKeyFormsAtOnceAreRejected) {
  auto chain = testing::make_chain();
  plan(config({{"certificate_pem", Value::string(chain.leaf.pem)},
               {"private_key_pem", Value::string(chain.leaf.key.pem)},
               {"private_key_wo", Value::string(chain.leaf.key.pem)}}));
  EXPECT_TRUE(error_at("private_key_wo"));
}

TEST_F(CertificatePlan, ExpiredIsAnErrorAndExpiringSoonAWarning) {
  testing::CertSpec expired;
  expired.not_before = -48h;
  expired.not_after = -1h;
  auto old = testing::make_chain(expired);
  plan(config({{"certificate_pem", Value::string(old.leaf.pem)},
               {"private_key_pem", Value::string(old.leaf.key.pem)}}));
  EXPECT_TRUE(error_at("certificate_pem"));

  testing::CertSpec soon;
  soon.not_after = 24h * 5;
  auto expiring = testing::make_chain(soon);
  plan(config({{"certificate_pem", Value::string(expiring.leaf.pem)},
               {"private_key_pem", Value::string(expiring.leaf.key.pem)}}));
  EXPECT_FALSE(diags_.has_errors());
  const auto* soon_warning = warning("expires soon");
  ASSERT_TRUE(soon_warning);
  ASSERT_TRUE(soon_warning->attribute);
  EXPECT_EQ(soon_warning->attribute->to_string(), "certificate_pem");
}

TEST_F(CertificatePlan, AnUnchangedCertificateThatExpiredOnlyWarns) {
  testing::CertSpec expired;
  expired.not_before = -48h;
  expired.not_after = -1h;
  auto old = testing::make_chain(expired);
  Value cfg = config({{"certificate_pem", Value::string(old.leaf.pem)},
                      {"private_key_pem", Value::string(old.leaf.key.pem)}});
  // A state recorded while it was valid.
  Value prior = applied(plan(config({{"certificate_pem", Value::string(old.leaf.pem)},
                                     {"private_key_pem", Value::string(old.leaf.key.pem)}}))
                            .planned);
  auto result = plan(cfg, prior);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(warning_about("expired"));
}

class CertificateUpdatePlan : public CertificatePlan {
 protected:
  void SetUp() override {
    chain_ = testing::make_chain();
    base_ = {{"certificate_pem", Value::string(chain_.leaf_and_chain())},
             {"private_key_pem", Value::string(chain_.leaf.key.pem)},
             {"alias", Value::string("web")}};
    prior_ = applied(plan(config(base_)).planned);
    ASSERT_FALSE(diags_.has_errors());
  }
  testing::TestChain chain_;
  std::map<std::string, Value> base_;
  Value prior_;
};

TEST_F(CertificateUpdatePlan, SameConfigurationPlansNoChange) {
  auto result = plan(config(base_), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned, prior_);
  EXPECT_TRUE(result.requires_replace.empty());
}

// Text identical to the state's, with the key the state records, is not parsed again: the
// facts come from the state (here made up, which a parse would have replaced).
TEST_F(CertificateUpdatePlan, RecordedContentIsNotParsedAgain) {
  const Value recorded = prior_.with("domain", Value::string("recorded.example.test"))
                             .with("key_algorithm", Value::string("RECORDED"));
  auto result = plan(config(base_), recorded);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned, recorded);
  EXPECT_TRUE(result.requires_replace.empty());

  // Another key for the same text: parsed, and refused as not the certificate's.
  auto other = base_;
  other["private_key_pem"] = Value::string(testing::make_key().pem);
  result = plan(config(other), recorded);
  EXPECT_TRUE(error_at("private_key_pem"));
  EXPECT_EQ(result.planned.get_string("domain"), prior_.get_string("domain"));

  // The same content written differently is parsed (the facts are the PEM's again).
  auto crlf = base_;
  crlf["certificate_pem"] = Value::string(testing::with_crlf(chain_.leaf_and_chain()));
  result = plan(config(crlf), recorded);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned.get_string("domain"), prior_.get_string("domain"));
}

// A chain out of order that the state already holds (imported from the API) is not uploaded
// again while its text and key stay: no error that would block every plan of it.
TEST_F(CertificateUpdatePlan, RecordedChainOutOfOrderIsNoError) {
  const std::string reversed = chain_.intermediate.pem + chain_.leaf.pem;
  const Value imported = prior_.with("certificate_pem", Value::string(reversed));
  auto cfg = base_;
  cfg["certificate_pem"] = Value::string(reversed);
  auto result = plan(config(cfg), imported);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());

  // New content out of order is still refused.
  auto next = testing::make_chain();
  cfg["certificate_pem"] = Value::string(next.intermediate.pem + next.leaf.pem);
  cfg["private_key_pem"] = Value::string(next.leaf.key.pem);
  plan(config(cfg), imported);
  EXPECT_TRUE(error_at("certificate_pem"));
}

TEST_F(CertificateUpdatePlan, CrlfAndTrailingWhitespaceAreNoChange) {
  auto changed = base_;
  changed["certificate_pem"] = Value::string(testing::with_crlf(chain_.leaf_and_chain()) + "\n\n");
  changed["private_key_pem"] = Value::string(chain_.leaf.key.pkcs1_pem);  // same key, PKCS#1
  auto result = plan(config(changed), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned, prior_);  // the user's first form stays in state
  EXPECT_TRUE(result.requires_replace.empty());
}

TEST_F(CertificateUpdatePlan, AliasAndProjectChangeInPlace) {
  auto changed = base_;
  changed["alias"] = Value::string("shop");
  changed["project_id"] = Value::number(7);
  auto result = plan(config(changed), prior_);
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.get_string("id"), "Abc12345");
  EXPECT_TRUE(result.planned.at("status").is_known());
  EXPECT_EQ(result.planned.get_string("domain"), prior_.get_string("domain"));
  EXPECT_EQ(result.planned.get_string("type"), "SVR");
}

TEST_F(CertificateUpdatePlan, NewContentReplaces) {
  auto next = testing::make_chain();
  auto changed = base_;
  changed["certificate_pem"] = Value::string(next.leaf_and_chain());
  changed["private_key_pem"] = Value::string(next.leaf.key.pem);
  auto result = plan(config(changed), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_NE(std::find(result.requires_replace.begin(), result.requires_replace.end(),
                      Path::root("certificate_pem")),
            result.requires_replace.end());
  EXPECT_NE(result.planned.get_string("fingerprint_sha256"),
            prior_.get_string("fingerprint_sha256"));
}

// Tags change through the Tag API: an in-place update keeping the id and the facts.
TEST_F(CertificateUpdatePlan, TagsChangeInPlace) {
  auto changed = base_;
  changed["tags"] = Value::map(Type::string(), {{"env", Value::string("prod")}});
  auto result = plan(config(changed), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.get_string("id"), "Abc12345");
  EXPECT_EQ(result.planned.at("tags"),
            Value::map(Type::string(), {{"env", Value::string("prod")}}));
  EXPECT_EQ(result.planned.get_string("fingerprint_sha256"),
            prior_.get_string("fingerprint_sha256"));
}

// Removing the tags argument plans the default (no tags), again in place.
TEST_F(CertificateUpdatePlan, RemovingAllTagsIsInPlace) {
  auto tagged = base_;
  tagged["tags"] = Value::map(Type::string(), {{"env", Value::string("prod")}});
  const Value prior = applied(plan(config(tagged), Value()).planned);
  auto result = plan(config(base_), prior);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.at("tags"), Value::map(Type::string(), {}));
}

TEST_F(CertificateUpdatePlan, RotateInPlaceKeepsTheIdAndNeedsRegions) {
  auto next = testing::make_chain();
  auto changed = base_;
  changed["certificate_pem"] = Value::string(next.leaf_and_chain());
  changed["private_key_pem"] = Value::string(next.leaf.key.pem);
  changed["rotate_in_place"] = Value::boolean(true);
  plan(config(changed), prior_);
  EXPECT_TRUE(error_at("rotate_in_place_regions"));

  changed["rotate_in_place_regions"] = Value::set(Type::string(), {Value::string("ap-guangzhou")});
  auto result = plan(config(changed), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.get_string("id"), "Abc12345");
  EXPECT_EQ(result.planned.get_string("fingerprint_sha256"),
            pem::parse_chain(next.leaf.pem).facts().fingerprint_sha256);
}

TEST_F(CertificateUpdatePlan, RotateInPlaceRejectsTypesTheApiCannotRotate) {
  auto changed = base_;
  changed["rotate_in_place"] = Value::boolean(true);
  changed["rotate_in_place_resource_types"] =
      Value::set(Type::string(), {Value::string("clb"), Value::string("cdn")});
  plan(config(changed), prior_);
  const auto* d = error_at("rotate_in_place_resource_types");
  ASSERT_TRUE(d);
  EXPECT_NE(d->detail.find("only \"clb\""), std::string::npos);
}

TEST_F(CertificateUpdatePlan, ImportedStateWithMatchingKeyHashPlansNoChange) {
  // An import reconstructs everything but the key; private_key_sha256 comes from the API.
  Value imported = prior_.with("private_key_pem", Value::null(Type::string()));
  auto cfg = base_;
  cfg.erase("private_key_pem");
  cfg["private_key_wo"] = Value::string(chain_.leaf.key.pem);
  auto result = plan(config(cfg), imported);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_EQ(result.planned, imported);
  EXPECT_TRUE(result.requires_replace.empty());

  cfg["private_key_wo"] = Value::string(testing::make_key().pem);  // a different key
  result = plan(config(cfg), imported);
  EXPECT_TRUE(error_at("private_key_wo"));  // and it does not match the certificate
}

// The API may mask CertificatePrivateKey ("*******"): an import then leaves
// private_key_sha256 null. The configured key, when it is the certificate's, is adopted in
// place (no replacement, no rotation); a key that is not the certificate's stays an error.
TEST_F(CertificateUpdatePlan, ImportWithMaskedKeyAdoptsAMatchingKeyInPlace) {
  Value imported = prior_.with("private_key_pem", Value::null(Type::string()))
                       .with("private_key_sha256", Value::null(Type::string()));
  auto cfg = base_;
  cfg.erase("private_key_pem");
  cfg["private_key_wo"] = Value::string(chain_.leaf.key.pem);
  auto result = plan(config(cfg), imported);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.get_string("id"), "Abc12345");
  EXPECT_EQ(result.planned.get_string("private_key_sha256"),
            pem::parse_private_key(chain_.leaf.key.pem).sha256());
  // Only the hash is learnt: everything else stays as imported.
  EXPECT_EQ(result.planned.with("private_key_sha256", Value::null(Type::string())), imported);

  // With rotate_in_place: nothing to rotate, but the regions are required all the same (checked
  // with the configuration, never only once a rotation is planned, where an error would also
  // block a destroy); with them, nothing else is asked for.
  cfg["rotate_in_place"] = Value::boolean(true);
  Value rotating = imported.with("rotate_in_place", Value::boolean(true));
  plan(config(cfg), rotating);
  ASSERT_EQ(diags_.all().size(), 1u);
  EXPECT_TRUE(error_at("rotate_in_place_regions"));
  cfg["rotate_in_place_regions"] = Value::set(Type::string(), {Value::string("ap-guangzhou")});
  result = plan(config(cfg), rotating);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  cfg.erase("rotate_in_place");
  cfg.erase("rotate_in_place_regions");

  cfg["private_key_wo"] = Value::string(testing::make_key().pem);  // not the certificate's key
  plan(config(cfg), imported);
  EXPECT_TRUE(error_at("private_key_wo"));

  // A CA certificate imported without a key is not given one: a new key replaces.
  Value ca = imported.with("type", Value::string("CA"));
  cfg["private_key_wo"] = Value::string(chain_.leaf.key.pem);
  cfg["type"] = Value::string("CA");
  result = plan(config(cfg), ca);
  EXPECT_FALSE(result.requires_replace.empty());
}

// An existing certificate whose content stays needs no key in the configuration (imported,
// listed by `terraform query`, generated configuration): nothing is uploaded, so nothing is
// replaced and the hash in state stays. New content without a key is still an error.
TEST_F(CertificateUpdatePlan, AnUnchangedCertificateNeedsNoKey) {
  auto cfg = base_;
  cfg.erase("private_key_pem");
  auto result = plan(config(cfg), prior_);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned.get_string("private_key_sha256"),
            prior_.get_string("private_key_sha256"));
  EXPECT_EQ(result.planned, prior_.with("private_key_pem", Value::null(Type::string())));

  auto next = testing::make_chain();
  cfg["certificate_pem"] = Value::string(next.leaf_and_chain());
  plan(config(cfg), prior_);
  EXPECT_TRUE(error_at("private_key_pem"));
}

}  // namespace
}  // namespace cloudssl::certificates
