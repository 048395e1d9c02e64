// The real cloudssl provider through the CLI: its schema, validate, configuration with good,
// wrong and missing credentials (against the simulator), configuration with values unknown
// until apply, and installation from the filesystem mirror `cmake --install` lays out.
#include <gtest/gtest.h>

#include <memory>

#include "tests/acceptance/harness/acceptance.h"
#if __has_include("tests/support/simulator_process.h") && defined(CLOUDSSL_HAVE_SIMULATOR)
#include "tests/support/simulator_process.h"
#define CLOUDSSL_ACC_HAVE_SIMULATOR 1
#endif

namespace acc = cloudssl::acceptance;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSimSecretId = "AKIDCLOUDSSLSIMULATOR";
constexpr const char* kSimSecretKey = "cloudssl-sim-secret-key";
constexpr const char* kAddress = "registry.terraform.io/cloudssl/cloudssl";

// Skips unless the CLI and the provider binary exist.
#define REQUIRE_CLOUDSSL()                                                                \
  CLOUDSSL_ACC_REQUIRE_CLI();                                                             \
  if (acc::cloudssl_provider().binary.empty()) {                                          \
    acc::announce_skip("acceptance test skipped: terraform-provider-cloudssl not built"); \
    GTEST_SKIP() << "terraform-provider-cloudssl not built";                              \
  }

// The provider's schema as Terraform reports it (empty object on failure).
nlohmann::json cloudssl_schema() {
  acc::Workspace ws({acc::cloudssl_provider()}, acc::Installation::DevOverrides);
  ws.write_providers_tf();
  const auto r = ws.terraform({"providers", "schema", "-json"});
  EXPECT_TRUE(r.ok()) << r.text();
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  if (json.is_discarded()) return nlohmann::json::object();
  return json["provider_schemas"][kAddress];
}

// A data source that reads from the API with no required arguments.
const std::string kApiReadingDataSource = "data \"cloudssl_certificates\" \"all\" {}\n";

std::map<std::string, std::string> no_credentials_env() {
  // HOME is the test's own folder: no ~/.tccli profile either.
  return {{"CLOUDSSL_ENDPOINT", "http://127.0.0.1:9"}};
}

}  // namespace

TEST(CloudsslProviderAcceptance, SchemaAsTerraformSeesIt) {
  REQUIRE_CLOUDSSL();
  const auto schema = cloudssl_schema();
  ASSERT_TRUE(schema.is_object() && schema.contains("provider")) << schema.dump();
  const auto& attributes = schema["provider"]["block"]["attributes"];
  for (const char* name :
       {"secret_id", "secret_key", "security_token", "region", "endpoint", "profile",
        "shared_credentials_dir", "request_timeout", "max_retries", "tag_endpoint"}) {
    ASSERT_TRUE(attributes.contains(name)) << name;
    EXPECT_EQ(attributes[name].value("optional", false), true) << name;
  }
  EXPECT_EQ(attributes["secret_key"].value("sensitive", false), true);
  EXPECT_EQ(attributes["security_token"].value("sensitive", false), true);
  // Every type carries the cloudssl_ prefix; the fixtures are not in the real binary.
  for (const char* kind : {"resource_schemas", "data_source_schemas"}) {
    if (!schema.contains(kind)) continue;
    for (const auto& [name, _] : schema[kind].items()) {
      EXPECT_EQ(name.rfind("cloudssl_", 0), 0u) << name;
    }
  }
  EXPECT_EQ(schema.dump().find("fixture_"), std::string::npos);
}

TEST(CloudsslProviderAcceptance, ValidateChecksTheProviderBlock) {
  REQUIRE_CLOUDSSL();
  // Terraform validates a provider block only when something in the configuration uses it.
  acc::Workspace ws({acc::cloudssl_provider()}, acc::Installation::DevOverrides);
  ws.write_providers_tf();
  // `terraform validate` of the data source with this provider block.
  const auto validate = [&](const std::string& provider_block) {
    ws.write("main.tf", kApiReadingDataSource + provider_block);
    return ws.terraform({"validate", "-json"});
  };
  const auto ok = validate(R"(
provider "cloudssl" {
  region          = "ap-guangzhou"
  request_timeout = "30s"
  max_retries     = 3
}
)");
  EXPECT_TRUE(ok.ok()) << ok.text();
  // Each bad setting is refused with an error on it.
  const std::vector<std::pair<std::string, acc::ErrorMatch>> refused = {
      {"request_timeout = \"soon\"", acc::error_like("request_timeout", "request_timeout")},
      {"max_retries = -1", acc::error_like("max_retries")},
      {"tag_endpoint = \"tag.tencentcloudapi.com\"",
       acc::error_like("Invalid tag_endpoint", "tag_endpoint")},
  };
  for (const auto& [setting, error] : refused) {
    const auto bad = validate("\nprovider \"cloudssl\" {\n  " + setting + "\n}\n");
    EXPECT_FALSE(bad.ok()) << setting;
    EXPECT_TRUE(acc::matches_error(bad, error)) << bad.text();
  }
}

