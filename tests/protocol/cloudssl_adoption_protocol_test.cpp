// The real terraform-provider-cloudssl's adoption features at the protocol level, against
// cloudssl-sim, replaying what Terraform >= 1.12/1.14 sends (internal/plugin6/
// grpc_provider.go): identity schemas, `terraform query` (ListResource streaming with limit and
// resource objects, then GenerateResourceConfig, whose output ValidateResourceConfig and
// PlanResourceChange must accept with no change), an import by identity, and
// MoveResourceState from the official provider's tencentcloud_ssl_certificate with the
// identity Terraform >= 1.12 records; identity of the validation, hosting and deployment
// resources; the actions cloudssl_check_domain_verification (InvokeAction progress and
// completion), cloudssl_deploy_certificate (progress while the task is polled, failures,
// cancellation) and cloudssl_renew_certificate (the renewal lineage the free certificate's
// next refresh shows).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/protocol/support/action_events.h"
#include "tests/protocol/support/configured_provider.h"
#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/proto_values.h"
#include "tests/protocol/support/schema_objects.h"
#include "tests/support/simulator_client.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

class CloudsslAdoption : public ConfiguredProviderTest {
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
    ASSERT_NO_FATAL_FAILURE(
        start_and_configure(PROVIDER_BINARY_PATH,
                            {{"CLOUDSSL_ENDPOINT", sim_->endpoint()},
                             {"TENCENTCLOUD_SECRET_ID", "AKIDCLOUDSSLSIMULATOR"},
                             {"TENCENTCLOUD_SECRET_KEY", "cloudssl-sim-secret-key"}},
                            [](const Type& type) { return Value::null(type); }));
    cert_type_ = implied_type(schema_.resource_schemas().at(kCert).block());
    identity_type_ = implied_type(identities_.identity_schemas().at(kCert));
  }

  void TearDown() override {
    ConfiguredProviderTest::TearDown();
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
    ASSERT_TRUE(call(*stub_, &ProviderStub::GenerateResourceConfig, gen, &generated).ok());
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
    ASSERT_TRUE(call(*stub_, &ProviderStub::ValidateResourceConfig, validate, &validated).ok());
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
    ASSERT_TRUE(call(*stub_, &ProviderStub::PlanResourceChange, plan, &planned).ok());
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
  ASSERT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &imported).ok());
  ASSERT_FALSE(has_error(imported.diagnostics())) << describe(imported.diagnostics());
  ASSERT_EQ(imported.imported_resources_size(), 1);
  tfplugin6::ReadResource::Request read;
  read.set_type_name(kCert);
  *read.mutable_current_state() = imported.imported_resources(0).state();
  *read.mutable_current_identity() = imported.imported_resources(0).identity();
  read.set_private_(imported.imported_resources(0).private_());
  tfplugin6::ReadResource::Response refreshed;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &refreshed).ok());
  ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
  EXPECT_EQ(decoded(refreshed.new_state(), cert_type_).get_string("alias"), "beta");
  EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type_).get_string("id"),
            "Up000002");

  // An identity without an id is refused on that attribute.
  *req.mutable_identity()->mutable_identity_data() =
      dynamic(Value::object(identity_type_, {{"id", Value::string("")}}), identity_type_);
  tfplugin6::ImportResourceState::Response refused;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &refused).ok());
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
    ASSERT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &imported).ok());
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
    ASSERT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &refreshed).ok());
    ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
    EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type).get_string("id"),
              "Up000003");
  }
}

