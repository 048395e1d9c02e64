// The Volcengine side of cloudssl-sim over HTTP: CertificateGetInstance's filters (a table with
// a row per documented filter), paging, parameter errors, signature verification and its error
// codes, the envelope, the rate limit and fault injection.
#include <gtest/gtest.h>
#include <httplib.h>

#include <set>

#include "api/volcengine/signer.h"
#include "simulator/actions/action_table.h"
#include "simulator/sim_clock.h"
#include "simulator/volcengine/certificate_get_instance.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using nlohmann::json;
namespace signer = cloudssl::api::volcengine;

struct VolcOptions {
  std::string access_key = "AKLTCLOUDSSLSIMULATOR";
  std::string secret_key = "cloudssl-sim-volcengine-secret";
  std::string session_token;
  std::int64_t timestamp = 0;  // 0 = now
  std::string region = "cn-north-1";
  std::string service = "certificate_service";
  std::string version = "2021-06-01";
  std::string action = "CertificateGetInstance";
  bool omit_authorization = false;
  std::string query_after_signing;  // non-empty: send this query instead of the signed one
};

struct VolcReply {
  int status = 0;
  json body;
  std::string code() const {
    const auto& meta = body.at("ResponseMetadata");
    return meta.contains("Error") ? meta["Error"].at("Code").get<std::string>() : "";
  }
  std::set<std::string> ids() const {
    std::set<std::string> out;
    for (const auto& c : body.at("Result").at("content")) out.insert(c.at("id").get<std::string>());
    return out;
  }
};

VolcReply volc_get(int port, signer::QueryParams params, const VolcOptions& o = {}) {
  params.insert(params.begin(), {{"Action", o.action}, {"Version", o.version}});
  const std::string host = "127.0.0.1:" + std::to_string(port);
  const std::int64_t ts = o.timestamp ? o.timestamp : std::time(nullptr);
  auto headers = signer::signing_headers({o.access_key, o.secret_key, o.session_token}, "GET", host,
                                         "/", params, "", ts, o.region, o.service);
  // The query goes out in the caller's order: the server must sort it itself.
  std::string query;
  for (const auto& [k, v] : params) {
    if (!query.empty()) query += '&';
    query += signer::uri_escape(k);
    query += '=';
    query += signer::uri_escape(v);
  }
  if (!o.query_after_signing.empty()) query = o.query_after_signing;
  httplib::Headers h;
  for (const auto& [k, v] : headers) {
    if (k == "Authorization" && o.omit_authorization) continue;
    h.emplace(k, v);
  }
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get("/?" + query, h);
  if (!res) return {};
  return {res->status, json::parse(res->body)};
}

json test_seed() {
  return json::parse(R"({"volcengine": {"certificates": [
    {"id": "cert-web", "Generate": {"Domain": "www.example.com"}, "tag": "web-prod"},
    {"id": "cert-wild", "Generate": {"Domain": "*.example.com", "Algorithm": "ECC"},
     "tag": "wildcard", "instance_type": 1, "order_brand": "digicert_free", "project_name": "ops"},
    {"id": "cert-multi", "Generate": {"Domain": "api.other.org", "SubjectAltNames": ["api2.other.org"]},
     "tag": "multi", "instance_type": 0, "type": "ov", "order_brand": "geotrust", "revoked": true},
    {"id": "cert-old", "Generate": {"Domain": "old.example.com", "AgeDays": 400, "Days": 30},
     "tag": "old", "instance_type": 4, "type": "ev", "chain_id": "cert-web", "source_id": "cert-web"},
    {"id": "cert-pending", "Generate": {"Domain": "pending.other.org"}, "tag": "pending",
     "order_status": 200}
  ]}})");
}

class VolcengineSim : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<SimServer>(quiet_options());
    server->admin("POST", "/seed", test_seed());
  }
  VolcReply get(signer::QueryParams params, const VolcOptions& o = {}) {
    return volc_get(server->port(), std::move(params), o);
  }
  std::unique_ptr<SimServer> server;
};

struct FilterRow {
  std::string name, value;
  std::set<std::string> expected;
};