TEST(CloudsslProviderAcceptance, MissingCredentialsNameTheVariable) {
  REQUIRE_CLOUDSSL();
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = no_credentials_env();
  tc.steps = {acc::plan_error_step(kApiReadingDataSource, "TENCENTCLOUD_SECRET_ID")};
  acc::run(tc);
}

#ifdef CLOUDSSL_ACC_HAVE_SIMULATOR

namespace {

// A test case against `sim` with the simulator's secret id and `secret_key`.
acc::TestCase against(const cloudssl::testing::SimulatorProcess& sim,
                      const std::string& secret_key) {
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = {{"CLOUDSSL_ENDPOINT", sim.endpoint()},
            {"TENCENTCLOUD_SECRET_ID", kSimSecretId},
            {"TENCENTCLOUD_SECRET_KEY", secret_key}};
  return tc;
}

}  // namespace

TEST(CloudsslProviderAcceptance, GoodCredentialsReachTheSimulator) {
  REQUIRE_CLOUDSSL();
  cloudssl::testing::SimulatorProcess sim;
  acc::TestCase tc = against(sim, kSimSecretKey);
  tc.steps = {{.config = kApiReadingDataSource +
                         "output \"n\" { value = data.cloudssl_certificates.all.total_count }\n",
               .check = acc::attr_set("data.cloudssl_certificates.all", "total_count")}};
  acc::run(tc);
}

TEST(CloudsslProviderAcceptance, WrongSecretKeyIsAnAuthenticationError) {
  REQUIRE_CLOUDSSL();
  cloudssl::testing::SimulatorProcess sim;
  acc::TestCase tc = against(sim, "wrong-key");
  tc.steps = {acc::plan_error_step(kApiReadingDataSource, "AuthFailure|[Ss]ignature")};
  acc::run(tc);
}

#endif  // CLOUDSSL_ACC_HAVE_SIMULATOR

#ifdef CLOUDSSL_ACC_HAVE_SIMULATOR

TEST(CloudsslProviderAcceptance, UnknownConfigurationIsAcceptedUntilApply) {
  REQUIRE_CLOUDSSL();
  // The endpoint comes from a resource that does not exist yet: ConfigureProvider gets an
  // unknown value while planning and must not fail. The data source depends on that
  // resource, so Terraform reads it at apply, when the provider is configured for real.
  cloudssl::testing::SimulatorProcess sim;
  acc::TestCase tc;
  tc.providers = {acc::cloudssl_provider()};
  tc.env = {{"TENCENTCLOUD_SECRET_ID", kSimSecretId}, {"TENCENTCLOUD_SECRET_KEY", kSimSecretKey}};
  tc.steps = {
      {.config = R"(
resource "terraform_data" "endpoint" {
  input = ")" + sim.endpoint() +
                 R"("
}
provider "cloudssl" {
  endpoint = terraform_data.endpoint.output
}
data "cloudssl_certificates" "all" {
  depends_on = [terraform_data.endpoint]
}
)",
       .plan_check =
           acc::all_plan({acc::expect_actions("terraform_data.endpoint", {"create"}),
                          acc::expect_actions("data.cloudssl_certificates.all", {"read"})}),
       .check = acc::attr_set("data.cloudssl_certificates.all", "total_count")},
  };
  acc::run(tc);
}

#endif  // CLOUDSSL_ACC_HAVE_SIMULATOR

TEST(CloudsslProviderAcceptance, InstallsFromTheCmakeInstallMirror) {
  REQUIRE_CLOUDSSL();
  const fs::path prefix =
      fs::temp_directory_path() / ("cloudssl-acc-mirror-" + std::to_string(::getpid()));
  const auto provider = acc::installed_cloudssl_provider(prefix);
  ASSERT_TRUE(fs::exists(prefix / "registry.terraform.io/cloudssl/cloudssl" / provider.version))
      << "cmake --install did not lay out the mirror under " << prefix;
  {
    acc::TestCase tc;
    tc.providers = {provider};
    tc.installation = acc::Installation::Mirror;
    tc.steps = {{.config = R"(
provider "cloudssl" {
  region = "ap-guangzhou"
}
)",
                 .plan_only = true}};
    acc::run(tc);
  }
  fs::remove_all(prefix);
}
