// Moving from the official Tencent Cloud provider on the real CLI: a stand-in registered as
// tencentcloudstack/tencentcloud in a filesystem mirror (tests/tencentcloud_standin, the
// official SSL resources' schemas and API calls) writes the "before" state with a real init
// and apply against cloudssl-sim; the configuration is then rewritten to cloudssl with
// `moved` blocks: the plan shows the move and no change, the apply records it with the same
// certificate id, and the next plan is empty. Both resource types, a state of an older
// tencentcloud release (before notification_switch), and for each type a state that cannot be
// moved (a clear error naming the tencentcloud attribute, the state left as it was, the move
// possible once the state is right).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/tencentcloud_standin.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
namespace fs = std::filesystem;

namespace {

// moved blocks across resource types and providers (MoveResourceState).
constexpr acc::Version kMovedAcrossProviders{1, 8, 0};

#define REQUIRE_MOVE_PROVIDERS()                                                        \
  CLOUDSSL_REQUIRE_PROVIDER();                                                          \
  if (acc::tencentcloud_standin_provider().binary.empty()) {                            \
    acc::announce_skip("acceptance test skipped: the tencentcloud stand-in not built"); \
    GTEST_SKIP() << "terraform-provider-tencentcloud stand-in not built";               \
  }

acc::TestCase move_case(cloudssl::testing::SimulatorProcess& sim) {
  acc::TestCase tc;
  tc.providers = {acc::tencentcloud_standin_provider(), acc::cloudssl_provider()};
  tc.installation = acc::Installation::Mirror;  // a real `terraform init` of both
  tc.env = certs::simulator_env(sim.endpoint());
  tc.env["TENCENTCLOUD_STANDIN_ENDPOINT"] = sim.endpoint();
  tc.min_version = kMovedAcrossProviders;
  return tc;
}

std::string locals(const certs::Leaf& leaf) {
  return "locals {\n  pem = " + certs::heredoc(leaf.chain) + "  key = " + certs::heredoc(leaf.key) +
         "}\n";
}

// The plan moves `from` to `to` and changes nothing.
acc::PlanCheck moved_without_change(std::string from, std::string to) {
  return [from, to](const acc::Plan& plan) {
    const nlohmann::json* change = plan.resource_change(to);
    ASSERT_NE(change, nullptr) << to << " not in the plan";
    EXPECT_EQ(change->value("previous_address", ""), from);
    EXPECT_EQ(plan.actions(to), std::vector<std::string>{"no-op"});
    EXPECT_TRUE(plan.changed_addresses().empty());
  };
}

// Remembers an attribute of one step's state, to compare in a later step.
struct Remembered {
  std::shared_ptr<std::string> value = std::make_shared<std::string>();
  acc::StateCheck keep(std::string address, std::string path) const {
    return [v = value, address, path](const acc::State& s) {
      auto text = s.text(address, path);
      ASSERT_TRUE(text) << address << "." << path << " not set";
      *v = *text;
    };
  }
  acc::StateCheck same(std::string address, std::string path) const {
    return [v = value, address, path](const acc::State& s) {
      EXPECT_EQ(s.text(address, path).value_or(""), *v) << address << "." << path;
    };
  }
};

std::function<void(const acc::State&, const acc::StepContext&)> gone_from(
    cloudssl::testing::SimulatorProcess& sim, std::string address) {
  return [&sim, address](const acc::State& before, const acc::StepContext&) {
    auto id = before.text(address, "id");
    ASSERT_TRUE(id);
    EXPECT_THROW(sim.admin("GET", "/certificates/" + *id), std::runtime_error)
        << "certificate " << *id << " still exists after destroy";
  };
}

nlohmann::json read_state(const fs::path& dir) {
  std::ifstream in(dir / "terraform.tfstate");
  return nlohmann::json::parse(in);
}

void write_state(const fs::path& dir, nlohmann::json state) {
  state["serial"] = state.value("serial", 0) + 1;
  std::ofstream(dir / "terraform.tfstate", std::ios::trunc) << state.dump(2);
}

// The attributes of the only instance of `type` in the raw state; nullptr when absent.
nlohmann::json* instance_attributes(nlohmann::json& state, const std::string& type) {
  for (auto& r : state["resources"])
    if (r.value("type", "") == type) return &r["instances"][0]["attributes"];
  return nullptr;
}

}  // namespace

