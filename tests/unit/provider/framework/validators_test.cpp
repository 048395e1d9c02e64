// Declarative attribute rules: each rule's verdicts and wording, the walk through nested
// attributes and blocks, and the engine running them on ValidateResourceConfig (protocol level).
#include "provider/framework/validators.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "provider/codec/msgpack_codec.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/provider_service.h"
#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

namespace v = validators;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

Value str(const char* s) { return Value::string(s); }
Value num(const char* text) { return Value::number(*codec::Number::parse(text)); }

// Runs one attribute's rules over `value` inside an object {name = value, siblings...}.
Diagnostics check(const Attribute& attribute, const Value& value,
                  std::map<std::string, Value> siblings = {},
                  std::vector<Attribute> sibling_attributes = {}) {
  Block block;
  block.attributes = std::move(sibling_attributes);
  block.attributes.push_back(attribute);
  siblings[attribute.name] = value;
  Diagnostics d;
  validate_attributes(block, Value::object(implied_type(block), std::move(siblings)), d);
  return d;
}

Attribute string_attr(std::vector<Validator> rules, bool sensitive = false) {
  return {.name = "mode",
          .type = Type::string(),
          .optional = true,
          .sensitive = sensitive,
          .validators = std::move(rules)};
}
Attribute number_attr(std::vector<Validator> rules) {
  return {
      .name = "count", .type = Type::number(), .optional = true, .validators = std::move(rules)};
}

std::string only_detail(const Diagnostics& d) {
  EXPECT_EQ(d.all().size(), 1u);
  return d.all().empty() ? "" : d.all()[0].detail;
}

TEST(OneOf, AcceptsListedRefusesOthersOnTheAttribute) {
  Attribute a = string_attr({v::one_of({"keep", "rollback"})});
  EXPECT_TRUE(check(a, str("keep")).empty());
  EXPECT_TRUE(check(a, Value::null(Type::string())).empty());
  EXPECT_TRUE(check(a, Value::unknown(Type::string())).empty());
  Diagnostics d = check(a, str("drop"));
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].summary, "Invalid mode");
  EXPECT_EQ(d.all()[0].detail, "`mode` must be \"keep\" or \"rollback\", not \"drop\".");
  EXPECT_EQ(d.all()[0].attribute, Path::root("mode"));
  EXPECT_EQ(a.validators[0]->description(), "Must be `keep` or `rollback`.");
}

TEST(OneOf, ThreeOrMoreReadAsOneOfAndExplanationIsAppended) {
  Attribute a = string_attr({v::one_of({"A", "B", "C"}, "Use D elsewhere.")});
  EXPECT_EQ(only_detail(check(a, str("D"))),
            "`mode` must be one of \"A\", \"B\" or \"C\", not \"D\". Use D elsewhere.");
  EXPECT_EQ(a.validators[0]->description(), "Must be one of `A`, `B` or `C`.");
}

TEST(OneOf, SensitiveValueIsNeverQuoted) {
  Attribute a = string_attr({v::one_of({"x"})}, /*sensitive=*/true);
  EXPECT_THAT(only_detail(check(a, str("s3cret"))), Not(HasSubstr("s3cret")));
}

TEST(OneOf, LongAndMultiByteValuesAreCutOnACharacterBoundary) {
  Attribute a = string_attr({v::one_of({"x"})});
  std::string value;
  for (int i = 0; i < 100; ++i) value += "证";
  const std::string detail = only_detail(check(a, Value::string(value)));
  EXPECT_THAT(detail, HasSubstr("…"));
  // Valid UTF-8: every 3-byte character kept whole (64 of them, then the ellipsis).
  std::string kept;
  for (int i = 0; i < 64; ++i) kept += "证";
  EXPECT_THAT(detail, HasSubstr("\"" + kept + "…\""));
}

