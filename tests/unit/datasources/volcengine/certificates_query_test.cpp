// data "cloudssl_volcengine_certificates": every filter argument and the CertificateGetInstance
// parameter it becomes (a row per argument; the test fails when an argument has no row), empty
// id lists matching nothing, and the plan-time diagnostics for values the API does not
// document.
#include "datasources/volcengine/certificates_query.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "provider/codec/json_codec.h"
#include "provider/framework/schema.h"

namespace cloudssl::volcengine {
namespace {

using nlohmann::json;

codec::Value config_of(const json& j) {
  framework::Schema schema;
  schema.block.attributes = certificate_filter_arguments();
  return codec::from_json(j.dump(), framework::implied_type(schema));
}

std::map<std::string, std::string> sent(const json& config) {
  const auto q = certificates_query_from_config(config_of(config));
  EXPECT_TRUE(q) << config.dump();
  if (!q) return {};
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : api::volcengine::certificate_query(q->filters, q->page_size, 1)) {
    out[k] = v;
  }
  return out;
}

struct Row {
  std::string argument;
  json value;
  std::string parameter, sent;
};

std::vector<Row> rows() {
  return {
      {"instance_ids", {"cert-1", "cert-2"}, "instance_id", "cert-1,cert-2"},
      {"chain_ids", {"cert-3"}, "chain_id", "cert-3"},
      {"source_ids", {"cert-4", "cert-5"}, "source_id", "cert-4,cert-5"},
      {"tag", "web", "tag", "web"},
      {"purpose", "ssl", "purpose", "ssl"},
      {"instance_type", 1, "instance_type", "1"},
      {"type", "ov", "type", "ov"},
      {"common_name", "example", "common_name", "example"},
      {"domain", "www.example.com", "domain", "www.example.com"},
      {"order_exist", true, "order_exist", "true"},
      {"order_brand", "geotrust", "order_brand", "geotrust"},
      {"order_san_number", -1, "order_san_number", "-1"},
      {"order_status", 300, "order_status", "300"},
      {"certificate_exist", true, "certificate_exist", "true"},
      // RFC 3339 in, Beijing time out.
      {"certificate_expire_after", "2025-01-01T00:00:00Z", "certificate_expire_after",
       "2025-01-01 08:00:00"},
      {"certificate_expire_before", "2025-06-30T16:00:00Z", "certificate_expire_before",
       "2025-07-01 00:00:00"},
      {"certificate_valid", true, "certificate_valid", "true"},
      {"certificate_revoked", true, "certificate_revoked", "true"},
      {"project_name", "default", "project_name", "default"},
      {"page_size", 20, "limit", "20"},
  };
}

TEST(VolcengineCertificatesQuery, EachArgumentBecomesItsParameter) {
  for (const auto& row : rows()) {
    const auto params = sent({{row.argument, row.value}});
    ASSERT_TRUE(params.count(row.parameter)) << row.argument;
    EXPECT_EQ(params.at(row.parameter), row.sent) << row.argument;
    // Nothing else besides paging.
    const std::size_t expected = row.parameter == "limit" ? 2u : 3u;
    EXPECT_EQ(params.size(), expected) << row.argument;
  }
}

TEST(VolcengineCertificatesQuery, TheTableHasARowPerArgument) {
  std::set<std::string> covered;
  for (const auto& row : rows()) covered.insert(row.argument);
  for (const auto& attribute : certificate_filter_arguments()) {
    EXPECT_TRUE(covered.count(attribute.name)) << "no row for the argument " << attribute.name;
  }
  // And the documented table names the same parameter as the row.
  for (const auto& [argument, parameter] : argument_parameters()) {
    bool found = false;
    for (const auto& row : rows()) {
      if (row.argument == argument) {
        EXPECT_EQ(row.parameter, parameter) << argument;
        found = true;
      }
    }
    EXPECT_TRUE(found) << argument;
  }
  EXPECT_EQ(argument_parameters().size(), certificate_filter_arguments().size());
}

TEST(VolcengineCertificatesQuery, NothingSetIsEveryCertificateAHundredAtATime) {
  EXPECT_EQ(sent(json::object()),
            (std::map<std::string, std::string>{{"limit", "100"}, {"page", "1"}}));
}

TEST(VolcengineCertificatesQuery, FalseBooleansAndEmptyStringsSendNothing) {
  EXPECT_EQ(sent({{"order_exist", false},
                  {"certificate_exist", false},
                  {"certificate_valid", false},
                  {"certificate_revoked", false},
                  {"tag", ""},
                  {"project_name", ""}})
                .size(),
            2u);
}

TEST(VolcengineCertificatesQuery, EmptyIdListsMatchNothing) {
  for (const char* name : {"instance_ids", "chain_ids", "source_ids"}) {
    EXPECT_FALSE(certificates_query_from_config(config_of({{name, json::array()}}))) << name;
  }
}

struct Bad {
  std::string argument;
  json value;
  std::string says;  // part of the detail
};

TEST(VolcengineCertificatesQuery, UndocumentedValuesAreRefusedOnTheirAttribute) {
  const std::vector<Bad> bad = {
      {"instance_type", 3, "0, 1, 2, 4"},
      {"instance_type", 1.5, "whole number"},
      {"type", "xv", "dv, ov, ev"},
      {"purpose", "tls", "\"ssl\""},
      {"order_brand", "acme", "digicert_free"},
      {"order_status", 999, "300"},
      {"order_san_number", -2, "-1 (wildcard)"},
      {"page_size", 0, "between 1 and 100"},
      {"page_size", 101, "between 1 and 100"},
      {"certificate_expire_after", "2025-01-01", "RFC 3339"},
      {"certificate_expire_before", "yesterday", "RFC 3339"},
  };
  for (const auto& b : bad) {
    framework::Diagnostics d;
    validate_certificates_config(config_of({{b.argument, b.value}}), d);
    ASSERT_EQ(d.all().size(), 1u) << b.argument << " " << b.value.dump();
    const auto& diagnostic = d.all().front();
    EXPECT_EQ(diagnostic.severity, framework::Severity::Error);
    ASSERT_TRUE(diagnostic.attribute);
    EXPECT_EQ(*diagnostic.attribute, codec::Path::root(b.argument));
    EXPECT_NE(diagnostic.detail.find(b.says), std::string::npos) << diagnostic.detail;
  }
}

TEST(VolcengineCertificatesQuery, DocumentedValuesPass) {
  framework::Diagnostics d;
  validate_certificates_config(config_of({{"instance_type", 4},
                                          {"type", "dv"},
                                          {"purpose", "ssl"},
                                          {"order_brand", "wotrus_sm"},
                                          {"order_status", -2},
                                          {"order_san_number", 5},
                                          {"page_size", 100},
                                          {"certificate_expire_after", "2025-01-01T00:00:00Z"},
                                          {"certificate_expire_before", "2026-01-01T00:00:00Z"}}),
                               d);
  EXPECT_TRUE(d.all().empty());
}

TEST(VolcengineCertificatesQuery, AnEmptyExpiryWindowIsAnError) {
  framework::Diagnostics d;
  validate_certificates_config(config_of({{"certificate_expire_after", "2026-01-01T00:00:00Z"},
                                          {"certificate_expire_before", "2025-01-01T00:00:00Z"}}),
                               d);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_NE(d.all().front().detail.find("earlier"), std::string::npos);
}

TEST(VolcengineCertificatesQuery, FalseBooleanFiltersWarn) {
  framework::Diagnostics d;
  validate_certificates_config(config_of({{"certificate_revoked", false}}), d);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all().front().severity, framework::Severity::Warning);
  EXPECT_NE(d.all().front().detail.find("certificate_valid = true"), std::string::npos);
}

TEST(VolcengineCertificatesQuery, UnknownValuesAreNotCheckedYet) {
  const auto config = config_of(json::object())
                          .with("instance_type", codec::Value::unknown(codec::Type::number()))
                          .with("type", codec::Value::unknown(codec::Type::string()));
  framework::Diagnostics d;
  validate_certificates_config(config, d);
  EXPECT_TRUE(d.all().empty());
}

}  // namespace
}  // namespace cloudssl::volcengine
