#include "lib/pem/pem.h"

#include <gtest/gtest.h>

#include "tests/support/test_certificates.h"

namespace cloudssl::pem {
namespace {

using namespace std::chrono_literals;
using testing::CertSpec;
using testing::make_chain;
using testing::make_key;
using testing::with_crlf;

TEST(PemBlocks, ParsesEveryBlockAndIgnoresWhitespace) {
  auto chain = make_chain();
  auto blocks = parse_blocks("\n\n  " + chain.leaf_and_chain() + "\n\n");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].label, "CERTIFICATE");
}

TEST(PemBlocks, MalformedInputsAreErrors) {
  EXPECT_THROW(parse_blocks("hello"), PemError);
  EXPECT_THROW(parse_blocks("-----BEGIN CERTIFICATE-----\nAAAA\n"), PemError);
  EXPECT_THROW(parse_blocks("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n"),
               PemError);
}

// RFC 4648 section 10's test vectors (the encodings of "foobar"'s prefixes), and bytes that
// are not text.
TEST(PemBase64, EncodesTheRfc4648VectorsWithPadding) {
  const std::string_view input = "foobar";
  const char* const expected[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (std::size_t n = 0; n <= input.size(); ++n)
    EXPECT_EQ(base64_encode(input.substr(0, n)), expected[n]) << n;
  EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(PemCompare, CrlfTrailingNewlinesAndIndentationAreTheSame) {
  auto chain = make_chain();
  std::string pem = chain.leaf_and_chain();
  EXPECT_TRUE(same_pem(pem, with_crlf(pem)));
  EXPECT_TRUE(same_pem(pem, pem + "\n\n\n"));
  std::string trimmed = pem.substr(0, pem.size() - 1);
  EXPECT_TRUE(same_pem(pem, trimmed));
  EXPECT_TRUE(same_pem(pem, canonical(with_crlf(pem))));
}

TEST(PemCompare, DifferentCertificatesDiffer) {
  auto a = make_chain();
  auto b = make_chain();
  EXPECT_FALSE(same_pem(a.leaf.pem, b.leaf.pem));
  EXPECT_FALSE(same_pem(a.leaf_and_chain(), a.leaf.pem));  // chain dropped = a change
}

TEST(PemChain, FactsOfTheLeaf) {
  CertSpec spec;
  spec.common_name = "api.example.test";
  spec.dns_names = {"api.example.test", "*.api.example.test"};
  spec.not_before = -1h;
  spec.not_after = 24h * 90;
  auto chain = make_chain(spec);
  Chain parsed = parse_chain(chain.leaf_and_chain());
  ASSERT_EQ(parsed.size(), 2u);
  CertificateFacts f = parsed.facts();
  EXPECT_EQ(f.common_name, "api.example.test");
  EXPECT_EQ(f.domain, "api.example.test");
  EXPECT_EQ(f.subject_alt_names,
            (std::vector<std::string>{"api.example.test", "*.api.example.test"}));
  EXPECT_EQ(f.key_algorithm, "EC_prime256v1");
  EXPECT_EQ(f.fingerprint_sha256.size(), 64u);
  EXPECT_FALSE(f.is_ca);
  auto now = std::chrono::system_clock::now();
  EXPECT_LT(f.not_before, now);
  EXPECT_GT(f.not_after, now + 24h * 89);
  EXPECT_LT(f.not_after, now + 24h * 91);
  EXPECT_TRUE(parsed.facts(1).is_ca);
}

TEST(PemChain, DomainFallsBackToTheFirstSan) {
  CertSpec spec;
  spec.common_name = "";
  spec.dns_names = {"only-san.example.test"};
  auto chain = make_chain(spec);
  EXPECT_EQ(parse_chain(chain.leaf.pem).facts().domain, "only-san.example.test");
}

TEST(PemChain, RsaKeyAlgorithm) {
  auto key = make_key(testing::KeyKind::Rsa2048);
  auto cert = testing::make_cert({}, key);
  EXPECT_EQ(parse_chain(cert.pem).facts().key_algorithm, "RSA_2048");
}

TEST(PemChain, OrderIsLeafFirstThenEachIssuer) {
  auto chain = make_chain();
  EXPECT_FALSE(parse_chain(chain.leaf_and_chain()).order_problem());
  EXPECT_FALSE(parse_chain(chain.leaf_and_chain() + chain.root.pem).order_problem());
  auto reversed = parse_chain(chain.intermediate.pem + chain.leaf.pem).order_problem();
  ASSERT_TRUE(reversed);
  EXPECT_NE(reversed->find("leaf first"), std::string::npos);
  auto skipped =
      parse_chain(chain.leaf.pem + chain.root.pem + chain.intermediate.pem).order_problem();
  ASSERT_TRUE(skipped);
  EXPECT_NE(skipped->find("certificate 1"), std::string::npos) << *skipped;
  auto unrelated = make_chain();
  EXPECT_TRUE(parse_chain(chain.leaf.pem + unrelated.intermediate.pem).order_problem());
}

TEST(PemChain, NonCertificateBlocksAreErrors) {
  auto key = make_key();
  try {
    parse_chain(key.pem);
    FAIL() << "expected an error";
  } catch (const PemError& e) {
    EXPECT_NE(std::string(e.what()).find("PRIVATE KEY, expected a CERTIFICATE"), std::string::npos);
  }
}

TEST(PemKey, MatchesItsCertificateOnly) {
  auto chain = make_chain();
  Chain parsed = parse_chain(chain.leaf_and_chain());
  EXPECT_TRUE(key_matches(parsed, parse_private_key(chain.leaf.key.pem)));
  EXPECT_FALSE(key_matches(parsed, parse_private_key(chain.intermediate.key.pem)));
}

TEST(PemKey, HashIsTheSameForEveryEncodingOfOneKey) {
  auto key = make_key(testing::KeyKind::Rsa2048);
  std::string a = parse_private_key(key.pem).sha256();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, parse_private_key(key.pkcs1_pem).sha256());
  EXPECT_EQ(a, parse_private_key(with_crlf(key.pem) + "\n").sha256());
  EXPECT_NE(a, parse_private_key(make_key(testing::KeyKind::Rsa2048).pem).sha256());
  auto ec = make_key();
  EXPECT_EQ(parse_private_key(ec.pem).sha256(), parse_private_key(ec.pkcs1_pem).sha256());
}

TEST(PemKey, ErrorsNeverQuoteTheKey) {
  auto key = make_key();
  std::string broken = key.pem;
  broken.replace(broken.find('\n') + 5, 4, "!!!!");
  try {
    parse_private_key(broken);
    FAIL() << "expected an error";
  } catch (const PemError& e) {
    std::string body = key.pem.substr(key.pem.find('\n') + 1, 40);
    EXPECT_EQ(std::string(e.what()).find(body.substr(10, 20)), std::string::npos);
  }
  EXPECT_THROW(parse_private_key("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n"
                                 "-----END ENCRYPTED PRIVATE KEY-----\n"),
               PemError);
  auto chain = make_chain();
  EXPECT_THROW(parse_private_key(chain.leaf.pem), PemError);
}

TEST(PemTime, Rfc3339RoundTrip) {
  auto t = std::chrono::system_clock::from_time_t(1735689600);  // 2025-01-01T00:00:00Z
  EXPECT_EQ(rfc3339(t), "2025-01-01T00:00:00Z");
  EXPECT_EQ(parse_rfc3339("2025-01-01T00:00:00Z"), t);
  EXPECT_FALSE(parse_rfc3339("2025-01-01 00:00:00"));
  EXPECT_EQ(parse_rfc3339("2025-01-01T00:00:00+00:00"), t);
}

// Found by tests/fuzz (pem target): sscanf's %d took signs, spaces and month 99, and a year past
// 2262 overflowed the nanosecond clock (undefined behaviour).
TEST(PemTime, Rfc3339RefusesWhatIsNotACalendarTimeTheClockHolds) {
  EXPECT_FALSE(parse_rfc3339("2539-01-01T00:00:00Z"));  // after the clock's end (2262)
  EXPECT_FALSE(parse_rfc3339("1600-01-01T00:00:00Z"));  // before its start (1677)
  EXPECT_FALSE(parse_rfc3339("2025-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2025-01-00T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2025-01-01T24:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2025-01-01T00:60:00Z"));
  EXPECT_FALSE(parse_rfc3339("+025-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339(" 2025-1-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2025-01-01T00:00:00Zjunk"));
  EXPECT_TRUE(parse_rfc3339("2262-01-01T00:00:00Z"));
}

// A certificate "valid until 9999" (common for roots): its facts stay representable, clamped
// to the end of the clock's range instead of overflowing it.
TEST(PemChain, FarFutureExpiryIsClampedNotOverflowed) {
  CertSpec spec;
  spec.not_after = std::chrono::hours(24 * 365 * 7000);  // about the year 9000
  auto key = make_key();
  auto cert = testing::make_cert(spec, key);
  const CertificateFacts facts = parse_chain(cert.pem).facts();
  EXPECT_EQ(std::chrono::system_clock::to_time_t(facts.not_after),
            std::chrono::system_clock::to_time_t(std::chrono::system_clock::time_point::max()));
  EXPECT_GT(facts.not_after, std::chrono::system_clock::now());
  EXPECT_LT(facts.not_before, std::chrono::system_clock::now());
}

}  // namespace
}  // namespace cloudssl::pem
