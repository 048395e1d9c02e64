// The Volcengine dialect driving api::Client against a scripted server: a GET whose query is
// the signed canonical query (Action, Version, parameters sorted and escaped), headers whose
// signature the signer recomputes, the ResponseMetadata/Result envelope (result, error with
// code and request id, not the envelope), FlowLimitExceeded retried, a refused signature final,
// InvalidTimestamp signed again once, the documented 20 requests/s, and the advice per code.
#include "api/volcengine/volcengine_dialect.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::api::volcengine {
namespace {

using nlohmann::json;
using namespace testing;

Reply result(json r) {
  return {200,
          json{{"ResponseMetadata", {{"RequestId", "req-1"}}}, {"Result", std::move(r)}}.dump()};
}

Reply refusal(int status, const std::string& code) {
  return {status, json{{"ResponseMetadata",
                        {{"RequestId", "req-" + code},
                         {"Error", {{"Code", code}, {"Message", "scripted " + code}}}}}}
                      .dump()};
}

ClientConfig config_for(const FakeApiServer& server) {
  ClientConfig config;
  config.endpoint = server.endpoint();
  config.credentials = {"AKLTTEST", "test-secret", ""};
  config.max_retries = 3;
  config.request_timeout = std::chrono::seconds(10);
  return config;
}

ClientTuning fast() {
  ClientTuning tuning;
  tuning.backoff = {std::chrono::milliseconds(1), std::chrono::milliseconds(5),
                    std::chrono::milliseconds(1)};
  return tuning;
}

// Recomputes the signature of a recorded request from its own bytes.
bool signature_verifies(const RecordedRequest& r, std::string_view secret) {
  const auto parts = parse_authorization(r.headers.at("authorization"));
  if (!parts) return false;
  CanonicalInput input;
  input.method = r.method;
  input.query = parse_query(r.query).value();
  for (const auto& name : parts->signed_headers) input.headers[name] = r.headers.at(name);
  input.payload = r.body;
  const auto s =
      sign(input, parts->access_key, secret, r.headers.at("x-date"), parts->region, parts->service);
  return s.signature == parts->signature;
}

TEST(VolcengineDialect, SendsASignedGetWithTheCanonicalQueryAndReadsTheResult) {
  FakeApiServer server([](const RecordedRequest&, int) { return result({{"count", 0}}); });
  Client client = make_client(kCertificateCenter, config_for(server));
  const json answer = client.call(HttpMethod::Get, "CertificateGetInstance",
                                  {{"tag", "a b"}, {"limit", "10"}, {"certificate_valid", true}});
  EXPECT_EQ(answer, json({{"count", 0}}));
  const auto r = server.requests().at(0);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.query,
            "Action=CertificateGetInstance&Version=2021-06-01&certificate_valid=true&limit=10&"
            "tag=a%20b");
  EXPECT_TRUE(r.body.empty());
  const auto parts = parse_authorization(r.headers.at("authorization"));
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->access_key, "AKLTTEST");
  EXPECT_EQ(parts->region, "cn-north-1");  // the default region
  EXPECT_EQ(parts->service, "certificate_service");
  EXPECT_TRUE(signature_verifies(r, "test-secret"));
  EXPECT_FALSE(signature_verifies(r, "another-secret"));
  EXPECT_EQ(r.headers.count("x-security-token"), 0u);
}

TEST(VolcengineDialect, ASessionTokenIsSentAndSigned) {
  FakeApiServer server([](const RecordedRequest&, int) { return result({{"count", 0}}); });
  ClientConfig config = config_for(server);
  config.credentials.session_token = "sts-token";
  config.region = "cn-beijing";
  Client client = make_client(kCertificateCenter, config);
  client.call(HttpMethod::Get, "CertificateGetInstance", json::object());
  const auto r = server.requests().at(0);
  EXPECT_EQ(r.headers.at("x-security-token"), "sts-token");
  const auto parts = parse_authorization(r.headers.at("authorization"));
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->region, "cn-beijing");
  EXPECT_NE(
      std::find(parts->signed_headers.begin(), parts->signed_headers.end(), "x-security-token"),
      parts->signed_headers.end());
  EXPECT_TRUE(signature_verifies(r, "test-secret"));
}

TEST(VolcengineDialect, AnErrorEnvelopeIsAnApiErrorWithCodeAndRequestId) {
  FakeApiServer server(
      [](const RecordedRequest&, int) { return refusal(401, "SignatureDoesNotMatch"); });
  Client client = make_client(kCertificateCenter, config_for(server), fast());
  const ApiError e = testing::error_of(
      [&] { client.call(HttpMethod::Get, "CertificateGetInstance", json::object()); });
  EXPECT_EQ(e.code(), "SignatureDoesNotMatch");
  EXPECT_EQ(e.request_id(), "req-SignatureDoesNotMatch");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_NE(std::string(e.what()).find("scripted SignatureDoesNotMatch"), std::string::npos);
  EXPECT_EQ(server.count(), 1u) << "a refused signature is not retried";
}

