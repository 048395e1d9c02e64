#include "tests/protocol/support/go_plugin_client.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace cloudssl::testing {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("client certificate: ") + what);
}

void add_ext(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  require(ext != nullptr, "extension");
  require(X509_add_ext(cert, ext, -1) == 1, "add extension");
  X509_EXTENSION_free(ext);
}

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

ClientCertificate make_go_plugin_client_certificate() {
  EVP_PKEY* key = EVP_EC_gen("P-521");
  require(key != nullptr, "key");
  X509* cert = X509_new();
  X509_set_version(cert, X509_VERSION_3);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert), -30);
  X509_gmtime_adj(X509_getm_notAfter(cert), 262980L * 3600);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("HashiCorp"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_set_pubkey(cert, key);
  add_ext(cert, NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert, NID_key_usage,
          "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign");
  add_ext(cert, NID_ext_key_usage, "clientAuth,serverAuth");
  add_ext(cert, NID_subject_alt_name, "DNS:localhost");
  require(X509_sign(cert, key, EVP_sha512()) > 0, "sign");

  ClientCertificate out;
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  out.cert_pem = bio_string(bio);
  BIO_free(bio);
  bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = bio_string(bio);
  BIO_free(bio);
  X509_free(cert);
  EVP_PKEY_free(key);
  return out;
}

std::optional<std::vector<std::uint8_t>> decode_base64_raw_std(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;  // includes '=': RawStdEncoding has no padding
  };
  if (text.size() % 4 == 1) return std::nullopt;
  std::vector<std::uint8_t> out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical trailing bits
  return out;
}

std::optional<Handshake> parse_handshake(const std::string& raw, std::string& error) {
  const std::string line = trim(raw);
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto bar = line.find('|', start);
    parts.push_back(line.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (parts.size() < 6) {
    error = "fewer than 6 fields: " + line;
    return std::nullopt;
  }
  Handshake h;
  try {
    h.core_version = std::stoi(parts[0]);
    h.app_version = std::stoi(parts[1]);
  } catch (const std::exception&) {
    error = "non-numeric version: " + line;
    return std::nullopt;
  }
  h.network = parts[2];
  h.address = parts[3];
  h.protocol = parts[4];
  h.cert_base64 = parts[5];
  if (h.core_version != 1) error = "core protocol is not 1";
  if (h.app_version != 6) error = "app protocol is not 6";
  if (h.protocol != "grpc") error = "protocol is not grpc";
  if (h.network != "unix" && h.network != "tcp") error = "network is " + h.network;
  if (h.cert_base64.find('=') != std::string::npos) error = "certificate field has padding";
  if (!error.empty()) return std::nullopt;
  if (!h.cert_base64.empty()) {
    auto der = decode_base64_raw_std(h.cert_base64);
    if (!der) {
      error = "certificate field is not RawStdEncoding base64";
      return std::nullopt;
    }
    h.cert_der = std::move(*der);
  }
  return h;
}

std::string der_to_pem(const std::vector<std::uint8_t>& der) {
  const unsigned char* p = der.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (cert == nullptr) throw std::runtime_error("handshake certificate is not DER X.509");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  std::string pem = bio_string(bio);
  BIO_free(bio);
  X509_free(cert);
  return pem;
}

std::string grpc_target(const Handshake& handshake) {
  return handshake.network == "unix" ? "unix:" + handshake.address : handshake.address;
}

std::shared_ptr<grpc::Channel> tls_channel(const Handshake& handshake,
                                           const std::optional<ClientCertificate>& client) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = der_to_pem(handshake.cert_der);
  if (client) {
    options.pem_private_key = client->key_pem;
    options.pem_cert_chain = client->cert_pem;
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");  // go-plugin's ServerName
  args.SetMaxReceiveMessageSize(-1);
  // A fresh connection per channel, so a refused handshake is not hidden by a shared one.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(grpc_target(handshake), grpc::SslCredentials(options), args);
}

std::shared_ptr<grpc::Channel> plaintext_channel(const Handshake& handshake) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(grpc_target(handshake), grpc::InsecureChannelCredentials(),
                                   args);
}

}  // namespace cloudssl::testing