// The deployment's identity is the certificate and the region of its targets: an import by
// identity (Terraform >= 1.12 `import { identity = {...} }`) names both, the region optional;
// the read that follows carries the same identity (Terraform checks it).
TEST_F(CloudsslAdoption, DeploymentImportByIdentityAndReadCarryCertificateAndRegion) {
  constexpr const char* kDeployment = "cloudssl_certificate_deployment";
  ASSERT_TRUE(identities_.identity_schemas().contains(kDeployment));
  const auto& schema = identities_.identity_schemas().at(kDeployment);
  ASSERT_EQ(schema.identity_attributes_size(), 2);
  EXPECT_EQ(schema.identity_attributes(0).name(), "certificate_id");
  EXPECT_TRUE(schema.identity_attributes(0).required_for_import());
  EXPECT_EQ(schema.identity_attributes(1).name(), "region");
  EXPECT_TRUE(schema.identity_attributes(1).optional_for_import());

  const Type type = implied_type(schema_.resource_schemas().at(kDeployment).block());
  const Type identity_type = implied_type(schema);
  auto import = [&](const Value& region) {
    tfplugin6::ImportResourceState::Request req;
    req.set_type_name(kDeployment);
    *req.mutable_identity()->mutable_identity_data() =
        dynamic(Value::object(identity_type,
                              {{"certificate_id", Value::string("Up000001")}, {"region", region}}),
                identity_type);
    tfplugin6::ImportResourceState::Response imported;
    EXPECT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &imported).ok());
    return imported;
  };

  const auto regional = import(Value::string("ap-guangzhou"));
  ASSERT_FALSE(has_error(regional.diagnostics())) << describe(regional.diagnostics());
  ASSERT_EQ(regional.imported_resources_size(), 1);
  const auto& resource = regional.imported_resources(0);
  const Value state = decoded(resource.state(), type);
  EXPECT_EQ(state.get_string("id"), "Up000001:ap-guangzhou");
  EXPECT_EQ(state.get_string("certificate_id"), "Up000001");
  EXPECT_EQ(state.get_string("region"), "ap-guangzhou");
  const Value identity = decoded(resource.identity().identity_data(), identity_type);
  EXPECT_EQ(identity.get_string("certificate_id"), "Up000001");
  EXPECT_EQ(identity.get_string("region"), "ap-guangzhou");

  tfplugin6::ReadResource::Request read;
  read.set_type_name(kDeployment);
  *read.mutable_current_state() = resource.state();
  *read.mutable_current_identity() = resource.identity();
  read.set_private_(resource.private_());
  tfplugin6::ReadResource::Response refreshed;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &refreshed).ok());
  ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
  EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type), identity);

  // Without a region: the certificate id alone, the region null in state and identity.
  const auto global = import(Value::null(Type::string()));
  ASSERT_FALSE(has_error(global.diagnostics())) << describe(global.diagnostics());
  ASSERT_EQ(global.imported_resources_size(), 1);
  EXPECT_EQ(decoded(global.imported_resources(0).state(), type).get_string("id"), "Up000001");
  EXPECT_TRUE(decoded(global.imported_resources(0).identity().identity_data(), identity_type)
                  .at("region")
                  .is_null());

  // An identity without a certificate id is refused on that attribute.
  tfplugin6::ImportResourceState::Request bad;
  bad.set_type_name(kDeployment);
  *bad.mutable_identity()->mutable_identity_data() =
      dynamic(Value::object(identity_type, {{"certificate_id", Value::string("")},
                                            {"region", Value::null(Type::string())}}),
              identity_type);
  tfplugin6::ImportResourceState::Response refused;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, bad, &refused).ok());
  ASSERT_TRUE(has_error(refused.diagnostics()));
  EXPECT_EQ(refused.diagnostics(0).attribute().steps(0).attribute_name(), "certificate_id");
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
  ASSERT_TRUE(call(*stub_, &ProviderStub::MoveResourceState, req, &moved).ok());
  ASSERT_FALSE(has_error(moved.diagnostics())) << describe(moved.diagnostics());
  const Value state = decoded(moved.target_state(), cert_type_);
  EXPECT_EQ(state.get_string("id"), "Up000001");
  EXPECT_EQ(state.get_string("type"), "CA");
  EXPECT_EQ(decoded(moved.target_identity().identity_data(), identity_type_).get_string("id"),
            "Up000001");

  // Another type of the same source provider is not taken, with the accepted ones named.
  req.set_source_type_name("tencentcloud_ssl_pay_certificate");
  tfplugin6::MoveResourceState::Response refused;
  ASSERT_TRUE(call(*stub_, &ProviderStub::MoveResourceState, req, &refused).ok());
  ASSERT_TRUE(has_error(refused.diagnostics()));
  EXPECT_NE(describe(refused.diagnostics()).find("tencentcloud_ssl_certificate"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------
// Actions (Terraform >= 1.14 sends ValidateActionConfig, PlanAction, then InvokeAction and
// reads progress events until the one completion)
// ---------------------------------------------------------------------------------------

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
    InvokeOutcome out = read_invoke(*reader);
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  };

  // An empty id is refused at validation, on the attribute.
  tfplugin6::ValidateActionConfig::Request validate;
  validate.set_type_name(kCheck);
  *validate.mutable_config() = config("");
  tfplugin6::ValidateActionConfig::Response validated;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ValidateActionConfig, validate, &validated).ok());
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
  const InvokeOutcome pending = invoke(id);
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
  const InvokeOutcome verified = invoke(id);
  ASSERT_TRUE(verified.completed.has_value());
  EXPECT_EQ(verified.completed->diagnostics_size(), 0)
      << describe(verified.completed->diagnostics());
  ASSERT_EQ(verified.progress.size(), 2u);
  EXPECT_NE(verified.progress[1].find("check.example.com (DNS): verified"), std::string::npos)
      << verified.progress[1];

  // An uploaded certificate has no domain validation: the API's refusal completes the action
  // with an error.
  const InvokeOutcome refused = invoke("Up000001");
  ASSERT_TRUE(refused.completed.has_value());
  EXPECT_TRUE(has_error(refused.completed->diagnostics()));
  EXPECT_NE(describe(refused.completed->diagnostics()).find("CertificateStatusNotAllowVerify"),
            std::string::npos)
      << describe(refused.completed->diagnostics());
}

