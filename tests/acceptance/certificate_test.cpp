// cloudssl_certificate through the real terraform CLI against cloudssl-sim: lifecycle (create,
// no-change re-plan, in-place update, whitespace-only change, replacement, import, destroy),
// drift made in the simulator, every plan-time error on its attribute, secrets absent from
// state/plan/logs, same-id rotation on a bound CLB listener and the "still bound" delete.
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;

namespace {

constexpr const char* kAddr = "cloudssl_certificate.c";

struct CertConfig {
  const certs::Leaf* leaf = nullptr;
  std::string alias = "web";
  bool crlf = false;
  bool key_in_pem = false;     // private_key_pem instead of private_key_wo
  std::string extra = {};      // more arguments
  bool key_from_file = false;  // file("key.pem") (written by a pre_step) instead of a literal
};

std::string certificate_config(const CertConfig& c) {
  std::string pem = c.crlf ? "replace(local.pem, \"\\n\", \"\\r\\n\")" : "local.pem";
  std::string key =
      c.key_from_file ? "file(\"${path.module}/key.pem\")\n" : certs::heredoc(c.leaf->key);
  return "locals {\n  pem = " + certs::heredoc(c.leaf->chain) + "}\n" +
         "resource \"cloudssl_certificate\" \"c\" {\n"
         "  certificate_pem = " +
         pem + "\n" + (c.key_in_pem ? "  private_key_pem = " : "  private_key_wo = ") + key +
         "  alias = \"" + c.alias + "\"\n" + c.extra +
         "  lifecycle {\n    create_before_destroy = true\n  }\n}\n";
}

acc::TestCase base_case(cloudssl::testing::SimulatorProcess& sim) {
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.min_version = acc::kWriteOnly;
  return tc;
}

// After destroy, the certificate the last state held is gone from the simulator.
std::function<void(const acc::State&, const acc::StepContext&)> gone_from(
    cloudssl::testing::SimulatorProcess& sim) {
  return [&sim](const acc::State& before, const acc::StepContext&) {
    auto id = before.text(kAddr, "id");
    ASSERT_TRUE(id);
    EXPECT_THROW(sim.admin("GET", "/certificates/" + *id), std::runtime_error)
        << "certificate " << *id << " still exists after destroy";
  };
}

acc::PlanCheck known_at_plan(std::string path) {
  return [path](const acc::Plan& plan) {
    EXPECT_FALSE(plan.is_unknown_after(kAddr, path)) << path << " should be known at plan";
    const auto* v = plan.after(kAddr, path);
    EXPECT_TRUE(v && !v->is_null()) << path << " should be set at plan";
  };
}

}  // namespace

TEST(CertificateAcceptance, LifecycleUpdateInPlaceReplaceImportDestroy) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("www.example.com", {"www.example.com", "example.com"});
  const auto b = pki.leaf("www.example.com");

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a}),
       .plan_check = acc::all_plan(
           {acc::expect_actions(kAddr, {"create"}), acc::expect_unknown(kAddr, "id"),
            acc::expect_known(kAddr, "domain", "www.example.com"),
            acc::expect_known(kAddr, "subject_alt_names",
                              nlohmann::json::array({"www.example.com", "example.com"})),
            known_at_plan("not_after"), known_at_plan("not_before"),
            known_at_plan("fingerprint_sha256"), known_at_plan("private_key_sha256"),
            acc::expect_known(kAddr, "key_algorithm", "EC_prime256v1")}),
       .check = acc::all({acc::attr_set(kAddr, "id"), acc::attr_equals(kAddr, "alias", "web"),
                          acc::attr_equals(kAddr, "status", "1"),
                          acc::attr_equals(kAddr, "hosting_status", "-1"),
                          acc::attr_absent(kAddr, "private_key_wo")})},
      // Alias changes in place: same id.
      {.config = certificate_config({.leaf = &a, .alias = "shop"}),
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check = acc::attr_equals(kAddr, "alias", "shop")},
      // CRLF line endings mean nothing.
      {.config = certificate_config({.leaf = &a, .alias = "shop", .crlf = true}),
       .plan_only = true},
      // New content: a new certificate, created before the old one goes.
      {.config = certificate_config({.leaf = &b, .alias = "shop"}),
       .plan_check = acc::all_plan({acc::expect_actions(kAddr, {"create", "delete"}),
                                    acc::expect_replace_path(kAddr, "certificate_pem")})},
      // Import by the CLI and by an import block: the block's plan must be a pure import.
      acc::import_step(kAddr, {.mode = acc::ImportMode::Both}),
  };
  tc.check_destroy = gone_from(sim);
  acc::run(tc);
}