TEST(TencentCloudMove, CertificateMovesToCloudsslWithoutAnyChange) {
  REQUIRE_MOVE_PROVIDERS();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("www.example.com", {"www.example.com", "example.com"});
  Remembered id;

  acc::TestCase tc = move_case(sim);
  tc.steps = {
      // What a user has today: the official provider's resource (it wants no newline at the
      // ends of cert and key, hence trimspace).
      {.config = locals(leaf) + "resource \"tencentcloud_ssl_certificate\" \"web\" {\n"
                                "  name = \"web\"\n  type = \"SVR\"\n"
                                "  cert = trimspace(local.pem)\n  key  = trimspace(local.key)\n"
                                "  tags = { env = \"prod\" }\n}\n",
       .check =
           acc::all({id.keep("tencentcloud_ssl_certificate.web", "id"),
                     acc::attr_equals("tencentcloud_ssl_certificate.web", "tags.env", "prod")})},
      // The same certificate in cloudssl terms (no trimspace needed), with a moved block.
      {.config = locals(leaf) + "resource \"cloudssl_certificate\" \"web\" {\n"
                                "  alias           = \"web\"\n"
                                "  certificate_pem = local.pem\n  private_key_pem = local.key\n"
                                "  tags            = { env = \"prod\" }\n}\n"
                                "moved {\n  from = tencentcloud_ssl_certificate.web\n"
                                "  to   = cloudssl_certificate.web\n}\n",
       .plan_check =
           moved_without_change("tencentcloud_ssl_certificate.web", "cloudssl_certificate.web"),
       .check = acc::all({id.same("cloudssl_certificate.web", "id"), acc::resource_count(1),
                          acc::attr_equals("cloudssl_certificate.web", "alias", "web"),
                          acc::attr_equals("cloudssl_certificate.web", "tags.env", "prod"),
                          acc::attr_equals("cloudssl_certificate.web", "domain", "www.example.com"),
                          acc::attr_set("cloudssl_certificate.web", "private_key_sha256"),
                          acc::attr_set("cloudssl_certificate.web", "not_after")})},
  };
  tc.check_destroy = gone_from(sim, "cloudssl_certificate.web");
  acc::run(tc);
}

TEST(TencentCloudMove, FreeCertificateMovesToCloudsslWithoutAnyChange) {
  REQUIRE_MOVE_PROVIDERS();
  cloudssl::testing::SimulatorProcess sim;
  Remembered id;
  const std::string body =
      "  domain         = \"free.example.com\"\n  dv_auth_method = \"DNS\"\n"
      "  alias          = \"site\"\n";
  acc::TestCase tc = move_case(sim);
  tc.steps = {
      {.config = "resource \"tencentcloud_ssl_free_certificate\" \"site\" {\n" + body + "}\n",
       .check = id.keep("tencentcloud_ssl_free_certificate.site", "id")},
      {.config = "resource \"cloudssl_free_certificate\" \"site\" {\n" + body + "}\n" +
                 "moved {\n  from = tencentcloud_ssl_free_certificate.site\n"
                 "  to   = cloudssl_free_certificate.site\n}\n",
       .plan_check = moved_without_change("tencentcloud_ssl_free_certificate.site",
                                          "cloudssl_free_certificate.site"),
       .check = acc::all(
           {id.same("cloudssl_free_certificate.site", "id"),
            acc::attr_equals("cloudssl_free_certificate.site", "alias", "site"),
            acc::attr_equals("cloudssl_free_certificate.site", "domain", "free.example.com"),
            acc::attr_equals("cloudssl_free_certificate.site", "dv_auth_method", "DNS"),
            acc::resource_count(1),
            // The attribute in which the official provider kept the generated key is gone
            // from the whole state.
            acc::state_lacks("certificate_private_key")})},
  };
  tc.check_destroy = gone_from(sim, "cloudssl_free_certificate.site");
  acc::run(tc);
}