// An action configuration as Terraform sends it: the given attributes and blocks, every other
// attribute null and every other block an empty set.
Value action_config(const Type& type, std::map<std::string, Value> given) {
  for (const auto& [name, t] : type.attribute_types())
    if (!given.contains(name))
      given.emplace(
          name, t.kind() == Type::Kind::Set ? Value::set(t.element_type(), {}) : Value::null(t));
  return Value::object(type, std::move(given));
}

class DeployCertificateAction : public CloudsslAdoption {
 protected:
  static constexpr const char* kDeploy = "cloudssl_deploy_certificate";

  void SetUp() override {
    CloudsslAdoption::SetUp();
    ASSERT_TRUE(schema_.action_schemas().contains(kDeploy));
    type_ = implied_type(schema_.action_schemas().at(kDeploy).schema().block());
    // Three products serving a.example.com, which Up000001 covers.
    sim_->admin(
        "POST", "/instances",
        {{"ResourceType", "cdn"},
         {"Instance", {{"Domain", "a.example.com"}, {"CertId", ""}, {"Status", "online"}}}});
    sim_->admin(
        "POST", "/instances",
        {{"ResourceType", "vod"}, {"Instance", {{"Domain", "a.example.com"}, {"CertId", ""}}}});
    sim_->admin("POST", "/instances",
                {{"ResourceType", "live"},
                 {"Instance", {{"Domain", "a.example.com"}, {"CertId", ""}, {"Status", -1}}}});
  }

  // A config deploying `cert` to a.example.com on each of `types` (cdn, vod, live).
  Value config(const std::string& cert, const std::vector<std::string>& types,
               std::map<std::string, Value> more = {}) const {
    more.emplace("certificate_id", Value::string(cert));
    for (const auto& t : types) {
      const Type element = type_.attribute_types().at(t).element_type();
      more.emplace(
          t, Value::set(element,
                        {action_config(element, {{"domain", Value::string("a.example.com")}})}));
    }
    return action_config(type_, std::move(more));
  }

