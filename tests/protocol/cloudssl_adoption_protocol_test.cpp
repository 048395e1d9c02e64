// The real terraform-provider-cloudssl's adoption features at the protocol level, against
// cloudssl-sim, replaying what Terraform >= 1.12/1.14 sends (internal/plugin6/
// grpc_provider.go): identity schemas, `terraform query` (ListResource streaming with limit and
// resource objects, then GenerateResourceConfig, whose output ValidateResourceConfig and
// PlanResourceChange must accept with no change), an import by identity, and
// MoveResourceState from the official provider's tencentcloud_ssl_certificate with the
// identity Terraform >= 1.12 records; identity of the validation and hosting resources; the
// action cloudssl_check_domain_verification (InvokeAction progress and completion).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/proto_values.h"
#include "tests/protocol/support/schema_objects.h"
#include "tests/support/simulator_client.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class CloudsslAdoption : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = fs::temp_directory_path() /
            ("cloudssl-adoption-seed-" + std::to_string(::getpid()) + ".json");
    std::ofstream(seed_) << R"({"certificates": [
      {"CertificateId": "Up000001", "Generate": {"Domain": "a.example.com", "Days": 90}, "Alias": "alpha"},
      {"CertificateId": "Up000002", "Generate": {"Domain": "b.example.com", "Days": 90}, "Alias": "beta"},
      {"CertificateId": "Up000003", "Generate": {"Domain": "c.example.com", "Days": 90}, "Alias": "gamma"}]})";
    sim_ =
        std::make_unique<SimulatorProcess>(SimulatorProcess::Options{{"--seed", seed_.string()}});
    ASSERT_TRUE(session_.start(PROVIDER_BINARY_PATH,
                               {{"CLOUDSSL_ENDPOINT", sim_->endpoint()},
                                {"TENCENTCLOUD_SECRET_ID", "AKIDCLOUDSSLSIMULATOR"},
                                {"TENCENTCLOUD_SECRET_KEY", "cloudssl-sim-secret-key"}}));
    stub_ = std::make_unique<tfplugin6::Provider::Stub>(session_.channel);
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->GetProviderSchema(ctx.get(), {}, &schema_).ok());
    }
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->GetResourceIdentitySchemas(ctx.get(), {}, &identities_).ok());
    }
    cert_type_ = implied_type(schema_.resource_schemas().at(kCert).block());
    identity_type_ = implied_type(identities_.identity_schemas().at(kCert));
    auto ctx = context_with_deadline();
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.14.0");
    const Type provider_type = implied_type(schema_.provider().block());
    *req.mutable_config() = dynamic(Value::null(provider_type), provider_type);
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(stub_->ConfigureProvider(ctx.get(), req, &resp).ok());
    ASSERT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  }

  void TearDown() override {
    if (session_.process && session_.channel && session_.process->running()) {
      EXPECT_EQ(session_.shutdown(2000ms), 0);
    }
    fs::remove(seed_);
  }

  std::vector<tfplugin6::ListResource::Event> list(std::int64_t limit, bool objects) {
    const auto& block = schema_.list_resource_schemas().at(kCert).block();
    tfplugin6::ListResource::Request req;
    req.set_type_name(kCert);
    *req.mutable_config() = dynamic(Value::null(implied_type(block)), implied_type(block));
    req.set_include_resource_object(objects);
    req.set_limit(limit);
    auto ctx = context_with_deadline();
    auto reader = stub_->ListResource(ctx.get(), req);
    std::vector<tfplugin6::ListResource::Event> events;
    tfplugin6::ListResource::Event event;
    while (reader->Read(&event)) events.push_back(event);
    EXPECT_TRUE(reader->Finish().ok());
    return events;
  }

  static constexpr const char* kCert = "cloudssl_certificate";
  fs::path seed_;
  std::unique_ptr<SimulatorProcess> sim_;
  PluginSession session_;
  std::unique_ptr<tfplugin6::Provider::Stub> stub_;
  tfplugin6::GetProviderSchema::Response schema_;
  tfplugin6::GetResourceIdentitySchemas::Response identities_;
  Type cert_type_;
  Type identity_type_;
};

