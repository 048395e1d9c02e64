// The ephemeral cloudssl_certificate on the real CLI against cloudssl-sim:
// - examples/certificate_export: a free certificate applied for, validated, exported (chain,
//   key and nginx bundle) and copied, key included, through cloudssl_certificate.private_key_wo;
//   the key (read from the simulator's state file) is in neither the re-plan's JSON nor any
//   file of the run (state, plans, outputs, provider trace logs), and Tencent's copy holds it;
// - bad inputs, each an error on the attribute saying what to do: an unknown service_type and
//   an empty id at plan time; a certificate set not to allow downloads, an order not issued
//   yet, a certificate uploaded without its key, and a key the API answers masked ("*******",
//   as it does for credentials that may not read keys) when the ephemeral resource opens.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

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
  std::string probe;
  tc.steps = {
      {.config = example,
       .check =
           acc::all({acc::attr_set("cloudssl_certificate.copy", "id"),
                     acc::attr_equals("cloudssl_certificate.copy", "project_id", "1"),
                     acc::attr_equals("cloudssl_certificate.copy", "domain", "www.example.com"),
                     [&](const acc::State& s) {
                       const std::string key = free_certificate_key(state_file);
                       ASSERT_NE(key.find("PRIVATE KEY"), std::string::npos);
                       probe = certs::key_probe(key);
                       const auto id = s.text("cloudssl_certificate.copy", "id").value_or("");
                       const auto held = sim.admin("GET", "/certificates/" + id);
                       EXPECT_TRUE(held.value("has_private_key", false)) << held.dump();
                       EXPECT_GT(sim.calls("DescribeDownloadCertificateUrl"), 0);
                     }}),
       // The re-plan opens the ephemeral resource with everything known: its plan JSON
       // carries no key.
       .post_apply_plan_check =
           [&](const acc::Plan& plan) {
             ASSERT_FALSE(probe.empty());
             EXPECT_EQ(plan.dump().find(probe), std::string::npos);
             EXPECT_EQ(plan.dump().find("PRIVATE KEY"), std::string::npos);
           }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    ASSERT_FALSE(probe.empty());
    // Every file the run wrote: configuration, plans (binary and JSON), state, command
    // outputs, provider trace logs.
    auto hits = certs::files_containing(ctx.dir(), probe, [](const fs::path&) { return true; });
    EXPECT_TRUE(hits.empty()) << "private key found in: " << (hits.empty() ? "" : hits.front());
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
