// The mapping from the Tencent Cloud provider's SSL resources to cloudssl's (a pure function):
// ids and names mapped, SDK v2's "" and 0 for unset arguments read as unset, plan-time facts
// recomputed from the PEM, older layouts (no notification_switch) accepted, and every value
// that cannot be mapped an error naming the source attribute without quoting a key. The
// mapped certificate then plans no change against the same configuration.
#include "resources/certificates/tencentcloud_move.h"

#include <gtest/gtest.h>

#include "lib/pem/pem.h"
#include "resources/certificates/factories.h"
#include "tests/support/test_certificates.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using codec::Type;
using codec::Value;
using framework::Diagnostics;
using nlohmann::json;

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string all_text(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.all()) out += x.summary + ": " + x.detail + "\n";
  return out;
}

class TencentCloudMove : public ::testing::Test {
 protected:
  TencentCloudMove()
      : certificate_(make_certificate_resource()),
        free_(make_free_certificate_resource()),
        chain_(testing::make_chain()) {}

  // A state as the official provider's read writes it (current release).
  json certificate_state() const {
    return {{"id", "abc123"},
            {"name", "web"},
            {"type", "SVR"},
            {"project_id", 7},
            {"cert", trimmed(chain_.leaf_and_chain())},
            {"key", trimmed(chain_.leaf.key.pem)},
            {"tags", {{"env", "prod"}}},
            {"notification_switch", 0},
            {"product_zh_name", "Uploaded"},
            {"domain", "www.example.test"},
            {"status", 1},
            {"begin_time", "2026-01-01 00:00:00"},
            {"end_time", "2027-01-01 00:00:00"},
            {"create_time", "2026-01-01 00:00:00"},
            {"subject_names", {"www.example.test", "example.test"}}};
  }

  Value move_certificate(const json& state, Diagnostics& d, std::int64_t version = 0) const {
    return move_tencentcloud_certificate(state, version, certificate_->schema(), d);
  }

  std::shared_ptr<framework::Resource> certificate_;
  std::shared_ptr<framework::Resource> free_;
  testing::TestChain chain_;
};

TEST_F(TencentCloudMove, CertificateAttributesMapAndFactsAreRecomputed) {
  Diagnostics d;
  const Value moved = move_certificate(certificate_state(), d);
  ASSERT_FALSE(d.has_errors()) << all_text(d);
  EXPECT_TRUE(d.empty()) << all_text(d);
  EXPECT_EQ(moved.get_string("id"), "abc123");
  EXPECT_EQ(moved.get_string("alias"), "web");
  EXPECT_EQ(moved.get_string("type"), "SVR");
  EXPECT_EQ(moved.get_int("project_id"), 7);
  EXPECT_EQ(moved.at("tags"), Value::map(Type::string(), {{"env", Value::string("prod")}}));
  EXPECT_EQ(moved.get_string("certificate_pem"), trimmed(chain_.leaf_and_chain()));
  EXPECT_EQ(moved.get_string("private_key_pem"), trimmed(chain_.leaf.key.pem));
  EXPECT_EQ(moved.get_int("status"), 1);
  const pem::CertificateFacts facts = pem::parse_chain(chain_.leaf_and_chain()).facts();
  EXPECT_EQ(moved.get_string("fingerprint_sha256"), facts.fingerprint_sha256);
  EXPECT_EQ(moved.get_string("not_after"), pem::rfc3339(facts.not_after));
  EXPECT_EQ(moved.get_string("private_key_sha256"),
            pem::parse_private_key(chain_.leaf.key.pem).sha256());
  // cloudssl's own arguments at their defaults; write-only and timeouts null.
  EXPECT_EQ(moved.get_bool("keep_on_destroy"), false);
  EXPECT_EQ(moved.get_bool("allow_duplicate"), false);
  EXPECT_TRUE(moved.at("private_key_wo").is_null());
  EXPECT_TRUE(moved.at("timeouts").is_null());
  EXPECT_TRUE(moved.is_wholly_known());
}

