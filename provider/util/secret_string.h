// A string holding a secret (a private key, a password) that wipes its memory when it is
// destroyed, reassigned or moved from, so a secret never outlives its holder in freed memory.
// The one way key material is held; no hand-written wiping elsewhere.
#pragma once

#include <openssl/crypto.h>

#include <string>
#include <utility>

namespace cloudssl {

class SecretString {
 public:
  SecretString() = default;
  // Takes the text over (implicit, so that API structs can be filled from plain strings).
  SecretString(std::string value) noexcept : value_(std::move(value)) {}  // NOLINT
  SecretString(const SecretString& other) : value_(other.value_) {}
  // A short string lives inside the object: copy it, then wipe the source.
  SecretString(SecretString&& other) : value_(other.value_) { other.wipe(); }
  SecretString& operator=(SecretString other) {
    wipe();
    value_ = other.value_;
    return *this;  // `other` wipes itself
  }
  ~SecretString() { wipe(); }

  const std::string& value() const { return value_; }
  bool empty() const { return value_.empty(); }

  // Overwrites every byte the string owns (its whole capacity) and empties it.
  void wipe() noexcept {
    value_.resize(value_.capacity());
    OPENSSL_cleanse(value_.data(), value_.size());
    value_.clear();
  }

 private:
  std::string value_;
};

}  // namespace cloudssl
