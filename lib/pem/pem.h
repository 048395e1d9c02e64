// PEM certificates and keys with OpenSSL: what the certificate resources compute at plan time
// (domain, SANs, validity, SHA-256 fingerprint, key algorithm), the checks they make (parsable,
// chain in order, key matches), and semantic comparison so that CRLF, indentation or trailing
// newlines never cause a diff.
//
// Error messages never contain key material: they name the block and what is wrong with it.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace cloudssl::pem {

class PemError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One "-----BEGIN <label>-----" block, decoded.
struct Block {
  std::string label;
  std::string der;  // binary
  friend bool operator==(const Block&, const Block&) = default;
};

// Every PEM block in `text`, tolerant of CRLF, indentation and blank lines. Throws PemError
// for a malformed block (unterminated, bad base64) or when there is none.
std::vector<Block> parse_blocks(std::string_view text);

// True when both texts hold the same blocks (same labels and bytes in the same order). Texts
// that do not parse compare by their whitespace-normalised form.
bool same_pem(std::string_view a, std::string_view b);

// Canonical text: each block re-encoded with 64-column base64 and "\n" line ends.
std::string canonical(std::string_view text);

// Standard base64 of `data` (RFC 4648 alphabet, "=" padding, no line breaks).
std::string base64_encode(std::string_view data);

struct CertificateFacts {
  std::string common_name;                     // subject CN ("" when absent)
  std::string domain;                          // CN, else the first DNS SAN
  std::vector<std::string> subject_alt_names;  // DNS names and IP addresses, in order
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
  std::string fingerprint_sha256;  // lower-case hex of the DER
  std::string key_algorithm;       // RSA_2048, EC_prime256v1, ED25519, ...
  std::string subject;             // one line, RFC 2253
  std::string issuer;
  std::string serial;  // lower-case hex without separators or leading zeros ("0" for zero)
  bool is_ca = false;
};

// A parsed certificate chain: the leaf first, then its issuers.
class Chain {
 public:
  Chain();
  Chain(Chain&&) noexcept;
  Chain& operator=(Chain&&) noexcept;
  ~Chain();

  std::size_t size() const;
  CertificateFacts facts(std::size_t index = 0) const;
  // Why the chain is not leaf-first with each certificate issued by the next, or nullopt.
  std::optional<std::string> order_problem() const;
  X509* at(std::size_t index) const;

 private:
  friend Chain parse_chain(std::string_view);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws PemError: no certificate, a block that is not a certificate, or unparsable DER.
Chain parse_chain(std::string_view pem);

class PrivateKey {
 public:
  PrivateKey();
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  ~PrivateKey();

  // SHA-256 (lower-case hex) of the key's PKCS#8 DER: the same key in PKCS#1 or PKCS#8 form,
  // with any whitespace, hashes the same. Stored instead of the key.
  std::string sha256() const;
  std::string algorithm() const;  // as CertificateFacts::key_algorithm
  EVP_PKEY* get() const;

 private:
  friend PrivateKey parse_private_key(std::string_view);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws PemError (never quoting the input): unparsable, encrypted, or not a private key.
PrivateKey parse_private_key(std::string_view pem);

// Whether the key belongs to the chain's leaf certificate.
bool key_matches(const Chain& chain, const PrivateKey& key);

// 2006-01-02T15:04:05Z
std::string rfc3339(std::chrono::system_clock::time_point t);
// Parses what rfc3339() writes (and "...+00:00"); nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace cloudssl::pem
