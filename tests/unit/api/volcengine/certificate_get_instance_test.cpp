// CertificateGetInstance's typed request and answer: a table with a row per documented filter
// (the test fails when a filter of the seed's query table has no row), the walk over pages,
// and that private keys stay out unless asked for and CSRs always.
#include "api/volcengine/certificate/certificate_get_instance.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <stdexcept>

namespace cloudssl::api::volcengine {
namespace {

using nlohmann::json;

// The query parameters of seed 003 (CertificateGetInstance "Query" table) besides Action,
// Version and the paging ones.
const std::vector<std::string> kDocumentedFilters = {"instance_id",
                                                     "chain_id",
                                                     "source_id",
                                                     "tag",
                                                     "purpose",
                                                     "instance_type",
                                                     "type",
                                                     "common_name",
                                                     "domain",
                                                     "order_exist",
                                                     "order_brand",
                                                     "order_san_number",
                                                     "order_status",
                                                     "certificate_exist",
                                                     "certificate_expire_before",
                                                     "certificate_expire_after",
                                                     "certificate_valid",
                                                     "certificate_revoked",
                                                     "project_name"};

struct FilterRow {
  std::string parameter;
  std::function<void(CertificateFilters&)> set;
  std::string sent;  // the value on the wire
};

std::vector<FilterRow> filter_rows() {
  return {
      {"instance_id",
       [](auto& f) {
         f.instance_ids = {"cert-1", "cert-2"};
       },
       "cert-1,cert-2"},
      {"chain_id", [](auto& f) { f.chain_ids = {"cert-9"}; }, "cert-9"},
      {"source_id",
       [](auto& f) {
         f.source_ids = {"cert-a", "cert-b"};
       },
       "cert-a,cert-b"},
      {"tag", [](auto& f) { f.tag = "未命名证书"; }, "未命名证书"},
      {"purpose", [](auto& f) { f.purpose = "ssl"; }, "ssl"},
      {"instance_type", [](auto& f) { f.instance_type = 4; }, "4"},
      {"type", [](auto& f) { f.type = "ev"; }, "ev"},
      {"common_name", [](auto& f) { f.common_name = "www.example.com"; }, "www.example.com"},
      {"domain", [](auto& f) { f.domain = "a.example.com"; }, "a.example.com"},
      {"order_exist", [](auto& f) { f.order_exist = true; }, "true"},
      {"order_brand", [](auto& f) { f.order_brand = "digicert_free"; }, "digicert_free"},
      {"order_san_number", [](auto& f) { f.order_san_number = -1; }, "-1"},
      {"order_status", [](auto& f) { f.order_status = 300; }, "300"},
      {"certificate_exist", [](auto& f) { f.certificate_exist = true; }, "true"},
      // 2023-12-30T16:00:00Z is 2023-12-31 00:00:00 in Beijing.
      {"certificate_expire_before", [](auto& f) { f.certificate_expire_before = 1703952000; },
       "2023-12-31 00:00:00"},
      {"certificate_expire_after", [](auto& f) { f.certificate_expire_after = 1672502400; },
       "2023-01-01 00:00:00"},
      {"certificate_valid", [](auto& f) { f.certificate_valid = true; }, "true"},
      {"certificate_revoked", [](auto& f) { f.certificate_revoked = true; }, "true"},
      {"project_name", [](auto& f) { f.project_name = "default"; }, "default"},
  };
}

std::map<std::string, std::string> as_map(const QueryParams& q) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : q) EXPECT_TRUE(m.emplace(k, v).second) << "repeated " << k;
  return m;
}

TEST(CertificateQuery, EachFilterIsSentAsDocumented) {
  for (const auto& row : filter_rows()) {
    CertificateFilters f;
    row.set(f);
    const auto sent = as_map(certificate_query(f, 100, 1));
    EXPECT_EQ(sent.size(), 3u) << row.parameter << ": only it, limit and page";
    ASSERT_TRUE(sent.count(row.parameter)) << row.parameter;
    EXPECT_EQ(sent.at(row.parameter), row.sent) << row.parameter;
  }
}