TEST(CertificateAcceptance, DriftMadeInTheSimulatorShowsInThePlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("drift.example.com");
  const std::string config = certificate_config({.leaf = &a, .alias = "mine"});
  auto id_of = [](const acc::StepContext& ctx) { return *ctx.last_state().text(kAddr, "id"); };

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = config},
      {.config = config,
       .pre_step =
           [&](const acc::StepContext& ctx) {
             sim.admin("POST", "/certificates/" + id_of(ctx), {{"Alias", "renamed in console"}});
           },
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kAddr, {"update"}), acc::expect_known(kAddr, "alias", "mine")})},
      {.config = config, .check = acc::attr_equals(kAddr, "alias", "mine")},
      {.config = config,
       .pre_step =
           [&](const acc::StepContext& ctx) { sim.admin("DELETE", "/certificates/" + id_of(ctx)); },
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::expect_actions(kAddr, {"create"})},
  };
  acc::run(tc);
}

TEST(CertificateAcceptance, PlanTimeErrorsPointAtTheAttribute) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto good = pki.leaf("good.example.com");
  const auto other = pki.leaf("other.example.com");
  const auto expired = pki.leaf("old.example.com", {}, -60, -1);

  auto resource = [](const std::string& body) {
    return "resource \"cloudssl_certificate\" \"c\" {\n" + body + "}\n";
  };
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      acc::plan_error_step(
          resource("  certificate_pem = \"not a certificate\"\n  private_key_wo = " +
                   certs::heredoc(good.key)),
          "Invalid certificate PEM", "certificate_pem"),
      acc::plan_error_step(resource("  certificate_pem = " + certs::heredoc(good.chain) +
                                    "  private_key_wo = " + certs::heredoc(other.key)),
                           "does not match the certificate", "private_key_wo"),
      acc::plan_error_step(resource("  certificate_pem = " + certs::heredoc(good.chain) +
                                    "  private_key_pem = " + certs::heredoc(other.key)),
                           "does not match the certificate", "private_key_pem"),
      acc::plan_error_step(
          resource("  certificate_pem = " + certs::heredoc(pki.intermediate() + good.cert) +
                   "  private_key_wo = " + certs::heredoc(good.key)),
          "out of order", "certificate_pem"),
      acc::plan_error_step(resource("  certificate_pem = " + certs::heredoc(expired.chain) +
                                    "  private_key_wo = " + certs::heredoc(expired.key)),
                           "has expired", "certificate_pem"),
      {.config = resource("  certificate_pem = " + certs::heredoc(good.chain)),
       .plan_only = true,
       // No attribute to underline: the key arguments are absent, Terraform points at the block.
       .expect_error = acc::error_like("private key is required")},
      {.config = resource("  certificate_pem = " + certs::heredoc(good.chain) +
                          "  private_key_wo = " + certs::heredoc(good.key) +
                          "  rotate_in_place = true\n"
                          "  rotate_in_place_resource_types = [\"cdn\"]\n"),
       .plan_only = true,
       .expect_error =
           acc::error_like("cannot be rotated in place", "rotate_in_place_resource_types")},
  };
  acc::run(tc);
}