  tfplugin6::ValidateActionConfig::Response validate(const Value& config) {
    tfplugin6::ValidateActionConfig::Request req;
    req.set_type_name(kDeploy);
    *req.mutable_config() = dynamic(config, type_);
    tfplugin6::ValidateActionConfig::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::ValidateActionConfig, req, &resp).ok());
    return resp;
  }

  // Invokes the action and reads every event; `on_progress` may act on each message.
  InvokeOutcome invoke(const Value& config,
                       const std::function<void(const std::string&)>& on_progress = {}) {
    tfplugin6::InvokeAction::Request req;
    req.set_action_type(kDeploy);
    *req.mutable_config() = dynamic(config, type_);
    auto ctx = context_with_deadline(120s);
    auto reader = stub_->InvokeAction(ctx.get(), req);
    InvokeOutcome out = read_invoke(*reader, on_progress);
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  }

  std::string holder(const std::string& type) {
    const auto listing = sim_->admin("GET", "/instances?type=" + type);
    for (const auto& t : listing.value("targets", nlohmann::json::array()))
      return t.value("CertId", "");
    return "<none>";
  }

  static bool said(const InvokeOutcome& invoked, const std::string& text) {
    for (const auto& m : invoked.progress)
      if (m.find(text) != std::string::npos) return true;
    return false;
  }
  static std::string all(const InvokeOutcome& invoked) {
    std::string out;
    for (const auto& m : invoked.progress) out += m + "\n";
    return out;
  }

  Type type_;
};

TEST_F(DeployCertificateAction, ValidationRefusesNoTargetAndRegionlessRegionalTargets) {
  const auto none = validate(action_config(type_, {{"certificate_id", Value::string("Up000001")}}));
  ASSERT_TRUE(has_error(none.diagnostics()));
  EXPECT_NE(describe(none.diagnostics()).find("No deployment target"), std::string::npos);

  // clb needs the region, as in cloudssl_certificate_deployment: the same rule, on the block.
  const Type clb = type_.attribute_types().at("clb").element_type();
  const auto regionless = validate(action_config(
      type_,
      {{"certificate_id", Value::string("Up000001")},
       {"clb", Value::set(clb, {action_config(clb, {{"load_balancer_id", Value::string("lb-1")},
                                                    {"listener_id", Value::string("lbl-1")}})})}}));
  ASSERT_TRUE(has_error(regionless.diagnostics()));
  EXPECT_NE(describe(regionless.diagnostics()).find("region"), std::string::npos)
      << describe(regionless.diagnostics());

  const auto bad_timeout =
      validate(config("Up000001", {"cdn"}, {{"timeout", Value::string("soon")}}));
  ASSERT_TRUE(has_error(bad_timeout.diagnostics()));
  EXPECT_EQ(bad_timeout.diagnostics(0).attribute().steps(0).attribute_name(), "timeout");

  EXPECT_FALSE(has_error(validate(config("Up000001", {"cdn", "vod"})).diagnostics()));
}

