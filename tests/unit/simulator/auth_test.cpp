// Signature verification, the envelope and the common error codes, over HTTP.
#include <httplib.h>

#include <chrono>
#include <regex>

#include "api/tencent/tc3_signer.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using AuthTest = SimTest;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST_F(AuthTest, SignedRequestGetsTheSuccessEnvelopeWithAUuidRequestId) {
  Reply r = client.call("DescribeCertificates", {{"Limit", 1}});
  ASSERT_EQ(r.http_status, 200);
  ASSERT_TRUE(r.ok()) << r.json.dump();
  EXPECT_EQ(r.json.size(), 1u);
  const std::string id = r.response().at("RequestId");
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << id;
  EXPECT_EQ(r.response().at("TotalCount"), 0);
}

TEST_F(AuthTest, WrongSecretKeyIsASignatureFailureInsideHttp200) {
  SendOptions o;
  o.secret_key = "not-the-key";
  Reply r = client.call("DescribeCertificates", {}, o);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.code(), "AuthFailure.SignatureFailure");
  EXPECT_TRUE(r.response().contains("RequestId"));
  EXPECT_FALSE(r.response()["Error"].value("Message", "").empty());
}

TEST_F(AuthTest, UnknownSecretIdIsSecretIdNotFound) {
  SendOptions o;
  o.secret_id = "AKIDSOMEONEELSE";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.SecretIdNotFound");
}

TEST_F(AuthTest, TimestampOlderThanFiveMinutesIsExpired) {
  SendOptions o;
  o.timestamp = now_seconds() - 301;
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.SignatureExpire");
  o.timestamp = now_seconds() - 240;  // within the window, and signed consistently
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "");
}

TEST_F(AuthTest, MissingAuthorizationIsInvalidAuthorization) {
  SendOptions o;
  o.omit_authorization = true;
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.InvalidAuthorization");
}

TEST_F(AuthTest, BodyChangedAfterSigningIsASignatureFailure) {
  SendOptions o;
  o.body_after_signing = R"({"Limit":2})";
  EXPECT_EQ(client.call("DescribeCertificates", {{"Limit", 1}}, o).code(),
            "AuthFailure.SignatureFailure");
}

TEST_F(AuthTest, HostIsTakenAsReceivedSoTheSdkHostTrickVerifies) {
  SendOptions o;
  o.host = "ssl.tencentcloudapi.com:" + std::to_string(server->port());
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "");
}

TEST_F(AuthTest, HostSignedWithoutItsPortIsAcceptedAsTheNodeSdkSignsIt) {
  SendOptions o;
  o.host = "ssl.tencentcloudapi.com:" + std::to_string(server->port());
  o.signed_host = "ssl.tencentcloudapi.com";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "");
  o.signed_host = "other.tencentcloudapi.com";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.SignatureFailure");
}

TEST_F(AuthTest, TokenIsRefusedWithLongTermKeys) {
  SendOptions o;
  o.token = "some-token";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.TokenFailure");
}

TEST_F(AuthTest, ConfiguredTokenMustBeSent) {
  SimulatorOptions opts = quiet_options();
  opts.credentials.token = "tmp-token";
  start(opts);
  EXPECT_EQ(client.call("DescribeCertificates", {}).code(), "AuthFailure.TokenFailure");
  SendOptions o;
  o.token = "tmp-token";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "");
}

TEST_F(AuthTest, WrongVersionAndUnknownActionHaveTheirCodes) {
  SendOptions o;
  o.version = "2017-03-12";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "NoSuchVersion");
  EXPECT_EQ(client.call("DescribeEverything", {}).code(), "InvalidAction");
}

TEST_F(AuthTest, ParameterErrorsUseTheCommonCodes) {
  EXPECT_EQ(client.call("DescribeCertificates", {{"Bogus", 1}}).code(), "UnknownParameter");
  EXPECT_EQ(client.call("DescribeCertificate", {}).code(), "MissingParameter");
  EXPECT_EQ(client.call("DescribeCertificates", {{"Limit", "ten"}}).code(), "InvalidParameter");
  // The doc's examples send numbers as strings; accepted unless --strict-types.
  EXPECT_EQ(client.call("DescribeCertificates", {{"Limit", "10"}, {"Offset", "0"}}).code(), "");
  SimulatorOptions strict = quiet_options();
  strict.settings.strict_types = true;
  start(strict);
  EXPECT_EQ(client.call("DescribeCertificates", {{"Limit", "10"}}).code(), "InvalidParameter");
}