TEST(CertificateQuery, TheTableHasARowPerDocumentedFilter) {
  std::set<std::string> covered;
  for (const auto& row : filter_rows()) covered.insert(row.parameter);
  for (const auto& name : kDocumentedFilters) {
    EXPECT_TRUE(covered.count(name)) << "no row for the documented filter " << name;
  }
  EXPECT_EQ(covered.size(), kDocumentedFilters.size());
}

TEST(CertificateQuery, NothingSetSendsOnlyPaging) {
  EXPECT_EQ(as_map(certificate_query({}, 50, 3)),
            (std::map<std::string, std::string>{{"limit", "50"}, {"page", "3"}}));
}

TEST(CertificateQuery, FalseBooleansAreNotSent) {
  CertificateFilters f;  // every boolean false by default
  for (const auto& [k, v] : certificate_query(f, 100, 1)) {
    EXPECT_NE(v, "false") << k;
  }
}

TEST(BeijingTime, RoundTripsAndRejectsMalformedText) {
  EXPECT_EQ(beijing_time(1670457600), "2022-12-08 08:00:00");        // seed 003's not_before_ms
  EXPECT_EQ(parse_beijing_time("2023-12-09 07:59:59"), 1702079999);  // its not_after_ms / 1000
  for (const char* bad : {"", "2023-12-09", "2023-12-09T07:59:59", "2023-02-30 00:00:00",
                          "2023-12-09 25:00:00", "2023-12-09 07:59:59Z"}) {
    EXPECT_FALSE(parse_beijing_time(bad)) << bad;
  }
}

json certificate_json(int n) {
  return {
      {"id", "cert-" + std::to_string(n)},
      {"chain_id", "cert-" + std::to_string(n)},
      {"tag", "t"},
      {"common_name", "h" + std::to_string(n) + ".example.com"},
      {"instance_type", 2},
      {"order_status", 300},
      {"certificate_exist", 1},
      {"certificate_revoked", 0},
      {"project_name", "default"},
      {"issuer", "Example CA"},
      {"certificate_not_before_ms", 1670457600000},
      {"certificate_not_after_ms", 1702079999000},
      {"ssl",
       {{"san", {"h" + std::to_string(n) + ".example.com"}},
        {"certificate",
         {{"csr", "-----BEGIN CERTIFICATE REQUEST-----\nCSR\n-----END CERTIFICATE REQUEST-----\n"},
          {"private_key", "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n"},
          {"key_type", "rsa"},
          {"chain", {"-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n"}}}}}},
      {"certificate_detail", {{"fingerprint_sha_256", "AB"}, {"serial_number", "01"}}}};
}

// A fake account of `total` certificates answering like the API (limit/page, page wins).
struct FakeAccount {
  int total;
  std::vector<std::map<std::string, std::string>> requests;
  json operator()(const QueryParams& q) {
    const auto m = as_map(q);
    requests.push_back(m);
    const int limit = std::stoi(m.at("limit")), page = std::stoi(m.at("page"));
    json content = json::array();
    for (int i = (page - 1) * limit; i < total && i < page * limit; ++i) {
      content.push_back(certificate_json(i + 1));
    }
    return {{"count", total}, {"content", content}};
  }
};

TEST(CertificateGetAll, PagesUntilCountIsReached) {
  FakeAccount account{250, {}};
  int calls = 0;
  const auto all = certificate_get_all(std::ref(account), {}, 100, false, &calls);
  ASSERT_EQ(all.size(), 250u);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(account.requests.at(2).at("page"), "3");
  EXPECT_EQ(account.requests.at(2).at("limit"), "100");
  EXPECT_EQ(all.back().id, "cert-250");
}