TEST(Length, NonEmptyAndBounds) {
  Attribute id = string_attr({v::non_empty()});
  EXPECT_EQ(only_detail(check(id, str(""))), "`mode` must not be empty; got 0 characters.");
  EXPECT_TRUE(check(id, str("c-1")).empty());
  EXPECT_EQ(id.validators[0]->description(), "Must not be empty.");

  Attribute name = string_attr({v::length_between(2, 3)});
  EXPECT_TRUE(check(name, str("证书")).empty());  // characters, not bytes
  EXPECT_FALSE(check(name, str("a")).empty());
  EXPECT_FALSE(check(name, str("abcd")).empty());
  EXPECT_EQ(name.validators[0]->description(), "Must be 2 to 3 characters long.");
}

TEST(Matches, WholeStringMustMatch) {
  Attribute a = string_attr({v::matches("[a-z0-9.-]+", "a domain name")});
  EXPECT_TRUE(check(a, str("www.example.com")).empty());
  EXPECT_EQ(only_detail(check(a, str("bad domain!"))),
            "`mode` must be a domain name; got \"bad domain!\".");
  EXPECT_EQ(a.validators[0]->description(), "Must be a domain name.");
}

// The pattern is compiled when a value is first checked, not when the schema is built (a
// compiled std::regex is large and most provider processes check no value): a pattern that
// does not compile only shows then.
TEST(Matches, ThePatternIsCompiledWhenAValueIsFirstChecked) {
  Validator rule;
  EXPECT_NO_THROW(rule = v::matches("(unclosed", "never valid"));
  Attribute a = string_attr({rule});
  EXPECT_EQ(a.validators[0]->description(), "Must be never valid.");
  EXPECT_THROW(check(a, str("x")), std::regex_error);
}

TEST(Duration, SyntaxAndBounds) {
  Attribute a = string_attr({v::duration({.at_least = 1s, .at_most = 720h})});
  EXPECT_TRUE(check(a, str("1h30m")).empty());
  EXPECT_TRUE(check(a, str("720h")).empty());
  EXPECT_FALSE(check(a, str("soon")).empty());
  EXPECT_FALSE(check(a, str("721h")).empty());
  EXPECT_FALSE(check(a, str("500ms")).empty());
  EXPECT_EQ(a.validators[0]->description(),
            "A duration such as \"30s\", \"10m\" or \"1h30m\", from \"1s\" to \"720h\".");
}

TEST(Integer, FractionsAndValuesBeyondInt64AreRefused) {
  Attribute a = number_attr({v::whole_number()});
  EXPECT_TRUE(check(a, Value::number(std::int64_t{42})).empty());
  EXPECT_TRUE(check(a, num("-9223372036854775808")).empty());
  EXPECT_EQ(only_detail(check(a, num("1.5"))),
            "`count` must be a whole number (64-bit integer); got 1.5.");
  EXPECT_FALSE(check(a, num("1e30")).empty());
  EXPECT_FALSE(check(a, num("9223372036854775808")).empty());
  EXPECT_EQ(check(a, num("1e30")).all()[0].attribute, Path::root("count"));
}

TEST(Integer, RangesAndAllowedValues) {
  Attribute range = number_attr({v::int_between(0, 10)});
  EXPECT_TRUE(check(range, num("10")).empty());
  EXPECT_EQ(only_detail(check(range, num("1e12"))),
            "`count` must be a whole number from 0 to 10; got 1000000000000.");
  EXPECT_FALSE(check(range, num("-1")).empty());
  EXPECT_FALSE(check(range, num("2.5")).empty());
  EXPECT_FALSE(check(number_attr({v::int_at_least(1)}), num("0")).empty());
  EXPECT_FALSE(check(number_attr({v::int_at_most(1)}), num("2")).empty());

  Attribute allowed = number_attr({v::int_one_of({3, 12})});
  EXPECT_TRUE(check(allowed, num("3")).empty());
  EXPECT_TRUE(check(allowed, num("12.0")).empty());  // 12.0 is 12
  EXPECT_FALSE(check(allowed, num("6")).empty());
  EXPECT_EQ(allowed.validators[0]->description(), "A whole number, one of 3, 12.");
}

