#include "api/core/redaction.h"

#include <gtest/gtest.h>

namespace cloudssl::api {
namespace {

TEST(Redaction, SecretFieldNames) {
  for (const char* name :
       {"SecretKey", "Authorization", "X-TC-Token", "Token", "CertificatePrivateKey",
        "EncryptPrivateKey", "KeyPassword", "CsrKeyPassword", "CsrkeyPassword", "AnyOtherPassword",
        "TmpSecretKey", "SecurityToken", "secretkey",
        // Volcengine's names (CertificateGetInstance's answer, credentials)
        "private_key", "session_token", "secret_key", "csr",
        // DescribeDownloadCertificateUrl's link (it downloads the key)
        "DownloadCertificateUrl"}) {
    EXPECT_TRUE(is_secret_field(name)) << name;
  }
  for (const char* name : {"CertificatePublicKey", "SecretId", "CertificateId", "Alias",
                           "SearchKey", "DvAuthKey", "TagKey", "RequestId", "key_type", "chain",
                           "access_key", "ContentType", "DownloadFilename"}) {
    EXPECT_FALSE(is_secret_field(name)) << name;
  }
  EXPECT_TRUE(is_secret_header("authorization"));
  EXPECT_TRUE(is_secret_header("X-TC-Token"));
  EXPECT_TRUE(is_secret_header("X-Security-Token"));
  EXPECT_FALSE(is_secret_header("X-TC-Action"));
}

TEST(Redaction, RedactsAtAnyDepthAndKeepsTheRest) {
  const nlohmann::json body = {
      {"CertificatePublicKey", "-----BEGIN CERTIFICATE-----"},
      {"CertificatePrivateKey", "-----BEGIN PRIVATE KEY-----secret"},
      {"Nested", {{"Items", {{{"KeyPassword", "hunter2"}, {"Alias", "a"}}}}}},
      {"CsrKeyPassword", nullptr}};
  const auto out = redact(body);
  EXPECT_EQ(out["CertificatePublicKey"], "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(out["CertificatePrivateKey"], "<redacted>");
  EXPECT_EQ(out["Nested"]["Items"][0]["KeyPassword"], "<redacted>");
  EXPECT_EQ(out["Nested"]["Items"][0]["Alias"], "a");
  EXPECT_TRUE(out["CsrKeyPassword"].is_null());  // null stays null: nothing to hide
  EXPECT_EQ(out.dump().find("hunter2"), std::string::npos);
  EXPECT_EQ(out.dump().find("secret"), std::string::npos);
}

// DownloadCertificate's Content is the base64 zip holding the key; Volcengine's "content" is
// the list of certificates, whose secret members are redacted one by one.
TEST(Redaction, DownloadContentIsRedactedButAListNamedContentIsWalked) {
  const nlohmann::json download = {{"Content", "UEsDBBQAAAAIAA=="},
                                   {"ContentType", "application/zip"}};
  EXPECT_EQ(redact(download)["Content"], kRedacted);
  EXPECT_EQ(redact(download)["ContentType"], "application/zip");
  const nlohmann::json list = {{"content", {{{"id", "cert-1"}, {"private_key", "KEY"}}}}};
  EXPECT_EQ(redact(list)["content"][0]["id"], "cert-1");
  EXPECT_EQ(redact(list)["content"][0]["private_key"], kRedacted);
}

TEST(Redaction, BodyTextNeverLeaksUnparseableContent) {
  const std::string text = redact_body(R"({"CertificatePrivateKey":"k3y","Limit":1})");
  EXPECT_EQ(text.find("k3y"), std::string::npos);
  EXPECT_NE(text.find("\"Limit\":1"), std::string::npos);
  const std::string garbage = redact_body("PRIVATE KEY k3y not json");
  EXPECT_EQ(garbage.find("k3y"), std::string::npos);
  EXPECT_NE(garbage.find("bytes"), std::string::npos);
}

}  // namespace
}  // namespace cloudssl::api