TEST(CertificateAcceptance, ExpiringSoonIsAWarningAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto soon = pki.leaf("soon.example.com", {}, -60, 5);
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write_providers_tf();
  ws.write("main.tf", certificate_config({.leaf = &soon}));
  const auto plan = ws.terraform({"plan", "-json", "-input=false"});
  ASSERT_TRUE(plan.ok()) << plan.text();
  bool warned = false;
  for (const auto& d : plan.diagnostics)
    if (d.severity == "warning" && d.summary.find("expires soon") != std::string::npos)
      warned = true;
  EXPECT_TRUE(warned) << plan.text();
}

TEST(CertificateAcceptance, WriteOnlyKeyAppearsNowhere) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("secret.example.com");
  const std::string probe = certs::key_probe(a.key);

  // The key comes from a file, as in real use: a literal in the configuration would be
  // copied by Terraform itself into the plan's "configuration" section.
  auto write_key = [&](const acc::StepContext& ctx) { ctx.workspace().write("key.pem", a.key); };
  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a, .key_from_file = true}),
       .pre_step = write_key,
       .plan_check = acc::plan_lacks(probe),
       .check = acc::state_lacks(probe)},
      {.config = certificate_config({.leaf = &a, .alias = "renamed", .key_from_file = true}),
       .plan_check = acc::plan_lacks(probe),
       .check = acc::state_lacks(probe)},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    // Provider logs at trace level, command outputs (plan/apply/show JSON, diagnostics) and
    // state files: the configuration (*.tf, and the plan file's copy of it) is the only place.
    auto hits = certs::files_containing(ctx.dir(), probe, [](const fs::path& p) {
      auto ext = p.extension().string();
      return ext != ".tf" && ext != ".tfplan" && p.filename() != "key.pem";
    });
    EXPECT_TRUE(hits.empty()) << "private key found in: " << (hits.empty() ? "" : hits.front());
    EXPECT_TRUE(certs::wrote_provider_log(ctx.dir()))
        << "no provider log was written (TF_LOG_PROVIDER=trace)";
  };
  acc::run(tc);
}

TEST(CertificateAcceptance, SensitiveKeyArgumentStaysOutOfLogsAndPlanOutput) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("pem.example.com");
  const std::string probe = certs::key_probe(a.key);

  acc::TestCase tc = base_case(sim);
  tc.min_version = {};
  tc.steps = {{.config = certificate_config({.leaf = &a, .key_in_pem = true})},
              {.config = certificate_config({.leaf = &a, .alias = "x", .key_in_pem = true})}};
  tc.check_destroy = [&](const acc::State&, const acc::StepContext& ctx) {
    // Terraform keeps a sensitive argument in state (documented); the provider's logs and the
    // plan/apply output never show it.
    auto hits = certs::files_containing(ctx.dir(), probe, certs::log_or_command_output);
    EXPECT_TRUE(hits.empty()) << "private key found in: " << (hits.empty() ? "" : hits.front());
  };
  acc::run(tc);
}

TEST(CertificateAcceptance, RotateInPlaceKeepsTheIdOnABoundClbListener) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  sim.seed_https_clb("lb-web1", {{"lbl-plain", "rot.example.com"}});
  certs::Pki pki;
  const auto a = pki.leaf("rot.example.com");
  const auto b = pki.leaf("rot.example.com");
  const std::string rotate =
      "  rotate_in_place = true\n"
      "  rotate_in_place_regions = [\"ap-guangzhou\"]\n";
  std::string first_id;

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a, .extra = rotate}),
       .check = [&](const acc::State& s) { first_id = *s.text(kAddr, "id"); }},
      {.config = certificate_config({.leaf = &b, .extra = rotate}),
       .pre_step = [&](const acc::StepContext&) { sim.bind("clb", "lb-web1|lbl-plain", first_id); },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), first_id);
             auto stored = sim.admin("GET", "/certificates/" + first_id);
             EXPECT_EQ(
                 stored.value("public_pem", "").find(b.cert.substr(30, 60)) != std::string::npos,
                 true)
                 << "the simulator still holds the old content";
           }},
      // Still bound: the checked delete refuses and names the listener.
      {.config = "# the certificate is gone from the configuration\n",
       .expect_error = acc::error_like("still bound to cloud resources.*lb-web1")},
      {.config = "# the certificate is gone from the configuration\n",
       .pre_step = [&](const acc::StepContext&) { sim.bind("clb", "lb-web1|lbl-plain", ""); }},
  };
  acc::run(tc);
}

