#include "provider/codec/value.h"

#include <gtest/gtest.h>

namespace cloudssl::codec {
namespace {

Type cert_type() {
  return Type::object({{"id", Type::string()},
                       {"name", Type::string()},
                       {"days", Type::number()},
                       {"tags", Type::map(Type::string())},
                       {"rule", Type::list(Type::object({{"port", Type::number()}}))}});
}

TEST(ValueTest, DefaultIsNullDynamic) {
  Value v;
  EXPECT_TRUE(v.is_null());
  EXPECT_TRUE(v.is_known());
  EXPECT_TRUE(v.type().is_dynamic());
  EXPECT_TRUE(v.is_wholly_known());
}

TEST(ValueTest, PrimitivesCarryTheirType) {
  EXPECT_EQ(Value::string("x").type(), Type::string());
  EXPECT_EQ(Value::string("x").as_string(), "x");
  EXPECT_EQ(Value::number(3).as_number().to_int64(), 3);
  EXPECT_EQ(Value::number(Number::from_double(0.5)).type(), Type::number());
  EXPECT_TRUE(Value::boolean(true).as_bool());
  EXPECT_THROW(Value::string("x").as_bool(), std::logic_error);
  EXPECT_THROW(Value::null(Type::string()).as_string(), std::logic_error);
  EXPECT_THROW(Value::unknown(Type::string()).as_string(), std::logic_error);
}

TEST(ValueTest, UnknownAndRefinements) {
  Refinements r;
  r.not_null = true;
  r.string_prefix = "abc";
  Value u = Value::unknown(Type::string(), r);
  EXPECT_TRUE(u.is_unknown());
  EXPECT_FALSE(u.is_null());
  EXPECT_FALSE(u.is_wholly_known());
  EXPECT_TRUE(u.refinements().not_null);
  EXPECT_EQ(u.refinements().string_prefix, "abc");
  // Refinements do not take part in equality.
  EXPECT_EQ(u, Value::unknown(Type::string()));
  EXPECT_NE(u, Value::unknown(Type::number()));
  EXPECT_NE(u, Value::null(Type::string()));
  EXPECT_FALSE(Value::string("a").refinements().not_null);
}

TEST(ValueTest, ObjectFillsMissingAttributesWithNull) {
  Value v = Value::object(cert_type(), {{"name", Value::string("x")}});
  EXPECT_EQ(v.length(), 5u);
  EXPECT_TRUE(v.at("id").is_null());
  EXPECT_EQ(v.at("id").type(), Type::string());
  EXPECT_EQ(v.at("tags").type(), Type::map(Type::string()));
  EXPECT_EQ(v.get_string("name"), "x");
  EXPECT_EQ(v.get_string("id"), std::nullopt);
  EXPECT_EQ(v.get_int("days"), std::nullopt);
  EXPECT_TRUE(v.has("days"));
  EXPECT_FALSE(v.has("nope"));
  EXPECT_THROW(v.at("nope"), std::out_of_range);
  EXPECT_EQ(v.type(), cert_type());
}

TEST(ValueTest, ObjectRejectsExtraAndMistypedAttributes) {
  EXPECT_THROW(Value::object(cert_type(), {{"extra", Value::string("x")}}), CodecError);
  EXPECT_THROW(Value::object(cert_type(), {{"days", Value::string("30")}}), CodecError);
  EXPECT_THROW(Value::object(Type::string(), {}), CodecError);
}

TEST(ValueTest, NullOrUnknownDynamicTakesTheSlotType) {
  Value v =
      Value::object(cert_type(), {{"id", Value::unknown(Type::dynamic())}, {"name", Value()}});
  EXPECT_TRUE(v.at("id").is_unknown());
  EXPECT_EQ(v.at("id").type(), Type::string());
  EXPECT_EQ(v.at("name").type(), Type::string());
  EXPECT_EQ(Value::conform(Value(), Type::number()), Value::null(Type::number()));
  EXPECT_THROW(Value::conform(Value::string("x"), Type::number()), CodecError);
}

TEST(ValueTest, DynamicSlotsKeepConcreteTypes) {
  Type t = Type::object({{"any", Type::dynamic()}});
  Value v = Value::object(t, {{"any", Value::string("hello")}});
  EXPECT_EQ(v.at("any").type(), Type::string());
  Value w = v.with("any", Value::number(1));
  EXPECT_EQ(w.at("any").type(), Type::number());
  EXPECT_NE(v, w);
  Value n = Value::object(t, {});
  EXPECT_TRUE(n.at("any").type().is_dynamic());
}

TEST(ValueTest, GettersReadKnownAttributes) {
  Type t = Type::object({{"s", Type::string()}, {"n", Type::number()}, {"b", Type::boolean()}});
  Value v = Value::object(
      t, {{"s", Value::string("a")}, {"n", Value::number(7)}, {"b", Value::boolean(false)}});
  EXPECT_EQ(v.get_string("s"), "a");
  EXPECT_EQ(v.get_int("n"), 7);
  EXPECT_EQ(v.get_bool("b"), false);
  EXPECT_EQ(v.with("n", Value::number(Number::from_double(1.5))).get_int("n"), std::nullopt);
  EXPECT_EQ(v.with("s", Value::unknown(Type::string())).get_string("s"), std::nullopt);
  EXPECT_EQ(Value::null(t).get_string("s"), std::nullopt);
  EXPECT_THROW(v.get_string("n"), std::logic_error);
}

TEST(ValueTest, ListsCheckElementTypes) {
  Value l = Value::list(Type::string(), {Value::string("a"), Value::string("b")});
  EXPECT_EQ(l.type(), Type::list(Type::string()));
  EXPECT_EQ(l.length(), 2u);
  EXPECT_THROW(Value::list(Type::string(), {Value::number(1)}), CodecError);
  Value empty = Value::list(Type::number(), {});
  EXPECT_EQ(empty.type(), Type::list(Type::number()));
  EXPECT_NE(empty, Value::list(Type::string(), {}));
  // Order matters for lists.
  EXPECT_NE(l, Value::list(Type::string(), {Value::string("b"), Value::string("a")}));
}

TEST(ValueTest, SetsDedupeAndCompareOrderFree) {
  Value a =
      Value::set(Type::string(), {Value::string("b"), Value::string("a"), Value::string("b")});
  Value b = Value::set(Type::string(), {Value::string("a"), Value::string("b")});
  EXPECT_EQ(a.length(), 2u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.elements()[0].as_string(), "a");
  // Numbers dedupe numerically.
  Value n = Value::set(Type::number(), {Value::number(1), Value::number(Number::from_double(1.0)),
                                        Value::number(*Number::parse("1.000"))});
  EXPECT_EQ(n.length(), 1u);
  // Unknowns never collapse (cty does not consider them equal members).
  Value u = Value::set(Type::string(), {Value::unknown(Type::string()),
                                        Value::unknown(Type::string()), Value::string("x")});
  EXPECT_EQ(u.length(), 3u);
  EXPECT_FALSE(u.is_wholly_known());
  // Nulls do collapse.
  Value nulls = Value::set(Type::string(), {Value::null(Type::string()), Value()});
  EXPECT_EQ(nulls.length(), 1u);
  // Objects containing unknowns stay apart.
  Type ot = Type::object({{"k", Type::string()}, {"id", Type::string()}});
  Value o1 = Value::object(ot, {{"k", Value::string("a")}, {"id", Value::unknown(Type::string())}});
  EXPECT_EQ(Value::set(ot, {o1, o1}).length(), 2u);
  EXPECT_EQ(Value::set(ot, {o1.with("id", Value::string("1")), o1.with("id", Value::string("1"))})
                .length(),
            1u);
}

TEST(ValueTest, MapsAndTuples) {
  Value m = Value::map(Type::number(), {{"a", Value::number(1)}, {"b", Value::number(2)}});
  EXPECT_EQ(m.type(), Type::map(Type::number()));
  EXPECT_EQ(m.at("b").as_number().to_int64(), 2);
  EXPECT_THROW(Value::map(Type::number(), {{"a", Value::boolean(true)}}), CodecError);
  Value t = Value::tuple({Value::string("a"), Value::number(1)});
  EXPECT_EQ(t.type(), Type::tuple({Type::string(), Type::number()}));
  EXPECT_EQ(t.elements()[1].as_number().to_int64(), 1);
}

TEST(ValueTest, EqualityIsTypedAndNumeric) {
  EXPECT_EQ(Value::number(1), Value::number(Number::from_double(1.0)));
  EXPECT_EQ(Value::number(1), Value::number(*Number::parse("1.000")));
  EXPECT_NE(Value::string("1"), Value::number(1));
  EXPECT_NE(Value::null(Type::string()), Value::null(Type::number()));
  EXPECT_EQ(Value::null(Type::string()), Value::null(Type::string()));
  EXPECT_NE(Value::null(Type::string()), Value::string(""));
  Value a = Value::object(cert_type(), {{"name", Value::string("x")}});
  Value b = Value::object(cert_type(), {{"name", Value::string("x")}, {"id", Value()}});
  EXPECT_EQ(a, b);
  EXPECT_NE(a, a.with("days", Value::number(1)));
}

TEST(ValueTest, WithReplacesOneAttribute) {
  Value a = Value::object(cert_type(), {{"name", Value::string("x")}});
  Value b = a.with("id", Value::string("cert-1"));
  EXPECT_EQ(b.get_string("id"), "cert-1");
  EXPECT_TRUE(a.at("id").is_null());  // the original is untouched
  EXPECT_THROW(a.with("nope", Value::string("1")), CodecError);
  EXPECT_THROW(a.with("id", Value::number(1)), CodecError);
  EXPECT_THROW(Value::null(cert_type()).with("id", Value::string("x")), CodecError);
  EXPECT_THROW(Value::string("x").with("id", Value::string("x")), CodecError);
}

// A certificate value with tags {env = "prod"} and one rule {port = 443}, for the path tests.
Value tags_and_rule() {
  Type rule = Type::object({{"port", Type::number()}});
  return Value::object(
      cert_type(),
      {{"tags", Value::map(Type::string(), {{"env", Value::string("prod")}})},
       {"rule", Value::list(rule, {Value::object(rule, {{"port", Value::number(443)}})})}});
}

TEST(ValueTest, FindFollowsPaths) {
  const Value v = tags_and_rule();
  ASSERT_NE(v.find(Path::root("tags").key("env")), nullptr);
  EXPECT_EQ(v.find(Path::root("tags").key("env"))->as_string(), "prod");
  EXPECT_EQ(v.find(Path::root("rule").index(0).attr("port"))->as_number().to_int64(), 443);
  EXPECT_EQ(v.find(Path()), &v);
  EXPECT_EQ(v.find(Path::root("rule").index(1)), nullptr);
  EXPECT_EQ(v.find(Path::root("rule").index(-1)), nullptr);
  EXPECT_EQ(v.find(Path::root("tags").key("nope")), nullptr);
  EXPECT_EQ(v.find(Path::root("tags").attr("env")), nullptr);  // attribute step on a map
  EXPECT_EQ(v.find(Path::root("id").attr("x")), nullptr);      // through a null
  EXPECT_EQ(v.find(Path::root("nope")), nullptr);
}

TEST(ValueTest, WithPathReplacesDeepElements) {
  const Value v = tags_and_rule();
  Value w = v.with_path(Path::root("rule").index(0).attr("port"), Value::unknown(Type::number()));
  EXPECT_TRUE(w.find(Path::root("rule").index(0).attr("port"))->is_unknown());
  EXPECT_FALSE(w.is_wholly_known());
  EXPECT_TRUE(v.is_wholly_known());
  Value added = v.with_path(Path::root("tags").key("team"), Value::string("ssl"));
  EXPECT_EQ(added.at("tags").length(), 2u);
  EXPECT_THROW(v.with_path(Path::root("rule").index(5).attr("port"), Value::number(1)), CodecError);
  EXPECT_THROW(v.with_path(Path::root("rule").index(0).attr("port"), Value::string("x")),
               CodecError);
  EXPECT_THROW(v.with_path(Path::root("id").attr("x"), Value::string("x")), CodecError);
  EXPECT_EQ(v.with_path(Path(), v), v);
}

TEST(ValueTest, WithPathOnSetElementRenormalises) {
  Value s = Value::set(Type::string(), {Value::string("a"), Value::string("b")});
  Value t = s.with_path(Path().set_element(0), Value::string("b"));
  EXPECT_EQ(t.length(), 1u);
}

TEST(ValueTest, TransformRewritesBottomUp) {
  Value v = Value::object(cert_type(),
                          {{"name", Value::string("x")},
                           {"tags", Value::map(Type::string(), {{"a", Value::string("1")}})}});
  std::vector<std::string> order;
  Value out = v.transform([&](const Path& p, const Value& node) {
    order.push_back(p.to_string());
    if (node.type() == Type::string() && node.is_known() && !node.is_null()) {
      return Value::string(node.as_string() + "!");
    }
    return node;
  });
  EXPECT_EQ(out.get_string("name"), "x!");
  EXPECT_EQ(out.at("tags").at("a").as_string(), "1!");
  // Children before parents; the root last.
  EXPECT_EQ(order.back(), "");
  auto tags = std::find(order.begin(), order.end(), "tags");
  auto tag_a = std::find(order.begin(), order.end(), "tags[\"a\"]");
  EXPECT_LT(tag_a, tags);
  // A rewrite that breaks the type is refused.
  EXPECT_THROW(v.transform([](const Path& p, const Value& node) {
    return p == Path::root("days") ? Value::string("no") : node;
  }),
               CodecError);
  // Identity transform returns an equal value.
  EXPECT_EQ(v.transform([](const Path&, const Value& n) { return n; }), v);
}

TEST(ValueTest, TransformCanMarkUnknown) {
  Value v = Value::object(cert_type(), {{"name", Value::string("x")}});
  Value planned = v.transform([](const Path& p, const Value& node) {
    return p == Path::root("id") ? Value::unknown(node.type()) : node;
  });
  EXPECT_TRUE(planned.at("id").is_unknown());
  EXPECT_EQ(planned.get_string("name"), "x");
}

TEST(ValueTest, WalkVisitsTopDownAndCanSkip) {
  Type rule = Type::object({{"port", Type::number()}});
  Value v = Value::object(
      cert_type(),
      {{"rule", Value::list(rule, {Value::object(rule, {{"port", Value::number(443)}})})}});
  std::vector<std::string> seen;
  v.walk([&](const Path& p, const Value&) {
    seen.push_back(p.to_string());
    return true;
  });
  EXPECT_EQ(seen.front(), "");
  EXPECT_NE(std::find(seen.begin(), seen.end(), "rule[0].port"), seen.end());
  auto rule_pos = std::find(seen.begin(), seen.end(), "rule");
  auto port_pos = std::find(seen.begin(), seen.end(), "rule[0].port");
  EXPECT_LT(rule_pos, port_pos);
  seen.clear();
  v.walk([&](const Path& p, const Value&) {
    seen.push_back(p.to_string());
    return p.empty() || !(p == Path::root("rule"));
  });
  EXPECT_EQ(std::find(seen.begin(), seen.end(), "rule[0]"), seen.end());
  // Set elements are addressed by position.
  Value s = Value::set(Type::string(), {Value::string("b"), Value::string("a")});
  std::vector<Path> paths;
  s.walk([&](const Path& p, const Value&) {
    paths.push_back(p);
    return true;
  });
  ASSERT_EQ(paths.size(), 3u);
  EXPECT_EQ(paths[1], Path().set_element(0));
}

TEST(ValueTest, WhollyKnownLooksInside) {
  Value l = Value::list(Type::string(), {Value::string("a"), Value::unknown(Type::string())});
  EXPECT_TRUE(l.is_known());
  EXPECT_FALSE(l.is_wholly_known());
  Value o = Value::object(Type::object({{"l", l.type()}}), {{"l", l}});
  EXPECT_FALSE(o.is_wholly_known());
  EXPECT_TRUE(Value::null(Type::string()).is_wholly_known());
}

TEST(ValueTest, DebugString) {
  Value v = Value::object(
      Type::object({{"a", Type::string()},
                    {"b", Type::list(Type::number())},
                    {"c", Type::map(Type::boolean())},
                    {"d", Type::set(Type::string())},
                    {"e", Type::string()}}),
      {{"a", Value::string("x\"y")},
       {"b", Value::list(Type::number(), {Value::number(1), Value::number(*Number::parse("0.1"))})},
       {"c", Value::map(Type::boolean(), {{"k", Value::boolean(true)}})},
       {"d", Value::set(Type::string(), {Value::string("s")})},
       {"e", Value::unknown(Type::string())}});
  EXPECT_EQ(v.debug_string(),
            R"({ a = "x\"y", b = [1, 0.1], c = { "k" = true }, d = toset(["s"]), )"
            R"(e = (known after apply) })");
  EXPECT_EQ(Value().debug_string(), "null");
}

TEST(ValueTest, CompareIsATotalOrder) {
  std::vector<Value> vs = {Value::null(Type::string()), Value::string("a"), Value::string("b"),
                           Value::unknown(Type::string())};
  for (std::size_t i = 0; i < vs.size(); ++i) {
    for (std::size_t j = 0; j < vs.size(); ++j) {
      const int c = Value::compare(vs[i], vs[j]);
      EXPECT_EQ(c, i < j ? -1 : (i > j ? 1 : 0)) << i << "," << j;
    }
  }
}

}  // namespace
}  // namespace cloudssl::codec
