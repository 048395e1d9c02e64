#include "tests/support/test_certificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace cloudssl::testing {

namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

PkeyPtr load_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key) throw std::runtime_error("test key does not load");
  return key;
}

X509Ptr load_cert(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) throw std::runtime_error("test certificate does not load");
  return cert;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) throw std::runtime_error("bad test extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

}  // namespace

TestKey make_key(KeyKind kind) {
  PkeyPtr key(kind == KeyKind::EcP256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}),
              &EVP_PKEY_free);
  if (!key) throw std::runtime_error("test keygen failed");
  TestKey out;
  BioPtr p8(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PrivateKey(p8.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.pem = bio_text(p8.get());
  BioPtr traditional(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PrivateKey_traditional(traditional.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr);
  out.pkcs1_pem = bio_text(traditional.get());
  return out;
}

TestCert make_cert(const CertSpec& spec, const TestKey& key, const TestCert* issuer) {
  PkeyPtr subject_key = load_key(key.pem);
  X509Ptr cert(X509_new(), &X509_free);
  X509_set_version(cert.get(), 2);
  unsigned char serial[12];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(spec.not_before.count()));
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.not_after.count()));
  X509_set_pubkey(cert.get(), subject_key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("cloudssl tests"), -1, -1, 0);
  if (!spec.common_name.empty())
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1,
                               -1, 0);

  X509Ptr issuer_cert(nullptr, &X509_free);
  PkeyPtr signing_key(nullptr, &EVP_PKEY_free);
  if (issuer) {
    issuer_cert = load_cert(issuer->pem);
    signing_key = load_key(issuer->key.pem);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert.get()));
  } else {
    signing_key = load_key(key.pem);
    X509_set_issuer_name(cert.get(), name);
  }
  X509* issuer_x = issuer ? issuer_cert.get() : cert.get();
  add_extension(cert.get(), issuer_x, NID_basic_constraints,
                spec.is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  add_extension(cert.get(), issuer_x, NID_subject_key_identifier, "hash");
  if (spec.is_ca)
    add_extension(cert.get(), issuer_x, NID_key_usage, "critical,keyCertSign,cRLSign");
  if (!spec.dns_names.empty()) {
    std::string sans;
    for (const auto& dns : spec.dns_names) sans += (sans.empty() ? "DNS:" : ",DNS:") + dns;
    add_extension(cert.get(), issuer_x, NID_subject_alt_name, sans);
  }
  if (!X509_sign(cert.get(), signing_key.get(), EVP_sha256()))
    throw std::runtime_error("test signing failed");
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_X509(bio.get(), cert.get());
  return {bio_text(bio.get()), key};
}

TestChain make_chain(const CertSpec& leaf_spec) {
  TestChain chain;
  CertSpec root_spec{.common_name = "cloudssl test root",
                     .dns_names = {},
                     .not_before = -std::chrono::hours(48),
                     .not_after = std::chrono::hours(24 * 3650),
                     .is_ca = true};
  chain.root = make_cert(root_spec, make_key());
  CertSpec mid_spec = root_spec;
  mid_spec.common_name = "cloudssl test intermediate";
  chain.intermediate = make_cert(mid_spec, make_key(), &chain.root);
  chain.leaf = make_cert(leaf_spec, make_key(), &chain.intermediate);
  return chain;
}

}  // namespace cloudssl::testing
