// Adoption features at the protocol level, against the fixture provider's fixture_record,
// its list resource and the fixture_touch action: the requests are the ones Terraform's
// plugin6 client builds (internal/plugin6/grpc_provider.go) and the answers are checked the
// way Terraform checks them (identity known and of the identity schema's type in read, apply,
// import and update plans; list streams ended by the limit or the first error; action
// streams of progress then one completion). Terraform 1.11.4 cannot send these, hence here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/protocol/support/action_events.h"
#include "tests/protocol/support/configured_provider.h"
#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/proto_values.h"
#include "tests/protocol/support/schema_objects.h"

namespace cloudssl::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

const std::string kRecord = "fixture_record";
const std::string kTouch = "fixture_touch";
const std::string kFixtureAddress = "registry.terraform.io/cloudssl/fixture";

class AdoptionProtocol : public ConfiguredProviderTest {
 protected:
  void SetUp() override {
    store_ = fs::temp_directory_path() /
             ("adoption-protocol-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(store_);
    fs::create_directories(store_);
    ASSERT_NO_FATAL_FAILURE(start_and_configure(FIXTURE_BINARY_PATH, {}, [&](const Type& type) {
      return object(type, {{"store_dir", Value::string(store_.string())}});
    }));
    record_type_ = implied_type(schema_.resource_schemas().at(kRecord).block());
    identity_type_ = implied_type(identities_.identity_schemas().at(kRecord));
  }

  void TearDown() override {
    ConfiguredProviderTest::TearDown();
    fs::remove_all(store_);
  }

  // A record written straight into the store (what the "remote API" holds).
  void put_record(const std::string& id, const std::string& name, const std::string& zone) {
    fs::create_directories(store_ / "record");
    std::ofstream(store_ / "record" / (id + ".json"))
        << nlohmann::json{{"id", id}, {"name", name}, {"zone", zone}, {"touches", 0}}.dump();
  }
  nlohmann::json stored(const std::string& id) {
    std::ifstream in(store_ / "record" / (id + ".json"));
    return nlohmann::json::parse(in);
  }

  Value state(const std::string& id, const std::string& name, const std::string& zone,
              std::optional<std::string> note = std::nullopt) {
    std::map<std::string, Value> a{{"id", Value::string(id)},
                                   {"name", Value::string(name)},
                                   {"zone", Value::string(zone)},
                                   {"touches", Value::number(0)}};
    if (note) a["note"] = Value::string(*note);
    return object(record_type_, std::move(a));
  }
  Value identity(const std::string& id, std::optional<std::string> zone) {
    return object(identity_type_,
                  {{"id", Value::string(id)},
                   {"zone", zone ? Value::string(*zone) : Value::null(Type::string())}});
  }

  tfplugin6::ResourceIdentityData identity_data(const Value& v) {
    tfplugin6::ResourceIdentityData out;
    *out.mutable_identity_data() = dynamic(v, identity_type_);
    return out;
  }

  tfplugin6::PlanResourceChange::Response plan(const Value& prior, const Value& proposed,
                                               const Value& config,
                                               std::optional<Value> prior_identity = {}) {
    tfplugin6::PlanResourceChange::Request req;
    req.set_type_name(kRecord);
    *req.mutable_prior_state() = dynamic(prior, record_type_);
    *req.mutable_proposed_new_state() = dynamic(proposed, record_type_);
    *req.mutable_config() = dynamic(config, record_type_);
    req.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
    if (prior_identity) *req.mutable_prior_identity() = identity_data(*prior_identity);
    tfplugin6::PlanResourceChange::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::PlanResourceChange, req, &resp).ok());
    return resp;
  }

  tfplugin6::MoveResourceState::Response move(const std::string& provider, const std::string& type,
                                              std::int64_t version, const std::string& json) {
    // What refactoring/cross_provider_move.go sends (no source identity from 1.11-era state).
    tfplugin6::MoveResourceState::Request req;
    req.set_source_provider_address(provider);
    req.set_source_type_name(type);
    req.set_source_schema_version(version);
    req.mutable_source_state()->set_json(json);
    req.set_target_type_name(kRecord);
    tfplugin6::MoveResourceState::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::MoveResourceState, req, &resp).ok());
    return resp;
  }

  struct ListOutcome {
    std::vector<tfplugin6::ListResource::Event> events;
    grpc::Status status;
  };
  ListOutcome list(const Value& config, bool include_objects, std::int64_t limit,
                   const std::string& type = kRecord) {
    const auto& list_schema = schema_.list_resource_schemas().contains(type)
                                  ? schema_.list_resource_schemas().at(type).block()
                                  : schema_.list_resource_schemas().at(kRecord).block();
    tfplugin6::ListResource::Request req;
    req.set_type_name(type);
    *req.mutable_config() = dynamic(config, implied_type(list_schema));
    req.set_include_resource_object(include_objects);
    req.set_limit(limit);
    auto ctx = context_with_deadline();
    auto reader = stub_->ListResource(ctx.get(), req);
    ListOutcome out;
    tfplugin6::ListResource::Event event;
    while (reader->Read(&event)) out.events.push_back(event);
    out.status = reader->Finish();
    return out;
  }
  Value list_config(std::map<std::string, Value> values) {
    return object(implied_type(schema_.list_resource_schemas().at(kRecord).block()),
                  std::move(values));
  }
  Type touch_type() { return implied_type(schema_.action_schemas().at(kTouch).schema().block()); }
  // fixture_touch on record `id` with `steps` steps of `step_ms` each (unset: the defaults).
  tfplugin6::InvokeAction::Request touch(const std::string& id,
                                         std::optional<int> steps = std::nullopt,
                                         std::optional<int> step_ms = std::nullopt) {
    const Type type = touch_type();
    std::map<std::string, Value> config = {{"id", Value::string(id)}};
    if (steps) config["steps"] = Value::number(*steps);
    if (step_ms) config["step_ms"] = Value::number(*step_ms);
    tfplugin6::InvokeAction::Request req;
    req.set_action_type(kTouch);
    *req.mutable_config() = dynamic(object(type, std::move(config)), type);
    return req;
  }

  fs::path store_;
  Type record_type_;
  Type identity_type_;
};