TEST_F(DeployCertificateAction, StreamsProgressWhileTheTasksArePolledAndDeploys) {
  // Each item stays running for three polls: the counts are streamed while it is polled.
  sim_->admin("POST", "/tasks/config", {{"running_polls", 3}});
  const InvokeOutcome done = invoke(config("Up000001", {"cdn", "vod"}));
  ASSERT_TRUE(done.completed.has_value());
  EXPECT_EQ(done.events_after_completed, 0);
  EXPECT_FALSE(has_error(done.completed->diagnostics())) << describe(done.completed->diagnostics());
  EXPECT_TRUE(said(done, "cdn: deploy record ")) << all(done);
  EXPECT_TRUE(said(done, "created for 1 target(s)")) << all(done);
  EXPECT_TRUE(said(done, ": 0 succeeded, 0 failed, 1 running of 1")) << all(done);
  EXPECT_TRUE(said(done, ": 1 succeeded, 0 failed, 0 running of 1")) << all(done);
  EXPECT_TRUE(said(done, "cdn a.example.com: deployed (deploy record")) << all(done);
  EXPECT_TRUE(said(done, "vod a.example.com: deployed (deploy record")) << all(done);
  EXPECT_EQ(holder("cdn"), "Up000001");
  EXPECT_EQ(holder("vod"), "Up000001");

  // Invoked again, the targets already hold it: nothing is deployed, nothing fails.
  const auto records = sim_->admin("GET", "/tasks")["deploy_records"].size();
  const InvokeOutcome again = invoke(config("Up000001", {"cdn", "vod"}));
  ASSERT_TRUE(again.completed.has_value());
  EXPECT_EQ(again.completed->diagnostics_size(), 0) << describe(again.completed->diagnostics());
  EXPECT_TRUE(said(again, "cdn a.example.com: already holds the certificate")) << all(again);
  EXPECT_EQ(sim_->admin("GET", "/tasks")["deploy_records"].size(), records);
}

TEST_F(DeployCertificateAction, AFailedTargetCompletesWithAnErrorNamingIt) {
  sim_->admin("POST", "/tasks/config",
              {{"failures", nlohmann::json::array({{{"match", "a.example.com"},
                                                    {"message", "live domain is offline"},
                                                    {"resource_type", "live"}}})}});
  const InvokeOutcome out = invoke(config("Up000001", {"cdn", "live"}));
  ASSERT_TRUE(out.completed.has_value());
  ASSERT_TRUE(has_error(out.completed->diagnostics()));
  const std::string text = describe(out.completed->diagnostics());
  EXPECT_NE(text.find("1 deployment target(s) failed"), std::string::npos) << text;
  EXPECT_NE(text.find("live a.example.com: failed: live domain is offline"), std::string::npos)
      << text;
  // The other type is deployed all the same.
  EXPECT_TRUE(said(out, "cdn a.example.com: deployed")) << all(out);
  EXPECT_EQ(holder("cdn"), "Up000001");
  EXPECT_EQ(holder("live"), "");
}

// The API runs one task per (certificate, resource type): the action deploys its types at the
// same time, as cloudssl_certificate_deployment does. Both records are seen unfinished
// together in the simulator before any is let finish (deployed one after another, the first
// task would hold the second back until the action's timeout).
TEST_F(DeployCertificateAction, ResourceTypesDeployAtTheSameTime) {
  sim_->admin("POST", "/tasks/config", {{"running_polls", 1000000}});  // running until completed
  bool together = false;
  const InvokeOutcome out =
      invoke(config("Up000001", {"cdn", "vod"}, {{"timeout", Value::string("30s")}}),
             [&](const std::string& message) {
               if (together || message.find(" running of ") == std::string::npos) return;
               together = sim_->unfinished_deploy_types() == std::set<std::string>{"cdn", "vod"};
               if (!together) return;
               sim_->admin("POST", "/tasks/config", {{"running_polls", 0}});
               sim_->admin("POST", "/tasks/complete", {{"kind", "deploy"}});
             });
  EXPECT_TRUE(together) << "the cdn and vod tasks never ran at the same time\n" << all(out);
  ASSERT_TRUE(out.completed.has_value());
  EXPECT_FALSE(has_error(out.completed->diagnostics())) << describe(out.completed->diagnostics());
  EXPECT_EQ(holder("cdn"), "Up000001");
  EXPECT_EQ(holder("vod"), "Up000001");
  EXPECT_EQ(sim_->admin("GET", "/tasks")["deploy_records"].size(), 2u);
}