// A destroy never deletes a certificate a cloud resource still uses: with the service role
// (checked delete task) and without it (bound-resource query), though the simulator, like the
// API, deletes a bound certificate on a plain DeleteCertificate. Only force_delete, applied
// first, deletes it anyway.
TEST(CertificateAcceptance, DestroyRefusesABoundCertificateInBothRoleStatesUnlessForceDelete) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  sim.seed_cdn_domain("cdn.example.com");
  certs::Pki pki;
  const auto a = pki.leaf("safe.example.com");
  std::string id;
  auto gone = [&](const acc::State&) {
    EXPECT_THROW(sim.admin("GET", "/certificates/" + id), std::runtime_error)
        << "force_delete did not delete " << id;
  };

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a}),
       .check = [&](const acc::State& s) { id = *s.text(kAddr, "id"); }},
      {.config = "# the certificate is gone from the configuration\n",
       .pre_step = [&](const acc::StepContext&) { sim.bind("cdn", "cdn.example.com", id); },
       .expect_error = acc::error_like("still bound to cloud resources.*cdn cdn.example.com")},
      {.config = "# the certificate is gone from the configuration\n",
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/tasks/config", {{"service_role", false}});
           },
       .expect_error = acc::error_like("still bound to cloud resources.*cdn cdn.example.com")},
      {.config = certificate_config({.leaf = &a, .extra = "  force_delete = true\n"}),
       .pre_step =
           [&](const acc::StepContext&) {
             EXPECT_NO_THROW(sim.admin("GET", "/certificates/" + id)) << "deleted while bound";
           },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id);
             EXPECT_EQ(s.text(kAddr, "force_delete"), std::optional<std::string>("true"));
           }},
      {.config = "# the certificate is gone from the configuration\n", .check = gone},
  };
  acc::run(tc);
}

// allow_duplicate = true: the simulator makes the certificate but the answer is lost (the
// connection drops after processing). The retry first finds the certificate that attempt made:
// one certificate, the one in state, no orphan.
TEST(CertificateAcceptance, DuplicateUploadWhoseAnswerIsLostIsNotUploadedTwice) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("dup.example.com");
  auto ids_of_domain = [&] {
    std::vector<std::string> out;
    const nlohmann::json state = sim.admin("GET", "/state");  // alive through the loop
    for (const auto& [id, c] : state["certificates"].items())
      if (c.value("domain", "") == "dup.example.com") out.push_back(c.value("id", id));
    return out;
  };

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a, .extra = "  allow_duplicate = true\n"}),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/faults",
                       {{"rules",
                         {{{"action", "UploadCertificate"}, {"drop_reply", true}, {"count", 1}}}}});
           },
       .check =
           [&](const acc::State& s) {
             const auto ids = ids_of_domain();
             ASSERT_EQ(ids.size(), 1u) << "the lost upload was sent again";
             EXPECT_EQ(*s.text(kAddr, "id"), ids.front());
             const auto log = sim.admin("GET", "/requests");
             EXPECT_EQ(log["counters"]["UploadCertificate"]["total"], 1) << log["counters"].dump();
           }},
  };
  acc::run(tc);
}

