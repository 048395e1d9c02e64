// Fuzz target: the PEM/X.509 library (certificate_pem, certificate_chain and private_key
// attributes are parsed at plan time from whatever the configuration holds). Input: the text
// given as the private key, a NUL byte, then the text given as the certificate chain (without
// a NUL both are the whole input).
// Properties: every function either answers or throws PemError (anything else escapes and is
// reported as a crash); a text that parses has a canonical form holding the same blocks; an
// RFC 3339 time that parses prints back to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "lib/pem/pem.h"

namespace pem = cloudssl::pem;

namespace {

std::optional<pem::Chain> chain_of(std::string_view text) {
  try {
    pem::Chain chain = pem::parse_chain(text);
    for (std::size_t i = 0; i < chain.size(); ++i) (void)chain.facts(i);
    (void)chain.order_problem();
    return chain;
  } catch (const pem::PemError&) {
    return std::nullopt;
  }
}

std::optional<pem::PrivateKey> key_of(std::string_view text) {
  try {
    pem::PrivateKey key = pem::parse_private_key(text);
    (void)key.sha256();
    (void)key.algorithm();
    return key;
  } catch (const pem::PemError&) {
    return std::nullopt;
  }
}

void check_blocks(std::string_view text) {
  try {
    (void)pem::parse_blocks(text);
  } catch (const pem::PemError&) {
    (void)pem::same_pem(text, text);  // the whitespace-normalised comparison
    return;
  }
  const std::string canonical = pem::canonical(text);
  if (!pem::same_pem(text, canonical)) std::abort();
  if (pem::canonical(canonical) != canonical) std::abort();
}

void check_time(std::string_view text) {
  const auto t = pem::parse_rfc3339(text);
  if (t && pem::parse_rfc3339(pem::rfc3339(*t)) != t) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view key_text = nul == std::string_view::npos ? input : input.substr(0, nul);
  const std::string_view chain_text = nul == std::string_view::npos ? input : input.substr(nul + 1);

  check_blocks(chain_text);
  check_time(input.substr(0, 64));
  const auto chain = chain_of(chain_text);
  const auto key = key_of(key_text);
  if (chain && key) (void)pem::key_matches(*chain, *key);
  return 0;
}
