// The worked vectors of docs/design/ssl-api.md §1.5, byte for byte.
#include "api/tencent/tc3_signer.h"

#include <gtest/gtest.h>

namespace cloudssl::api::tencent::tc3 {
namespace {

const std::string kMaskedId = "AKID" + std::string(32, '*');
const std::string kMaskedKey(32, '*');
constexpr std::int64_t kTimestamp = 1551113065;

// Vector A: the doc's own v3 example (004:2760-3030).
constexpr std::string_view kBodyA =
    R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";

CanonicalInput vector_a_input() {
  CanonicalInput in;
  in.headers = {{"content-type", "application/json; charset=utf-8"},
                {"host", "cvm.tencentcloudapi.com"},
                {"x-tc-action", "DescribeInstances"}};
  in.payload = kBodyA;
  return in;
}

TEST(Tc3Signer, VectorAPayloadHash) {
  EXPECT_EQ(sha256_hex(kBodyA), "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
}

TEST(Tc3Signer, VectorACanonicalRequest) {
  const std::string expected =
      "POST\n"
      "/\n"
      "\n"
      "content-type:application/json; charset=utf-8\n"
      "host:cvm.tencentcloudapi.com\n"
      "x-tc-action:describeinstances\n"
      "\n"
      "content-type;host;x-tc-action\n"
      "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
  EXPECT_EQ(canonical_request(vector_a_input()), expected);
  EXPECT_EQ(sha256_hex(expected),
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
}

TEST(Tc3Signer, VectorADerivedKeys) {
  const std::string date = utc_date(kTimestamp);
  EXPECT_EQ(date, "2019-02-25");  // UTC, not the UTC+8 calendar day (2019-02-26)
  const std::string secret_date = hmac_sha256("TC3" + kMaskedKey, date);
  EXPECT_EQ(to_hex(secret_date),
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0");
  const std::string secret_service = hmac_sha256(secret_date, "cvm");
  EXPECT_EQ(to_hex(secret_service),
            "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f");
  EXPECT_EQ(to_hex(signing_key(kMaskedKey, date, "cvm")),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
}

TEST(Tc3Signer, VectorAStringToSignAndAuthorization) {
  const Signed s = sign(vector_a_input(), kMaskedId, kMaskedKey, kTimestamp, "cvm");
  EXPECT_EQ(s.hashed_canonical_request,
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
  EXPECT_EQ(s.credential_scope, "2019-02-25/cvm/tc3_request");
  EXPECT_EQ(s.string_to_sign,
            "TC3-HMAC-SHA256\n"
            "1551113065\n"
            "2019-02-25/cvm/tc3_request\n"
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
  EXPECT_EQ(s.signed_headers, "content-type;host;x-tc-action");
  EXPECT_EQ(s.signature, "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
  EXPECT_EQ(s.authorization,
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/"
            "tc3_request, SignedHeaders=content-type;host;x-tc-action, "
            "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
}

// Vector C: the SSL-host vector computed for this project (§1.5).
TEST(Tc3Signer, VectorCSslHost) {
  CanonicalInput in;
  in.headers = {{"content-type", "application/json; charset=utf-8"},
                {"host", "ssl.tencentcloudapi.com"},
                {"x-tc-action", "DescribeCertificates"}};
  in.payload = R"({"Limit":1})";
  EXPECT_EQ(sha256_hex(in.payload),
            "55522f708dcfebccb7bd3e8d0001a53ecaf2beca9ca801f1e9161e24215faa99");
  const Signed s = sign(in, kMaskedId, kMaskedKey, kTimestamp);  // service "ssl"
  EXPECT_EQ(s.hashed_canonical_request,
            "381b0f1a3af1d2c3409484c30f4455139e37dfb3f6f438a5ccb9468c08c3b797");
  const std::string secret_date = hmac_sha256("TC3" + kMaskedKey, "2019-02-25");
  EXPECT_EQ(to_hex(secret_date),
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0");
  EXPECT_EQ(to_hex(hmac_sha256(secret_date, "ssl")),
            "bf132c7e2d92ef6f1bde2b243bd7837468214665c784d5ff64688dbf90bf401b");
  EXPECT_EQ(to_hex(signing_key(kMaskedKey, "2019-02-25", "ssl")),
            "53cecd8c956925efb745af047c37c8939812842e9d3733fcb3fe134413ecb3ed");
  EXPECT_EQ(s.signature, "568d85ab5edd7176fd93c9fd9f50fe41e185f478179ad3b4d386c50d11fd424f");
  EXPECT_EQ(s.credential_scope, "2019-02-25/ssl/tc3_request");
}

// Vector B: the GET example; reproducible with the older docs' sample key (§1.5 provenance).
TEST(Tc3Signer, VectorBGetWithQuery) {
  CanonicalInput in;
  in.method = "GET";
  in.query = "Limit=10&Offset=0";
  in.headers = {{"content-type", "application/x-www-form-urlencoded"},
                {"host", "cvm.tencentcloudapi.com"}};
  in.payload = "";
  const Signed s = sign(in, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                        "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", 1539084154, "cvm");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.hashed_canonical_request,
            "91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7");
  EXPECT_EQ(s.credential_scope, "2018-10-09/cvm/tc3_request");
  EXPECT_EQ(s.signature, "5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474");
}

TEST(Tc3Signer, HeaderNamesAndValuesAreTrimmedAndLowerCased) {
  CanonicalInput mixed = vector_a_input();
  mixed.headers = {{"Content-Type", " application/json; charset=utf-8 "},
                   {"Host", "CVM.tencentcloudapi.com"},
                   {"X-TC-Action", "DescribeInstances"}};
  EXPECT_EQ(canonical_request(mixed), canonical_request(vector_a_input()));
}

TEST(Tc3Signer, AnyChangeToTheBodyChangesTheSignature) {
  CanonicalInput in = vector_a_input();
  const std::string original = sign(in, kMaskedId, kMaskedKey, kTimestamp).signature;
  const std::string reserialised =
      R"({"Limit":1,"Filters":[{"Values":["未命名"],"Name":"instance-name"}]})";
  in.payload = reserialised;
  EXPECT_NE(sign(in, kMaskedId, kMaskedKey, kTimestamp).signature, original);
}

TEST(Tc3Signer, ScopeDateIsUtcAroundMidnight) {
  EXPECT_EQ(utc_date(0), "1970-01-01");
  EXPECT_EQ(utc_date(1551139199), "2019-02-25");  // 23:59:59 UTC
  EXPECT_EQ(utc_date(1551139200), "2019-02-26");
}

TEST(Tc3Signer, ParsesItsOwnAuthorizationHeader) {
  const Signed s = sign(vector_a_input(), kMaskedId, kMaskedKey, kTimestamp, "cvm");
  const auto parts = parse_authorization(s.authorization);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->algorithm, "TC3-HMAC-SHA256");
  EXPECT_EQ(parts->secret_id, kMaskedId);
  EXPECT_EQ(parts->date, "2019-02-25");
  EXPECT_EQ(parts->service, "cvm");
  EXPECT_EQ(parts->terminator, "tc3_request");
  EXPECT_EQ(parts->signed_headers,
            (std::vector<std::string>{"content-type", "host", "x-tc-action"}));
  EXPECT_EQ(parts->signature, s.signature);
}

TEST(Tc3Signer, RejectsMalformedAuthorizationHeaders) {
  EXPECT_FALSE(parse_authorization("").has_value());
  EXPECT_FALSE(parse_authorization("TC3-HMAC-SHA256").has_value());
  EXPECT_FALSE(parse_authorization("TC3-HMAC-SHA256 Credential=a/b/c, SignedHeaders=host, "
                                   "Signature=00")
                   .has_value());  // scope needs four parts
  EXPECT_FALSE(parse_authorization("TC3-HMAC-SHA256 Credential=a/b/c/d, Signature=00").has_value());
  EXPECT_FALSE(parse_authorization("TC3-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=, "
                                   "Signature=00")
                   .has_value());
}

TEST(Tc3Signer, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace cloudssl::api::tencent::tc3
