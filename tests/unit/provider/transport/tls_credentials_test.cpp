// The server certificate checked with OpenSSL against what Go's verifier demands (§2.4).
#include "provider/transport/tls_credentials.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace cloudssl::transport {
namespace {

struct Parsed {
  X509* cert = nullptr;
  explicit Parsed(const std::vector<std::uint8_t>& der) {
    const unsigned char* p = der.data();
    cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  }
  ~Parsed() { X509_free(cert); }
};

// The first object of PEM `text` as `read` (PEM_read_bio_X509, PEM_read_bio_PrivateKey) reads
// it; nullptr when there is none. The caller frees it.
template <class T>
T* read_pem(const std::string& text, T* (*read)(BIO*, T**, pem_password_cb*, void*)) {
  BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
  T* object = read(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return object;
}

class ServerCertificateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    generated_ = new ServerCertificate(generate_server_certificate());
  }
  static void TearDownTestSuite() { delete generated_; }
  static const ServerCertificate& cert() { return *generated_; }
  static inline ServerCertificate* generated_ = nullptr;
};

TEST_F(ServerCertificateTest, DerParsesAndMatchesThePem) {
  Parsed der(cert().cert_der);
  ASSERT_NE(der.cert, nullptr);
  X509* pem = read_pem(cert().cert_pem, PEM_read_bio_X509);
  ASSERT_NE(pem, nullptr);
  EXPECT_EQ(X509_cmp(der.cert, pem), 0);
  X509_free(pem);
}

TEST_F(ServerCertificateTest, SerialIsPositiveAndAtMost20Octets) {
  Parsed p(cert().cert_der);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(p.cert), nullptr);
  ASSERT_NE(serial, nullptr);
  EXPECT_FALSE(BN_is_negative(serial));
  EXPECT_FALSE(BN_is_zero(serial));
  EXPECT_LE(BN_num_bytes(serial), 20);
  EXPECT_GE(BN_num_bits(serial), 64) << "random, not a counter";
  BN_free(serial);
}

TEST_F(ServerCertificateTest, SerialsDifferBetweenCertificates) {
  const ServerCertificate other = generate_server_certificate();
  Parsed a(cert().cert_der), b(other.cert_der);
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.cert), X509_get0_serialNumber(b.cert)), 0);
}

TEST_F(ServerCertificateTest, NamesLocalhostInCnAndSan) {
  Parsed p(cert().cert_der);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(p.cert), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "localhost");
  char org[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(p.cert), NID_organizationName, org, sizeof org);
  EXPECT_STREQ(org, "HashiCorp");
  // The SAN is what Go checks; X509_CHECK_FLAG_NEVER_CHECK_SUBJECT ignores the CN like Go.
  EXPECT_EQ(X509_check_host(p.cert, "localhost", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr),
            1);
  EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(p.cert), X509_get_issuer_name(p.cert)), 0);
}

TEST_F(ServerCertificateTest, IsACaWithGoPluginsKeyUsages) {
  Parsed p(cert().cert_der);
  EXPECT_EQ(X509_check_ca(p.cert), 1);
  const uint32_t ku = X509_get_key_usage(p.cert);
  EXPECT_TRUE(ku & KU_DIGITAL_SIGNATURE);
  EXPECT_TRUE(ku & KU_KEY_ENCIPHERMENT);
  EXPECT_TRUE(ku & KU_KEY_AGREEMENT);
  EXPECT_TRUE(ku & KU_KEY_CERT_SIGN);
  const uint32_t eku = X509_get_extended_key_usage(p.cert);
  EXPECT_TRUE(eku & XKU_SSL_SERVER);
  EXPECT_TRUE(eku & XKU_SSL_CLIENT);
  EXPECT_EQ(X509_check_purpose(p.cert, X509_PURPOSE_SSL_SERVER, 0), 1);
}

TEST_F(ServerCertificateTest, ValidityStartsThirtySecondsBack) {
  Parsed p(cert().cert_der);
  const std::time_t now = std::time(nullptr);
  std::time_t t = now - 25;
  EXPECT_LT(X509_cmp_time(X509_get0_notBefore(p.cert), &t), 0) << "NotBefore <= now - 25s";
  t = now - 35;
  EXPECT_GT(X509_cmp_time(X509_get0_notBefore(p.cert), &t), 0) << "NotBefore >= now - 35s";
  t = now + 24 * 3600;
  EXPECT_GT(X509_cmp_time(X509_get0_notAfter(p.cert), &t), 0);
}

TEST_F(ServerCertificateTest, EcdsaSignedWithSha256AndSelfVerifies) {
  Parsed p(cert().cert_der);
  EXPECT_EQ(X509_get_signature_nid(p.cert), NID_ecdsa_with_SHA256);
  EVP_PKEY* key = X509_get0_pubkey(p.cert);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(EVP_PKEY_get_base_id(key), EVP_PKEY_EC);
  EXPECT_EQ(X509_verify(p.cert, key), 1);

  // Go's verifier with this leaf as the only root, for serverAuth.
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, p.cert);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, p.cert, nullptr);
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
  EXPECT_EQ(X509_verify_cert(ctx), 1)
      << X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
}

TEST_F(ServerCertificateTest, PrivateKeyMatchesTheCertificate) {
  Parsed p(cert().cert_der);
  EVP_PKEY* key = read_pem(cert().key_pem, PEM_read_bio_PrivateKey);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_check_private_key(p.cert, key), 1);
  EVP_PKEY_free(key);
}

TEST(ClientCertificatePem, GarbageIsRejected) {
  EXPECT_THROW(check_client_certificate_pem("not a certificate"), TlsError);
  EXPECT_THROW(check_client_certificate_pem(""), TlsError);
  EXPECT_NO_THROW(check_client_certificate_pem(generate_server_certificate().cert_pem));
}

TEST(MtlsCredentials, AreBuilt) {
  const ServerCertificate cert = generate_server_certificate();
  EXPECT_NE(make_mtls_server_credentials(cert, cert.cert_pem), nullptr);
}

}  // namespace
}  // namespace cloudssl::transport