std::vector<FilterRow> filter_rows() {
  const std::int64_t now = std::time(nullptr);
  const std::set<std::string> all = {"cert-web", "cert-wild", "cert-multi", "cert-old",
                                     "cert-pending"};
  return {
      {"instance_id", "cert-web,cert-old", {"cert-web", "cert-old"}},
      {"chain_id", "cert-web", {"cert-web", "cert-old"}},
      {"source_id", "cert-web", {"cert-old"}},
      {"tag", "prod", {"cert-web"}},
      {"purpose", "ssl", all},
      {"instance_type", "1", {"cert-wild"}},
      {"type", "ov", {"cert-multi"}},
      {"common_name", "example", {"cert-web", "cert-wild", "cert-old"}},
      {"domain", "shop.example.com", {"cert-wild"}},
      {"order_exist", "true", {"cert-wild", "cert-multi"}},
      {"order_brand", "geotrust", {"cert-multi"}},
      {"order_san_number", "-1", {"cert-wild"}},
      {"order_status", "200", {"cert-pending"}},
      {"certificate_exist", "true", {"cert-web", "cert-wild", "cert-multi", "cert-old"}},
      {"certificate_expire_before", beijing_time(now - 100 * 86400), {"cert-old"}},
      {"certificate_expire_after",
       beijing_time(now + 30 * 86400),
       {"cert-web", "cert-wild", "cert-multi", "cert-pending"}},
      {"certificate_valid", "true", {"cert-web", "cert-wild"}},
      {"certificate_revoked", "true", {"cert-multi"}},
      {"project_name", "ops", {"cert-wild"}},
  };
}

TEST_F(VolcengineSim, EveryDocumentedFilterSelectsWhatItSays) {
  for (const auto& row : filter_rows()) {
    const auto reply = get({{row.name, row.value}});
    ASSERT_EQ(reply.status, 200) << row.name << ": " << reply.body.dump();
    EXPECT_EQ(reply.ids(), row.expected) << row.name << "=" << row.value;
    EXPECT_EQ(reply.body["Result"]["count"], row.expected.size()) << row.name;
  }
}

TEST(VolcengineSimFilters, TheTableHasARowPerDocumentedFilter) {
  std::set<std::string> covered;
  for (const auto& row : filter_rows()) covered.insert(row.name);
  for (const auto& name : volcengine::documented_parameters()) {
    if (name == "limit" || name == "offset" || name == "page") continue;
    EXPECT_TRUE(covered.count(name)) << "no filter-table row for " << name;
  }
}

TEST_F(VolcengineSim, FalseBooleansAndEmptyValuesDoNotNarrow) {
  for (const char* name :
       {"order_exist", "certificate_exist", "certificate_valid", "certificate_revoked"}) {
    EXPECT_EQ(get({{name, "false"}}).ids().size(), 5u) << name;
  }
  EXPECT_EQ(get({{"project_name", ""}, {"tag", ""}}).ids().size(), 5u);
}

TEST_F(VolcengineSim, FiltersCombine) {
  EXPECT_EQ(
      get({{"common_name", "example"}, {"certificate_valid", "true"}, {"project_name", "ops"}})
          .ids(),
      (std::set<std::string>{"cert-wild"}));
}

TEST_F(VolcengineSim, AnswerCarriesTheDocumentedShape) {
  const auto reply = get({{"instance_id", "cert-wild"}});
  ASSERT_EQ(reply.status, 200);
  const json& meta = reply.body.at("ResponseMetadata");
  EXPECT_EQ(meta.at("Action"), "CertificateGetInstance");
  EXPECT_EQ(meta.at("Version"), "2021-06-01");
  EXPECT_EQ(meta.at("Service"), "certificate_service");
  EXPECT_EQ(meta.at("Region"), "cn-north-1");
  EXPECT_EQ(meta.at("RequestId").get<std::string>().size(), 34u);
  const json& c = reply.body.at("Result").at("content").at(0);
  EXPECT_EQ(c.at("common_name"), "*.example.com");
  EXPECT_EQ(c.at("applicable_domains"), ",*.example.com,");
  EXPECT_EQ(c.at("order_san_number"), -1);
  EXPECT_EQ(c.at("certificate_exist"), 1);
  EXPECT_EQ(c.at("issuer"), "*.example.com");  // self-signed
  EXPECT_EQ(c.at("ssl").at("certificate").at("key_type"), "ecc");
  EXPECT_NE(c.at("ssl").at("certificate").at("private_key").get<std::string>().find("PRIVATE KEY"),
            std::string::npos);
  EXPECT_NE(
      c.at("ssl").at("certificate").at("chain").at(0).get<std::string>().find("BEGIN CERTIFICATE"),
      std::string::npos);
  EXPECT_EQ(c.at("certificate_detail").at("fingerprint_sha_256").get<std::string>().size(), 64u);
  EXPECT_EQ(c.at("certificate_not_after_ms").get<std::int64_t>() % 1000, 0);
}