TEST_F(TencentCloudMove, OlderLayoutsAndSdkZeroValuesAreAccepted) {
  // Releases before notification_switch; a CA certificate without key; SDK v2 stores unset
  // strings as "" and tags as null when never set.
  json state = certificate_state();
  state.erase("notification_switch");
  state["type"] = "CA";
  state["key"] = "";
  state["name"] = "";
  state["tags"] = nullptr;
  state["project_id"] = "0";  // the API's string form
  Diagnostics d;
  const Value moved = move_certificate(state, d);
  ASSERT_FALSE(d.has_errors()) << all_text(d);
  EXPECT_EQ(moved.get_string("type"), "CA");
  EXPECT_TRUE(moved.at("private_key_pem").is_null());
  EXPECT_TRUE(moved.at("private_key_sha256").is_null());
  EXPECT_EQ(moved.get_string("alias"), "");
  EXPECT_EQ(moved.get_int("project_id"), 0);
  EXPECT_EQ(moved.at("tags"), Value::map(Type::string(), {}));
}

TEST_F(TencentCloudMove, IgnoredNotificationsWarnOnTheSourceAttribute) {
  json state = certificate_state();
  state["notification_switch"] = 1;
  Diagnostics d;
  move_certificate(state, d);
  ASSERT_FALSE(d.has_errors());
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_NE(d.all()[0].summary.find("notification_switch"), std::string::npos);
}