// Terraform sends StopProvider when the user interrupts an apply: the polling stops and the
// action completes with an error naming every task left running remotely.
TEST_F(DeployCertificateAction, StopProviderStopsThePollingAndNamesTheRunningTasks) {
  sim_->admin("POST", "/tasks/config", {{"running_polls", 1000000}});
  bool stopped = false;
  std::set<std::string> running;  // records ("deploy record N") that reported a running item
  const InvokeOutcome out =
      invoke(config("Up000001", {"cdn", "vod"}, {{"timeout", Value::string("30s")}}),
             [&](const std::string& message) {
               if (message.find("0 succeeded, 0 failed, 1 running") != std::string::npos)
                 running.insert(message.substr(0, message.find(':')));
               if (stopped || running.size() < 2) return;
               stopped = true;
               EXPECT_EQ(session_.stop_provider(), "");
             });
  ASSERT_TRUE(stopped) << all(out);
  ASSERT_TRUE(out.completed.has_value());
  ASSERT_TRUE(has_error(out.completed->diagnostics()));
  EXPECT_EQ(out.completed->diagnostics(0).summary(), "Deployment interrupted");
  const std::string detail = out.completed->diagnostics(0).detail();
  EXPECT_NE(detail.find("cdn (deploy record "), std::string::npos) << detail;
  EXPECT_NE(detail.find("vod (deploy record "), std::string::npos) << detail;
  EXPECT_EQ(sim_->admin("GET", "/tasks")["deploy_records"].size(), 2u);
}

// The action's own timeout ends the wait the same way, with the error on `timeout`.
TEST_F(DeployCertificateAction, TimeoutEndsTheWaitWithAnErrorOnTimeout) {
  sim_->admin("POST", "/tasks/config", {{"running_polls", 1000000}});
  const InvokeOutcome out = invoke(config("Up000001", {"cdn"}, {{"timeout", Value::string("2s")}}));
  ASSERT_TRUE(out.completed.has_value());
  ASSERT_TRUE(has_error(out.completed->diagnostics()));
  EXPECT_EQ(out.completed->diagnostics(0).summary(), "Deployment timed out");
  EXPECT_EQ(out.completed->diagnostics(0).attribute().steps(0).attribute_name(), "timeout");
}

// ---------------------------------------------------------------------------------------
// cloudssl_renew_certificate
// ---------------------------------------------------------------------------------------

class RenewCertificateAction : public CloudsslAdoption {
 protected:
  static constexpr const char* kRenew = "cloudssl_renew_certificate";
  static constexpr const char* kFree = "cloudssl_free_certificate";

  void SetUp() override {
    CloudsslAdoption::SetUp();
    ASSERT_TRUE(schema_.action_schemas().contains(kRenew));
    type_ = implied_type(schema_.action_schemas().at(kRenew).schema().block());
  }

  // A free certificate validated by DNS, issued and expiring in `days`.
  std::string issued_free(const std::string& domain, int days) {
    api::Client ssl =
        api::tencent::make_client(api::tencent::kSslApi, simulator_client_config(*sim_));
    api::ApplyCertificateRequest apply;
    apply.dv_auth_method = "DNS";
    apply.domain_name = domain;
    apply.alias = "site";
    const std::string id = api::apply_certificate(ssl, apply);
    sim_->admin("POST", "/certificates/" + id,
                {{"Status", 1}, {"CertEndTime", beijing_time_in_days(days)}});
    return id;
  }

  InvokeOutcome invoke(const std::string& id) {
    tfplugin6::InvokeAction::Request req;
    req.set_action_type(kRenew);
    *req.mutable_config() =
        dynamic(Value::object(type_, {{"certificate_id", Value::string(id)}}), type_);
    auto ctx = context_with_deadline();
    auto reader = stub_->InvokeAction(ctx.get(), req);
    InvokeOutcome out = read_invoke(*reader);
    EXPECT_TRUE(reader->Finish().ok());
    return out;
  }

