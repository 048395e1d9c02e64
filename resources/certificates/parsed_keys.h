// Private keys parsed once per process. The plan of every cloudssl_certificate parses its
// configured key (to hash it and to match it against the certificate), and with OpenSSL 3 that
// parse dominates the provider's share of a plan: the key decoder chain is set up anew for each
// key. Certificates often share a key (one key for several certificates, renewals under the
// same key), and an apply plans each change again, so each distinct key text is parsed once.
//
// Keyed by the SHA-256 of the key's text: no key text is kept. Thread-safe; bounded (the cache
// starts over when full). A text that does not parse is not remembered (it fails each time,
// with the same error).
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lib/pem/pem.h"

namespace cloudssl::certificates {

class ParsedKeys {
 public:
  struct Key {
    pem::PrivateKey key;
    std::string sha256;  // pem::PrivateKey::sha256(): what private_key_sha256 holds
  };

  static constexpr std::size_t kMaxKeys = 256;

  // The key in `pem`, as pem::parse_private_key reads it; throws its pem::PemError.
  std::shared_ptr<const Key> parse(std::string_view pem);

  // How many texts were parsed (not answered from the cache).
  std::size_t parses() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Key>> keys_;
  std::size_t parses_ = 0;
};

}  // namespace cloudssl::certificates