TEST(VolcengineDialect, ThrottlingIsRetried) {
  FakeApiServer server([](const RecordedRequest&, int index) {
    return index < 2 ? refusal(429, "FlowLimitExceeded") : result({{"count", 1}});
  });
  Client client = make_client(kCertificateCenter, config_for(server), fast());
  EXPECT_EQ(client.call(HttpMethod::Get, "CertificateGetInstance", json::object())["count"], 1);
  EXPECT_EQ(server.count(), 3u);
  EXPECT_EQ(client.stats().throttled_retries, 2);
}

TEST(VolcengineDialect, AnExpiredTimestampIsSignedAgainOnce) {
  FakeApiServer server([](const RecordedRequest&, int index) {
    return index == 0 ? refusal(400, "InvalidTimestamp") : result({{"count", 0}});
  });
  Client client = make_client(kCertificateCenter, config_for(server), fast());
  client.call(HttpMethod::Get, "CertificateGetInstance", json::object());
  EXPECT_EQ(server.count(), 2u);
}

TEST(VolcengineDialect, AnAnswerThatIsNotTheEnvelopeIsAnError) {
  FakeApiServer server([](const RecordedRequest&, int) { return Reply{200, "{\"Response\":{}}"}; });
  Client client = make_client(kCertificateCenter, config_for(server), fast());
  EXPECT_THROW(client.call(HttpMethod::Get, "CertificateGetInstance", json::object()), ApiError);
}

// Found by tests/fuzz (volcengine_response): envelope members of another type than documented
// escaped as nlohmann type_error instead of an ApiError.
TEST(VolcengineDialect, AnErrorWhoseMembersAreNotStringsIsStillAnApiError) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return Reply{400,
                 R"({"ResponseMetadata":{"RequestId":7,"Error":{"Code":["x"],"Message":{}}}})"};
  });
  ClientConfig config = config_for(server);
  config.max_retries = 0;
  Client client = make_client(kCertificateCenter, config, fast());
  const ApiError e = testing::error_of(
      [&] { client.call(HttpMethod::Get, "CertificateGetInstance", json::object()); });
  EXPECT_EQ(e.code(), "InternalError");  // as for an error without a Code
  EXPECT_EQ(e.message(), "");
  EXPECT_EQ(e.request_id(), "7");  // a number is read as its text, as in any answer
}

TEST(VolcengineDialect, OnlyGetIsSent) {
  FakeApiServer server([](const RecordedRequest&, int) { return result({}); });
  Client client = make_client(kCertificateCenter, config_for(server));
  EXPECT_THROW(client.call("CertificateGetInstance", json::object()), std::invalid_argument);
  EXPECT_EQ(server.count(), 0u);
}

TEST(VolcengineDialect, ClassificationRateLimitAndAdvice) {
  EXPECT_EQ(classify_error("FlowLimitExceeded", 429), ErrorClass::Throttled);
  EXPECT_EQ(classify_error("InternalServiceTimeout", 504), ErrorClass::Transient);
  EXPECT_EQ(classify_error("ServiceUnavailableTemp", 503), ErrorClass::Transient);
  EXPECT_EQ(classify_error("InvalidParameter", 400), ErrorClass::Final);
  EXPECT_EQ(classify_error("SomethingElse", 502), ErrorClass::Transient);  // the core's rule
  const VolcengineDialect dialect(kCertificateCenter, {});
  EXPECT_EQ(dialect.rate_limit("CertificateGetInstance"), 20);  // seed 003: 20 per second
  EXPECT_TRUE(dialect.resign_once("InvalidTimestamp"));
  EXPECT_FALSE(dialect.resign_once("SignatureDoesNotMatch"));
  EXPECT_NE(
      error_advice("SignatureDoesNotMatch", "CertificateGetInstance").find("VOLCENGINE_SECRET_KEY"),
      std::string::npos);
  EXPECT_NE(error_advice("InvalidTimestamp", "CertificateGetInstance").find("clock"),
            std::string::npos);
  EXPECT_NE(error_advice("AccessDenied", "CertificateGetInstance")
                .find("certificate_service:CertificateGetInstance"),
            std::string::npos);
  EXPECT_EQ(error_advice("InvalidParameter", "CertificateGetInstance"), "");
}

TEST(VolcengineDialect, TheTypedActionPagesThroughTheClient) {
  // 3 certificates, pages of 2: page 1 full, page 2 short.
  FakeApiServer server([](const RecordedRequest& r, int) {
    const auto query = parse_query(r.query).value();
    std::string page;
    for (const auto& [k, v] : query) {
      if (k == "page") page = v;
    }
    json content = json::array();
    for (int i = page == "1" ? 1 : 3; i <= (page == "1" ? 2 : 3); ++i) {
      content.push_back({{"id", "cert-" + std::to_string(i)}});
    }
    return result({{"count", 3}, {"content", content}});
  });
  Client client = make_client(kCertificateCenter, config_for(server));
  CertificateFilters filters;
  filters.common_name = "example";
  const auto all = certificate_get_all(client, {}, filters, 2, false);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].id, "cert-3");
  ASSERT_EQ(server.count(), 2u);
  EXPECT_NE(server.requests()[1].query.find("common_name=example"), std::string::npos);
  EXPECT_NE(server.requests()[1].query.find("page=2"), std::string::npos);
}

}  // namespace
}  // namespace cloudssl::api::volcengine