  // The free certificate as Terraform holds it after `terraform import`, refreshed.
  Value refreshed_free_certificate(const std::string& id) {
    const Type type = implied_type(schema_.resource_schemas().at(kFree).block());
    tfplugin6::ImportResourceState::Request req;
    req.set_type_name(kFree);
    req.set_id(id);
    tfplugin6::ImportResourceState::Response imported;
    EXPECT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &imported).ok());
    EXPECT_FALSE(has_error(imported.diagnostics())) << describe(imported.diagnostics());
    if (imported.imported_resources_size() != 1) return Value::null(type);
    tfplugin6::ReadResource::Request read;
    read.set_type_name(kFree);
    *read.mutable_current_state() = imported.imported_resources(0).state();
    read.set_private_(imported.imported_resources(0).private_());
    tfplugin6::ReadResource::Response refreshed;
    EXPECT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &refreshed).ok());
    EXPECT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
    return decoded(refreshed.new_state(), type);
  }

  std::size_t certificate_count() { return sim_->admin("GET", "/state")["certificates"].size(); }

  Type type_;
};

TEST_F(RenewCertificateAction, RenewsOnceAndTheFreeCertificateShowsTheRenewal) {
  const std::string old_id = issued_free("renew.example.com", 10);
  EXPECT_TRUE(refreshed_free_certificate(old_id).at("renewal_certificate_id").is_null());

  const InvokeOutcome renewed = invoke(old_id);
  ASSERT_TRUE(renewed.completed.has_value());
  EXPECT_EQ(renewed.events_after_completed, 0);
  EXPECT_EQ(renewed.completed->diagnostics_size(), 0) << describe(renewed.completed->diagnostics());
  std::string renewal;
  for (const auto& m : renewed.progress) {
    const std::string prefix = "Certificate " + old_id + " is renewed by certificate ";
    if (m.rfind(prefix, 0) == 0) renewal = m.substr(prefix.size());
  }
  ASSERT_FALSE(renewal.empty());
  ASSERT_FALSE(renewed.progress.empty());
  EXPECT_NE(renewed.progress.back().find("validation record for renew.example.com: "),
            std::string::npos)
      << renewed.progress.back();
  // The renewal is a new DNS application of the same domain and alias, renewing the old one.
  const auto created = sim_->admin("GET", "/certificates/" + renewal);
  EXPECT_EQ(created["domain"], "renew.example.com");
  EXPECT_EQ(created["alias"], "site");
  EXPECT_EQ(created["verify_type"], "DNS");
  EXPECT_EQ(created["origin_certificate_id"], old_id);

  // The action wrote no state; the managed free certificate's next refresh shows the renewal.
  EXPECT_EQ(refreshed_free_certificate(old_id).get_string("renewal_certificate_id"), renewal);

  // Invoked again: no second renewal, a warning naming the first.
  const std::size_t count = certificate_count();
  const InvokeOutcome again = invoke(old_id);
  ASSERT_TRUE(again.completed.has_value());
  EXPECT_FALSE(has_error(again.completed->diagnostics()));
  EXPECT_NE(describe(again.completed->diagnostics()).find("Already renewed"), std::string::npos);
  EXPECT_NE(describe(again.completed->diagnostics()).find(renewal), std::string::npos);
  EXPECT_EQ(certificate_count(), count);
}

TEST_F(RenewCertificateAction, RefusalsAreErrors) {
  // An uploaded certificate is not renewed this way: an error on certificate_id.
  const InvokeOutcome uploaded = invoke("Up000001");
  ASSERT_TRUE(uploaded.completed.has_value());
  ASSERT_TRUE(has_error(uploaded.completed->diagnostics()));
  EXPECT_EQ(uploaded.completed->diagnostics(0).summary(), "Not a free certificate");
  EXPECT_EQ(uploaded.completed->diagnostics(0).attribute().steps(0).attribute_name(),
            "certificate_id");

  const InvokeOutcome missing = invoke("Nope0000");
  ASSERT_TRUE(missing.completed.has_value());
  ASSERT_TRUE(has_error(missing.completed->diagnostics()));
  EXPECT_EQ(missing.completed->diagnostics(0).summary(), "Certificate not found");

  // Outside the renewal window the API refuses, and its reason completes the action.
  const std::string early = issued_free("early.example.com", 80);
  const std::size_t count = certificate_count();
  const InvokeOutcome refused = invoke(early);
  ASSERT_TRUE(refused.completed.has_value());
  ASSERT_TRUE(has_error(refused.completed->diagnostics()));
  EXPECT_NE(describe(refused.completed->diagnostics()).find("InvalidCertificateStatusCode"),
            std::string::npos)
      << describe(refused.completed->diagnostics());
  EXPECT_EQ(certificate_count(), count);
}