// ---------------------------------------------------------------------------------------
// Schemas and capabilities
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, SchemasAnnounceIdentityListActionsAndCapabilities) {
  const auto& id_schema = identities_.identity_schemas().at(kRecord);
  EXPECT_EQ(id_schema.version(), 0);
  ASSERT_EQ(id_schema.identity_attributes_size(), 2);
  std::map<std::string, tfplugin6::ResourceIdentitySchema::IdentityAttribute> by_name;
  for (const auto& a : id_schema.identity_attributes()) by_name[a.name()] = a;
  EXPECT_TRUE(by_name.at("id").required_for_import());
  EXPECT_FALSE(by_name.at("id").optional_for_import());
  EXPECT_TRUE(by_name.at("zone").optional_for_import());
  EXPECT_EQ(by_name.at("id").type(), "\"string\"");
  // Resources without an identity are simply absent (Terraform: "fine if not found").
  EXPECT_FALSE(identities_.identity_schemas().contains("fixture_thing"));
  EXPECT_TRUE(identities_.diagnostics().empty());

  EXPECT_TRUE(schema_.server_capabilities().move_resource_state());
  EXPECT_TRUE(schema_.server_capabilities().generate_resource_config());
  ASSERT_TRUE(schema_.list_resource_schemas().contains(kRecord));
  ASSERT_TRUE(schema_.action_schemas().contains(kTouch));

  tfplugin6::GetMetadata::Response metadata;
  ASSERT_TRUE(call(*stub_, &ProviderStub::GetMetadata, {}, &metadata).ok());
  ASSERT_EQ(metadata.list_resources_size(), 1);
  EXPECT_EQ(metadata.list_resources(0).type_name(), kRecord);
  ASSERT_EQ(metadata.actions_size(), 1);
  EXPECT_EQ(metadata.actions(0).type_name(), kTouch);
  EXPECT_TRUE(metadata.server_capabilities().move_resource_state());
}

