// Certificate content checks with OpenSSL: parse a PEM certificate (with chain), check that a
// private key belongs to it, and make self-signed certificates (issued free certificates,
// `Generate` seeds, tests).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::sim {

struct ChainEntry {  // CertBasicInfo
  std::string issuer, subject, fingerprint;
  std::int64_t valid_from = 0, valid_to = 0;
};

struct CertInfo {
  std::string domain;                  // subject CN, else the first DNS SAN
  std::vector<std::string> dns_names;  // DNS SANs as in the certificate
  std::int64_t not_before = 0, not_after = 0;
  std::string fingerprint;        // SHA-1 of the leaf's DER, lower-case hex
  std::string encrypt_algorithm;  // "RSA 2048", "ECC 256"
  bool is_ca = false;
  std::vector<ChainEntry> chain;  // every certificate of the PEM, leaf first

  // Main domain first, then the SANs without duplicates.
  std::vector<std::string> all_domains() const;
};

// Throws ApiFailure FailedOperation.CertificateParseError when no certificate parses.
CertInfo parse_certificate(std::string_view pem);

// True when `key_pem` is the private key of the first certificate in `cert_pem`. Throws
// ApiFailure FailedOperation.CertificateParseError when the key does not parse.
bool key_matches_certificate(std::string_view cert_pem, std::string_view key_pem);

// The key algorithm of a PEM certificate request ("RSA 2048", "ECC 256", as
// CertInfo::encrypt_algorithm), or "" when `csr_pem` holds no parsable, self-consistent request.
std::string csr_key_algorithm(std::string_view csr_pem);

struct KeyPair {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A self-signed certificate for `domain` (+ `extra_sans`) valid from `not_before` for `days`
// days. `algorithm`: "RSA" (2048 bits) or "ECC" (P-256).
KeyPair make_self_signed(const std::string& domain, const std::vector<std::string>& extra_sans,
                         std::int64_t not_before, int days, const std::string& algorithm = "ECC");

// What a CA issues for an uploaded certificate request: a certificate for `domain`
// (+ `extra_sans`) with the public key of `csr_pem`, signed by a key of the simulator's CA that
// nobody keeps, valid from `not_before` for `days` days. "" when `csr_pem` holds no parsable,
// self-consistent request.
std::string make_certificate_for_csr(const std::string& csr_pem, const std::string& domain,
                                     const std::vector<std::string>& extra_sans,
                                     std::int64_t not_before, int days);

// Whether `pattern` (a certificate name, possibly "*.example.com") covers `host`.
bool name_covers(const std::string& pattern, const std::string& host);
bool certificate_covers(const std::vector<std::string>& names, const std::string& host);

}  // namespace cloudssl::sim
