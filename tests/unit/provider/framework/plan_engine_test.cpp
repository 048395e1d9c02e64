#include "provider/framework/plan_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "provider/framework/read_only_fields.h"
#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

using ::testing::ElementsAre;
using testing::FakeResource;
using ::testing::IsEmpty;
using testing::PlainResource;

Schema test_schema() {
  return Schema{.version = 0,
                .block = {
                    .attributes =
                        {
                            framework::read_only_kept("id", Type::string(), ""),
                            {.name = "name",
                             .type = Type::string(),
                             .required = true,
                             .requires_replace = true},
                            {.name = "description", .type = Type::string(), .optional = true},
                            {.name = "size",
                             .type = Type::number(),
                             .optional = true,
                             .computed = true,
                             .default_value = Value::number(10)},
                            framework::read_only("arn", Type::string(), ""),
                            {.name = "alias",
                             .type = Type::string(),
                             .optional = true,
                             .computed = true,
                             .requires_replace = true},
                            {.name = "password",
                             .type = Type::string(),
                             .optional = true,
                             .write_only = true},
                            {.name = "opts",
                             .nested = {{.name = "x", .type = Type::string(), .optional = true},
                                        {.name = "y", .type = Type::string(), .computed = true}},
                             .nesting = Nesting::List,
                             .optional = true},
                        },
                    .blocks =
                        {
                            {.type_name = "rule",
                             .block = {.attributes = {{.name = "port",
                                                       .type = Type::number(),
                                                       .required = true},
                                                      {.name = "proto",
                                                       .type = Type::string(),
                                                       .optional = true,
                                                       .computed = true}}},
                             .nesting = Nesting::List},
                            {.type_name = "tag",
                             .block = {.attributes = {{.name = "key",
                                                       .type = Type::string(),
                                                       .required = true},
                                                      framework::read_only("hash", Type::string(),
                                                                           "")}},
                             .nesting = Nesting::Set},
                            {.type_name = "pinned",
                             .block = {.attributes = {{.name = "v",
                                                       .type = Type::string(),
                                                       .optional = true}}},
                             .nesting = Nesting::Set,
                             .requires_replace = true},
                            {.type_name = "settings",
                             .block = {.attributes = {{.name = "mode",
                                                       .type = Type::string(),
                                                       .optional = true}}},
                             .nesting = Nesting::Single},
                            timeouts_block({"create", "update", "delete"}),
                        },
                }};
}

const Schema kSchema = test_schema();
const Type kType = implied_type(kSchema);
const Type& member_type(const std::string& name) { return kType.attribute_types().at(name); }
Type element_type(const std::string& name) { return member_type(name).element_type(); }

Value obj(std::map<std::string, Value> attrs) { return Value::object(kType, std::move(attrs)); }
Value rule(std::int64_t port, Value proto) {
  return Value::object(element_type("rule"), {{"port", Value::number(port)}, {"proto", proto}});
}
Value tag(std::string key, Value hash) {
  return Value::object(element_type("tag"), {{"key", Value::string(key)}, {"hash", hash}});
}
Value unknown_string() { return Value::unknown(Type::string()); }
Value null_string() { return Value::null(Type::string()); }

// The configuration Terraform would send: computed-only attributes null, blocks present.
Value config_value() {
  return obj({
      {"name", Value::string("web")},
      {"password", Value::string("hunter2")},
      {"rule", Value::list(element_type("rule"), {rule(443, null_string())})},
      {"tag", Value::set(element_type("tag"), {tag("env", null_string())})},
      {"pinned", Value::set(element_type("pinned"), {})},
  });
}

// The state after create: everything computed filled in, write-only null.
Value state_value() {
  return obj({
      {"id", Value::string("c-1")},
      {"name", Value::string("web")},
      {"size", Value::number(10)},
      {"arn", Value::string("arn:1")},
      {"alias", Value::string("auto")},
      {"rule", Value::list(element_type("rule"), {rule(443, Value::string("tcp"))})},
      {"tag", Value::set(element_type("tag"), {tag("env", Value::string("h1"))})},
      {"pinned", Value::set(element_type("pinned"), {})},
  });
}