// ---------------------------------------------------------------------------------------
// Identity in every RPC that carries it
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, IdentityThroughCreateReadUpdateAndDestroy) {
  const Value config = object(record_type_, {{"name", Value::string("web")}});
  Value proposed = config.with("id", Value::unknown(Type::string()))
                       .with("zone", Value::unknown(Type::string()))
                       .with("touches", Value::unknown(Type::number()));
  auto created_plan = plan(Value::null(record_type_), proposed, config);
  ASSERT_FALSE(has_error(created_plan.diagnostics())) << describe(created_plan.diagnostics());
  // A create may plan an identity with unknowns (Terraform checks known-ness only for updates).
  ASSERT_TRUE(created_plan.has_planned_identity());
  const Value planned_identity =
      decoded(created_plan.planned_identity().identity_data(), identity_type_);
  EXPECT_TRUE(planned_identity.at("id").is_unknown());
  EXPECT_EQ(planned_identity.at("zone"), Value::string("zone-a"));

  // Apply: the new identity is wholly known and names the created object.
  tfplugin6::ApplyResourceChange::Request apply;
  apply.set_type_name(kRecord);
  *apply.mutable_prior_state() = dynamic(Value::null(record_type_), record_type_);
  *apply.mutable_planned_state() = created_plan.planned_state();
  *apply.mutable_config() = dynamic(config, record_type_);
  *apply.mutable_planned_identity() = created_plan.planned_identity();
  tfplugin6::ApplyResourceChange::Response applied;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ApplyResourceChange, apply, &applied).ok());
  ASSERT_FALSE(has_error(applied.diagnostics())) << describe(applied.diagnostics());
  const Value created = decoded(applied.new_state(), record_type_);
  const std::string id = created.at("id").as_string();
  ASSERT_TRUE(applied.has_new_identity());
  EXPECT_EQ(decoded(applied.new_identity().identity_data(), identity_type_),
            identity(id, "zone-a"));

  // Read with the current identity: the same identity back.
  tfplugin6::ReadResource::Request read;
  read.set_type_name(kRecord);
  *read.mutable_current_state() = applied.new_state();
  *read.mutable_current_identity() = applied.new_identity();
  tfplugin6::ReadResource::Response refreshed;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &refreshed).ok());
  ASSERT_FALSE(has_error(refreshed.diagnostics())) << describe(refreshed.diagnostics());
  EXPECT_EQ(decoded(refreshed.new_identity().identity_data(), identity_type_),
            identity(id, "zone-a"));

  // An in-place update must plan a wholly known identity.
  const Value new_config = config.with("note", Value::string("hello"));
  auto update = plan(created, created.with("note", Value::string("hello")), new_config,
                     identity(id, "zone-a"));
  ASSERT_FALSE(has_error(update.diagnostics())) << describe(update.diagnostics());
  EXPECT_TRUE(update.requires_replace().empty());
  EXPECT_EQ(decoded(update.planned_identity().identity_data(), identity_type_),
            identity(id, "zone-a"));

  // A replacement (zone forces it) may change the identity.
  auto replace = plan(created, created.with("zone", Value::string("zone-b")),
                      config.with("zone", Value::string("zone-b")), identity(id, "zone-a"));
  ASSERT_FALSE(has_error(replace.diagnostics())) << describe(replace.diagnostics());
  EXPECT_FALSE(replace.requires_replace().empty());

  // Destroy: the prior identity stays as it is.
  auto destroy =
      plan(created, Value::null(record_type_), Value::null(record_type_), identity(id, "zone-a"));
  ASSERT_FALSE(has_error(destroy.diagnostics())) << describe(destroy.diagnostics());
  EXPECT_EQ(decoded(destroy.planned_identity().identity_data(), identity_type_),
            identity(id, "zone-a"));

  // A read that finds the object gone returns no state and no identity.
  fs::remove(store_ / "record" / (id + ".json"));
  tfplugin6::ReadResource::Response gone;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ReadResource, read, &gone).ok());
  EXPECT_TRUE(decoded(gone.new_state(), record_type_).is_null());
  EXPECT_FALSE(gone.has_new_identity());
}