// A reissue (cloudssl_free_certificate's `reissue` bumped) is an update that gives the object a
// new id, so a new identity: Terraform (>= 1.12) requires a planned identity to be known outside
// creates and replacements and accepts none (node_resource_abstract_instance.go validates a
// non-null one only), so the plan carries none; the apply returns the new, known identity.
TEST_F(RenewCertificateAction, AReissuePlansNoIdentityAndAppliesTheNewOne) {
  const std::string old_id = issued_free("reissue.example.com", 80);
  const Type type = implied_type(schema_.resource_schemas().at(kFree).block());
  const Type identity_type = implied_type(identities_.identity_schemas().at(kFree));
  // The state after a create with reissue = 1 (not an import: no private state).
  const Value prior = refreshed_free_certificate(old_id).with("reissue", Value::number(1));
  ASSERT_FALSE(prior.is_null());
  const Value config = Value::object(type, {{"domain", Value::string("reissue.example.com")},
                                            {"dv_auth_method", Value::string("DNS")},
                                            {"alias", Value::string("site")},
                                            {"reissue", Value::number(2)}});
  std::map<std::string, Value> proposed = config.entries();
  for (const auto& [name, value] : prior.entries())
    if (proposed.at(name).is_null() && name != "reissue") proposed.insert_or_assign(name, value);
  const Value prior_identity = Value::object(identity_type, {{"id", Value::string(old_id)}});

  tfplugin6::PlanResourceChange::Request plan;
  plan.set_type_name(kFree);
  *plan.mutable_prior_state() = dynamic(prior, type);
  *plan.mutable_proposed_new_state() = dynamic(Value::object(type, std::move(proposed)), type);
  *plan.mutable_config() = dynamic(config, type);
  *plan.mutable_prior_identity()->mutable_identity_data() = dynamic(prior_identity, identity_type);
  tfplugin6::PlanResourceChange::Response planned;
  ASSERT_TRUE(call(*stub_, &ProviderStub::PlanResourceChange, plan, &planned).ok());
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  EXPECT_TRUE(planned.requires_replace().empty());
  EXPECT_TRUE(decoded(planned.planned_state(), type).at("id").is_unknown());
  EXPECT_FALSE(planned.has_planned_identity());

  tfplugin6::ApplyResourceChange::Request apply;
  apply.set_type_name(kFree);
  *apply.mutable_prior_state() = plan.prior_state();
  *apply.mutable_planned_state() = planned.planned_state();
  *apply.mutable_config() = plan.config();
  apply.set_planned_private(planned.planned_private());
  tfplugin6::ApplyResourceChange::Response applied;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ApplyResourceChange, apply, &applied).ok());
  ASSERT_FALSE(has_error(applied.diagnostics())) << describe(applied.diagnostics());
  const Value reissued = decoded(applied.new_state(), type);
  ASSERT_TRUE(reissued.at("id").is_known());
  EXPECT_NE(reissued.get_string("id"), old_id);
  EXPECT_EQ(reissued.get_string("replaced_by"), old_id);
  ASSERT_TRUE(applied.has_new_identity());
  EXPECT_EQ(decoded(applied.new_identity().identity_data(), identity_type).at("id"),
            reissued.at("id"));
}
}  // namespace
}  // namespace cloudssl::testing