TEST(Collections, SizeAndEachOnASetReportOnTheSet) {
  Attribute a{.name = "types",
              .type = Type::set(Type::string()),
              .optional = true,
              .validators = {v::size_at_least(1), v::each(v::one_of({"clb", "cdn"}))}};
  EXPECT_TRUE(check(a, Value::set(Type::string(), {str("clb")})).empty());
  Diagnostics empty = check(a, Value::set(Type::string(), {}));
  ASSERT_EQ(empty.all().size(), 1u);
  EXPECT_EQ(empty.all()[0].detail, "`types` must have at least 1 element; got 0.");
  Diagnostics bad = check(a, Value::set(Type::string(), {str("clb"), str("waf")}));
  ASSERT_EQ(bad.all().size(), 1u);
  EXPECT_EQ(bad.all()[0].attribute, Path::root("types"));  // set elements are not addressable
  EXPECT_THAT(bad.all()[0].detail, HasSubstr("\"waf\""));
  // Unknown elements: the size is not known yet, the known elements are checked.
  EXPECT_TRUE(check(a, Value::set(Type::string(), {Value::unknown(Type::string())})).empty());
  EXPECT_EQ(describe_validators(a), "At least 1 element. Each element: must be `clb` or `cdn`.");
}

TEST(Collections, EachOnAListPointsAtTheElement) {
  Attribute a{.name = "statuses",
              .type = Type::list(Type::number()),
              .optional = true,
              .validators = {v::size_at_most(2), v::each(v::int_between(0, 14))}};
  Diagnostics d = check(a, Value::list(Type::number(), {num("1"), num("99")}));
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].attribute, Path::root("statuses").index(1));
  EXPECT_EQ(d.all()[0].detail, "`statuses[1]` must be a whole number from 0 to 14; got 99.");
  EXPECT_FALSE(check(a, Value::list(Type::number(), {num("1"), num("2"), num("3")})).empty());
}

TEST(Collections, MapKeysAndValues) {
  Attribute a{
      .name = "tags",
      .type = Type::map(Type::string()),
      .optional = true,
      .validators = {v::keys(v::matches("[a-z]+", "lower-case letters")), v::each(v::non_empty())}};
  EXPECT_TRUE(check(a, Value::map(Type::string(), {{"env", str("prod")}})).empty());
  Diagnostics d = check(a, Value::map(Type::string(), {{"Env", str("")}}));
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].attribute, Path::root("tags"));
  EXPECT_THAT(d.all()[0].detail, HasSubstr("\"Env\""));
  EXPECT_EQ(d.all()[1].attribute, Path::root("tags").key("Env"));
  EXPECT_EQ(describe_validators(a),
            "Each key: must be lower-case letters. Each element: must not be empty.");
}

TEST(Siblings, ConflictsWithAlsoRequiresRequiredIf) {
  Attribute other{.name = "other", .type = Type::string(), .optional = true};
  Attribute flag{.name = "flag", .type = Type::boolean(), .optional = true};

  Attribute conflicts = string_attr({v::conflicts_with({"other"})});
  EXPECT_TRUE(check(conflicts, str("a"), {}, {other}).empty());
  Diagnostics both = check(conflicts, str("a"), {{"other", str("b")}}, {other});
  ASSERT_EQ(both.all().size(), 1u);
  EXPECT_EQ(both.all()[0].attribute, Path::root("mode"));
  EXPECT_EQ(both.all()[0].detail, "`mode` cannot be set together with `other`: set only one.");
  // Not known yet: no verdict.
  EXPECT_TRUE(
      check(conflicts, Value::unknown(Type::string()), {{"other", str("b")}}, {other}).empty());

  Attribute requires_other = string_attr({v::also_requires({"other"})});
  EXPECT_FALSE(check(requires_other, str("a"), {}, {other}).empty());
  EXPECT_TRUE(check(requires_other, str("a"), {{"other", str("b")}}, {other}).empty());
  EXPECT_TRUE(check(requires_other, Value::null(Type::string()), {}, {other}).empty());

  Attribute regions{.name = "regions",
                    .type = Type::set(Type::string()),
                    .optional = true,
                    .validators = {v::required_if("flag", Value::boolean(true))}};
  const Value none = Value::null(Type::set(Type::string()));
  EXPECT_TRUE(check(regions, none, {}, {flag}).empty());
  EXPECT_TRUE(check(regions, none, {{"flag", Value::boolean(false)}}, {flag}).empty());
  EXPECT_EQ(only_detail(check(regions, none, {{"flag", Value::boolean(true)}}, {flag})),
            "`regions` is required when `flag` is true.");
  EXPECT_FALSE(
      check(regions, Value::set(Type::string(), {}), {{"flag", Value::boolean(true)}}, {flag})
          .empty());
  EXPECT_TRUE(check(regions, Value::set(Type::string(), {str("ap-guangzhou")}),
                    {{"flag", Value::boolean(true)}}, {flag})
                  .empty());
  EXPECT_TRUE(check(regions, none, {{"flag", Value::unknown(Type::boolean())}}, {flag}).empty());
  EXPECT_EQ(describe_validators(regions), "Required when `flag` is `true`.");
  EXPECT_EQ(describe_validators(conflicts), "Conflicts with `other`.");
  EXPECT_EQ(describe_validators(requires_other), "Requires `other`.");
}