// objchange.ProposedNew for this schema: config, with computed values the config leaves
// null taken from the prior state (blocks matched by index / by key for the set).
Value proposed_new(const Value& prior, const Value& config) {
  if (prior.is_null()) return config;
  Value out = config;
  for (const char* name : {"id", "size", "arn", "alias"}) {
    if (config.at(name).is_null()) out = out.with(name, prior.at(name));
  }
  std::vector<Value> rules;
  for (std::size_t i = 0; i < config.at("rule").length(); ++i) {
    Value r = config.at("rule").elements()[i];
    if (r.at("proto").is_null() && i < prior.at("rule").length()) {
      r = r.with("proto", prior.at("rule").elements()[i].at("proto"));
    }
    rules.push_back(r);
  }
  out = out.with("rule", Value::list(element_type("rule"), rules));
  std::vector<Value> tags;
  for (const Value& t : config.at("tag").elements()) {
    Value merged = t;
    for (const Value& p : prior.at("tag").elements()) {
      if (p.at("key") == t.at("key")) merged = t.with("hash", p.at("hash"));
    }
    tags.push_back(merged);
  }
  return out.with("tag", Value::set(element_type("tag"), tags));
}

PlanResult plan(const Resource& r, const Value& prior, const Value& config,
                const std::string& priv = "") {
  Diagnostics d;
  Context ctx;
  PlanResult result =
      plan_resource_change(r, kSchema, prior, proposed_new(prior, config), config, priv, ctx, d);
  EXPECT_FALSE(d.has_errors()) << (d.all().empty() ? "" : d.all()[0].summary);
  return result;
}

TEST(PlanEngine, CreateMarksComputedUnknownAndAppliesDefaults) {
  PlainResource r(kSchema);
  PlanResult p = plan(r, Value::null(kType), config_value());
  EXPECT_TRUE(p.planned.at("id").is_unknown());
  EXPECT_TRUE(p.planned.at("arn").is_unknown());
  EXPECT_TRUE(p.planned.at("alias").is_unknown());
  EXPECT_EQ(p.planned.at("size"), Value::number(10));  // default, not unknown
  EXPECT_TRUE(p.planned.at("description").is_null());  // optional, not computed
  EXPECT_TRUE(p.planned.at("rule").elements()[0].at("proto").is_unknown());
  EXPECT_EQ(p.planned.at("rule").elements()[0].at("port"), Value::number(443));
  ASSERT_EQ(p.planned.at("tag").length(), 1u);
  EXPECT_TRUE(p.planned.at("tag").elements()[0].at("hash").is_unknown());
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, WriteOnlyIsAlwaysNull) {
  PlainResource r(kSchema);
  PlanResult create = plan(r, Value::null(kType), config_value());
  EXPECT_TRUE(create.planned.at("password").is_null());
  PlanResult update = plan(r, state_value(), config_value());
  EXPECT_TRUE(update.planned.at("password").is_null());
}

TEST(PlanEngine, UnchangedUpdateReturnsPriorExactly) {
  PlainResource r(kSchema);
  PlanResult p = plan(r, state_value(), config_value());
  EXPECT_EQ(p.planned, state_value());
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, ChangeMarksComputedUnknownExceptUseStateForUnknown) {
  PlainResource r(kSchema);
  PlanResult p = plan(r, state_value(), config_value().with("description", Value::string("new")));
  EXPECT_EQ(p.planned.at("description"), Value::string("new"));
  EXPECT_EQ(p.planned.at("id"), Value::string("c-1"));  // use_state_for_unknown
  EXPECT_TRUE(p.planned.at("arn").is_unknown());
  EXPECT_TRUE(p.planned.at("alias").is_unknown());
  EXPECT_EQ(p.planned.at("size"), Value::number(10));
  // Computed only because the value is unknown now: no replacement.
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, RequiresReplaceWhenUserChangesFlaggedAttribute) {
  PlainResource r(kSchema);
  PlanResult p = plan(r, state_value(), config_value().with("name", Value::string("api")));
  EXPECT_THAT(p.requires_replace, ElementsAre(Path::root("name")));
  PlanResult alias = plan(r, state_value(), config_value().with("alias", Value::string("mine")));
  EXPECT_THAT(alias.requires_replace, ElementsAre(Path::root("alias")));
}