TEST_F(AdoptionProtocol, ImportByIdentityAndById) {
  put_record("rec1", "one", "zone-b");
  auto import = [&](const std::string& id, std::optional<Value> ident) {
    tfplugin6::ImportResourceState::Request req;
    req.set_type_name(kRecord);
    req.set_id(id);
    if (ident) *req.mutable_identity() = identity_data(*ident);
    tfplugin6::ImportResourceState::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, req, &resp).ok());
    return resp;
  };
  // `import { identity = { id = "rec1" } }`: Terraform sends an empty id and the identity.
  auto by_identity = import("", identity("rec1", std::nullopt));
  ASSERT_FALSE(has_error(by_identity.diagnostics())) << describe(by_identity.diagnostics());
  ASSERT_EQ(by_identity.imported_resources_size(), 1);
  const auto& imported = by_identity.imported_resources(0);
  EXPECT_EQ(decoded(imported.state(), record_type_).at("id"), Value::string("rec1"));
  ASSERT_TRUE(imported.has_identity());
  EXPECT_EQ(decoded(imported.identity().identity_data(), identity_type_).at("id"),
            Value::string("rec1"));

  // A zone that is not the record's: an error on that identity attribute, nothing imported.
  auto wrong_zone = import("", identity("rec1", "zone-a"));
  ASSERT_TRUE(has_error(wrong_zone.diagnostics()));
  EXPECT_EQ(wrong_zone.imported_resources_size(), 0);
  ASSERT_EQ(wrong_zone.diagnostics(0).attribute().steps_size(), 1);
  EXPECT_EQ(wrong_zone.diagnostics(0).attribute().steps(0).attribute_name(), "zone");

  // Neither id nor identity.
  auto neither = import("", std::nullopt);
  ASSERT_TRUE(has_error(neither.diagnostics()));
  EXPECT_EQ(neither.diagnostics(0).summary(), "Missing import ID");

  // By id: the stub carries an identity too (id known; zone from the stub).
  auto by_id = import("rec1", std::nullopt);
  ASSERT_FALSE(has_error(by_id.diagnostics())) << describe(by_id.diagnostics());
  ASSERT_TRUE(by_id.imported_resources(0).has_identity());

  // A resource without identity refuses an import by identity clearly.
  tfplugin6::ImportResourceState::Request thing;
  thing.set_type_name("fixture_thing");
  *thing.mutable_identity() = identity_data(identity("x", std::nullopt));
  tfplugin6::ImportResourceState::Response refused;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ImportResourceState, thing, &refused).ok());
  ASSERT_TRUE(has_error(refused.diagnostics()));
  EXPECT_NE(refused.diagnostics(0).detail().find("not supported"), std::string::npos);
}

TEST_F(AdoptionProtocol, UpgradeResourceIdentityKnowsOnlyItsVersion) {
  auto upgrade = [&](std::int64_t version, const std::string& json, const std::string& type) {
    tfplugin6::UpgradeResourceIdentity::Request req;
    req.set_type_name(type);
    req.set_version(version);
    req.mutable_raw_identity()->set_json(json);
    tfplugin6::UpgradeResourceIdentity::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::UpgradeResourceIdentity, req, &resp).ok());
    return resp;
  };
  auto same = upgrade(0, R"({"id":"rec1","zone":"zone-a"})", kRecord);
  ASSERT_FALSE(has_error(same.diagnostics())) << describe(same.diagnostics());
  EXPECT_EQ(decoded(same.upgraded_identity().identity_data(), identity_type_),
            identity("rec1", "zone-a"));
  auto newer = upgrade(3, R"({"id":"rec1"})", kRecord);
  ASSERT_TRUE(has_error(newer.diagnostics()));
  EXPECT_NE(newer.diagnostics(0).detail().find("version 3"), std::string::npos);
  auto none = upgrade(0, R"({"id":"x"})", "fixture_thing");
  EXPECT_TRUE(has_error(none.diagnostics()));
}

