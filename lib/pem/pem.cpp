#include "lib/pem/pem.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace cloudssl::pem {

namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// OpenSSL keeps a per-thread error queue; drop what a failed parse left behind.
struct ErrorQueueGuard {
  ~ErrorQueueGuard() { ERR_clear_error(); }
};

int base64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  bool padding = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;  // data after padding
    int v = base64_value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string hex(const unsigned char* data, std::size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &n, EVP_sha256(), nullptr);
  return hex(md.data(), n);
}

std::string ordinal(std::size_t index) { return "certificate " + std::to_string(index + 1); }

std::string name_line(const X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string common_name(X509* x) {
  const X509_NAME* name = X509_get_subject_name(x);
  int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
  const unsigned char* p = ASN1_STRING_get0_data(ip);
  int n = ASN1_STRING_length(ip);
  char buffer[64];
  if (n == 4) {
    std::snprintf(buffer, sizeof buffer, "%d.%d.%d.%d", p[0], p[1], p[2], p[3]);
    return buffer;
  }
  if (n == 16) {
    std::string out;
    for (int i = 0; i < 16; i += 2) {
      std::snprintf(buffer, sizeof buffer, "%x", (p[i] << 8) | p[i + 1]);
      if (i) out.push_back(':');
      out += buffer;
    }
    return out;
  }
  return {};
}

std::vector<std::string> alt_names(X509* x) {
  std::vector<std::string> out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      const ASN1_STRING* s = name->d.dNSName;
      out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
    } else if (name->type == GEN_IPADD) {
      if (auto ip = ip_text(name->d.iPAddress); !ip.empty()) out.push_back(ip);
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

std::string serial_hex(const ASN1_INTEGER* serial) {
  const std::unique_ptr<BIGNUM, decltype(&BN_free)> n(ASN1_INTEGER_to_BN(serial, nullptr),
                                                      &BN_free);
  if (!n) throw PemError("the certificate's serial number cannot be read");
  const std::unique_ptr<char, void (*)(char*)> hex(BN_bn2hex(n.get()),
                                                   [](char* p) { OPENSSL_free(p); });
  std::string text = hex ? hex.get() : "0";
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // BN_bn2hex pads to whole bytes; the serial is a number, so drop the padding.
  const bool negative = !text.empty() && text.front() == '-';
  const auto first_digit = text.find_first_not_of('0', negative ? 1 : 0);
  if (first_digit == std::string::npos) return "0";
  // Appending, not "-" + digits: GCC 12 warns falsely (-Wrestrict) on the latter in Release.
  std::string result = negative ? "-" : "";
  result.append(text, first_digit);
  return result;
}

// A UTC calendar time as a time_point. system_clock counts nanoseconds in 64 bits (libstdc++),
// so it ends in 2262 (and starts in 1677); certificates may say 9999-12-31 ("no expiry"), and
// converting that would overflow. Such times are clamped to the ends of the clock's range.
std::chrono::system_clock::time_point time_point_of(std::time_t seconds) {
  using Clock = std::chrono::system_clock;
  constexpr auto kMax =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::max()).count();
  constexpr auto kMin =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::duration::min()).count();
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(
      std::chrono::seconds(std::clamp<std::int64_t>(seconds, kMin, kMax))));
}

std::chrono::system_clock::time_point time_of(const ASN1_TIME* t) {
  std::tm tm{};
  ASN1_TIME_to_tm(t, &tm);
  return time_point_of(timegm(&tm));
}

std::string algorithm_of(EVP_PKEY* key) {
  if (!key) return {};
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      return "RSA_" + std::to_string(EVP_PKEY_get_bits(key));
    case EVP_PKEY_EC: {
      char group[80] = {0};
      std::size_t len = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                         &len))
        return std::string("EC_") + group;
      return "EC";
    }
    case EVP_PKEY_ED25519:
      return "ED25519";
    case EVP_PKEY_ED448:
      return "ED448";
    case EVP_PKEY_SM2:
      return "SM2";
    default:
      return EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key) : "UNKNOWN";
  }
}

bool issued_by(X509* subject, X509* issuer) {
  ErrorQueueGuard guard;
  if (X509_check_issued(issuer, subject) != X509_V_OK) return false;
  EVP_PKEY* key = X509_get0_pubkey(issuer);
  return key && X509_verify(subject, key) == 1;
}

std::string whitespace_normalised(std::string_view text) {
  std::string out;
  for (unsigned char c : text)
    if (!std::isspace(c)) out.push_back(static_cast<char>(c));
  return out;
}

}  // namespace

