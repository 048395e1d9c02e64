// ParsedKeys: each distinct key text is parsed once and answers what pem::parse_private_key
// does (the hash of private_key_sha256, the key that matches the certificate); texts that do
// not parse fail each time with the parser's error.
#include "resources/certificates/parsed_keys.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "tests/support/test_certificates.h"

namespace cloudssl::certificates {
namespace {

using testing::KeyKind;
using testing::make_key;

TEST(ParsedKeys, EachKeyTextIsParsedOnce) {
  ParsedKeys keys;
  const auto ec = make_key(KeyKind::EcP256);
  const auto first = keys.parse(ec.pem);
  const auto again = keys.parse(ec.pem);
  EXPECT_EQ(keys.parses(), 1u);
  EXPECT_EQ(first.get(), again.get());
  EXPECT_EQ(first->sha256, pem::parse_private_key(ec.pem).sha256());
  EXPECT_EQ(first->key.algorithm(), pem::parse_private_key(ec.pem).algorithm());

  // Another text of the same key (its traditional form) is parsed, and hashes the same.
  const auto traditional = keys.parse(ec.pkcs1_pem);
  EXPECT_EQ(keys.parses(), 2u);
  EXPECT_EQ(traditional->sha256, first->sha256);

  const auto rsa = make_key(KeyKind::Rsa2048);
  EXPECT_NE(keys.parse(rsa.pem)->sha256, first->sha256);
  EXPECT_EQ(keys.parses(), 3u);
}

TEST(ParsedKeys, TheCachedKeyMatchesItsCertificate) {
  ParsedKeys keys;
  const auto key = make_key();
  const auto other = make_key();
  const auto cert = testing::make_cert({}, key);
  const auto chain = pem::parse_chain(cert.pem);
  keys.parse(key.pem);
  EXPECT_TRUE(pem::key_matches(chain, keys.parse(key.pem)->key));
  EXPECT_FALSE(pem::key_matches(chain, keys.parse(other.pem)->key));
}

TEST(ParsedKeys, ATextThatDoesNotParseFailsEachTimeWithTheParsersError) {
  ParsedKeys keys;
  const std::string bad = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  std::string expected;
  try {
    pem::parse_private_key(bad);
  } catch (const pem::PemError& e) {
    expected = e.what();
  }
  ASSERT_FALSE(expected.empty());
  for (int i = 0; i < 2; ++i) {
    try {
      keys.parse(bad);
      ADD_FAILURE() << "no error";
    } catch (const pem::PemError& e) {
      EXPECT_EQ(std::string(e.what()), expected);
    }
  }
  EXPECT_EQ(keys.parses(), 0u);
}

TEST(ParsedKeys, ConcurrentPlansShareOneKey) {
  ParsedKeys keys;
  const auto key = make_key();
  const std::string hash = pem::parse_private_key(key.pem).sha256();
  keys.parse(key.pem);
  std::vector<std::thread> threads;
  std::vector<std::string> seen(8);
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = keys.parse(key.pem)->sha256; });
  for (auto& t : threads) t.join();
  for (const auto& s : seen) EXPECT_EQ(s, hash);
  EXPECT_EQ(keys.parses(), 1u);
}

}  // namespace
}  // namespace cloudssl::certificates