// ---------------------------------------------------------------------------------------
// MoveResourceState
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, MoveFromAnotherTypeOfThisProvider) {
  auto resp = move(kFixtureAddress, "fixture_thing", 0,
                   R"({"id":"t1","name":"web","zone":"zone-b","description":"from thing",)"
                   R"("size":1,"revision":4,"secret":"s3cret"})");
  ASSERT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  const Value moved = decoded(resp.target_state(), record_type_);
  EXPECT_EQ(moved, state("t1", "web", "zone-b", "from thing"));
  EXPECT_TRUE(moved.at("secret_wo").is_null());  // write-only: always null in state
  EXPECT_NE(resp.target_private().find(kFixtureAddress), std::string::npos);
  ASSERT_TRUE(resp.has_target_identity());
  EXPECT_EQ(decoded(resp.target_identity().identity_data(), identity_type_),
            identity("t1", "zone-b"));
}

TEST_F(AdoptionProtocol, MoveFromAForeignProviderInEachSchemaVersion) {
  // The registry host is not part of the match (mirrors, OpenTofu's registry).
  auto v0 = move("registry.opentofu.org/example/legacy", "legacy_record", 0,
                 R"({"record_id":"L1","label":"old","region":"zone-c"})");
  ASSERT_FALSE(has_error(v0.diagnostics())) << describe(v0.diagnostics());
  EXPECT_EQ(decoded(v0.target_state(), record_type_), state("L1", "old", "zone-c"));
  auto v1 = move("registry.terraform.io/example/legacy", "legacy_record", 1,
                 R"({"record_id":"L2","title":"new"})");
  ASSERT_FALSE(has_error(v1.diagnostics())) << describe(v1.diagnostics());
  EXPECT_EQ(decoded(v1.target_state(), record_type_), state("L2", "new", "zone-a"));
}

TEST_F(AdoptionProtocol, BadMovesAreErrorsNamingTheSourceAndReturnNoState) {
  struct Case {
    std::string provider, type;
    std::int64_t version;
    std::string json, expected;
  };
  const std::vector<Case> cases = {
      // The version-1 attribute name in a version-0 state: "label" is what is missing.
      {"registry.terraform.io/example/legacy", "legacy_record", 0,
       R"({"record_id":"L1","title":"x"})", "\"label\""},
      {"registry.terraform.io/example/legacy", "legacy_record", 1, R"({"title":"x"})",
       "\"record_id\""},
      {"registry.terraform.io/example/legacy", "legacy_record", 2,
       R"({"record_id":"L1","title":"x"})", "Schema version 2"},
      {"registry.terraform.io/example/legacy", "legacy_record", 1, R"({"record_id":7,"title":"x"})",
       "\"record_id\" is not a string"},
      {"registry.terraform.io/example/legacy", "legacy_record", 1, "[1,2]", "not a JSON object"},
      {"registry.terraform.io/example/legacy", "legacy_record", 1, "{not json",
       "not a JSON object"},
      {"registry.terraform.io/example/legacy", "other_record", 0, "{}", "legacy_record"},
      {"registry.terraform.io/someone/else", "legacy_record", 0, "{}", "someone/else"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type + " v" + std::to_string(c.version) + " " + c.json);
    auto resp = move(c.provider, c.type, c.version, c.json);
    ASSERT_TRUE(has_error(resp.diagnostics()));
    const std::string text = describe(resp.diagnostics());
    EXPECT_NE(text.find(c.expected), std::string::npos) << text;
    // Terraform keeps the source state when the answer has errors; nothing half-moved.
    EXPECT_TRUE(resp.target_state().msgpack().empty());
    EXPECT_FALSE(resp.has_target_identity());
  }
}