std::string base64_encode(std::string_view data) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(n >> s) & 63]);
  }
  if (i + 1 == data.size()) {
    unsigned n = static_cast<unsigned char>(data[i]) << 16;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out += "==";
  } else if (i + 2 == data.size()) {
    unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------

std::vector<Block> parse_blocks(std::string_view text) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  static constexpr std::string_view kDashes = "-----";
  std::vector<Block> blocks;
  std::size_t pos = 0;
  while ((pos = text.find(kBegin, pos)) != std::string_view::npos) {
    std::size_t label_start = pos + kBegin.size();
    std::size_t label_end = text.find(kDashes, label_start);
    std::size_t eol = text.find('\n', label_start);
    if (label_end == std::string_view::npos || (eol != std::string_view::npos && eol < label_end))
      throw PemError("PEM block " + std::to_string(blocks.size() + 1) +
                     " has a malformed BEGIN line");
    std::string label(text.substr(label_start, label_end - label_start));
    std::string end_line = "-----END " + label + "-----";
    std::size_t body_start = label_end + kDashes.size();
    std::size_t end = text.find(end_line, body_start);
    if (end == std::string_view::npos)
      throw PemError("PEM block " + std::to_string(blocks.size() + 1) + " (" + label +
                     ") has no matching END line");
    std::string_view body = text.substr(body_start, end - body_start);
    // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") mark a legacy encrypted block.
    if (body.find(':') != std::string_view::npos)
      throw PemError("PEM block " + std::to_string(blocks.size() + 1) + " (" + label +
                     ") is encrypted or has headers; provide it unencrypted");
    auto der = base64_decode(body);
    if (!der || der->empty())
      throw PemError("PEM block " + std::to_string(blocks.size() + 1) + " (" + label +
                     ") is not valid base64");
    blocks.push_back({std::move(label), std::move(*der)});
    pos = end + end_line.size();
  }
  if (blocks.empty()) throw PemError("no PEM block found (expected -----BEGIN ...----- lines)");
  return blocks;
}

bool same_pem(std::string_view a, std::string_view b) {
  if (a == b) return true;
  try {
    return parse_blocks(a) == parse_blocks(b);
  } catch (const PemError&) {
    return whitespace_normalised(a) == whitespace_normalised(b);
  }
}

std::string canonical(std::string_view text) {
  std::string out;
  for (const Block& block : parse_blocks(text)) {
    out += "-----BEGIN " + block.label + "-----\n";
    std::string b64 = base64_encode(block.der);
    for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
    out += "-----END " + block.label + "-----\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Chains
// ---------------------------------------------------------------------------------------

struct Chain::Impl {
  std::vector<X509Ptr> certificates;
  std::vector<std::string> ders;
};

Chain::Chain() : impl_(std::make_unique<Impl>()) {}
Chain::Chain(Chain&&) noexcept = default;
Chain& Chain::operator=(Chain&&) noexcept = default;
Chain::~Chain() = default;

std::size_t Chain::size() const { return impl_->certificates.size(); }
X509* Chain::at(std::size_t index) const { return impl_->certificates.at(index).get(); }

CertificateFacts Chain::facts(std::size_t index) const {
  X509* x = at(index);
  CertificateFacts f;
  f.common_name = common_name(x);
  f.subject_alt_names = alt_names(x);
  f.domain = f.common_name;
  if (f.domain.empty() && !f.subject_alt_names.empty()) f.domain = f.subject_alt_names.front();
  f.not_before = time_of(X509_get0_notBefore(x));
  f.not_after = time_of(X509_get0_notAfter(x));
  f.fingerprint_sha256 = sha256_hex(impl_->ders.at(index));
  f.key_algorithm = algorithm_of(X509_get0_pubkey(x));
  f.subject = name_line(X509_get_subject_name(x));
  f.issuer = name_line(X509_get_issuer_name(x));
  f.serial = serial_hex(X509_get0_serialNumber(x));
  f.is_ca = X509_check_ca(x) > 0;
  return f;
}

std::optional<std::string> Chain::order_problem() const {
  const auto& certs = impl_->certificates;
  for (std::size_t i = 0; i + 1 < certs.size(); ++i) {
    if (issued_by(certs[i].get(), certs[i + 1].get())) continue;
    // Say whether the issuer is elsewhere in the chain (wrong order) or missing (unrelated).
    for (std::size_t j = 0; j < certs.size(); ++j) {
      if (j != i && j != i + 1 && issued_by(certs[i].get(), certs[j].get()))
        return ordinal(i) + " (" + name_line(X509_get_subject_name(certs[i].get())) +
               ") is issued by " + ordinal(j) + ", not by the " + ordinal(i + 1) +
               " after it: order the chain leaf first, then each issuer";
    }
    return ordinal(i + 1) + " (" + name_line(X509_get_subject_name(certs[i + 1].get())) +
           ") did not issue " + ordinal(i) + " (" +
           name_line(X509_get_subject_name(certs[i].get())) +
           "): order the chain leaf first, then each issuer";
  }
  return std::nullopt;
}

Chain parse_chain(std::string_view pem) {
  ErrorQueueGuard guard;
  Chain chain;
  std::vector<Block> blocks = parse_blocks(pem);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    if (block.label != "CERTIFICATE" && block.label != "X509 CERTIFICATE" &&
        block.label != "TRUSTED CERTIFICATE")
      throw PemError("PEM block " + std::to_string(i + 1) + " is a " + block.label +
                     ", expected a CERTIFICATE");
    const auto* p = reinterpret_cast<const unsigned char*>(block.der.data());
    X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(block.der.size())));
    if (!x) throw PemError(ordinal(i) + " is not a valid X.509 certificate");
    chain.impl_->certificates.push_back(std::move(x));
    chain.impl_->ders.push_back(block.der);
  }
  return chain;
}

