// Rules every type of the provider keeps, checked over the whole registry so that a new
// resource, data source, ephemeral resource, action or attribute cannot miss them (issue 15
// defects 2 and 3): an id the configuration gives is refused when empty (by a declarative
// rule, which the docs state), and a number the configuration gives refuses fractions and
// values beyond int64, each as an error on its own attribute when Terraform validates the
// configuration (so at plan, before any API call), in nested blocks too.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "cloudssl/cloudssl_provider.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/provider_service.h"
#include "provider/framework/validators.h"

namespace cloudssl {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

bool is_id(const std::string& name) {
  return name == "id" || (name.size() > 3 && name.ends_with("_id"));
}
bool is_id_list(const std::string& name) { return name == "ids" || name.ends_with("_ids"); }
bool is_collection(const Type& t) {
  return t.kind() == Type::Kind::List || t.kind() == Type::Kind::Set;
}

// One value the configuration can give, and where its error belongs.
struct Probe {
  std::string type_name;    // "resource cloudssl_x" / "data cloudssl_x" / "provider"
  Path path;                // of the attribute
  Value config;             // the whole configuration object
  std::string description;  // for failure messages
};

// The configuration object of `block` with `value` at `name` inside the nested blocks
// `nesting` (outermost first), everything else null.
Value config_with(const framework::Block& block,
                  const std::vector<const framework::NestedBlock*>& nesting, std::size_t depth,
                  const std::string& name, const Value& value) {
  const Type type = framework::implied_type(block);
  if (depth == nesting.size()) return Value::object(type, {{name, value}});
  const framework::NestedBlock& nb = *nesting[depth];
  const Value inner = config_with(nb.block, nesting, depth + 1, name, value);
  auto wrap = [&]() -> Value {
    switch (nb.nesting) {
      case framework::Nesting::List:
        return Value::list(inner.type(), {inner});
      case framework::Nesting::Set:
        return Value::set(inner.type(), {inner});
      case framework::Nesting::Map:
        return Value::map(inner.type(), {{"k", inner}});
      default:
        return inner;
    }
  };
  return Value::object(type, {{nb.type_name, wrap()}});
}

// Every configurable attribute of `block` (nested blocks included) that `pick` selects, with
// the values `make` gives for it.
void collect(const framework::Block& top, const framework::Block& block,
             std::vector<const framework::NestedBlock*> nesting, const std::string& type_name,
             const std::function<std::vector<Value>(const framework::Attribute&)>& make,
             std::vector<Probe>& out) {
  for (const framework::Attribute& a : block.attributes) {
    if (!a.required && !a.optional) continue;
    for (const Value& v : make(a)) {
      Path path;
      for (const auto* nb : nesting) path = path.attr(nb->type_name);
      out.push_back({type_name, path.attr(a.name), config_with(top, nesting, 0, a.name, v),
                     a.name + " = " + v.debug_string()});
    }
  }
  for (const framework::NestedBlock& nb : block.blocks) {
    if (nb.type_name == "timeouts") continue;
    auto inner = nesting;
    inner.push_back(&nb);
    collect(top, nb.block, inner, type_name, make, out);
  }
}

// Whether `d` holds an error on `attribute`, or on an element inside it (tags["k"],
// statuses[1]). Terraform's paths cannot address a set element, so an error inside a set
// block (a deployment target's field) is on the block and names the field in its detail.
bool error_on(const framework::Diagnostics& d, const Path& attribute) {
  const std::string field = "`" + attribute.steps().back().name + "`";
  for (const auto& item : d.all()) {
    if (item.severity != framework::Severity::Error || !item.attribute) continue;
    std::vector<Path::Step> named;
    for (const auto& step : item.attribute->steps()) {
      if (step.kind == Path::Step::Kind::Attribute) named.push_back(step);
    }
    const auto& want = attribute.steps();
    if (named.size() >= want.size() && std::equal(want.begin(), want.end(), named.begin()))
      return true;
    const bool cut_at_set = item.attribute->until_set_element() == *item.attribute &&
                            named.size() < want.size() &&
                            std::equal(named.begin(), named.end(), want.begin());
    if (cut_at_set && item.detail.find(field) != std::string::npos) return true;
  }
  return false;
}

// Which rules a probe meets: all, as Terraform's Validate*Config would run them (the
// schema's declarative rules, then the type's own validate()), or the declarative ones alone,
// which are the ones the generated docs state.
enum class Rules { All, Declarative };

// Validates every probe and reports the ones without an error on their attribute.
std::vector<std::string> unrefused(
    const framework::Registry& registry,
    const std::function<std::vector<Value>(const framework::Attribute&)>& make, bool with_provider,
    Rules rules = Rules::All) {
  std::vector<std::string> missing;
  framework::Context ctx;
  auto check = [&](const std::vector<Probe>& probes, const auto& validate) {
    for (const Probe& p : probes) {
      framework::Diagnostics d;
      validate(p.config, d);
      if (!error_on(d, p.path)) missing.push_back(p.type_name + ": " + p.description);
    }
  };
  for (const auto& [name, resource] : registry.resources()) {
    const framework::Schema schema = resource->schema();
    std::vector<Probe> probes;
    collect(schema.block, schema.block, {}, "resource " + name, make, probes);
    check(probes, [&](const Value& config, framework::Diagnostics& d) {
      if (rules == Rules::Declarative)
        return framework::validate_attributes(schema.block, config, d);
      framework::validate_resource_config(*resource, schema, config, ctx, d);
    });
  }
  // Data sources, ephemeral resources and actions validate alike.
  auto walk = [&](const std::string& kind, const auto& types) {
    for (const auto& [name, type] : types) {
      const framework::Schema schema = type->schema();
      std::vector<Probe> probes;
      collect(schema.block, schema.block, {}, kind + " " + name, make, probes);
      check(probes, [&](const Value& config, framework::Diagnostics& d) {
        framework::validate_attributes(schema.block, config, d);
        if (rules == Rules::All) type->validate(framework::ValidateRequest{config, ctx}, d);
      });
    }
  };
  walk("data", registry.data_sources());
  walk("ephemeral", registry.ephemeral_resources());
  walk("action", registry.actions());
  if (!with_provider) return missing;
  const framework::Schema provider_schema = registry.provider().schema();
  std::vector<Probe> probes;
  collect(provider_schema.block, provider_schema.block, {}, "provider", make, probes);
  check(probes, [&](const Value& config, framework::Diagnostics& d) {
    framework::validate_attributes(provider_schema.block, config, d);
    registry.provider().validate(framework::ValidateRequest{config, ctx}, d);
  });
  return missing;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

// The empty ids of every type (the provider's "" means "take it from the environment"), and
// how many attributes were probed.
std::vector<std::string> unrefused_empty_ids(Rules rules, std::size_t& ids) {
  return unrefused(
      make_cloudssl_registry(),
      [&](const framework::Attribute& a) -> std::vector<Value> {
        if (a.type == Type::string() && is_id(a.name)) {
          ++ids;
          return {Value::string("")};
        }
        if (is_collection(a.type) && a.type.element_type() == Type::string() &&
            is_id_list(a.name)) {
          ++ids;
          const Value empty = Value::string("");
          return {a.type.kind() == Type::Kind::List ? Value::list(Type::string(), {empty})
                                                    : Value::set(Type::string(), {empty})};
        }
        return {};
      },
      /*with_provider=*/false, rules);
}

// Every schema keeps the protocol's and the framework's rules (identity, function, list and
// action schemas included). The provider does not check them when it starts (issue 18): a
// schema problem fails here.
TEST(SchemaRules, EverySchemaIsValid) {
  const std::vector<std::string> problems = framework::schema_problems(make_cloudssl_registry());
  EXPECT_TRUE(problems.empty()) << "invalid schemas:" << joined(problems);
}

TEST(SchemaRules, EveryEmptyIdIsAnErrorOnItsAttribute) {
  std::size_t ids = 0;
  const auto missing = unrefused_empty_ids(Rules::All, ids);
  EXPECT_GE(ids, 15u) << "the walk no longer finds the ids it should";
  EXPECT_TRUE(missing.empty()) << "empty ids accepted:" << joined(missing);
}

// The rule is declarative everywhere (common::certificate_id_argument, validators::non_empty),
// so the generated docs state it: a check in a type's validate() refuses the value too, but
// leaves the attribute's documentation silent.
TEST(SchemaRules, EveryEmptyIdIsRefusedByADeclarativeRule) {
  std::size_t ids = 0;
  const auto missing = unrefused_empty_ids(Rules::Declarative, ids);
  EXPECT_GE(ids, 15u) << "the walk no longer finds the ids it should";
  EXPECT_TRUE(missing.empty()) << "empty ids refused only by hand-written checks:"
                               << joined(missing);
}

TEST(SchemaRules, EveryNumberRefusesFractionsAndValuesBeyondInt64) {
  const framework::Registry registry = make_cloudssl_registry();
  std::size_t numbers = 0;
  const auto missing = unrefused(
      registry,
      [&](const framework::Attribute& a) -> std::vector<Value> {
        std::vector<Value> out;
        for (const char* text : {"1.5", "1e30", "-1e30"}) {
          const Value n = Value::number(*codec::Number::parse(text));
          if (a.type == Type::number()) out.push_back(n);
          if (is_collection(a.type) && a.type.element_type() == Type::number())
            out.push_back(a.type.kind() == Type::Kind::List ? Value::list(Type::number(), {n})
                                                            : Value::set(Type::number(), {n}));
        }
        if (!out.empty()) ++numbers;
        return out;
      },
      /*with_provider=*/true);
  EXPECT_GE(numbers, 8u) << "the walk no longer finds the numbers it should";
  EXPECT_TRUE(missing.empty()) << "numbers accepted:" << joined(missing);
}

// Every attribute and block the docs list says what it is (issue 17: the generated pages
// show a description for everything), and no attribute hides undescribed fields in an object
// type: results with fields are nested attributes, whose fields carry descriptions.
void undescribed(const std::string& where, const framework::Block& block,
                 std::vector<std::string>& out);

void undescribed(const std::string& where, const std::vector<framework::Attribute>& attributes,
                 std::vector<std::string>& out) {
  for (const framework::Attribute& a : attributes) {
    const std::string name = where + "." + a.name;
    if (a.description.empty() && a.markdown_description.empty()) out.push_back(name);
    if (!a.nested.empty()) undescribed(name, a.nested, out);
    const Type* t = &a.type;
    while (is_collection(*t) || t->kind() == Type::Kind::Map) t = &t->element_type();
    if (a.nested.empty() && t->kind() == Type::Kind::Object)
      out.push_back(name + " (object fields without descriptions)");
  }
}

void undescribed(const std::string& where, const framework::Block& block,
                 std::vector<std::string>& out) {
  undescribed(where, block.attributes, out);
  for (const framework::NestedBlock& nb : block.blocks) {
    const std::string name = where + "." + nb.type_name;
    if (nb.block.description.empty() && nb.block.markdown_description.empty()) out.push_back(name);
    undescribed(name, nb.block, out);
  }
}

TEST(SchemaRules, EveryAttributeBlockAndFunctionArgumentIsDescribed) {
  const framework::Registry registry = make_cloudssl_registry();
  std::vector<std::string> missing;
  undescribed("provider", registry.provider().schema().block, missing);
  for (const auto& [name, resource] : registry.resources())
    undescribed(name, resource->schema().block, missing);
  for (const auto& [name, data_source] : registry.data_sources())
    undescribed("data." + name, data_source->schema().block, missing);
  for (const auto& [name, function] : registry.functions()) {
    const framework::FunctionSignature s = function->signature();
    if (s.summary.empty() || s.description.empty()) missing.push_back(name + "()");
    for (const auto& p : s.parameters)
      if (p.description.empty()) missing.push_back(name + "(" + p.name + ")");
    if (s.return_type.kind() == Type::Kind::Object) {
      for (const auto& [field, type] : s.return_type.attribute_types())
        if (!s.return_attribute_descriptions.count(field))
          missing.push_back(name + "() result ." + field);
    }
  }
  EXPECT_TRUE(missing.empty()) << "without a description:" << joined(missing);
}

}  // namespace
}  // namespace cloudssl