TEST(PlanEngine, RequiresReplaceForFlaggedBlock) {
  PlainResource r(kSchema);
  Value config = config_value().with(
      "pinned", Value::set(element_type("pinned"),
                           {Value::object(element_type("pinned"), {{"v", Value::string("a")}})}));
  PlanResult p = plan(r, state_value(), config);
  EXPECT_THAT(p.requires_replace, ElementsAre(Path::root("pinned")));
}

TEST(PlanEngine, DefaultReappliedWhenConfigRemovesValue) {
  PlainResource r(kSchema);
  Value prior = state_value().with("size", Value::number(20));
  PlanResult p = plan(r, prior, config_value());  // config size null → default 10
  EXPECT_EQ(p.planned.at("size"), Value::number(10));
}

TEST(PlanEngine, AbsentCollectionBlocksBecomeEmpty) {
  PlainResource r(kSchema);
  Value config = config_value()
                     .with("rule", Value::null(member_type("rule")))
                     .with("tag", Value::null(member_type("tag")))
                     .with("pinned", Value::null(member_type("pinned")));
  PlanResult p = plan(r, Value::null(kType), config);
  EXPECT_EQ(p.planned.at("rule"), Value::list(element_type("rule"), {}));
  EXPECT_EQ(p.planned.at("tag"), Value::set(element_type("tag"), {}));
  EXPECT_TRUE(p.planned.at("settings").is_null());  // single blocks stay null
}

TEST(PlanEngine, BlockElementKeepsConfiguredComputedValue) {
  PlainResource r(kSchema);
  Value config = config_value().with(
      "rule", Value::list(element_type("rule"),
                          {rule(443, Value::string("udp")), rule(80, null_string())}));
  PlanResult p = plan(r, state_value(), config);
  EXPECT_EQ(p.planned.at("rule").elements()[0].at("proto"), Value::string("udp"));
  EXPECT_TRUE(p.planned.at("rule").elements()[1].at("proto").is_unknown());
}

TEST(PlanEngine, NestedAttributeElementsPlannedPerElement) {
  PlainResource r(kSchema);
  Type opt = element_type("opts");
  Value config = config_value().with(
      "opts", Value::list(opt, {Value::object(opt, {{"x", Value::string("a")}})}));
  PlanResult p = plan(r, Value::null(kType), config);
  ASSERT_EQ(p.planned.at("opts").length(), 1u);
  EXPECT_EQ(p.planned.at("opts").elements()[0].at("x"), Value::string("a"));
  EXPECT_TRUE(p.planned.at("opts").elements()[0].at("y").is_unknown());
}

TEST(PlanEngine, DestroyPlansNullAndKeepsPrivate) {
  FakeResource r(kSchema);
  bool called = false;
  r.on_modify_plan = [&](PlanRequest&, Diagnostics&) { called = true; };
  Diagnostics d;
  PlanResult p = plan_resource_change(r, kSchema, state_value(), Value::null(kType),
                                      Value::null(kType), "{\"k\":1}", Context{}, d);
  EXPECT_TRUE(p.planned.is_null());
  EXPECT_EQ(p.planned_private, "{\"k\":1}");
  EXPECT_FALSE(called);
}