TEST(CertificateAcceptance, InterruptedRotationResumesTheSameRecord) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  sim.seed_https_clb("lb-api", {{"lbl-api", "resume.example.com"}});
  certs::Pki pki;
  const auto a = pki.leaf("resume.example.com");
  const auto b = pki.leaf("resume.example.com");
  const std::string rotate =
      "  rotate_in_place = true\n"
      "  rotate_in_place_regions = [\"ap-guangzhou\"]\n";
  const std::string short_wait = rotate + "  timeouts {\n    update = \"3s\"\n  }\n";
  std::string id;
  auto uploads = [&] { return sim.calls("UploadUpdateCertificateInstance"); };
  int uploads_after_timeout = 0;

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a, .extra = rotate}),
       .check =
           [&](const acc::State& s) {
             id = *s.text(kAddr, "id");
             sim.bind("clb", "lb-api|lbl-api", id);
             // The same-id update record stays pending until the test completes it.
             sim.admin("POST", "/tasks/config", {{"pending_polls", 100000}});
           }},
      // The wait runs out: the error says the next apply resumes, and nothing is lost.
      {.config = certificate_config({.leaf = &b, .extra = short_wait}),
       .expect_error = acc::error_like("Timed out rotating certificate.*resumes")},
      {.config = certificate_config({.leaf = &b, .extra = rotate}),
       .pre_step =
           [&](const acc::StepContext&) {
             uploads_after_timeout = uploads();
             EXPECT_GE(uploads_after_timeout, 1);
             sim.admin("POST", "/tasks/complete", {{"kind", "upload_update"}});
           },
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id);
             EXPECT_EQ(uploads(), uploads_after_timeout) << "a second same-id update was started";
             sim.bind("clb", "lb-api|lbl-api", "");
             sim.admin("POST", "/tasks/config", {{"pending_polls", 0}});  // the delete task too
           }},
  };
  acc::run(tc);
}

// Tags change in place through the Tag API (ModifyResourceTags, served by the simulator on the
// same port): added, changed and removed tags plan an update (same id), the simulator holds
// the new tags, applies without tag changes call nothing, and tags changed out of band show
// as drift that the next apply sets back.
TEST(CertificateAcceptance, TagsChangeInPlaceThroughTheTagApi) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("tags.example.com");
  auto with_tags = [&](const std::string& alias, const std::string& tags) {
    return certificate_config({.leaf = &a, .alias = alias, .extra = tags});
  };
  const std::string first = "  tags = { env = \"test\", old = \"x\" }\n";
  const std::string second = "  tags = { env = \"prod\", team = \"web\" }\n";
  const nlohmann::json second_json = {{"env", "prod"}, {"team", "web"}};
  std::string id;
  // The simulator's stored tags as a key → value object.
  auto stored_tags = [&] {
    nlohmann::json out = nlohmann::json::object();
    const auto stored = sim.admin("GET", "/certificates/" + id);
    for (const auto& t : stored.at("tags")) out[t.at("key").get<std::string>()] = t.at("value");
    return out;
  };
  auto same_id = [&](const acc::State& s) { EXPECT_EQ(*s.text(kAddr, "id"), id); };

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = with_tags("web", first),
       .check =
           [&](const acc::State& s) {
             id = *s.text(kAddr, "id");
             acc::attr_json(kAddr, "tags", {{"env", "test"}, {"old", "x"}})(s);
             EXPECT_EQ(stored_tags(), nlohmann::json({{"env", "test"}, {"old", "x"}}));
             EXPECT_EQ(sim.calls("ModifyResourceTags"), 0) << "tags at create go with the upload";
           }},
      // Changed (env), added (team) and removed (old) in one in-place update.
      {.config = with_tags("web", second),
       .plan_check = acc::all_plan(
           {acc::expect_actions(kAddr, {"update"}), acc::expect_known(kAddr, "tags", second_json)}),
       .check =
           [&](const acc::State& s) {
             same_id(s);
             acc::attr_json(kAddr, "tags", second_json)(s);
             EXPECT_EQ(stored_tags(), second_json);
             EXPECT_EQ(sim.calls("ModifyResourceTags"), 1);
             EXPECT_EQ(sim.calls("UploadCertificate"), 1) << "the certificate was uploaded again";
           }},
      // An update that leaves the tags alone makes no Tag API call.
      {.config = with_tags("renamed", second),
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             same_id(s);
             EXPECT_EQ(sim.calls("ModifyResourceTags"), 1);
           }},
      // Drift: the tags changed in the console; the plan sets them back in place.
      {.config = with_tags("renamed", second),
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id,
                       {{"Tags", {{{"TagKey", "env"}, {"TagValue", "console"}}}}});
           },
       .plan_only = true,
       .expect_non_empty_plan = true,
       .plan_check = acc::all_plan({acc::expect_actions(kAddr, {"update"}),
                                    acc::expect_known(kAddr, "tags", second_json)})},
      {.config = with_tags("renamed", second),
       .check =
           [&](const acc::State& s) {
             same_id(s);
             EXPECT_EQ(stored_tags(), second_json);
             EXPECT_EQ(sim.calls("ModifyResourceTags"), 2);
           }},
      // No tags argument: every tag is removed, still in place.
      {.config = with_tags("renamed", ""),
       .plan_check = acc::expect_actions(kAddr, {"update"}),
       .check =
           [&](const acc::State& s) {
             same_id(s);
             EXPECT_EQ(stored_tags(), nlohmann::json::object());
           }},
  };
  acc::run(tc);
}

