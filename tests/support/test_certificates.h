// Test fixtures made on the fly with OpenSSL: throw-away keys and certificates (a CA, an
// intermediate, leaves) so that no key material is ever committed. Times are relative to now.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace cloudssl::testing {

struct TestKey {
  std::string pem;        // PKCS#8 "PRIVATE KEY"
  std::string pkcs1_pem;  // the traditional form ("RSA PRIVATE KEY" / "EC PRIVATE KEY")
};

enum class KeyKind { EcP256, Rsa2048 };
TestKey make_key(KeyKind kind = KeyKind::EcP256);

struct CertSpec {
  std::string common_name = "www.example.test";
  std::vector<std::string> dns_names = {"www.example.test", "example.test"};
  std::chrono::seconds not_before = -std::chrono::hours(24);      // from now
  std::chrono::seconds not_after = std::chrono::hours(24 * 365);  // from now
  bool is_ca = false;
};

struct TestCert {
  std::string pem;
  TestKey key;
};

// Self-signed when issuer is null.
TestCert make_cert(const CertSpec& spec, const TestKey& key, const TestCert* issuer = nullptr);

// A ready chain: root CA → intermediate → leaf (leaf key included).
struct TestChain {
  TestCert root;
  TestCert intermediate;
  TestCert leaf;
  std::string leaf_and_chain() const { return leaf.pem + intermediate.pem; }
};
TestChain make_chain(const CertSpec& leaf_spec = {});

// `text` with every "\n" written as "\r\n" (PEM as a Windows editor saves it).
inline std::string with_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "\r\n";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace cloudssl::testing