TEST_F(TencentCloudMove, WhatCannotBeMappedIsAnErrorNamingTheSourceAttribute) {
  const std::string key = trimmed(chain_.leaf.key.pem);
  const testing::TestKey other = testing::make_key();
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::string attribute;
  };
  const std::vector<Case> cases = {
      {"no id", [](json& s) { s.erase("id"); }, "\"id\""},
      {"empty id", [](json& s) { s["id"] = ""; }, "\"id\""},
      {"no cert", [](json& s) { s.erase("cert"); }, "\"cert\""},
      {"cert not PEM", [](json& s) { s["cert"] = "not a certificate"; }, "\"cert\""},
      {"key not PEM",
       [](json& s) { s["key"] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"; },
       "\"key\""},
      {"key of another certificate", [&](json& s) { s["key"] = other.pem; }, "\"key\""},
      {"bad type", [](json& s) { s["type"] = "XYZ"; }, "\"type\""},
      {"project not a number", [](json& s) { s["project_id"] = "seven"; }, "\"project_id\""},
      {"tags not strings",
       [](json& s) {
         s["tags"] = {{"env", 1}};
       },
       "\"tags.env\""},
      {"name not a string", [](json& s) { s["name"] = 5; }, "\"name\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    json state = certificate_state();
    c.change(state);
    Diagnostics d;
    const Value moved = move_certificate(state, d);
    ASSERT_TRUE(d.has_errors());
    EXPECT_TRUE(moved.is_null());
    const std::string text = all_text(d);
    EXPECT_NE(text.find(c.attribute), std::string::npos) << text;
    EXPECT_NE(text.find("Nothing was changed"), std::string::npos) << text;
    // Never the key material, whatever went wrong.
    EXPECT_EQ(text.find(key.substr(40, 40)), std::string::npos);
    EXPECT_EQ(text.find(trimmed(other.pem).substr(40, 40)), std::string::npos);
  }
}

TEST_F(TencentCloudMove, UnknownSchemaVersionsAreRefused) {
  Diagnostics d;
  EXPECT_TRUE(move_certificate(certificate_state(), d, 1).is_null());
  ASSERT_TRUE(d.has_errors());
  EXPECT_NE(all_text(d).find("schema version 1"), std::string::npos) << all_text(d);
}

// After the move Terraform plans the moved object against the configuration, through the one
// plan harness as PlanResourceChange would.
class MovedCertificatePlan : public testing::PlanHarness {
 protected:
  MovedCertificatePlan() : PlanHarness(make_certificate_resource()) {}
};

TEST_F(MovedCertificatePlan, TheMovedCertificatePlansNoChangeForTheSameConfiguration) {
  const testing::TestChain chain = testing::make_chain();
  const json state = {{"id", "abc123"},
                      {"name", "web"},
                      {"type", "SVR"},
                      {"project_id", 7},
                      {"cert", trimmed(chain.leaf_and_chain())},
                      {"key", trimmed(chain.leaf.key.pem)},
                      {"tags", {{"env", "prod"}}}};
  Diagnostics d;
  const Value prior = move_tencentcloud_certificate(state, 0, schema_, d);
  ASSERT_FALSE(d.has_errors()) << all_text(d);
  // The configuration a user writes after the move: file() output, trailing newline and all.
  const auto result =
      plan(config({{"certificate_pem", Value::string(chain.leaf_and_chain())},
                   {"private_key_pem", Value::string(chain.leaf.key.pem)},
                   {"alias", Value::string("web")},
                   {"project_id", Value::number(7)},
                   {"tags", Value::map(Type::string(), {{"env", Value::string("prod")}})}}),
           prior);
  ASSERT_FALSE(diags_.has_errors()) << all_text(diags_);
  EXPECT_TRUE(result.requires_replace.empty());
  EXPECT_EQ(result.planned, prior);
}

TEST_F(TencentCloudMove, FreeCertificateAttributesMap) {
  const json state = {{"id", "free01"},
                      {"dv_auth_method", "DNS"},
                      {"domain", "free.example.test"},
                      {"package_type", "2"},
                      {"contact_email", "ops@example.test"},
                      {"contact_phone", ""},
                      {"validity_period", "12"},
                      {"csr_encrypt_algo", "RSA"},
                      {"csr_key_parameter", "2048"},
                      {"csr_key_password", ""},
                      {"alias", "free"},
                      {"project_id", 0},
                      {"old_certificate_id", ""},
                      {"status", 1},
                      {"status_name", "Issued"},
                      {"status_msg", ""},
                      {"certificate_public_key", chain_.leaf.pem},
                      {"certificate_private_key", chain_.leaf.key.pem},
                      {"dv_auths",
                       {{{"dv_auth_key", "_dnsauth.free.example.test"},
                         {"dv_auth_value", "token"},
                         {"dv_auth_verify_type", "TXT"}}}},
                      {"renewable", false},
                      {"deployable", true}};
  Diagnostics d;
  const Value moved = move_tencentcloud_free_certificate(state, 0, free_->schema(), d);
  ASSERT_FALSE(d.has_errors()) << all_text(d);
  EXPECT_EQ(moved.get_string("id"), "free01");
  EXPECT_EQ(moved.get_string("domain"), "free.example.test");
  EXPECT_EQ(moved.get_string("dv_auth_method"), "DNS");
  EXPECT_EQ(moved.get_string("alias"), "free");
  EXPECT_EQ(moved.get_int("validity_period"), 12);
  EXPECT_EQ(moved.get_string("contact_email"), "ops@example.test");
  EXPECT_TRUE(moved.at("contact_phone").is_null());       // "" = unset
  EXPECT_TRUE(moved.at("old_certificate_id").is_null());  // "" = unset
  EXPECT_TRUE(moved.at("renewed_from_certificate_id").is_null());
  EXPECT_EQ(moved.get_int("status"), 1);
  EXPECT_EQ(moved.get_string("certificate_pem"), chain_.leaf.pem);
  ASSERT_EQ(moved.at("dv_auths").length(), 1u);
  const Value& auth = moved.at("dv_auths").elements()[0];
  EXPECT_EQ(auth.get_string("key"), "_dnsauth.free.example.test");
  EXPECT_EQ(auth.get_string("value"), "token");
  EXPECT_EQ(auth.get_string("verify_type"), "TXT");
  EXPECT_EQ(auth.get_string("domain"), "free.example.test");
  EXPECT_TRUE(moved.is_wholly_known());
  // The generated key the other provider kept in state is not carried over anywhere.
  EXPECT_EQ(moved.debug_string().find(trimmed(chain_.leaf.key.pem).substr(40, 40)),
            std::string::npos);

  json bad = state;
  bad["validity_period"] = "a year";
  Diagnostics bad_d;
  EXPECT_TRUE(move_tencentcloud_free_certificate(bad, 0, free_->schema(), bad_d).is_null());
  EXPECT_NE(all_text(bad_d).find("\"validity_period\""), std::string::npos);
  json no_domain = state;
  no_domain.erase("domain");
  Diagnostics nd;
  EXPECT_TRUE(move_tencentcloud_free_certificate(no_domain, 0, free_->schema(), nd).is_null());
  EXPECT_NE(all_text(nd).find("\"domain\""), std::string::npos);
}

}  // namespace
}  // namespace cloudssl::certificates
