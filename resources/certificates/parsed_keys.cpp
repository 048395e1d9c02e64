// Private keys parsed once per process (see the header).
#include "resources/certificates/parsed_keys.h"

#include "api/core/hmac_signing.h"

namespace cloudssl::certificates {

std::shared_ptr<const ParsedKeys::Key> ParsedKeys::parse(std::string_view pem) {
  const std::string digest = api::sha256_hex(pem);
  {
    std::lock_guard lock(mutex_);
    if (auto it = keys_.find(digest); it != keys_.end()) return it->second;
  }
  // Parsed outside the lock: concurrent plans of different keys do not wait for each other.
  auto key = std::make_shared<Key>();
  key->key = pem::parse_private_key(pem);
  key->sha256 = key->key.sha256();
  std::lock_guard lock(mutex_);
  ++parses_;
  if (keys_.size() >= kMaxKeys) keys_.clear();
  return keys_.try_emplace(digest, std::move(key)).first->second;
}

std::size_t ParsedKeys::parses() const {
  std::lock_guard lock(mutex_);
  return parses_;
}

}  // namespace cloudssl::certificates