TEST_F(CloudsslAdoption, IdentitySchemasAndCapabilities) {
  for (const char* type : {"cloudssl_certificate", "cloudssl_free_certificate",
                           "cloudssl_certificate_validation", "cloudssl_hosting_config"}) {
    ASSERT_TRUE(identities_.identity_schemas().contains(type)) << type;
    const auto& s = identities_.identity_schemas().at(type);
    ASSERT_EQ(s.identity_attributes_size(), 1);
    EXPECT_EQ(s.identity_attributes(0).name(), "id");
    EXPECT_TRUE(s.identity_attributes(0).required_for_import());
  }
  EXPECT_TRUE(schema_.server_capabilities().move_resource_state());
  EXPECT_TRUE(schema_.server_capabilities().generate_resource_config());
  EXPECT_TRUE(schema_.list_resource_schemas().contains("cloudssl_certificate"));
  EXPECT_TRUE(schema_.list_resource_schemas().contains("cloudssl_free_certificate"));
}

// terraform query -generate-config-out: list with objects, generate configuration for each,
// and the generated configuration validates and plans no change against the object.
TEST_F(CloudsslAdoption, QueryThenGeneratedConfigurationPlansNoChange) {
  const auto limited = list(2, false);
  EXPECT_EQ(limited.size(), 2u);
  const auto events = list(100, true);
  ASSERT_EQ(events.size(), 3u);
  for (const auto& e : events) {
    SCOPED_TRACE(e.display_name());
    ASSERT_FALSE(has_error(e.diagnostic())) << describe(e.diagnostic());
    const Value identity = decoded(e.identity().identity_data(), identity_type_);
    const Value object = decoded(e.resource_object(), cert_type_);
    EXPECT_EQ(identity.at("id"), object.at("id"));
    EXPECT_NE(e.display_name().find(identity.at("id").as_string()), std::string::npos);

    tfplugin6::GenerateResourceConfig::Request gen;
    gen.set_type_name(kCert);
    *gen.mutable_state() = e.resource_object();
    tfplugin6::GenerateResourceConfig::Response generated;
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->GenerateResourceConfig(ctx.get(), gen, &generated).ok());
    }
    ASSERT_FALSE(has_error(generated.diagnostics())) << describe(generated.diagnostics());
    const Value config = decoded(generated.config(), cert_type_);
    EXPECT_TRUE(config.at("id").is_null());
    EXPECT_EQ(config.at("certificate_pem"), object.at("certificate_pem"));
    EXPECT_TRUE(config.at("private_key_wo").is_null());

    tfplugin6::ValidateResourceConfig::Request validate;
    validate.set_type_name(kCert);
    *validate.mutable_config() = generated.config();
    validate.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
    tfplugin6::ValidateResourceConfig::Response validated;
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->ValidateResourceConfig(ctx.get(), validate, &validated).ok());
    }
    EXPECT_FALSE(has_error(validated.diagnostics())) << describe(validated.diagnostics());

    // After `import` Terraform plans with the imported object as prior state and the proposed
    // new state = configuration, with the computed values taken from prior.
    std::map<std::string, Value> proposed = config.entries();
    for (const auto& [name, value] : object.entries())
      if (proposed.at(name).is_null()) proposed.insert_or_assign(name, value);
    tfplugin6::PlanResourceChange::Request plan;
    plan.set_type_name(kCert);
    *plan.mutable_prior_state() = e.resource_object();
    *plan.mutable_proposed_new_state() =
        dynamic(Value::object(cert_type_, std::move(proposed)), cert_type_);
    *plan.mutable_config() = generated.config();
    *plan.mutable_prior_identity() = e.identity();
    plan.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
    tfplugin6::PlanResourceChange::Response planned;
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->PlanResourceChange(ctx.get(), plan, &planned).ok());
    }
    ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
    EXPECT_TRUE(planned.requires_replace().empty());
    EXPECT_EQ(decoded(planned.planned_state(), cert_type_), object);
    EXPECT_EQ(decoded(planned.planned_identity().identity_data(), identity_type_), identity);
  }
}