TEST_F(VolcengineSim, AdminViewsNeverShowPrivateKeys) {
  const json list = server->admin("GET", "/volcengine/certificates");
  ASSERT_EQ(list.at("certificates").size(), 5u);
  EXPECT_EQ(list.dump().find("PRIVATE KEY"), std::string::npos);
  EXPECT_TRUE(list["certificates"][0].at("has_private_key").get<bool>());
  EXPECT_EQ(server->admin("GET", "/state").dump().find("PRIVATE KEY"), std::string::npos);
}

TEST_F(VolcengineSim, PagingWithLimitOffsetAndPage) {
  server->admin("POST", "/volcengine/certificates",
                json::parse(R"({"certificates": [{"Count": 150, "id": "cert-bulk-{n}",
                  "Generate": {"Domain": "host{n}.bulk.test", "Algorithm": "ECC"},
                  "project_name": "bulk"}]})"));
  auto page = [&](signer::QueryParams extra) {
    extra.emplace_back("project_name", "bulk");
    const auto reply = get(extra);
    EXPECT_EQ(reply.status, 200) << reply.body.dump();
    EXPECT_EQ(reply.body["Result"]["count"], 150);
    return reply.body["Result"]["content"];
  };
  EXPECT_EQ(page({}).size(), 100u);  // default limit 100
  EXPECT_EQ(page({{"limit", "100"}, {"page", "2"}}).size(), 50u);
  EXPECT_EQ(page({{"limit", "100"}, {"page", "2"}}).at(0).at("id"), "cert-bulk-101");
  EXPECT_EQ(page({{"limit", "10"}, {"offset", "145"}}).size(), 5u);
  EXPECT_EQ(page({{"limit", "10"}, {"offset", "145"}}).at(0).at("id"), "cert-bulk-146");
  // page wins over offset when both are given.
  EXPECT_EQ(page({{"limit", "10"}, {"offset", "145"}, {"page", "1"}}).at(0).at("id"),
            "cert-bulk-1");
  EXPECT_TRUE(page({{"limit", "100"}, {"page", "3"}}).empty());
}

TEST_F(VolcengineSim, BadParametersAreInvalidParameter) {
  const std::vector<signer::QueryParams> bad = {
      {{"limit", "0"}},
      {{"limit", "101"}},
      {{"limit", "ten"}},
      {{"offset", "-1"}},
      {{"page", "0"}},
      {{"instance_type", "3"}},
      {{"type", "xv"}},
      {{"order_brand", "acme"}},
      {{"order_status", "999"}},
      {{"purpose", "tls"}},
      {{"order_exist", "yes"}},
      {{"order_san_number", "-2"}},
      {{"certificate_expire_before", "2023-13-01 00:00:00"}},
      {{"certificate_expire_after", "2023-01-01"}},
      {{"unknown_filter", "1"}},
      {{"tag", "a"}, {"tag", "b"}}};
  for (const auto& params : bad) {
    const auto reply = get(params);
    EXPECT_EQ(reply.status, 400) << params.front().first;
    EXPECT_EQ(reply.code(), "InvalidParameter") << params.front().first;
    EXPECT_NE(reply.body["ResponseMetadata"]["Error"]["Message"].get<std::string>().find(
                  params.front().first),
              std::string::npos)
        << reply.body.dump();
  }
}