// ---------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------

struct PrivateKey::Impl {
  PkeyPtr key;
};

PrivateKey::PrivateKey() : impl_(std::make_unique<Impl>()) {}
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;

EVP_PKEY* PrivateKey::get() const { return impl_->key.get(); }
std::string PrivateKey::algorithm() const { return algorithm_of(get()); }

std::string PrivateKey::sha256() const {
  ErrorQueueGuard guard;
  unsigned char* der = nullptr;
  int n = i2d_PrivateKey(get(), &der);
  // i2d_PrivateKey writes the traditional form for RSA/EC; normalise through PKCS#8 so that
  // every encoding of one key hashes the same.
  std::string out;
  if (PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(get())) {
    unsigned char* p8der = nullptr;
    int m = i2d_PKCS8_PRIV_KEY_INFO(p8, &p8der);
    if (m > 0) out = sha256_hex(std::string_view(reinterpret_cast<char*>(p8der), m));
    OPENSSL_clear_free(p8der, m > 0 ? static_cast<std::size_t>(m) : 0);
    PKCS8_PRIV_KEY_INFO_free(p8);
  }
  if (out.empty() && n > 0) out = sha256_hex(std::string_view(reinterpret_cast<char*>(der), n));
  OPENSSL_clear_free(der, n > 0 ? static_cast<std::size_t>(n) : 0);
  return out;
}

PrivateKey parse_private_key(std::string_view pem) {
  ErrorQueueGuard guard;
  std::vector<Block> blocks;
  try {
    blocks = parse_blocks(pem);
  } catch (const PemError& e) {
    throw PemError(std::string("the private key is not valid PEM: ") + e.what());
  }
  const Block* key_block = nullptr;
  for (const Block& b : blocks) {
    if (b.label == "ENCRYPTED PRIVATE KEY")
      throw PemError("the private key is encrypted; provide it unencrypted");
    if (b.label.size() >= 11 && b.label.compare(b.label.size() - 11, 11, "PRIVATE KEY") == 0) {
      if (key_block) throw PemError("more than one private key found; provide exactly one");
      key_block = &b;
    }
  }
  if (!key_block) throw PemError("no PRIVATE KEY block found");
  const auto* p = reinterpret_cast<const unsigned char*>(key_block->der.data());
  PrivateKey key;
  key.impl_->key.reset(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(key_block->der.size())));
  if (!key.impl_->key) throw PemError("the " + key_block->label + " block is not a valid key");
  return key;
}

bool key_matches(const Chain& chain, const PrivateKey& key) {
  ErrorQueueGuard guard;
  if (chain.size() == 0 || !key.get()) return false;
  return X509_check_private_key(chain.at(0), key.get()) == 1;
}

// ---------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------

std::string rfc3339(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  // Exactly YYYY-MM-DDTHH:MM:SS then Z or +00:00, every field in its calendar range: sscanf's
  // %d alone would take signs, spaces and month 99, and the instant must be one the clock holds.
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return std::nullopt;
  }
  const std::string_view rest = text.substr(kShape.size());
  if (rest != "Z" && rest != "+00:00") return std::nullopt;
  const auto field = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  std::tm tm{};
  tm.tm_year = field(0, 4) - 1900;
  tm.tm_mon = field(5, 2) - 1;
  tm.tm_mday = field(8, 2);
  tm.tm_hour = field(11, 2);
  tm.tm_min = field(14, 2);
  tm.tm_sec = field(17, 2);
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return std::nullopt;
  }
  const std::time_t seconds = timegm(&tm);
  const auto t = time_point_of(seconds);
  // Clamped means outside the clock's range (before 1677 or after 2262): not an instant we hold.
  if (std::chrono::system_clock::to_time_t(t) != seconds) return std::nullopt;
  return t;
}

}  // namespace cloudssl::pem