TEST_F(CloudsslAdoption, ImportByIdentityAndReadCarryTheIdentity) {
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name(kCert);
  *req.mutable_identity()->mutable_identity_data() =
      dynamic(Value::object(identity_type_, {{"id", Value::string("Up000002")}}), identity_type_);
  tfplugin6::ImportResourceState::Response imported;
  {
    auto ctx = context_with_deadline();
    ASSERT_TRUE(stub_->ImportResourceState(ctx.get(), req, &imported).ok());
  }
  ASSERT_FALSE(has_error(imported.diagnostics())) << describe(imported.diagnostics());
  ASSERT_EQ(imported.imported_resources_size(), 1);
  tfplugin6::ReadResource::Request read;
  read.set_type_name(kCert);
  *read.mutable_current_state() = imported.imported_resources(0).state();
  *read.mutable_current_identity() = imported.imported_resources(0).identity();
  read.set_private_(imported.imported_resources(0).private_());
  tfplugin6::ReadResource::Response refreshed;
  {
    auto ctx = context_with_deadline();
    ASSERT_TRUE(stub_->ReadResource(ctx.get(), read, &refreshed).ok());
  }
  ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
  EXPECT_EQ(decoded(refreshed.new_state(), cert_type_).get_string("alias"), "beta");
  EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type_).get_string("id"),
            "Up000002");

  // An identity without an id is refused on that attribute.
  *req.mutable_identity()->mutable_identity_data() =
      dynamic(Value::object(identity_type_, {{"id", Value::string("")}}), identity_type_);
  tfplugin6::ImportResourceState::Response refused;
  auto ctx = context_with_deadline();
  ASSERT_TRUE(stub_->ImportResourceState(ctx.get(), req, &refused).ok());
  ASSERT_TRUE(has_error(refused.diagnostics()));
  EXPECT_EQ(refused.diagnostics(0).attribute().steps(0).attribute_name(), "id");
}

// The resources that stand for one certificate take the same identity: an import by it, then
// a read, carry it (Terraform >= 1.12 checks the identity of every read against the one held).
TEST_F(CloudsslAdoption, ValidationAndHostingConfigImportByIdentity) {
  for (const char* type : {"cloudssl_certificate_validation", "cloudssl_hosting_config"}) {
    SCOPED_TRACE(type);
    const Type type_of = implied_type(schema_.resource_schemas().at(type).block());
    const Type identity_type = implied_type(identities_.identity_schemas().at(type));
    tfplugin6::ImportResourceState::Request req;
    req.set_type_name(type);
    *req.mutable_identity()->mutable_identity_data() =
        dynamic(Value::object(identity_type, {{"id", Value::string("Up000003")}}), identity_type);
    tfplugin6::ImportResourceState::Response imported;
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->ImportResourceState(ctx.get(), req, &imported).ok());
    }
    ASSERT_FALSE(has_error(imported.diagnostics())) << describe(imported.diagnostics());
    ASSERT_EQ(imported.imported_resources_size(), 1);
    const auto& resource = imported.imported_resources(0);
    EXPECT_EQ(decoded(resource.state(), type_of).get_string("certificate_id"), "Up000003");
    EXPECT_EQ(decoded(resource.identity().identity_data(), identity_type).get_string("id"),
              "Up000003");

    tfplugin6::ReadResource::Request read;
    read.set_type_name(type);
    *read.mutable_current_state() = resource.state();
    *read.mutable_current_identity() = resource.identity();
    read.set_private_(resource.private_());
    tfplugin6::ReadResource::Response refreshed;
    {
      auto ctx = context_with_deadline();
      ASSERT_TRUE(stub_->ReadResource(ctx.get(), read, &refreshed).ok());
    }
    ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
    EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type).get_string("id"),
              "Up000003");
  }
}

