// What data "cloudssl_volcengine_certificates" lists for one certificate
// (resources/volcengine/certificate_view.h): the names cloudssl_certificates uses for the same
// facts, RFC 3339 UTC times, the chain as one PEM, and never a private key or CSR, even when the
// typed answer holds one.
#include "resources/volcengine/certificate_view.h"

#include <gtest/gtest.h>

#include "provider/framework/schema.h"

namespace cloudssl::volcengine {
namespace {

using codec::Type;
using codec::Value;

api::volcengine::VolcengineCertificate sample() {
  api::volcengine::VolcengineCertificate c;
  c.id = "cert-1";
  c.tag = "web";
  c.common_name = "www.example.com";
  c.subject_alt_names = {"www.example.com", "example.com"};
  c.not_before = 1670457600;  // 2022-12-08 08:00:00 Beijing
  c.not_after = 1702079999;
  c.issuer = "Example CA";
  c.order_status = 300;
  c.issued = true;
  c.project_name = "default";
  c.chain = {"-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----",
             "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"};
  c.fingerprint_sha256 = "AB12";
  c.encryption_algorithm = "RSA 2048";
  c.private_key = std::string("-----BEGIN PRIVATE KEY-----\nSECRET\n-----END PRIVATE KEY-----\n");
  return c;
}

Value view(const api::volcengine::VolcengineCertificate& c) {
  framework::Block block;
  block.attributes = certificate_attributes();
  return with_certificate(Value::object(framework::implied_type(block), {}), c);
}

TEST(VolcengineCertificateView, SameNamesAsCloudsslCertificates) {
  const Value v = view(sample());
  EXPECT_EQ(v.get_string("id"), "cert-1");
  EXPECT_EQ(v.get_string("alias"), "web");
  EXPECT_EQ(v.get_string("domain"), "www.example.com");
  EXPECT_EQ(v.at("subject_alt_names").elements().size(), 2u);
  EXPECT_EQ(v.get_string("not_before"), "2022-12-08T00:00:00Z");
  EXPECT_EQ(v.get_string("not_after"), "2023-12-08T23:59:59Z");
  EXPECT_EQ(v.get_int("status"), 300);
  EXPECT_EQ(v.get_bool("issued"), true);
  EXPECT_EQ(v.get_string("encrypt_algorithm"), "RSA 2048");
  EXPECT_EQ(v.get_string("fingerprint_sha256"), "ab12");
  EXPECT_EQ(v.get_string("certificate_pem"),
            "-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n"
            "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n");
}

TEST(VolcengineCertificateView, NeverAPrivateKeyOrCsr) {
  for (const auto& a : certificate_attributes()) {
    EXPECT_EQ(a.name.find("key_pem"), std::string::npos) << a.name;
    EXPECT_EQ(a.name.find("csr"), std::string::npos) << a.name;
  }
  const Value v = view(sample());
  for (const auto& [name, value] : v.entries()) {
    if (value.is_known() && !value.is_null() && value.type() == Type::string()) {
      EXPECT_EQ(value.as_string().find("SECRET"), std::string::npos) << name;
    }
  }
}

TEST(VolcengineCertificateView, NotIssuedHasNullTimes) {
  auto c = sample();
  c.not_before = c.not_after = 0;
  c.chain.clear();
  const Value v = view(c);
  EXPECT_TRUE(v.at("not_before").is_null());
  EXPECT_TRUE(v.at("not_after").is_null());
  EXPECT_EQ(v.get_string("certificate_pem"), "");
}

}  // namespace
}  // namespace cloudssl::volcengine