// ---------------------------------------------------------------------------------------
// GenerateResourceConfig
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, GeneratedConfigurationValidatesAndPlansNoChange) {
  const Value prior = state("rec9", "gen", "zone-a").with("touches", Value::number(5));
  tfplugin6::GenerateResourceConfig::Request req;
  req.set_type_name(kRecord);
  *req.mutable_state() = dynamic(prior, record_type_);
  tfplugin6::GenerateResourceConfig::Response resp;
  ASSERT_TRUE(call(*stub_, &ProviderStub::GenerateResourceConfig, req, &resp).ok());
  // The fixture warns that the record has no note, on that attribute.
  ASSERT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "note");
  const Value config = decoded(resp.config(), record_type_);
  // Arguments kept; computed-only values and defaults left to the provider.
  EXPECT_EQ(config, object(record_type_, {{"name", Value::string("gen")}}));

  tfplugin6::ValidateResourceConfig::Request validate;
  validate.set_type_name(kRecord);
  *validate.mutable_config() = resp.config();
  tfplugin6::ValidateResourceConfig::Response validated;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ValidateResourceConfig, validate, &validated).ok());
  EXPECT_FALSE(has_error(validated.diagnostics())) << describe(validated.diagnostics());

  // Terraform's proposed new state: config values, computed ones from prior.
  auto planned = plan(prior, prior, config, identity("rec9", "zone-a"));
  ASSERT_FALSE(has_error(planned.diagnostics())) << describe(planned.diagnostics());
  EXPECT_TRUE(planned.requires_replace().empty());
  EXPECT_EQ(decoded(planned.planned_state(), record_type_), prior);
}

// ---------------------------------------------------------------------------------------
// ListResource
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, ListStreamsIdentitiesAndObjectsUpToTheLimit) {
  put_record("a1", "web-1", "zone-a");
  put_record("a2", "web-2", "zone-b");
  put_record("a3", "db-1", "zone-a");

  auto all = list(list_config({}), false, 100);
  ASSERT_TRUE(all.status.ok()) << all.status.error_message();
  ASSERT_EQ(all.events.size(), 3u);
  std::vector<std::string> names;
  for (const auto& e : all.events) {
    EXPECT_TRUE(e.diagnostic().empty());
    ASSERT_TRUE(e.has_identity());
    const Value ident = decoded(e.identity().identity_data(), identity_type_);
    EXPECT_TRUE(ident.is_wholly_known());
    names.push_back(e.display_name());
    EXPECT_FALSE(e.has_resource_object());  // not asked for
  }
  EXPECT_EQ(names, (std::vector<std::string>{"web-1", "web-2", "db-1"}));

  auto objects = list(list_config({{"name_prefix", Value::string("web-")}}), true, 100);
  ASSERT_EQ(objects.events.size(), 2u);
  EXPECT_EQ(decoded(objects.events[1].resource_object(), record_type_),
            state("a2", "web-2", "zone-b"));
  EXPECT_EQ(decoded(objects.events[1].identity().identity_data(), identity_type_),
            identity("a2", "zone-b"));

  // The stream ends at the limit (Terraform would stop reading there anyway).
  auto limited = list(list_config({}), false, 2);
  ASSERT_TRUE(limited.status.ok());
  EXPECT_EQ(limited.events.size(), 2u);

  auto warned = list(list_config({{"warn_each", Value::boolean(true)}}), false, 100);
  ASSERT_EQ(warned.events.size(), 3u);
  for (const auto& e : warned.events) {
    ASSERT_EQ(e.diagnostic_size(), 1);
    EXPECT_EQ(e.diagnostic(0).severity(), tfplugin6::Diagnostic::WARNING);
    EXPECT_TRUE(e.has_identity());  // a warning travels with its result
  }
}