TEST(CertificateGetAll, AnExactMultipleNeedsNoExtraCall) {
  FakeAccount account{200, {}};
  int calls = 0;
  EXPECT_EQ(certificate_get_all(std::ref(account), {}, 100, false, &calls).size(), 200u);
  EXPECT_EQ(calls, 2);
}

TEST(CertificateGetAll, AShortPageEndsTheWalkEvenIfCountSaysMore) {
  int calls = 0;
  const auto lying = [&](const QueryParams&) {
    return json{{"count", 500}, {"content", {certificate_json(1)}}};
  };
  EXPECT_EQ(certificate_get_all(lying, {}, 100, false, &calls).size(), 1u);
  EXPECT_EQ(calls, 1);
}

// Found by tests/fuzz (volcengine_response): an answer that ignores `page` and claims more
// than it delivers was walked forever (a full page per call, without end). A page of nothing
// new ends the walk.
TEST(CertificateGetAll, ARepeatedPageEndsTheWalk) {
  int calls = 0;
  const auto ignores_page = [&](const QueryParams&) {
    if (calls > 10) throw std::runtime_error("still walking after 10 pages");
    return json{{"count", 1000000000000LL},
                {"content", {certificate_json(1), certificate_json(2)}}};
  };
  const auto all = certificate_get_all(ignores_page, {}, 2, false, &calls);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "cert-1");
  EXPECT_EQ(all[1].id, "cert-2");
  EXPECT_EQ(calls, 2);  // the second page repeated the first: done
}

TEST(CertificateGetAll, PageSizeOutOfRangeIsRefused) {
  FakeAccount account{1, {}};
  EXPECT_THROW(certificate_get_all(std::ref(account), {}, 0, false), std::invalid_argument);
  EXPECT_THROW(certificate_get_all(std::ref(account), {}, 101, false), std::invalid_argument);
}

TEST(CertificatePageParsing, PrivateKeyOnlyWhenAskedAndCsrNever) {
  const json result = {{"count", 1}, {"content", {certificate_json(7)}}};
  const auto without = parse_certificate_page(result, false).content.at(0);
  EXPECT_TRUE(without.private_key.empty());
  const auto with = parse_certificate_page(result, true).content.at(0);
  EXPECT_NE(with.private_key.value().find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(with.id, "cert-7");
  EXPECT_EQ(with.not_before, 1670457600);
  EXPECT_EQ(with.not_after, 1702079999);
  EXPECT_EQ(with.subject_alt_names, std::vector<std::string>{"h7.example.com"});
  EXPECT_EQ(with.chain.size(), 1u);
  EXPECT_TRUE(with.issued);
  EXPECT_EQ(with.fingerprint_sha256, "AB");
}

TEST(CertificatePageParsing, SeedExampleTimesWithoutMilliseconds) {
  json c = certificate_json(1);
  c.erase("certificate_not_before_ms");
  c.erase("certificate_not_after_ms");
  c["certificate_not_before"] = "2022-12-08 08:00:00";
  c["certificate_not_after"] = "2023-12-09 07:59:59";
  const auto v = parse_certificate_page({{"count", 1}, {"content", {c}}}, false).content.at(0);
  EXPECT_EQ(v.not_before, 1670457600);
  EXPECT_EQ(v.not_after, 1702079999);
}

TEST(CertificatePageParsing, MalformedAnswersThrow) {
  EXPECT_THROW(parse_certificate_page(json::object(), false), std::runtime_error);
  EXPECT_THROW(parse_certificate_page({{"count", 1}, {"content", "x"}}, false), std::runtime_error);
  EXPECT_THROW(parse_certificate_page({{"count", 1}, {"content", {json{{"tag", "no id"}}}}}, false),
               std::runtime_error);
  EXPECT_EQ(parse_certificate_page({{"count", 0}, {"content", nullptr}}, false).content.size(), 0u);
}

}  // namespace
}  // namespace cloudssl::api::volcengine