TEST(Walk, NestedAttributesAndBlocksAreCheckedWithTheirPaths) {
  Block block{
      .attributes = {{.name = "rules",
                      .nested = {{.name = "port",
                                  .type = Type::number(),
                                  .optional = true,
                                  .validators = {v::int_between(1, 65535)}},
                                 {.name = "other", .type = Type::number(), .optional = true}},
                      .nesting = Nesting::List,
                      .optional = true}},
      .blocks = {{.type_name = "target",
                  .block = {.attributes = {{.name = "id",
                                            .type = Type::string(),
                                            .required = true,
                                            .validators = {v::non_empty()}}}},
                  .nesting = Nesting::Set}}};
  const Type t = implied_type(block);
  const Type rule = t.attribute_types().at("rules").element_type();
  const Type target = t.attribute_types().at("target").element_type();
  Value config = Value::object(
      t, {{"rules", Value::list(rule, {Value::object(rule, {{"port", num("80")}}),
                                       Value::object(rule, {{"port", num("70000")}})})},
          {"target", Value::set(target, {Value::object(target, {{"id", str("")}})})}});
  Diagnostics d;
  validate_attributes(block, config, d);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].attribute, Path::root("rules").index(1).attr("port"));
  EXPECT_EQ(d.all()[1].attribute, Path::root("target"));  // cut before the set element
  EXPECT_THAT(d.all()[1].detail, HasSubstr("target"));
}

TEST(FormatDuration, GoStyle) {
  EXPECT_EQ(format_duration(720h), "720h");
  EXPECT_EQ(format_duration(90min), "1h30m");
  EXPECT_EQ(format_duration(90s), "1m30s");
  EXPECT_EQ(format_duration(500ms), "500ms");
  EXPECT_EQ(format_duration(1500ms), "1.5s");
  EXPECT_EQ(format_duration(0ms), "0s");
}

// ---------------------------------------------------------------------------------------
// The engine and the protocol
// ---------------------------------------------------------------------------------------

Schema rules_schema() {
  return Schema{.block = {.attributes = {{.name = "id", .type = Type::string(), .computed = true},
                                         {.name = "certificate_id",
                                          .type = Type::string(),
                                          .required = true,
                                          .validators = {v::non_empty()}},
                                         {.name = "project_id",
                                          .type = Type::number(),
                                          .optional = true,
                                          .validators = {v::int_at_least(0)}}}}};
}

TEST(Engine, ValidatorsRunBeforeTheResourcesOwnValidate) {
  testing::FakeResource r(rules_schema());
  std::vector<std::string> order;
  r.on_validate = [&](const ValidateRequest&, Diagnostics& d) {
    order.push_back("resource saw " + std::to_string(d.all().size()));
  };
  const Type t = implied_type(rules_schema());
  Diagnostics d;
  validate_resource_config(
      r, rules_schema(),
      Value::object(t, {{"certificate_id", str("")}, {"project_id", num("1.5")}}), Context{}, d);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].attribute, Path::root("certificate_id"));
  EXPECT_EQ(d.all()[1].attribute, Path::root("project_id"));
  EXPECT_EQ(order, std::vector<std::string>{"resource saw 2"});
}