TEST(PlanEngine, ModifyPlanRunsLastAndRequiresReplaceIsSortedAndCut) {
  FakeResource r(kSchema);
  r.on_modify_plan = [](PlanRequest& req, Diagnostics&) {
    EXPECT_TRUE(req.planned.at("arn").is_unknown());  // generic rules already applied
    req.planned = req.planned.with("password", Value::string("leak"));
    req.requires_replace.push_back(Path::root("tag").set_element(0).attr("key"));
    req.requires_replace.push_back(Path::root("description"));
    req.requires_replace.push_back(Path::root("tag"));
    req.private_state.set("seen", true);
  };
  PlanResult p =
      plan(r, state_value(), config_value().with("name", Value::string("api")), "{\"old\":1}");
  EXPECT_THAT(p.requires_replace,
              ElementsAre(Path::root("description"), Path::root("name"), Path::root("tag")));
  EXPECT_TRUE(p.planned.at("password").is_null());
  EXPECT_EQ(PrivateState::parse(p.planned_private).get("seen"), nlohmann::json(true));
  EXPECT_EQ(PrivateState::parse(p.planned_private).get("old"), nlohmann::json(1));
}

TEST(PlanEngine, NoRequiresReplaceOnCreate) {
  FakeResource r(kSchema);
  r.on_modify_plan = [](PlanRequest& req, Diagnostics&) {
    req.requires_replace.push_back(Path::root("name"));
  };
  PlanResult p = plan(r, Value::null(kType), config_value());
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, SetElementMatchingKeepsUnchangedElements) {
  PlainResource r(kSchema);
  // Adding a second tag: the first keeps its prior hash until the change marks it unknown.
  Value config = config_value().with(
      "tag",
      Value::set(element_type("tag"), {tag("env", null_string()), tag("app", null_string())}));
  PlanResult p = plan(r, state_value(), config);
  ASSERT_EQ(p.planned.at("tag").length(), 2u);
  for (const Value& t : p.planned.at("tag").elements()) EXPECT_TRUE(t.at("hash").is_unknown());
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, UnknownConfigKeepsUnknownEvenWithUseStateForUnknown) {
  Schema s{.version = 0,
           .block = {.attributes = {{.name = "v",
                                     .type = Type::string(),
                                     .optional = true,
                                     .computed = true,
                                     .use_state_for_unknown = true},
                                    {.name = "w", .type = Type::string(), .optional = true}}}};
  Type t = implied_type(s);
  PlainResource r(s);
  Value prior = Value::object(t, {{"v", Value::string("old")}, {"w", Value::string("a")}});
  Value config = Value::object(t, {{"v", unknown_string()}, {"w", Value::string("b")}});
  Diagnostics d;
  PlanResult p = plan_resource_change(r, s, prior, config, config, "", Context{}, d);
  EXPECT_TRUE(p.planned.at("v").is_unknown());
}

TEST(PlanEngine, TimeoutsOnlyChangeKeepsComputedValues) {
  PlainResource r(kSchema);
  const Type& t = member_type("timeouts");
  Value config =
      config_value().with("timeouts", Value::object(t, {{"create", Value::string("5m")}}));
  PlanResult p = plan(r, state_value(), config);  // e.g. right after an import
  EXPECT_EQ(p.planned.at("arn"), Value::string("arn:1"));
  EXPECT_EQ(p.planned.at("alias"), Value::string("auto"));
  EXPECT_EQ(p.planned.at("timeouts"), config.at("timeouts"));
  EXPECT_THAT(p.requires_replace, IsEmpty());
}

TEST(PlanEngine, MalformedPrivateStateIsAnError) {
  PlainResource r(kSchema);
  Diagnostics d;
  plan_resource_change(r, kSchema, state_value(), state_value(), config_value(), "not json",
                       Context{}, d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.all()[0].summary, "Invalid private state");
}

}  // namespace
}  // namespace cloudssl::framework
