// The Volcengine signer against vectors the official Node.js SDK produced
// (signer_vectors.json, made by tests/conformance/volcengine/signer_vectors.js, whose --check
// CTest keeps the file equal to the SDK's output), byte for byte; and the pieces around it.
#include "api/volcengine/signer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace cloudssl::api::volcengine {
namespace {

using nlohmann::json;

json load_vectors() {
  std::ifstream in(CLOUDSSL_VOLCENGINE_SIGNER_VECTORS);
  EXPECT_TRUE(in) << "cannot read " << CLOUDSSL_VOLCENGINE_SIGNER_VECTORS;
  return json::parse(in).at("vectors");
}

struct Vector {
  std::string name;
  json input, expected;
};

std::vector<Vector> vectors() {
  std::vector<Vector> out;
  for (const auto& v : load_vectors())
    out.push_back({v.at("name"), v.at("input"), v.at("expected")});
  return out;
}

class SdkVector : public ::testing::TestWithParam<Vector> {};

TEST_P(SdkVector, EveryIntermediateMatchesTheSdk) {
  const Vector& v = GetParam();
  const std::string body = v.input.at("body");
  CanonicalInput in;
  in.method = v.input.at("method");
  in.path = v.input.at("path");
  for (const auto& pair : v.input.at("query")) in.query.emplace_back(pair.at(0), pair.at(1));
  for (const auto& [name, value] : v.input.at("signed_headers").items()) in.headers[name] = value;
  in.payload = body;

  const std::string date = x_date(v.input.at("timestamp").get<std::int64_t>());
  EXPECT_EQ(date, v.expected.at("x_date"));
  const Signed s = sign(
      in, v.input.at("access_key").get<std::string>(), v.input.at("secret_key").get<std::string>(),
      date, v.input.at("region").get<std::string>(), v.input.at("service").get<std::string>());
  EXPECT_EQ(s.canonical_request, v.expected.at("canonical_request"));
  EXPECT_EQ(s.credential_scope, v.expected.at("credential_scope"));
  EXPECT_EQ(s.string_to_sign, v.expected.at("string_to_sign"));
  EXPECT_EQ(s.signed_headers, v.expected.at("signed_headers"));
  EXPECT_EQ(s.signature, v.expected.at("signature"));
  EXPECT_EQ(s.authorization, v.expected.at("authorization"));
}

INSTANTIATE_TEST_SUITE_P(Volcengine, SdkVector, ::testing::ValuesIn(vectors()),
                         [](const auto& info) { return info.param.name; });

TEST(VolcengineSigner, VectorFileCoversTheCasesThatMatter) {
  // A shrunken file would let the parameterised test pass on nothing.
  std::set<std::string> names;
  for (const auto& v : vectors()) names.insert(v.name);
  for (const char* needed :
       {"get_certificate_instances", "escaping_and_unicode", "session_token",
        "repeated_names_other_region", "post_json_body", "header_whitespace"}) {
    EXPECT_TRUE(names.count(needed)) << needed;
  }
}

// What the client sends for a body-carrying request is exactly what the SDK signs for it
// (Host, X-Date, X-Content-Sha256).
TEST(VolcengineSigner, ClientHeadersMatchTheSdkForABody) {
  for (const auto& v : vectors()) {
    if (v.name != "post_json_body") continue;
    QueryParams query;
    for (const auto& pair : v.input.at("query")) query.emplace_back(pair.at(0), pair.at(1));
    const std::string body = v.input.at("body");
    const auto headers =
        signing_headers({v.input.at("access_key"), v.input.at("secret_key"), ""}, "POST",
                        v.input.at("signed_headers").at("Host").get<std::string>(), "/", query,
                        body, v.input.at("timestamp"), v.input.at("region").get<std::string>(),
                        v.input.at("service").get<std::string>());
    EXPECT_EQ(headers.at("Authorization"), v.expected.at("authorization"));
    EXPECT_EQ(headers.at("X-Date"), v.expected.at("x_date"));
    return;
  }
  FAIL() << "post_json_body vector missing";
}

TEST(VolcengineSigner, SessionTokenIsSentAndSigned) {
  const auto headers = signing_headers({"AK", "SK", "token-1"}, "GET", "open.volcengineapi.com",
                                       "/", {{"Action", "CertificateGetInstance"}}, "", 1700000000,
                                       "cn-north-1", "certificate_service");
  EXPECT_EQ(headers.at("X-Security-Token"), "token-1");
  EXPECT_NE(headers.at("Authorization")
                .find("SignedHeaders=host;x-content-sha256;x-date;x-security-token,"),
            std::string::npos);
  const auto without = signing_headers({"AK", "SK", ""}, "GET", "open.volcengineapi.com", "/",
                                       {{"Action", "CertificateGetInstance"}}, "", 1700000000,
                                       "cn-north-1", "certificate_service");
  EXPECT_FALSE(without.count("X-Security-Token"));
}

TEST(VolcengineSigner, XDateRoundTripsAndRejectsMalformedText) {
  EXPECT_EQ(x_date(0), "19700101T000000Z");
  EXPECT_EQ(parse_x_date("20231114T221320Z"), 1700000000);
  EXPECT_EQ(parse_x_date(x_date(1733497200)), 1733497200);
  for (const char* bad :
       {"", "20231114221320Z", "20231114T221320", "2023-11-14T22:13:20Z", "20231314T221320Z",
        "20231114T251320Z", "2023111xT221320Z", "20230230T000000Z"}) {
    EXPECT_FALSE(parse_x_date(bad)) << bad;
  }
}

TEST(VolcengineSigner, QueryParsingDecodesPlusAndEscapes) {
  const auto q = parse_query("b=x+y&a=%2A.example.com&empty=&flag");
  ASSERT_TRUE(q);
  const QueryParams expected = {{"b", "x y"}, {"a", "*.example.com"}, {"empty", ""}, {"flag", ""}};
  EXPECT_EQ(*q, expected);
  EXPECT_EQ(canonical_query(*q), "a=%2A.example.com&b=x%20y&empty=&flag=");
  EXPECT_FALSE(parse_query("a=%zz"));
  EXPECT_FALSE(parse_query("a=%2"));
  EXPECT_FALSE(parse_query("a=%"));
}

TEST(VolcengineSigner, AuthorizationParsesBackIntoItsParts) {
  const auto parts = parse_authorization(
      "HMAC-SHA256 Credential=AKLT1/20231114/cn-north-1/certificate_service/request, "
      "SignedHeaders=host;x-date, Signature=abc123");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->algorithm, "HMAC-SHA256");
  EXPECT_EQ(parts->access_key, "AKLT1");
  EXPECT_EQ(parts->date, "20231114");
  EXPECT_EQ(parts->region, "cn-north-1");
  EXPECT_EQ(parts->service, "certificate_service");
  EXPECT_EQ(parts->terminator, "request");
  EXPECT_EQ(parts->signed_headers, (std::vector<std::string>{"host", "x-date"}));
  EXPECT_EQ(parts->signature, "abc123");
  for (const char* bad :
       {"", "HMAC-SHA256",
        "HMAC-SHA256 Credential=AK/20231114/cn-north-1/request, "
        "SignedHeaders=host, Signature=x",
        "HMAC-SHA256 Credential=AK/20231114/r/s/request, SignedHeaders=host;;x, Signature=x",
        "HMAC-SHA256 Credential=AK/20231114/r/s/request, Signature=x, SignedHeaders=host",
        "HMAC-SHA256 Credential=/20231114/r/s/request, SignedHeaders=host, Signature=x"}) {
    EXPECT_FALSE(parse_authorization(bad)) << bad;
  }
}

TEST(VolcengineSigner, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

}  // namespace
}  // namespace cloudssl::api::volcengine