TEST_F(AuthTest, GetWithQueryParametersIsVerifiedAndParsed) {
  namespace tc3 = cloudssl::api::tencent::tc3;
  const std::string id = upload(make_pem("www.example.com"));
  const std::string host = "127.0.0.1:" + std::to_string(server->port());
  const std::string query = "Limit=5&CertIds.0=" + id;
  tc3::CanonicalInput in;
  in.method = "GET";
  in.query = query;
  in.headers = {{"content-type", "application/x-www-form-urlencoded"}, {"host", host}};
  const auto ts = now_seconds();
  const auto s = tc3::sign(in, "AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ts);
  httplib::Client http("127.0.0.1", server->port());
  auto res =
      http.Get(("/?" + query).c_str(), {{"Authorization", s.authorization},
                                        {"Content-Type", "application/x-www-form-urlencoded"},
                                        {"X-TC-Action", "DescribeCertificates"},
                                        {"X-TC-Version", "2019-12-05"},
                                        {"X-TC-Timestamp", std::to_string(ts)}});
  ASSERT_TRUE(res);
  auto body = nlohmann::json::parse(res->body)["Response"];
  ASSERT_FALSE(body.contains("Error")) << body.dump();
  EXPECT_EQ(body["TotalCount"], 1);
  EXPECT_EQ(body["Certificates"][0]["CertificateId"], id);
}

// A correctly signed GET whose query string is hostile, straight into the Simulator object.
IncomingRequest signed_get(const std::string& query,
                           const std::string& action = "DescribeCertificates") {
  namespace tc3 = cloudssl::api::tencent::tc3;
  IncomingRequest req;
  req.method = "GET";
  req.path = "/";
  req.query = query;
  tc3::CanonicalInput in;
  in.method = "GET";
  in.query = query;
  in.headers = {{"content-type", "application/x-www-form-urlencoded"},
                {"host", "127.0.0.1"},
                {"x-tc-action", action}};
  const auto ts = now_seconds();
  const auto s = tc3::sign(in, "AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key", ts);
  req.headers = {{"authorization", s.authorization},
                 {"content-type", "application/x-www-form-urlencoded"},
                 {"host", "127.0.0.1"},
                 {"x-tc-action", action},
                 {"x-tc-timestamp", std::to_string(ts)},
                 {"x-tc-version", "2019-12-05"}};
  return req;
}

std::string error_code(const HttpReply& reply) {
  const auto response = nlohmann::json::parse(reply.body)["Response"];
  return response.contains("Error") ? response["Error"].value("Code", "") : "";
}

// Found by tests/fuzz (sim_request): these ended in "InternalError: simulator: stoi" and a
// nlohmann type_error instead of a documented code.
TEST(SimulatorQuery, MalformedQueryStringsAreInvalidParameter) {
  Simulator sim(quiet_options());
  EXPECT_EQ(error_code(sim.handle_api(signed_get("SearchKey=%zz"))), "InvalidParameter");
  EXPECT_EQ(error_code(sim.handle_api(signed_get("SearchKey=%4"))), "InvalidParameter");
  EXPECT_EQ(error_code(sim.handle_api(signed_get("CertIds=a&CertIds.0=b"))), "InvalidParameter");
  EXPECT_EQ(error_code(sim.handle_api(signed_get("CertIds.0=a&CertIds=b"))), "InvalidParameter");
  EXPECT_EQ(error_code(sim.handle_api(signed_get("SearchKey=%2Aexample&CertIds.0=a"))), "");
}

// Found by tests/fuzz (sim_request): the error message quoting an action name that is not UTF-8
// made the envelope's dump() throw, ending the process.
TEST(SimulatorQuery, ActionNameThatIsNotUtf8IsAnsweredInvalidAction) {
  Simulator sim(quiet_options());
  const HttpReply reply = sim.handle_api(signed_get("", "NoSuchAct\xff"));
  EXPECT_EQ(error_code(reply), "InvalidAction");
}

// Found by tests/fuzz (sim_request): a huge advance overflowed the clock (undefined behaviour).
TEST(SimulatorClock, AdvanceIsBounded) {
  Simulator sim(quiet_options());
  EXPECT_EQ(
      sim.handle_admin("POST", "/clock", {}, R"({"advance_seconds": 9223372036854775807})").status,
      400);
  EXPECT_EQ(sim.handle_admin("POST", "/clock", {}, R"({"advance_seconds": 86400})").status, 200);
  EXPECT_EQ(error_code(sim.handle_api(signed_get("Limit=1"))), "");
}

TEST_F(AuthTest, FormEncodedSignatureV1IsRefused) {
  SendOptions o;
  o.content_type = "application/x-www-form-urlencoded";
  EXPECT_EQ(client.call("DescribeCertificates", {}, o).code(), "AuthFailure.InvalidAuthorization");
}

}  // namespace
}  // namespace cloudssl::sim::test