TEST(TencentCloudMove, StateOfAnOlderReleaseMoves) {
  // tencentcloud releases before notification_switch; a CA certificate (no key).
  REQUIRE_MOVE_PROVIDERS();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  // A CA certificate is a CA's own certificate (the API refuses a leaf uploaded as CA).
  const std::string ca_locals = "locals {\n  pem = " + certs::heredoc(pki.root()) + "}\n";
  Remembered id;
  acc::TestCase tc = move_case(sim);
  tc.env["TENCENTCLOUD_STANDIN_LEGACY"] = "1";
  tc.steps = {
      {.config = ca_locals + "resource \"tencentcloud_ssl_certificate\" \"ca\" {\n"
                             "  name = \"clients\"\n  type = \"CA\"\n  project_id = 0\n"
                             "  cert = trimspace(local.pem)\n}\n",
       .check =
           acc::all({id.keep("tencentcloud_ssl_certificate.ca", "id"),
                     acc::attr_absent("tencentcloud_ssl_certificate.ca", "notification_switch")})},
      {.config = ca_locals +
                 "resource \"cloudssl_certificate\" \"ca\" {\n"
                 "  alias = \"clients\"\n  type = \"CA\"\n  certificate_pem = local.pem\n}\n"
                 "moved {\n  from = tencentcloud_ssl_certificate.ca\n"
                 "  to   = cloudssl_certificate.ca\n}\n",
       .plan_check =
           moved_without_change("tencentcloud_ssl_certificate.ca", "cloudssl_certificate.ca"),
       .check = acc::all({id.same("cloudssl_certificate.ca", "id"),
                          acc::attr_equals("cloudssl_certificate.ca", "type", "CA"),
                          acc::attr_absent("cloudssl_certificate.ca", "private_key_sha256")})},
  };
  tc.check_destroy = gone_from(sim, "cloudssl_certificate.ca");
  acc::run(tc);
}

TEST(TencentCloudMove, BadSourceStateIsAClearErrorAndNothingIsLost) {
  REQUIRE_MOVE_PROVIDERS();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("bad.example.com");
  Remembered id;
  auto good_cert = std::make_shared<std::string>();
  const std::string moved_config =
      locals(leaf) +
      "resource \"cloudssl_certificate\" \"web\" {\n  alias = \"web\"\n"
      "  certificate_pem = local.pem\n  private_key_pem = local.key\n}\n"
      "moved {\n  from = tencentcloud_ssl_certificate.web\n  to   = cloudssl_certificate.web\n}\n";
  acc::TestCase tc = move_case(sim);
  tc.steps = {
      {.config = locals(leaf) + "resource \"tencentcloud_ssl_certificate\" \"web\" {\n"
                                "  name = \"web\"\n  type = \"SVR\"\n"
                                "  cert = trimspace(local.pem)\n  key  = trimspace(local.key)\n}\n",
       .check = id.keep("tencentcloud_ssl_certificate.web", "id")},
      // The stored cert is damaged (as a hand-edited or corrupted state would be).
      {.config = moved_config,
       .pre_step =
           [good_cert](const acc::StepContext& ctx) {
             nlohmann::json state = read_state(ctx.dir());
             nlohmann::json* attrs = instance_attributes(state, "tencentcloud_ssl_certificate");
             ASSERT_NE(attrs, nullptr);
             *good_cert = (*attrs)["cert"].get<std::string>();
             (*attrs)["cert"] = "not a certificate";
             write_state(ctx.dir(), state);
           },
       .expect_error = acc::error_like(
           "Cannot move tencentcloud_ssl_certificate: Source attribute \"cert\" is not a PEM "
           "certificate.*Nothing was changed")},
      // Nothing lost: the state still holds the tencentcloud resource with its id; once the
      // state is right again the same move succeeds.
      {.config = moved_config,
       .pre_step =
           [good_cert, id](const acc::StepContext& ctx) {
             nlohmann::json state = read_state(ctx.dir());
             nlohmann::json* attrs = instance_attributes(state, "tencentcloud_ssl_certificate");
             ASSERT_NE(attrs, nullptr) << "the failed move lost the tencentcloud resource";
             EXPECT_EQ((*attrs)["id"], *id.value);
             EXPECT_EQ((*attrs)["cert"], "not a certificate");
             EXPECT_EQ(instance_attributes(state, "cloudssl_certificate"), nullptr);
             (*attrs)["cert"] = *good_cert;
             write_state(ctx.dir(), state);
           },
       .plan_check =
           moved_without_change("tencentcloud_ssl_certificate.web", "cloudssl_certificate.web"),
       .check = id.same("cloudssl_certificate.web", "id")},
  };
  tc.check_destroy = gone_from(sim, "cloudssl_certificate.web");
  acc::run(tc);
}