class RulesDataSource : public DataSource {
 public:
  Schema schema() const override { return rules_schema(); }
  Value read(const DataSourceReadRequest& r, Diagnostics&) const override { return r.config; }
};

// A list resource needs a managed resource of its name that has an identity.
class IdentifiedResource : public testing::FakeResource, public ResourceWithIdentity {
 public:
  IdentifiedResource() : FakeResource(rules_schema()) {}
  IdentitySchema identity_schema() const override {
    return {.attributes = {{.name = "certificate_id", .required_for_import = true}}};
  }
  std::optional<Value> identity_of(const Value&, const Context&) const override {
    return std::nullopt;
  }
  std::string import_id(const Value&, const Context&, Diagnostics&) const override { return ""; }
};

class RulesList : public ListResource {
 public:
  Schema schema() const override { return rules_schema(); }
  void list(const ListRequest&, ListSink&, Diagnostics&) const override {}
};

class RulesAction : public Action {
 public:
  Schema schema() const override { return rules_schema(); }
  void invoke(const ActionRequest&, ActionProgress&, Diagnostics&) const override {}
};

// One Validate*Config call of `type_name` with `config` (msgpack of `type`), as Terraform
// sends it; the call itself must succeed (rule violations are diagnostics).
template <class Request, class Response>
Response validate_config(ProviderService& service,
                         grpc::Status (ProviderService::*rpc)(grpc::ServerContext*, const Request*,
                                                              Response*),
                         const std::string& type_name, const Value& config, const Type& type) {
  grpc::ServerContext ctx;
  Request req;
  req.set_type_name(type_name);
  req.mutable_config()->set_msgpack(codec::to_msgpack(config, type));
  Response resp;
  EXPECT_TRUE((service.*rpc)(&ctx, &req, &resp).ok());
  return resp;
}

TEST(Engine, ProtocolValidateRpcsReportTheAttributePath) {
  auto resource = std::make_shared<testing::FakeResource>(rules_schema());
  auto provider = std::make_shared<testing::FakeProvider>();
  Registry registry("demo", provider);
  registry.add_resource("demo_thing", resource);
  registry.add_data_source("demo_lookup", std::make_shared<RulesDataSource>());
  registry.add_resource("demo_listed", std::make_shared<IdentifiedResource>());
  registry.add_list_resource("demo_listed", std::make_shared<RulesList>());
  registry.add_action("demo_act", std::make_shared<RulesAction>());
  ProviderService service(registry);
  const Type t = implied_type(rules_schema());

  // What Terraform sends for `project_id = 1e30`: a msgpack float (not an integer).
  const auto resp = validate_config(
      service, &ProviderService::ValidateResourceConfig, "demo_thing",
      Value::object(t, {{"certificate_id", str("c-1")}, {"project_id", num("1e30")}}), t);
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "project_id");

  const auto dresp =
      validate_config(service, &ProviderService::ValidateDataResourceConfig, "demo_lookup",
                      Value::object(t, {{"certificate_id", str("")}}), t);
  ASSERT_EQ(dresp.diagnostics_size(), 1);
  EXPECT_EQ(dresp.diagnostics(0).attribute().steps(0).attribute_name(), "certificate_id");
  EXPECT_THAT(dresp.diagnostics(0).detail(), HasSubstr("must not be empty"));

  // List resource (6.10) and action (6.10) configurations follow the same rules.
  const auto lresp =
      validate_config(service, &ProviderService::ValidateListResourceConfig, "demo_listed",
                      Value::object(t, {{"project_id", num("1.5")}}), t);
  ASSERT_EQ(lresp.diagnostics_size(), 1);
  EXPECT_EQ(lresp.diagnostics(0).attribute().steps(0).attribute_name(), "project_id");

  const auto aresp = validate_config(service, &ProviderService::ValidateActionConfig, "demo_act",
                                     Value::object(t, {{"certificate_id", str("")}}), t);
  ASSERT_EQ(aresp.diagnostics_size(), 1);
  EXPECT_EQ(aresp.diagnostics(0).attribute().steps(0).attribute_name(), "certificate_id");
}

}  // namespace
}  // namespace cloudssl::framework
