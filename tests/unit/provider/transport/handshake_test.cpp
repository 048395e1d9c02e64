#include "provider/transport/handshake.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cloudssl::transport {
namespace {

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Base64RawStd, Rfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64_raw_std(bytes("")), "");
  EXPECT_EQ(base64_raw_std(bytes("f")), "Zg");
  EXPECT_EQ(base64_raw_std(bytes("fo")), "Zm8");
  EXPECT_EQ(base64_raw_std(bytes("foo")), "Zm9v");
  EXPECT_EQ(base64_raw_std(bytes("foob")), "Zm9vYg");
  EXPECT_EQ(base64_raw_std(bytes("fooba")), "Zm9vYmE");
  EXPECT_EQ(base64_raw_std(bytes("foobar")), "Zm9vYmFy");
}

TEST(Base64RawStd, UsesTheStandardAlphabet) {
  const std::vector<std::uint8_t> high{0xfb, 0xff, 0xbf};
  EXPECT_EQ(base64_raw_std(high), "+/+/");
}

TEST(HandshakeLine, TlsLineHasSixFieldsAndAnUnpaddedCertificate) {
  // Every length modulo 3, since padding would appear for two of them.
  for (std::size_t n : {300u, 301u, 302u}) {
    std::vector<std::uint8_t> der(n, 0x30);
    const std::string line = format_handshake_line({"unix", "/tmp/plugin123"}, der);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_TRUE(line.starts_with("1|6|unix|/tmp/plugin123|grpc|"));
    EXPECT_EQ(line.find('='), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), line.size() - 1) << "exactly one line";
    EXPECT_EQ(line.substr(std::string("1|6|unix|/tmp/plugin123|grpc|").size()),
              base64_raw_std(der) + "\n");
  }
}

TEST(HandshakeLine, PlaintextLeavesTheCertificateFieldEmpty) {
  EXPECT_EQ(format_handshake_line({"tcp", "127.0.0.1:10001"}, {}),
            "1|6|tcp|127.0.0.1:10001|grpc|\n");
}

TEST(Reattach, JsonHasWhatTerraformNeeds) {
  const auto json = nlohmann::json::parse(
      format_reattach_json("registry.terraform.io/cloudssl/cloudssl", 4242, {"unix", "/tmp/p1"}));
  const auto& c = json.at("registry.terraform.io/cloudssl/cloudssl");
  EXPECT_EQ(c.at("Protocol"), "grpc");
  EXPECT_EQ(c.at("ProtocolVersion"), 6);  // 0 or missing would mean protocol 5
  EXPECT_EQ(c.at("Pid"), 4242);
  EXPECT_EQ(c.at("Test"), true);
  EXPECT_EQ(c.at("Addr").at("Network"), "unix");
  EXPECT_EQ(c.at("Addr").at("String"), "/tmp/p1");
}

TEST(Reattach, BannerIsReadyToPaste) {
  const std::string banner =
      format_debug_banner("registry.terraform.io/cloudssl/cloudssl", 7, {"tcp", "127.0.0.1:1"});
  EXPECT_TRUE(
      banner.starts_with("Provider started. To attach Terraform CLI, set the "
                         "TF_REATTACH_PROVIDERS environment variable with the following:"));
  const auto start = banner.find("\tTF_REATTACH_PROVIDERS='");
  ASSERT_NE(start, std::string::npos);
  const auto json_start = start + std::string("\tTF_REATTACH_PROVIDERS='").size();
  const auto json_end = banner.find('\'', json_start);
  ASSERT_NE(json_end, std::string::npos);
  const auto json = nlohmann::json::parse(banner.substr(json_start, json_end - json_start));
  EXPECT_TRUE(json.contains("registry.terraform.io/cloudssl/cloudssl"));
}

}  // namespace
}  // namespace cloudssl::transport