// DescribeCertificateDetail may show CertificatePrivateKey masked ("*******",
// docs/design/ssl-api.md), so an import cannot learn private_key_sha256. A configured key that is
// the certificate's is then adopted in place (no replacement: a create_before_destroy replacement
// with allow_duplicate = false could get the same id back and delete it), and the next plan is
// empty.
TEST(CertificateAcceptance, ImportWithTheKeyMaskedAdoptsAMatchingKeyInPlace) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--mask-private-key"}});
  certs::Pki pki;
  const auto a = pki.leaf("masked.example.com");
  // Uploaded out of band, as a certificate made before Terraform managed it.
  const std::string id = sim.admin("POST", "/seed",
                                   {{"certificates",
                                     {{{"CertificateId", "Mask0001"},
                                       {"CertificatePublicKey", a.chain},
                                       {"CertificatePrivateKey", a.key},
                                       {"Alias", "web"}}}}})["certificates"][0]
                             .get<std::string>();
  const std::string config = certificate_config({.leaf = &a}) +
                             "import {\n  to = cloudssl_certificate.c\n  id = \"" + id + "\"\n}\n";

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = config,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kAddr, {"update"}), known_at_plan("private_key_sha256"),
            [](const acc::Plan& plan) { EXPECT_TRUE(plan.replace_paths(kAddr).empty()); }}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id);
             acc::attr_set(kAddr, "private_key_sha256")(s);
             EXPECT_EQ(sim.calls("UploadCertificate"), 0) << "the certificate was uploaded again";
             EXPECT_EQ(sim.calls("UploadUpdateCertificateInstance"), 0);
             EXPECT_EQ(sim.calls("DeleteCertificate"), 0);
           }},
      // The hash is in state now: with the import block gone, still no change.
      {.config = certificate_config({.leaf = &a}), .plan_only = true},
  };
  tc.check_destroy = gone_from(sim);
  acc::run(tc);
}