TEST_F(CloudsslAdoption, MoveFromTheTencentCloudProviderReturnsStateAndIdentity) {
  // The detail of a seeded certificate gives a real PEM to move.
  const auto detail = sim_->admin("GET", "/certificates/Up000001");
  const std::string pem = detail.value("public_pem", "");
  ASSERT_FALSE(pem.empty());
  tfplugin6::MoveResourceState::Request req;
  req.set_source_provider_address("registry.terraform.io/tencentcloudstack/tencentcloud");
  req.set_source_type_name("tencentcloud_ssl_certificate");
  req.set_source_schema_version(0);
  req.mutable_source_state()->set_json(nlohmann::json{
      {"id", "Up000001"},
      {"type", "CA"},
      {"cert", pem},
      {"name", "alpha"},
      {"project_id", 0},
      {"tags", nullptr}}.dump());
  req.set_target_type_name(kCert);
  tfplugin6::MoveResourceState::Response moved;
  {
    auto ctx = context_with_deadline();
    ASSERT_TRUE(stub_->MoveResourceState(ctx.get(), req, &moved).ok());
  }
  ASSERT_FALSE(has_error(moved.diagnostics())) << describe(moved.diagnostics());
  const Value state = decoded(moved.target_state(), cert_type_);
  EXPECT_EQ(state.get_string("id"), "Up000001");
  EXPECT_EQ(state.get_string("type"), "CA");
  EXPECT_EQ(decoded(moved.target_identity().identity_data(), identity_type_).get_string("id"),
            "Up000001");

  // Another type of the same source provider is not taken, with the accepted ones named.
  req.set_source_type_name("tencentcloud_ssl_pay_certificate");
  tfplugin6::MoveResourceState::Response refused;
  auto ctx = context_with_deadline();
  ASSERT_TRUE(stub_->MoveResourceState(ctx.get(), req, &refused).ok());
  ASSERT_TRUE(has_error(refused.diagnostics()));
  EXPECT_NE(describe(refused.diagnostics()).find("tencentcloud_ssl_certificate"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Actions (Terraform >= 1.14 sends ValidateActionConfig, PlanAction, then InvokeAction and
// reads progress events until the one completion)
// ---------------------------------------------------------------------------------------

struct Invoked {
  std::vector<std::string> progress;
  std::optional<tfplugin6::InvokeAction::Event::Completed> completed;
  int events_after_completed = 0;
};

TEST_F(CloudsslAdoption, CheckDomainVerificationActionReportsEachDomain) {
  constexpr const char* kCheck = "cloudssl_check_domain_verification";
  ASSERT_TRUE(schema_.action_schemas().contains(kCheck));
  const Type type = implied_type(schema_.action_schemas().at(kCheck).schema().block());
  auto config = [&](const std::string& id) {
    return dynamic(Value::object(type, {{"certificate_id", Value::string(id)}}), type);
  };
  auto invoke = [&](const std::string& id) {
    tfplugin6::InvokeAction::Request req;
    req.set_action_type(kCheck);
    *req.mutable_config() = config(id);
    auto ctx = context_with_deadline();
    auto reader = stub_->InvokeAction(ctx.get(), req);
    Invoked out;
    tfplugin6::InvokeAction::Event event;
    while (reader->Read(&event)) {
      if (out.completed) ++out.events_after_completed;
      if (event.has_progress()) out.progress.push_back(event.progress().message());
      if (event.has_completed()) out.completed = event.completed();
    }
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  };

  // An empty id is refused at validation, on the attribute.
  tfplugin6::ValidateActionConfig::Request validate;
  validate.set_type_name(kCheck);
  *validate.mutable_config() = config("");
  tfplugin6::ValidateActionConfig::Response validated;
  {
    auto ctx = context_with_deadline();
    ASSERT_TRUE(stub_->ValidateActionConfig(ctx.get(), validate, &validated).ok());
  }
  ASSERT_TRUE(has_error(validated.diagnostics()));
  EXPECT_EQ(validated.diagnostics(0).attribute().steps(0).attribute_name(), "certificate_id");

  // A DV application whose records are not in place yet: each domain's result as progress,
  // completion with a warning saying why, no error.
  api::Client ssl =
      api::tencent::make_client(api::tencent::kSslApi, simulator_client_config(*sim_));
  api::ApplyCertificateRequest apply;
  apply.dv_auth_method = "DNS";
  apply.domain_name = "check.example.com";
  const std::string id = api::apply_certificate(ssl, apply);
  const Invoked pending = invoke(id);
  ASSERT_TRUE(pending.completed.has_value());
  EXPECT_EQ(pending.events_after_completed, 0);
  EXPECT_FALSE(has_error(pending.completed->diagnostics()))
      << describe(pending.completed->diagnostics());
  ASSERT_EQ(pending.progress.size(), 2u);
  EXPECT_NE(pending.progress[0].find(id), std::string::npos);
  EXPECT_NE(pending.progress[1].find("check.example.com (DNS): not verified yet"),
            std::string::npos)
      << pending.progress[1];
  EXPECT_NE(describe(pending.completed->diagnostics()).find("not passed yet"), std::string::npos);

  // Once the records are found, the same action reports the domain verified and says nothing.
  sim_->admin("POST", "/certificates/" + id + "/validate");
  const Invoked verified = invoke(id);
  ASSERT_TRUE(verified.completed.has_value());
  EXPECT_EQ(verified.completed->diagnostics_size(), 0)
      << describe(verified.completed->diagnostics());
  ASSERT_EQ(verified.progress.size(), 2u);
  EXPECT_NE(verified.progress[1].find("check.example.com (DNS): verified"), std::string::npos)
      << verified.progress[1];

  // An uploaded certificate has no domain validation: the API's refusal completes the action
  // with an error.
  const Invoked refused = invoke("Up000001");
  ASSERT_TRUE(refused.completed.has_value());
  EXPECT_TRUE(has_error(refused.completed->diagnostics()));
  EXPECT_NE(describe(refused.completed->diagnostics()).find("CertificateStatusNotAllowVerify"),
            std::string::npos)
      << describe(refused.completed->diagnostics());
}

}  // namespace
}  // namespace cloudssl::testing
