// The ephemeral cloudssl_certificate on the real CLI against cloudssl-sim:
// - examples/certificate_export: a free certificate applied for, validated, exported (chain,
//   key and nginx bundle) and copied, key included, through cloudssl_certificate.private_key_wo;
//   the key (read from the simulator's state file) is in neither the re-plan's JSON nor any
//   file of the run (state, plans, outputs, provider trace logs), neither as PEM text nor
//   base64-encoded (the PEM's, the DER's, or DownloadCertificate's zip holding it), and
//   Tencent's copy holds it;
// - bad inputs, each an error on the attribute saying what to do: an unknown service_type and
//   an empty id at plan time; a certificate set not to allow downloads, an order not issued
//   yet, a certificate uploaded without its key, and a key the API answers masked ("*******",
//   as it does for credentials that may not read keys) when the ephemeral resource opens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string_view>
#include <vector>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The private key the simulator holds for the one free certificate (its state file).
std::string free_certificate_key(const fs::path& state_file) {
  std::ifstream in(state_file);
  const json state = json::parse(in);
  for (const auto& [id, c] : state.at("certificates").items()) {
    if (c.value("is_free", false) && !c.value("private_pem", "").empty()) {
      return c.at("private_pem").get<std::string>();
    }
  }
  return {};
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) out += kAlphabet[(bits >> (count -= 6)) & 0x3F];
  }
  if (count > 0) out += kAlphabet[(bits << (6 - count)) & 0x3F];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

// The bytes a base64 text encodes (stops at the first character outside the alphabet).
std::string unbase64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else
      break;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) out += static_cast<char>((bits >> (count -= 8)) & 0xFF);
  }
  return out;
}

// Stretches of the key as a leak could carry them, none of them the PEM header every key
// shares: the plain body line (key_probe); the base64 of the whole PEM text, at each of the
// three byte alignments it could take inside a larger encoded blob; and the base64 of the DER
// body unwrapped (a stretch across the PEM's first line break, so absent from the PEM itself).
std::vector<std::string> key_probes(const std::string& key_pem) {
  std::vector<std::string> probes = {certs::key_probe(key_pem)};
  for (std::size_t shift = 0; shift < 3; ++shift)
    probes.push_back(base64(std::string_view(key_pem).substr(shift)).substr(60, 40));
  const auto body_start = key_pem.find('\n') + 1;
  const auto body_end = key_pem.find("-----END");
  std::string der_base64;
  for (const char c : key_pem.substr(body_start, body_end - body_start))
    if (c != '\n' && c != '\r') der_base64 += c;
  probes.push_back(der_base64.substr(44, 40));
  return probes;
}

// The files holding DownloadCertificate's Content: a base64 zip (it starts "UEsDB", the
// encoding of "PK\3\4") with the key file in it. The test cannot know the archive's bytes
// (deflated, with a fresh keystore password each time), so it looks for any such archive.
std::vector<std::string> files_with_key_archives(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string text = certs::read_text(entry.path());
    for (auto at = text.find("UEsDB"); at != std::string::npos; at = text.find("UEsDB", at + 1)) {
      const std::string archive = unbase64(std::string_view(text).substr(at));
      if (archive.rfind("PK\x03\x04", 0) == 0 && archive.find(".key") != std::string::npos) {
        out.push_back(entry.path().string());
        break;
      }
    }
  }
  return out;
}

