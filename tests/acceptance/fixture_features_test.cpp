// The rest of the framework's features through the real CLI with the fixture provider:
// unknown values propagated to a dependent resource and a deferred data source read,
// write-only attributes (TF >= 1.11), ephemeral resources, provider functions (TF >= 1.8),
// a state upgrade from schema version 0 to 1, timeouts, unknown provider configuration,
// installation from a filesystem mirror with `terraform init`, and the schema as Terraform
// sees it.
#include <gtest/gtest.h>

#include <memory>

#include "tests/acceptance/fixture_helpers.h"

namespace acc = cloudssl::acceptance;
using namespace acc::fixture_test;

TEST(FixtureFeaturesAcceptance, UnknownValuesPropagateToDependents) {
  const char* config = R"(
resource "fixture_thing" "src" {
  name = "src"
  zone = "%ZONE%"
  tags = { k = "v" }
}
resource "fixture_dependent" "d" {
  source_id = fixture_thing.src.id
  note      = "%NOTE%"
}
data "fixture_thing" "read" {
  id = fixture_thing.src.id
}
data "fixture_echo" "e" {
  input = "hello"
}
output "echo" {
  value = data.fixture_echo.e.output
}
)";
  auto cfg = [config](std::string zone, std::string note) {
    std::string c = config;
    c.replace(c.find("%ZONE%"), 6, zone);
    c.replace(c.find("%NOTE%"), 6, note);
    return c;
  };
  auto src_id = std::make_shared<std::string>();
  acc::TestCase tc = fixture_case();
  tc.steps = {
      {.config = cfg("a", "one"),
       .plan_check = acc::all_plan({
           acc::expect_unknown("fixture_dependent.d", "source_id"),
           acc::expect_unknown("fixture_dependent.d", "echo"),
           acc::expect_actions("data.fixture_thing.read", {"read"}),  // deferred to apply
       }),
       .check = acc::all({
           acc::attr_pair("fixture_dependent.d", "source_id", "fixture_thing.src", "id"),
           acc::attr_pair("data.fixture_thing.read", "id", "fixture_thing.src", "id"),
           acc::attr_equals("data.fixture_thing.read", "name", "src"),
           acc::attr_json("data.fixture_thing.read", "tags", {{"k", "v"}}),
           acc::attr_equals("data.fixture_echo.e", "output", "hello"),
           [src_id](const acc::State& s) {
             *src_id = *s.text("fixture_thing.src", "id");
             EXPECT_EQ(s.text("fixture_dependent.d", "echo"), "dep-of-" + *src_id);
           },
       })},
      // With source_id known, modify_plan computes echo at plan time.
      {.config = cfg("a", "two"),
       .plan_check =
           [src_id](const acc::Plan& p) {
             EXPECT_EQ(p.actions("fixture_dependent.d"), (std::vector<std::string>{"update"}));
             EXPECT_FALSE(p.is_unknown_after("fixture_dependent.d", "echo"));
             ASSERT_TRUE(p.after("fixture_dependent.d", "echo"));
             EXPECT_EQ(*p.after("fixture_dependent.d", "echo"), "dep-of-" + *src_id);
           },
       .check = acc::attr_equals("fixture_dependent.d", "note", "two")},
      // Replacing the source makes source_id unknown again, which replaces the dependent.
      {.config = cfg("b", "two"),
       .plan_check = acc::all_plan({
           acc::expect_actions("fixture_thing.src", {"delete", "create"}),
           acc::expect_actions("fixture_dependent.d", {"delete", "create"}),
           acc::expect_unknown("fixture_dependent.d", "source_id"),
       }),
       .check = acc::attr_pair("fixture_dependent.d", "source_id", "fixture_thing.src", "id")},
  };
  tc.check_destroy =
      store_emptied({{"fixture_thing.src", "thing"}, {"fixture_dependent.d", "dependent"}});
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, WriteOnlyValuesNeverReachPlanOrState) {
  const std::string hunter = "hunter2-wo";
  const std::string hunter_sha = "43e356dabd4d2b7e92c21fb75f2ff4f4321057711cfecdf668cef8da0eb77dbc";
  const std::string other = "other-wo";
  const std::string other_sha = "60fd200f8d9db9191a1ff162c7a06e8211d955e06fc37a24211132f4f995f376";
  auto secret = [](const std::string& value, int version) {
    return "resource \"fixture_secret\" \"s\" {\n  name             = \"s\"\n  value_wo         = "
           "\"" +
           value + "\"\n  value_wo_version = " + std::to_string(version) + "\n}\n";
  };
  auto digest_is = [](std::string expected) {
    return [expected](const acc::StepContext& ctx) {
      const auto id = *ctx.last_state().text("fixture_secret.s", "id");
      const auto stored = read_store(ctx.dir(), "secret", id);
      ASSERT_TRUE(stored);
      EXPECT_EQ(stored->value("value_sha256", ""), expected) << stored->dump();
    };
  };
  auto no_secret_anywhere = [](std::string value) {
    return acc::all({acc::state_lacks(value), acc::attr_absent("fixture_secret.s", "value_wo")});
  };

  acc::TestCase tc = fixture_case();
  tc.min_version = acc::kWriteOnly;
  tc.steps = {
      {.config = secret(hunter, 1),
       .plan_check = acc::plan_lacks(hunter),
       .check = no_secret_anywhere(hunter)},
      // The store received the value (its digest), the state file does not hold it.
      {.config = secret(hunter, 1),
       .pre_step =
           [digest_is, hunter_sha, hunter](const acc::StepContext& ctx) {
             digest_is(hunter_sha)(ctx);
             EXPECT_EQ(read_state_file(ctx.dir()).dump().find(hunter), std::string::npos);
             EXPECT_NE(read_state_file(ctx.dir()).dump().find("fixture_secret"), std::string::npos);
           },
       .plan_only = true},
      // A new write-only value alone changes nothing: the plan stays empty.
      {.config = secret(other, 1), .plan_only = true, .plan_check = acc::plan_lacks(other)},
      // Bumping the version sends the new value.
      {.config = secret(other, 2),
       .plan_check = acc::all_plan(
           {acc::expect_actions("fixture_secret.s", {"update"}), acc::plan_lacks(other)}),
       .check = no_secret_anywhere(other)},
      {.config = secret(other, 2),
       .pre_step = [digest_is,
                    other_sha](const acc::StepContext& ctx) { digest_is(other_sha)(ctx); },
       .plan_only = true},
      // An ephemeral value into a write-only argument: neither is ever persisted.
      {.config = R"(
ephemeral "fixture_token" "t" {
  length = 24
}
resource "fixture_secret" "s" {
  name             = "s"
  value_wo         = ephemeral.fixture_token.t.value
  value_wo_version = 3
}
)",
       .plan_check = acc::all_plan({acc::expect_actions("fixture_secret.s", {"update"}),
                                    [](const acc::Plan& p) {
                                      EXPECT_FALSE(p.resource_change("ephemeral.fixture_token.t"));
                                    }}),
       .check =
           [](const acc::State& s) {
             for (const auto& address : s.addresses())
               EXPECT_EQ(address.find("ephemeral"), std::string::npos);
           }},
      {.config = "resource \"fixture_secret\" \"s\" {\n  name = \"s\"\n  value_wo_version = 3\n}\n",
       .pre_step =
           [other_sha](const acc::StepContext& ctx) {
             const auto id = *ctx.last_state().text("fixture_secret.s", "id");
             const auto stored = read_store(ctx.dir(), "secret", id);
             ASSERT_TRUE(stored);
             const auto digest = stored->value("value_sha256", "");
             EXPECT_EQ(digest.size(), 64u) << "the ephemeral token reached the store";
             EXPECT_NE(digest, other_sha);
           },
       .plan_only = true},
  };
  tc.check_destroy = store_emptied({{"fixture_secret.s", "secret"}});
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, ProviderFunctions) {
  acc::TestCase tc = fixture_case();
  tc.min_version = acc::kFunctions;
  tc.steps = {
      {.config = R"(
resource "fixture_thing" "a" {
  name        = "fn"
  description = provider::fixture::shout("hello")
}
output "shouted" {
  value = provider::fixture::shout("abc")
}
)",
       .plan_check = acc::expect_known("fixture_thing.a", "description", "HELLO!"),
       .check = acc::all({acc::attr_equals("fixture_thing.a", "description", "HELLO!"),
                          [](const acc::State& s) {
                            EXPECT_EQ(s.json()["values"]["outputs"]["shouted"]["value"], "ABC!");
                          }})},
      acc::plan_error_step(R"(
output "bad" {
  value = provider::fixture::shout("forbidden words")
}
)",
                           "must not contain \"forbidden\""),
  };
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, StateUpgradeFromVersionZero) {
  const char* config = R"(
resource "fixture_versioned" "v" {
  name       = "v"
  size_bytes = 2048
}
)";
  acc::TestCase tc = fixture_case();
  tc.steps = {
      {.config = config, .check = acc::attr_json("fixture_versioned.v", "size_bytes", 2048)},
      // Rewrite the state as the version-0 schema had it (size in KiB). Planning must
      // upgrade it to exactly the current object: no changes.
      {.config = config,
       .pre_step =
           [](const acc::StepContext& ctx) {
             auto state = read_state_file(ctx.dir());
             bool rewritten = false;
             for (auto& r : state["resources"]) {
               if (r["type"] != "fixture_versioned") continue;
               for (auto& instance : r["instances"]) {
                 EXPECT_EQ(instance["schema_version"], 1);
                 instance["schema_version"] = 0;
                 auto& attributes = instance["attributes"];
                 attributes.erase("size_bytes");
                 attributes["size_kb"] = 2;
                 rewritten = true;
               }
             }
             ASSERT_TRUE(rewritten);
             state["serial"] = state["serial"].get<int>() + 1;
             std::ofstream(ctx.dir() / "terraform.tfstate") << state.dump(2);
           },
       .plan_only = true},
      // An apply with no changes writes the upgraded object back.
      {.config = config,
       .check = acc::all({acc::attr_json("fixture_versioned.v", "size_bytes", 2048),
                          [](const acc::State& s) {
                            for (const auto& r : s.json()["values"]["root_module"]["resources"]) {
                              if (r["address"] == "fixture_versioned.v") {
                                EXPECT_EQ(r["schema_version"], 1);
                              }
                            }
                          }})},
      acc::import_step("fixture_versioned.v", {.mode = acc::ImportMode::Both}),
  };
  tc.check_destroy = store_emptied({{"fixture_versioned.v", "versioned"}});
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, CreateTimeoutEndsTheOperation) {
  acc::TestCase tc = fixture_case();
  tc.steps = {
      {.config = R"(
resource "fixture_slow" "s" {
  delay_seconds = 600
  timeouts {
    create = "1s"
  }
}
)",
       .expect_error = acc::error_like("timed out")},
      acc::plan_error_step(R"(resource "fixture_slow" "s" { delay_seconds = -1 })",
                           "must not be negative", "delay_seconds"),
      {.config = R"(resource "fixture_slow" "s" { delay_seconds = 0 })",
       .check = acc::attr_matches("fixture_slow.s", "id", "^slow-")},
  };
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, UnknownProviderConfiguration) {
  // store_dir comes from a resource that does not exist yet: the provider is configured with
  // an unknown value while planning, and with the real one at apply.
  acc::TestCase tc;
  tc.providers = {acc::fixture_provider()};
  tc.steps = {
      {.config = R"(
resource "terraform_data" "dir" {
  input = "{{workdir}}/late-store"
}
provider "fixture" {
  store_dir = terraform_data.dir.output
}
resource "fixture_thing" "a" {
  name = "late"
}
)",
       .plan_check = acc::all_plan({acc::expect_actions("fixture_thing.a", {"create"}),
                                    acc::expect_unknown("fixture_thing.a", "id")}),
       .check = acc::attr_set("fixture_thing.a", "id")},
  };
  tc.check_destroy = [](const acc::State& before, const acc::StepContext& ctx) {
    const auto id = *before.text("fixture_thing.a", "id");
    EXPECT_FALSE(std::filesystem::exists(ctx.dir() / "late-store" / "thing" / (id + ".json")));
    EXPECT_TRUE(std::filesystem::exists(ctx.dir() / "late-store" / "thing"));
  };
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, InstallsFromAFilesystemMirrorWithInit) {
  acc::TestCase tc = fixture_case();
  tc.installation = acc::Installation::Mirror;
  tc.steps = {
      {.config = R"(resource "fixture_thing" "a" { name = "mirrored" })",
       .check = acc::attr_equals("fixture_thing.a", "name", "mirrored")},
      acc::import_step("fixture_thing.a"),
  };
  tc.check_destroy = [](const acc::State& before, const acc::StepContext& ctx) {
    // init copied the provider and wrote the lock file.
    EXPECT_TRUE(std::filesystem::exists(ctx.dir() / ".terraform.lock.hcl"));
    EXPECT_TRUE(std::filesystem::exists(ctx.dir() / ".terraform" / "providers" /
                                        "registry.terraform.io" / "cloudssl" / "fixture"));
    store_emptied({{"fixture_thing.a", "thing"}})(before, ctx);
  };
  acc::run(tc);
}