TEST_F(VolcengineSim, SignatureErrorsCarryTheGatewayCodes) {
  struct Case {
    std::string name;
    VolcOptions options;
    int status;
    std::string code;
    int code_n;
  };
  VolcOptions wrong_key, wrong_ak, expired, future, no_auth, other_service, token, tampered;
  wrong_key.secret_key = "not-the-secret";
  wrong_ak.access_key = "AKLTSOMEONEELSE";
  expired.timestamp = std::time(nullptr) - 3600;
  future.timestamp = std::time(nullptr) + 3600;
  no_auth.omit_authorization = true;
  other_service.service = "iam";
  token.session_token = "unexpected";
  tampered.query_after_signing = "Action=CertificateGetInstance&Version=2021-06-01&limit=5";
  const std::vector<Case> cases = {
      {"wrong secret key", wrong_key, 401, "SignatureDoesNotMatch", 100010},
      {"unknown access key", wrong_ak, 401, "InvalidAccessKey", 100009},
      {"expired X-Date", expired, 400, "InvalidTimestamp", 100006},
      {"X-Date from the future", future, 400, "InvalidTimestamp", 100006},
      {"no Authorization", no_auth, 401, "MissingAuthenticationToken", 100003},
      {"scope names another service", other_service, 404, "ServiceNotFound", 100007},
      {"unexpected session token", token, 401, "InvalidSecretToken", 0},
      {"query changed after signing", tampered, 401, "SignatureDoesNotMatch", 100010},
  };
  for (const auto& c : cases) {
    const auto reply = get({{"limit", "1"}}, c.options);
    EXPECT_EQ(reply.status, c.status) << c.name;
    EXPECT_EQ(reply.code(), c.code) << c.name << ": " << reply.body.dump();
    const json& error = reply.body["ResponseMetadata"]["Error"];
    EXPECT_EQ(error.value("CodeN", 0), c.code_n) << c.name;
    EXPECT_FALSE(reply.body["ResponseMetadata"].at("RequestId").get<std::string>().empty());
    EXPECT_FALSE(reply.body.contains("Result")) << c.name;
  }
}

TEST_F(VolcengineSim, UnknownActionOrVersion) {
  VolcOptions other_action, other_version;
  other_action.action = "CertificateDeleteInstance";
  other_version.version = "2020-01-01";
  for (const auto& o : {other_action, other_version}) {
    const auto reply = get({}, o);
    EXPECT_EQ(reply.status, 404);
    EXPECT_EQ(reply.code(), "InvalidActionOrVersion");
  }
}

TEST(VolcengineSimAuth, SessionTokenIsRequiredWhenConfigured) {
  auto options = quiet_options();
  options.volcengine_credentials.session_token = "sts-token";
  SimServer server(options);
  VolcOptions with_token;
  with_token.session_token = "sts-token";
  EXPECT_EQ(volc_get(server.port(), {}, with_token).status, 200);
  EXPECT_EQ(volc_get(server.port(), {}).code(), "InvalidSecretToken");
}

TEST(VolcengineSimLimits, TwentyPerSecondIsTheDocumentedLimit) {
  EXPECT_EQ(documented_rate_limit("CertificateGetInstance"), 20);
}

TEST(VolcengineSimLimits, OverTheLimitIsFlowLimitExceeded) {
  auto options = quiet_options();
  options.rate_limits = true;
  SimServer server(options);
  server.admin("POST", "/rate-limits", {{"limits", {{"CertificateGetInstance", 1}}}});
  EXPECT_EQ(volc_get(server.port(), {}).status, 200);
  const auto throttled = volc_get(server.port(), {});
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.code(), "FlowLimitExceeded");
  EXPECT_EQ(throttled.body["ResponseMetadata"]["Error"]["CodeN"], 100018);
}

TEST_F(VolcengineSim, FaultInjectionAppliesToTheVolcengineAction) {
  server->admin(
      "POST", "/faults",
      {{"rules",
        {{{"action", "CertificateGetInstance"}, {"code", "InternalError"}, {"count", 1}}}}});
  const auto failed = get({});
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.code(), "InternalError");
  EXPECT_EQ(get({}).status, 200);  // count 1: used up
  const json log = server->admin("GET", "/requests");
  EXPECT_EQ(log["counters"]["CertificateGetInstance"]["total"], 2);
}

TEST_F(VolcengineSim, InjectedHttpStatusAndDrop) {
  server->admin(
      "POST", "/faults",
      {{"rules", {{{"action", "CertificateGetInstance"}, {"http_status", 503}, {"count", 1}}}}});
  httplib::Client client("127.0.0.1", server->port());
  auto res = client.Get("/?Action=CertificateGetInstance&Version=2021-06-01");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  server->admin(
      "POST", "/faults",
      {{"rules", {{{"action", "CertificateGetInstance"}, {"drop", true}, {"count", 1}}}}});
  EXPECT_EQ(get({}).status, 0);
}

TEST_F(VolcengineSim, TencentRequestsStillGoToTheSslApi) {
  const auto reply = server->client().call("DescribeCertificates", json::object());
  EXPECT_TRUE(reply.ok()) << reply.json.dump();
}

}  // namespace
}  // namespace cloudssl::sim::test