TEST(CertificateExportAcceptance, TheExampleCopiesTheKeyWithoutStateOrLogsSeeingIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const fs::path state_dir =
      fs::temp_directory_path() / ("cloudssl-export-" + std::to_string(::getpid()));
  fs::create_directories(state_dir);
  const fs::path state_file = state_dir / "sim-state.json";
  cloudssl::testing::SimulatorProcess sim({.args = {"--state", state_file.string(), "--quiet"}});

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  tc.write_required_providers = false;  // the example's terraform.tf declares them
  tc.files_from = certs::example_dir("certificate_export");
  const std::string example = certs::example_text("certificate_export/main.tf");
  std::vector<std::string> probes;
  tc.steps = {
      {.config = example,
       .check =
           acc::all({acc::attr_set("cloudssl_certificate.copy", "id"),
                     acc::attr_equals("cloudssl_certificate.copy", "project_id", "1"),
                     acc::attr_equals("cloudssl_certificate.copy", "domain", "www.example.com"),
                     [&](const acc::State& s) {
                       const std::string key = free_certificate_key(state_file);
                       ASSERT_NE(key.find("PRIVATE KEY"), std::string::npos);
                       probes = key_probes(key);
                       const auto id = s.text("cloudssl_certificate.copy", "id").value_or("");
                       const auto held = sim.admin("GET", "/certificates/" + id);
                       EXPECT_TRUE(held.value("has_private_key", false)) << held.dump();
                       EXPECT_GT(sim.calls("DescribeDownloadCertificateUrl"), 0);
                     }}),
       // The re-plan opens the ephemeral resource with everything known: its plan JSON
       // carries no key.
       .post_apply_plan_check =
           [&](const acc::Plan& plan) {
             ASSERT_FALSE(probes.empty());
             for (const auto& p : probes) EXPECT_EQ(plan.dump().find(p), std::string::npos) << p;
             EXPECT_EQ(plan.dump().find("PRIVATE KEY"), std::string::npos);
           }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    ASSERT_FALSE(probes.empty());
    // Every file the run wrote: configuration, plans (binary and JSON), state, command
    // outputs, provider trace logs: the key in any encoding, and the archive the API sent it in.
    ASSERT_EQ(probes.size(), 5u);
    for (const auto& p : probes) {
      auto hits = certs::files_containing(ctx.dir(), p, [](const fs::path&) { return true; });
      EXPECT_TRUE(hits.empty()) << "private key (" << p
                                << ") found in: " << (hits.empty() ? "" : hits.front());
    }
    auto archives = files_with_key_archives(ctx.dir());
    EXPECT_TRUE(archives.empty()) << "DownloadCertificate's Content (base64 zip) found in: "
                                  << (archives.empty() ? "" : archives.front());
    bool have_log = false;
    for (const auto& e : fs::recursive_directory_iterator(ctx.dir()))
      if (e.path().string().find(".provider.log") != std::string::npos) have_log = true;
    EXPECT_TRUE(have_log) << "no provider log was written (TF_LOG_PROVIDER=trace)";
  };
  acc::run(tc);
  std::error_code ec;
  fs::remove_all(state_dir, ec);
}

std::string exported(const std::string& id, const std::string& extra = "") {
  return "ephemeral \"cloudssl_certificate\" \"x\" {\n  certificate_id = \"" + id + "\"\n" + extra +
         "}\n";
}

TEST(CertificateExportAcceptance, RefusedDownloadsAndBadArgumentsAreClearErrors) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  certs::Pki pki;
  const auto leaf = pki.leaf("nokey.example.com");
  sim.admin("POST", "/seed",
            {{"certificates",
              {{{"CertificateId", "NoDownld"}, {"Generate", {{"Domain", "a.example.com"}}}},
               {{"CertificateId", "Pending1"},
                {"Generate", {{"Domain", "b.example.com"}}},
                {"Status", 0}},
               {{"CertificateId", "NoKey001"}, {"CertificatePublicKey", leaf.chain}},
               {{"CertificateId", "Masked01"}, {"Generate", {{"Domain", "m.example.com"}}}}}}});
  sim.admin("POST", "/certificates/NoDownld", {{"AllowDownload", false}});

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kEphemeral;
  tc.steps = {
      acc::plan_error_step(exported("NoDownld", "  service_type = \"caddy\"\n"),
                           "must be one of \"nginx\", \"apache\", \"tomcat\", \"iis\", "
                           "\"jks\", \"other\" or \"root\"",
                           "service_type"),
      acc::plan_error_step(exported(""), "must not be empty", "certificate_id"),
      acc::plan_error_step(exported("NoDownld"),
                           "not to allow downloads.*CertificateNotAllowDownload.*console",
                           "certificate_id"),
      acc::plan_error_step(
          exported("Pending1"),
          "status 0.*CertificateStatusNotAllowDownload.*cloudssl_certificate_validation",
          "certificate_id"),
      acc::plan_error_step(exported("NoKey001"), "uploaded without one.*private_key_wo",
                           "certificate_id"),
      acc::plan_error_step(exported("Missing1"), "No certificate with id \"Missing1\"",
                           "certificate_id"),
      // Last: from here on the simulator masks every key it hands out.
      [&] {
        acc::Step masked = acc::plan_error_step(
            exported("Masked01"),
            "The private key is masked: .*Masked01's private key masked.*CAM policy allows "
            "ssl:DownloadCertificate with key access",
            "certificate_id");
        masked.pre_step = [&](const acc::StepContext&) {
          sim.admin("POST", "/tasks/config", {{"mask_private_key", true}});
        };
        return masked;
      }(),
  };
  acc::run(tc);
}

}  // namespace