// allow_duplicate = false (the default) adopts a certificate the account already holds with a
// warning, and brings its alias to the configuration; project_id then changes in place; with
// keep_on_destroy the destroy leaves the certificate in the account.
TEST(CertificateAcceptance, DuplicateUploadAdoptsTheExistingIdAndKeepOnDestroyLeavesIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto a = pki.leaf("dup.example.com");
  const std::string id = sim.admin("POST", "/seed",
                                   {{"certificates",
                                     {{{"CertificateId", "Dup00001"},
                                       {"CertificatePublicKey", a.chain},
                                       {"CertificatePrivateKey", a.key},
                                       {"Alias", "console"}}}}})["certificates"][0]
                             .get<std::string>();
  const std::string keep = "  keep_on_destroy = true\n";
  const std::string moved = keep + "  project_id = 7\n";

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = certificate_config({.leaf = &a, .extra = keep}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id) << "a duplicate was uploaded";
             EXPECT_EQ(sim.calls("UploadCertificate"), 1);
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("alias", ""), "web");
           }},
      // Project changes in place (same id); the warning of the adoption was in step 1's apply.
      {.config = certificate_config({.leaf = &a, .extra = moved}),
       .pre_step =
           [&](const acc::StepContext& ctx) {
             auto hits = certs::files_containing(
                 ctx.dir(), "An identical certificate already existed", [](const fs::path& p) {
                   return p.filename().string().find("-apply.") != std::string::npos;
                 });
             EXPECT_FALSE(hits.empty()) << "no adoption warning in the apply output";
           },
       .plan_check = acc::all_plan(
           {acc::expect_actions(kAddr, {"update"}), acc::expect_known(kAddr, "project_id", 7)}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(*s.text(kAddr, "id"), id);
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("project_id", -1), 7);
             EXPECT_EQ(sim.calls("ModifyCertificateProject"), 1);
           }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_NO_THROW(sim.admin("GET", "/certificates/" + id)) << "keep_on_destroy deleted it";
    EXPECT_EQ(sim.calls("DeleteCertificate"), 0);
  };
  acc::run(tc);
}

// Creating N certificates costs about N calls, not 2N: the reads that fill computed attributes
// after the uploads of one apply share DescribeCertificates calls (as refresh reads do), and a
// create with allow_duplicate = false (the default) lists nothing before its upload (a retried
// identical upload answers the existing id). Six creates: six uploads and one
// DescribeCertificates call in the whole apply (reads that went alone: six; with a listing
// before each upload: twelve). Each upload is slowed down in the simulator so that all six
// creates are in flight together whatever the machine's load; their uploads still end one after
// another (the client spaces them at the documented rate).
TEST(CertificateAcceptance, CreatesShareTheirReadBack) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  constexpr int k = 6;
  std::vector<certs::Leaf> leaves;
  for (int i = 0; i < k; ++i)
    leaves.push_back(pki.leaf("batch" + std::to_string(i) + ".example.com"));
  std::string config;
  for (int i = 0; i < k; ++i)
    config +=
        "resource \"cloudssl_certificate\" \"c" + std::to_string(i) +
        "\" {\n  certificate_pem = " + certs::heredoc(leaves[static_cast<std::size_t>(i)].chain) +
        "  private_key_wo = " + certs::heredoc(leaves[static_cast<std::size_t>(i)].key) + "}\n";
  auto calls = [&](const std::string& action) {
    return sim.admin("GET", "/requests")["counters"]
        .value(action, nlohmann::json::object())
        .value("total", 0);
  };

  acc::TestCase tc = base_case(sim);
  tc.steps = {
      {.config = config,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/faults",
                       {{"rules", {{{"action", "UploadCertificate"}, {"latency_ms", 1500}}}}});
           },
       .plan_check =
           [&](const acc::Plan&) {
             sim.admin("DELETE", "/requests");  // count the apply's calls only
           },
       .check =
           [&](const acc::State& s) {
             for (int i = 0; i < k; ++i)
               EXPECT_TRUE(s.text("cloudssl_certificate.c" + std::to_string(i), "status"));
             EXPECT_EQ(calls("UploadCertificate"), k);
             EXPECT_EQ(calls("DescribeCertificates"), 1)
                 << sim.admin("GET", "/requests")["counters"].dump();
             sim.admin("DELETE", "/faults");
           }},
  };
  acc::run(tc);
}
