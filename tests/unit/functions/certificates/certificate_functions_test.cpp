// provider::cloudssl::parse_certificate and expires_within called directly: the facts of the
// leaf (checked against the openssl CLI where the library could agree with itself by
// construction), the threshold of expires_within on both sides, and argument errors that name
// the argument at fault.
#include "functions/certificates/factories.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tests/support/test_certificates.h"

namespace cloudssl::certificates {
namespace {

using codec::Value;
using framework::FunctionError;
using namespace std::chrono_literals;
using testing::CertSpec;
using testing::make_chain;

Value str(std::string s) { return Value::string(std::move(s)); }

// `openssl x509 -noout -serial` of the PEM: "serial=0A1B…" → "a1b…".
std::string openssl_serial(const std::string& pem) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("cloudssl-fn-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(path) << pem;
  const std::string command = "openssl x509 -noout -serial -in " + path.string();
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::array<char, 256> buffer{};
  std::string out;
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  std::filesystem::remove(path);
  out = out.substr(out.find('=') + 1);
  out.erase(out.find_last_not_of("\r\n") + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out.substr(std::min(out.find_first_not_of('0'), out.size() - 1));
}

TEST(ParseCertificateFunction, ReturnsTheLeafFacts) {
  CertSpec spec;
  spec.common_name = "api.example.test";
  spec.dns_names = {"api.example.test", "*.api.example.test"};
  const auto chain = make_chain(spec);
  const Value result = make_parse_certificate_function()->call({str(chain.leaf_and_chain())});

  EXPECT_EQ(result.at("common_name").as_string(), "api.example.test");
  EXPECT_EQ(result.at("domain").as_string(), "api.example.test");
  ASSERT_EQ(result.at("subject_alt_names").elements().size(), 2u);
  EXPECT_EQ(result.at("subject_alt_names").elements()[1].as_string(), "*.api.example.test");
  EXPECT_EQ(result.at("key_algorithm").as_string(), "EC_prime256v1");
  EXPECT_EQ(result.at("fingerprint_sha256").as_string().size(), 64u);
  EXPECT_EQ(result.at("serial_number").as_string(), openssl_serial(chain.leaf.pem));
  EXPECT_NE(result.at("issuer").as_string(), result.at("subject").as_string());
  EXPECT_FALSE(result.at("is_ca").as_bool());
  EXPECT_EQ(result.at("chain_length").as_number().to_int64(), 2);
  EXPECT_EQ(result.at("not_after").as_string().back(), 'Z');
}

TEST(ParseCertificateFunction, ACaCertificateIsMarked) {
  const auto chain = make_chain();
  const Value result = make_parse_certificate_function()->call({str(chain.root.pem)});
  EXPECT_TRUE(result.at("is_ca").as_bool());
  EXPECT_EQ(result.at("chain_length").as_number().to_int64(), 1);
}

TEST(ParseCertificateFunction, TextThatIsNoCertificateIsAnErrorOnThePemArgument) {
  try {
    make_parse_certificate_function()->call({str("not a certificate")});
    FAIL() << "expected a FunctionError";
  } catch (const FunctionError& e) {
    EXPECT_EQ(e.argument, 0);
    EXPECT_NE(std::string(e.what()).find("pem is not a usable certificate"), std::string::npos);
  }
  const auto key = testing::make_key();
  try {
    make_parse_certificate_function()->call({str(key.pem)});
    FAIL() << "a private key is not a certificate";
  } catch (const FunctionError& e) {
    EXPECT_EQ(e.argument, 0);
    // Never quote key material back.
    EXPECT_EQ(std::string(e.what()).find("PRIVATE KEY-----\n"), std::string::npos);
  }
}

TEST(ExpiresWithinFunction, ComparesNotAfterWithNowPlusTheDuration) {
  CertSpec spec;
  spec.not_after = 24h * 10;
  const std::string pem = make_chain(spec).leaf.pem;
  const auto fn = make_expires_within_function();
  EXPECT_TRUE(fn->call({str(pem), str("720h")}).as_bool());   // 30 days ahead: expired by then
  EXPECT_TRUE(fn->call({str(pem), str("241h")}).as_bool());   // just past not_after
  EXPECT_FALSE(fn->call({str(pem), str("239h")}).as_bool());  // just before
  EXPECT_FALSE(fn->call({str(pem), str("0s")}).as_bool());
}

TEST(ExpiresWithinFunction, AnExpiredCertificateExpiresWithinZero) {
  CertSpec spec;
  spec.not_before = -48h;
  spec.not_after = -1h;
  EXPECT_TRUE(
      make_expires_within_function()->call({str(make_chain(spec).leaf.pem), str("0s")}).as_bool());
}

TEST(ExpiresWithinFunction, BadArgumentsNameTheirPosition) {
  const std::string pem = make_chain().leaf.pem;
  for (const char* bad : {"30d", "-1h", "", "soon"}) {
    try {
      make_expires_within_function()->call({str(pem), str(bad)});
      FAIL() << "duration \"" << bad << "\" should be refused";
    } catch (const FunctionError& e) {
      EXPECT_EQ(e.argument, 1) << bad;
      EXPECT_NE(std::string(e.what()).find("720h"), std::string::npos) << "says the fix";
    }
  }
  try {
    make_expires_within_function()->call({str("-----BEGIN CERTIFICATE-----\nxx\n"), str("1h")});
    FAIL() << "a broken PEM should be refused";
  } catch (const FunctionError& e) {
    EXPECT_EQ(e.argument, 0);
  }
}

}  // namespace
}  // namespace cloudssl::certificates