TEST_F(AdoptionProtocol, ListErrorMidStreamEndsTheStreamAfterTheResultsSent) {
  put_record("a1", "web-1", "zone-a");
  put_record("a2", "web-2", "zone-a");
  put_record("a3", "web-3", "zone-a");
  auto failed = list(list_config({{"fail_after", Value::number(1)}}), false, 100);
  ASSERT_TRUE(failed.status.ok());
  ASSERT_EQ(failed.events.size(), 2u);
  EXPECT_TRUE(failed.events[0].has_identity());
  EXPECT_TRUE(failed.events[0].diagnostic().empty());
  ASSERT_TRUE(has_error(failed.events[1].diagnostic()));
  EXPECT_FALSE(failed.events[1].has_identity());  // the error event stands alone

  // A list resource the provider does not have: one event with the error.
  auto unknown = list(list_config({}), false, 100, "fixture_nothing");
  ASSERT_EQ(unknown.events.size(), 1u);
  EXPECT_TRUE(has_error(unknown.events[0].diagnostic()));

  // Validation: a negative limit and a bad config attribute, each named.
  tfplugin6::ValidateListResourceConfig::Request validate;
  validate.set_type_name(kRecord);
  const Type list_type = implied_type(schema_.list_resource_schemas().at(kRecord).block());
  *validate.mutable_config() = dynamic(list_config({{"fail_after", Value::number(-1)}}), list_type);
  *validate.mutable_limit() = dynamic(Value::number(-5), Type::number());
  tfplugin6::ValidateListResourceConfig::Response validated;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ValidateListResourceConfig, validate, &validated).ok());
  const std::string text = describe(validated.diagnostics());
  EXPECT_NE(text.find("Invalid limit"), std::string::npos) << text;
  EXPECT_NE(text.find("Invalid fail_after"), std::string::npos) << text;
}

