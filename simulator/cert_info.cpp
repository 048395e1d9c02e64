#include "simulator/cert_info.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <memory>

#include "simulator/api_failure.h"

namespace cloudssl::sim {

namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;

BioPtr mem_bio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

std::vector<X509Ptr> read_certs(std::string_view pem) {
  std::vector<X509Ptr> out;
  auto bio = mem_bio(pem);
  while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(x);
  }
  return out;
}

std::int64_t to_unix(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string name_text(X509_NAME* name) {
  auto bio = BioPtr(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string common_name(X509* x) {
  X509_NAME* subject = X509_get_subject_name(x);
  int idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (idx < 0) return {};
  ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx));
  unsigned char* utf8 = nullptr;
  int len = ASN1_STRING_to_UTF8(&utf8, s);
  if (len < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(len));
  OPENSSL_free(utf8);
  return out;
}

std::string fingerprint(X509* x) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(x, EVP_sha1(), md, &len);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

std::string pem_of(X509* x) {
  auto bio = BioPtr(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), x);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

[[noreturn]] void parse_error(const std::string& what) {
  throw ApiFailure("FailedOperation.CertificateParseError", what);
}

}  // namespace

std::vector<std::string> CertInfo::all_domains() const {
  std::vector<std::string> out;
  if (!domain.empty()) out.push_back(domain);
  for (const auto& n : dns_names) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

CertInfo parse_certificate(std::string_view pem) {
  auto certs = read_certs(pem);
  if (certs.empty()) parse_error("The certificate content could not be parsed as PEM X.509.");
  X509* leaf = certs.front().get();
  CertInfo info;
  if (auto* sans = static_cast<GENERAL_NAMES*>(
          X509_get_ext_d2i(leaf, NID_subject_alt_name, nullptr, nullptr))) {
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans, i);
      if (gn->type == GEN_DNS) {
        const ASN1_STRING* s = gn->d.dNSName;
        info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                    static_cast<std::size_t>(ASN1_STRING_length(s)));
      }
    }
    GENERAL_NAMES_free(sans);
  }
  info.domain = common_name(leaf);
  if (info.domain.empty() && !info.dns_names.empty()) info.domain = info.dns_names.front();
  info.not_before = to_unix(X509_get0_notBefore(leaf));
  info.not_after = to_unix(X509_get0_notAfter(leaf));
  info.fingerprint = fingerprint(leaf);
  info.is_ca = X509_check_ca(leaf) > 0;
  if (EVP_PKEY* key = X509_get0_pubkey(leaf)) {
    int bits = EVP_PKEY_get_bits(key);
    std::string algo = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC ? "ECC" : "RSA";
    info.encrypt_algorithm = algo + " " + std::to_string(bits);
  }
  for (const auto& c : certs) {
    info.chain.push_back(ChainEntry{name_text(X509_get_issuer_name(c.get())),
                                    name_text(X509_get_subject_name(c.get())), fingerprint(c.get()),
                                    to_unix(X509_get0_notBefore(c.get())),
                                    to_unix(X509_get0_notAfter(c.get()))});
  }
  return info;
}

std::string csr_key_algorithm(std::string_view csr_pem) {
  auto bio = mem_bio(csr_pem);
  std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>> request(
      PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!request) return "";
  EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
  if (!key || X509_REQ_verify(request.get(), key) != 1) return "";
  const std::string algo = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC ? "ECC" : "RSA";
  return algo + " " + std::to_string(EVP_PKEY_get_bits(key));
}

bool key_matches_certificate(std::string_view cert_pem, std::string_view key_pem) {
  auto certs = read_certs(cert_pem);
  if (certs.empty()) parse_error("The certificate content could not be parsed as PEM X.509.");
  auto bio = mem_bio(key_pem);
  // An empty passphrase callback: encrypted keys fail to parse instead of prompting.
  PkeyPtr key(PEM_read_bio_PrivateKey(
      bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr));
  if (!key) parse_error("The private key could not be parsed as PEM.");
  return X509_check_private_key(certs.front().get(), key.get()) == 1;
}

namespace {

// An X.509 v3 certificate for `domain` (+ `extra_sans`) with `subject_key`, valid from
// `not_before` for `days` days, issued by `issuer_cn` and signed with `signer`.
X509Ptr signed_leaf_certificate(EVP_PKEY* subject_key, EVP_PKEY* signer,
                                const std::string& issuer_cn, const std::string& domain,
                                const std::vector<std::string>& extra_sans, std::int64_t not_before,
                                int days) {
  X509Ptr x(X509_new());
  X509_set_version(x.get(), 2);
  static std::atomic<long> serial{1};
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial++ + (not_before & 0xffffff));
  ASN1_TIME_set(X509_getm_notBefore(x.get()), static_cast<time_t>(not_before));
  ASN1_TIME_set(X509_getm_notAfter(x.get()), static_cast<time_t>(not_before + days * 86400LL));
  X509_set_pubkey(x.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(domain.c_str()), -1, -1, 0);
  std::unique_ptr<X509_NAME, Deleter<X509_NAME, X509_NAME_free>> issuer(X509_NAME_new());
  X509_NAME_add_entry_by_txt(issuer.get(), "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(issuer_cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), issuer.get());
  std::string san = "DNS:" + domain;
  for (const auto& s : extra_sans) {
    if (s != domain) san += ",DNS:" + s;
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
  if (X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.c_str())) {
    X509_add_ext(x.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x.get(), signer, EVP_sha256());
  return x;
}

}  // namespace

KeyPair make_self_signed(const std::string& domain, const std::vector<std::string>& extra_sans,
                         std::int64_t not_before, int days, const std::string& algorithm) {
  PkeyPtr key(algorithm == "RSA" ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error("key generation failed");
  X509Ptr x =
      signed_leaf_certificate(key.get(), key.get(), domain, domain, extra_sans, not_before, days);
  auto kbio = BioPtr(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(kbio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(kbio.get(), &data);
  return KeyPair{pem_of(x.get()), std::string(data, static_cast<std::size_t>(len))};
}

std::string make_certificate_for_csr(const std::string& csr_pem, const std::string& domain,
                                     const std::vector<std::string>& extra_sans,
                                     std::int64_t not_before, int days) {
  auto bio = mem_bio(csr_pem);
  std::unique_ptr<X509_REQ, Deleter<X509_REQ, X509_REQ_free>> request(
      PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  EVP_PKEY* requested = request ? X509_REQ_get0_pubkey(request.get()) : nullptr;
  if (!requested || X509_REQ_verify(request.get(), requested) != 1) return "";
  // The CA's key: the requester never sees it, the simulator keeps none.
  PkeyPtr ca(EVP_EC_gen("P-256"));
  if (!ca) throw std::runtime_error("key generation failed");
  X509Ptr x = signed_leaf_certificate(requested, ca.get(), "cloudssl-sim CA", domain, extra_sans,
                                      not_before, days);
  return pem_of(x.get());
}

bool name_covers(const std::string& pattern, const std::string& host) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  std::string p = lower(pattern), h = lower(host);
  if (p == h) return true;
  if (p.rfind("*.", 0) == 0) {
    auto dot = h.find('.');
    return dot != std::string::npos && h.substr(dot) == p.substr(1);
  }
  return false;
}

bool certificate_covers(const std::vector<std::string>& names, const std::string& host) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return name_covers(n, host); });
}

}  // namespace cloudssl::sim