TEST(FixtureFeaturesAcceptance, SchemaAsTerraformSeesIt) {
  CLOUDSSL_ACC_REQUIRE_CLI();
  const auto provider = acc::fixture_provider();
  if (provider.binary.empty()) GTEST_SKIP() << "terraform-provider-fixture not built";
  acc::Workspace ws({provider}, acc::Installation::DevOverrides);
  ws.write_providers_tf();
  const auto r = ws.terraform({"providers", "schema", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const auto json = nlohmann::json::parse(r.out);
  const auto& p = json["provider_schemas"]["registry.terraform.io/cloudssl/fixture"];
  ASSERT_TRUE(p.is_object()) << r.out.substr(0, 2000);
  EXPECT_TRUE(p["provider"]["block"]["attributes"].contains("store_dir"));
  for (const char* type : {"fixture_thing", "fixture_dependent", "fixture_secret",
                           "fixture_versioned", "fixture_slow"}) {
    EXPECT_TRUE(p["resource_schemas"].contains(type)) << type;
  }
  EXPECT_EQ(p["resource_schemas"]["fixture_versioned"]["version"], 1);
  const auto& thing = p["resource_schemas"]["fixture_thing"]["block"];
  EXPECT_EQ(thing["attributes"]["secret"]["sensitive"], true);
  EXPECT_EQ(thing["attributes"]["endpoint"]["nested_type"]["nesting_mode"], "single");
  EXPECT_EQ(thing["attributes"]["listeners"]["nested_type"]["nesting_mode"], "list");
  EXPECT_EQ(thing["block_types"]["rule"]["nesting_mode"], "list");
  EXPECT_EQ(thing["block_types"]["member"]["nesting_mode"], "set");
  EXPECT_EQ(thing["block_types"]["settings"]["nesting_mode"], "single");
  EXPECT_TRUE(p["data_source_schemas"].contains("fixture_echo"));
  if (ws.cli().version >= acc::kWriteOnly) {
    EXPECT_EQ(
        p["resource_schemas"]["fixture_secret"]["block"]["attributes"]["value_wo"]["write_only"],
        true);
  }
  if (ws.cli().version >= acc::kFunctions) {
    EXPECT_TRUE(p["functions"].contains("shout")) << p["functions"].dump();
  }
  if (ws.cli().version >= acc::kEphemeral) {
    EXPECT_TRUE(p["ephemeral_resource_schemas"].contains("fixture_token"));
  }
  // validate runs the provider's validation without configuring it.
  ws.write("main.tf", R"(resource "fixture_thing" "a" { name = "BAD" })");
  const auto v = ws.terraform({"validate", "-json"});
  EXPECT_FALSE(v.ok());
  EXPECT_TRUE(acc::matches_error(v, acc::error_like("Invalid name", "name"))) << v.text();
}

TEST(FixtureFeaturesAcceptance, InterruptCancelsALongCreate) {
  // Ctrl-C on `terraform apply`: Terraform calls StopProvider, the provider cancels the
  // create in flight ("operation cancelled") and Terraform ends promptly with nothing stored.
  CLOUDSSL_ACC_REQUIRE_CLI();
  const auto provider = acc::fixture_provider();
  if (provider.binary.empty()) GTEST_SKIP() << "terraform-provider-fixture not built";
  acc::Workspace ws({provider}, acc::Installation::DevOverrides);
  ws.write_providers_tf();
  ws.write("main.tf", R"(resource "fixture_slow" "s" { delay_seconds = 600 })");
  const auto apply = ws.start({"apply", "-auto-approve", "-input=false", "-json"});
  ASSERT_TRUE(apply->wait_for_output("fixture_slow.s: Creating...", std::chrono::seconds(120)))
      << "the create never started; folder " << ws.dir();
  const auto interrupted = std::chrono::steady_clock::now();
  apply->interrupt();
  const auto result = apply->wait(std::chrono::seconds(120));
  EXPECT_FALSE(result.timed_out) << "Terraform did not stop after the interrupt";
  EXPECT_LT(std::chrono::steady_clock::now() - interrupted, std::chrono::seconds(30));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(acc::matches_error(result, acc::error_like("operation cancelled"))) << result.text();
  EXPECT_TRUE(acc::State(ws.show_json()).empty());
}