TEST_F(AdoptionProtocol, ListStreamCancelledByTheClientLeavesTheServerServing) {
  // Appending instead of "c" + std::to_string(...): GCC 12 at -O2 reports a false -Wrestrict
  // on the operator+ overload that inserts into an rvalue string.
  for (int i = 0; i < 20; ++i) {
    std::string id = "c";
    id += std::to_string(100 + i);
    put_record(id, "n", "zone-a");
  }
  tfplugin6::ListResource::Request req;
  req.set_type_name(kRecord);
  *req.mutable_config() =
      dynamic(list_config({}), implied_type(schema_.list_resource_schemas().at(kRecord).block()));
  req.set_limit(100);
  grpc::ClientContext ctx;
  auto reader = stub_->ListResource(&ctx, req);
  tfplugin6::ListResource::Event event;
  ASSERT_TRUE(reader->Read(&event));
  ctx.TryCancel();  // what Terraform's deferred cancel() does once it has enough
  while (reader->Read(&event)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(health_check(session_.channel, "plugin"), 1);
  EXPECT_EQ(list(list_config({}), false, 100).events.size(), 20u);
}

// ---------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------

TEST_F(AdoptionProtocol, ActionValidatesPlansAndInvokesWithProgress) {
  put_record("r1", "one", "zone-a");
  const Type type = touch_type();
  tfplugin6::ValidateActionConfig::Request validate;
  validate.set_type_name(kTouch);
  *validate.mutable_config() =
      dynamic(object(type, {{"id", Value::string("r1")}, {"steps", Value::number(0)}}), type);
  tfplugin6::ValidateActionConfig::Response validated;
  ASSERT_TRUE(call(*stub_, &ProviderStub::ValidateActionConfig, validate, &validated).ok());
  ASSERT_TRUE(has_error(validated.diagnostics()));
  EXPECT_EQ(validated.diagnostics(0).attribute().steps(0).attribute_name(), "steps");

  // Plan: an unknown id (from a resource not yet created) is fine; a missing record is not.
  auto plan_action = [&](const Value& id) {
    tfplugin6::PlanAction::Request req;
    req.set_action_type(kTouch);
    *req.mutable_config() = dynamic(object(type, {{"id", id}}), type);
    tfplugin6::PlanAction::Response resp;
    EXPECT_TRUE(call(*stub_, &ProviderStub::PlanAction, req, &resp).ok());
    return resp;
  };
  EXPECT_FALSE(has_error(plan_action(Value::unknown(Type::string())).diagnostics()));
  EXPECT_FALSE(has_error(plan_action(Value::string("r1")).diagnostics()));
  EXPECT_TRUE(has_error(plan_action(Value::string("nope")).diagnostics()));

  const tfplugin6::InvokeAction::Request req = touch("r1", 3);
  auto ctx = context_with_deadline();
  auto reader = stub_->InvokeAction(ctx.get(), req);
  const InvokeOutcome out = read_invoke(*reader);
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(out.progress, (std::vector<std::string>{"step 1 of 3", "step 2 of 3", "step 3 of 3"}));
  ASSERT_TRUE(out.completed.has_value());
  EXPECT_FALSE(has_error(out.completed->diagnostics())) << describe(out.completed->diagnostics());
  EXPECT_EQ(out.events_after_completed, 0);  // completion is the last event
  EXPECT_EQ(stored("r1")["touches"], 1);
}

TEST_F(AdoptionProtocol, ActionFailureAndUnknownActionCompleteWithErrors) {
  tfplugin6::InvokeAction::Request req = touch("missing");
  {
    auto ctx = context_with_deadline();
    auto reader = stub_->InvokeAction(ctx.get(), req);
    const InvokeOutcome out = read_invoke(*reader);
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(out.progress.size(), 3u);
    ASSERT_TRUE(out.completed.has_value());
    EXPECT_TRUE(has_error(out.completed->diagnostics()));
  }
  req.set_action_type("fixture_nothing");
  auto ctx = context_with_deadline();
  auto reader = stub_->InvokeAction(ctx.get(), req);
  const InvokeOutcome out = read_invoke(*reader);
  ASSERT_TRUE(out.completed.has_value());
  EXPECT_TRUE(has_error(out.completed->diagnostics()));
  EXPECT_TRUE(out.progress.empty());
}

TEST_F(AdoptionProtocol, StopProviderCancelsAnActionAndItCompletesWithAnError) {
  put_record("r2", "two", "zone-a");
  const tfplugin6::InvokeAction::Request req = touch("r2", 2, 60000);
  auto ctx = context_with_deadline(120s);
  auto reader = stub_->InvokeAction(ctx.get(), req);
  tfplugin6::InvokeAction::Event first;
  ASSERT_TRUE(reader->Read(&first));
  EXPECT_EQ(first.progress().message(), "step 1 of 2");
  {
    auto stop_ctx = context_with_deadline();
    tfplugin6::StopProvider::Response stopped;
    ASSERT_TRUE(stub_->StopProvider(stop_ctx.get(), {}, &stopped).ok());
  }
  const InvokeOutcome out = read_invoke(*reader);
  ASSERT_TRUE(reader->Finish().ok());
  ASSERT_TRUE(out.completed.has_value());
  ASSERT_TRUE(has_error(out.completed->diagnostics()));
  EXPECT_EQ(out.completed->diagnostics(0).summary(), "Touch cancelled");
  EXPECT_EQ(stored("r2")["touches"], 0);  // cut short: nothing counted
  EXPECT_EQ(stored("r2")["cancelled_at_step"], 1);
}

TEST_F(AdoptionProtocol, ClientCancellingTheActionStreamCancelsTheAction) {
  put_record("r3", "three", "zone-a");
  tfplugin6::InvokeAction::Request req = touch("r3", 2, 60000);
  grpc::ClientContext ctx;
  auto reader = stub_->InvokeAction(&ctx, req);
  tfplugin6::InvokeAction::Event first;
  ASSERT_TRUE(reader->Read(&first));
  ctx.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The server noticed: the action sees its token cancelled (it records the step in the
  // store) long before its 60 s step would end.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (!stored("r3").contains("cancelled_at_step") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(stored("r3").contains("cancelled_at_step")) << "the action was not cancelled";
  EXPECT_EQ(stored("r3")["cancelled_at_step"], 1);
  EXPECT_EQ(stored("r3")["touches"], 0);
  // And the server keeps serving actions.
  req = touch("r3", 1);
  auto again_ctx = context_with_deadline();
  auto again = stub_->InvokeAction(again_ctx.get(), req);
  const InvokeOutcome out = read_invoke(*again);
  ASSERT_TRUE(out.completed.has_value());
  EXPECT_FALSE(has_error(out.completed->diagnostics()));
  EXPECT_EQ(stored("r3")["touches"], 1);
}

}  // namespace
}  // namespace cloudssl::testing
