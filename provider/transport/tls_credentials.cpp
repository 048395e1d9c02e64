#include "provider/transport/tls_credentials.h"

#include <grpcpp/security/server_credentials.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace cloudssl::transport {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  char reason[256] = "no OpenSSL error queued";
  if (code != 0) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw TlsError(what + ": " + reason);
}

void check(int ok, const char* what) {
  if (ok != 1) fail(what);
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext) fail(std::string("creating extension ") + OBJ_nid2sn(nid));
  check(X509_add_ext(cert, ext.get(), -1), "adding extension");
}

std::string bio_to_string(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

ServerCertificate generate_server_certificate(long lifetime_hours) {
  // P-256: the fastest curve Go accepts; key generation is on the start-up path.
  PKeyPtr key(EVP_EC_gen("P-256"));
  if (!key) fail("generating the ECDSA key");

  X509Ptr cert(X509_new());
  if (!cert) fail("allocating the certificate");
  check(X509_set_version(cert.get(), X509_VERSION_3), "setting the version");

  // Random 128-bit serial with the top bit cleared: positive and at most 16 octets
  // (Go rejects negative serials).
  unsigned char serial_bytes[16];
  check(RAND_bytes(serial_bytes, sizeof serial_bytes), "generating the serial");
  serial_bytes[0] &= 0x7f;
  serial_bytes[0] |= 0x01;  // never zero
  BnPtr serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
  if (!serial || BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
    fail("setting the serial");
  }

  // NotBefore 30 s in the past for clock skew, as go-plugin does.
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30) == nullptr ||
      X509_time_adj_ex(X509_getm_notAfter(cert.get()), 0, lifetime_hours * 3600, nullptr) ==
          nullptr) {
    fail("setting the validity");
  }

  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("HashiCorp"), -1, -1, 0),
        "setting O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0),
        "setting CN");
  check(X509_set_issuer_name(cert.get(), name), "setting the issuer");
  check(X509_set_pubkey(cert.get(), key.get()), "setting the public key");

  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_key_usage,
                "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign");
  add_extension(cert.get(), NID_ext_key_usage, "clientAuth,serverAuth");
  add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost");  // Go ignores the CN
  add_extension(cert.get(), NID_subject_key_identifier, "hash");

  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) fail("signing the certificate");

  ServerCertificate out;
  {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509(bio.get(), cert.get()), "encoding the certificate");
    out.cert_pem = bio_to_string(bio.get());
  }
  {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
          "encoding the key");
    out.key_pem = bio_to_string(bio.get());
  }
  const int der_size = i2d_X509(cert.get(), nullptr);
  if (der_size <= 0) fail("DER-encoding the certificate");
  out.cert_der.resize(static_cast<std::size_t>(der_size));
  unsigned char* der = out.cert_der.data();
  if (i2d_X509(cert.get(), &der) != der_size) fail("DER-encoding the certificate");
  return out;
}

void check_client_certificate_pem(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) fail("reading PLUGIN_CLIENT_CERT");
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) fail("PLUGIN_CLIENT_CERT holds no PEM certificate");
}

std::shared_ptr<grpc::ServerCredentials> make_mtls_server_credentials(
    const ServerCertificate& server, const std::string& client_cert_pem) {
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = client_cert_pem;  // the only trust anchor
  options.pem_key_cert_pairs.push_back({server.key_pem, server.cert_pem});
  return grpc::SslServerCredentials(options);
}

}  // namespace cloudssl::transport