TEST(TencentCloudMove, BadFreeCertificateStateIsAClearErrorAndNothingIsLost) {
  REQUIRE_MOVE_PROVIDERS();
  cloudssl::testing::SimulatorProcess sim;
  Remembered id;
  auto stored_period = std::make_shared<nlohmann::json>();
  const std::string body =
      "  domain         = \"bad.example.com\"\n  dv_auth_method = \"DNS\"\n"
      "  alias          = \"site\"\n";
  const std::string moved_config = "resource \"cloudssl_free_certificate\" \"site\" {\n" + body +
                                   "}\n" +
                                   "moved {\n  from = tencentcloud_ssl_free_certificate.site\n"
                                   "  to   = cloudssl_free_certificate.site\n}\n";
  acc::TestCase tc = move_case(sim);
  tc.steps = {
      {.config = "resource \"tencentcloud_ssl_free_certificate\" \"site\" {\n" + body + "}\n",
       .check = id.keep("tencentcloud_ssl_free_certificate.site", "id")},
      // A period that is not a number of months cannot become cloudssl's number.
      {.config = moved_config,
       .pre_step =
           [stored_period](const acc::StepContext& ctx) {
             nlohmann::json state = read_state(ctx.dir());
             nlohmann::json* attrs =
                 instance_attributes(state, "tencentcloud_ssl_free_certificate");
             ASSERT_NE(attrs, nullptr);
             *stored_period = (*attrs)["validity_period"];
             (*attrs)["validity_period"] = "a year";
             write_state(ctx.dir(), state);
           },
       .expect_error = acc::error_like(
           "Cannot move tencentcloud_ssl_free_certificate: Source attribute \"validity_period\" "
           "is not a number of months.*Nothing was changed")},
      // Nothing lost; with the state right again the same move succeeds.
      {.config = moved_config,
       .pre_step =
           [stored_period, id](const acc::StepContext& ctx) {
             nlohmann::json state = read_state(ctx.dir());
             nlohmann::json* attrs =
                 instance_attributes(state, "tencentcloud_ssl_free_certificate");
             ASSERT_NE(attrs, nullptr) << "the failed move lost the tencentcloud resource";
             EXPECT_EQ((*attrs)["id"], *id.value);
             EXPECT_EQ((*attrs)["validity_period"], "a year");
             EXPECT_EQ(instance_attributes(state, "cloudssl_free_certificate"), nullptr);
             (*attrs)["validity_period"] = *stored_period;
             write_state(ctx.dir(), state);
           },
       .plan_check = moved_without_change("tencentcloud_ssl_free_certificate.site",
                                          "cloudssl_free_certificate.site"),
       .check = id.same("cloudssl_free_certificate.site", "id")},
  };
  tc.check_destroy = gone_from(sim, "cloudssl_free_certificate.site");
  acc::run(tc);
}
