#include "provider/framework/schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloudssl::framework {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Schema sample_schema() {
  return Schema{
      .version = 1,
      .block = {
          .attributes =
              {
                  {.name = "id", .type = Type::string(), .computed = true},
                  {.name = "name", .type = Type::string(), .required = true},
                  {.name = "tags", .type = Type::map(Type::string()), .optional = true},
                  {.name = "rules",
                   .nested = {{.name = "port", .type = Type::number(), .required = true}},
                   .nesting = Nesting::List,
                   .optional = true},
              },
          .blocks =
              {
                  {.type_name = "listener",
                   .block =
                       {.attributes = {{.name = "port", .type = Type::number(), .optional = true}}},
                   .nesting = Nesting::Set},
                  {.type_name = "settings",
                   .block =
                       {.attributes = {{.name = "mode", .type = Type::string(), .optional = true}}},
                   .nesting = Nesting::Single},
              },
      }};
}

TEST(ImpliedType, ObjectOfAttributesAndBlocks) {
  Type port = Type::object({{"port", Type::number()}});
  Type expected = Type::object({
      {"id", Type::string()},
      {"name", Type::string()},
      {"tags", Type::map(Type::string())},
      {"rules", Type::list(port)},
      {"listener", Type::set(port)},
      {"settings", Type::object({{"mode", Type::string()}})},
  });
  EXPECT_EQ(implied_type(sample_schema()), expected);
}

TEST(ImpliedType, NestedAttributeNestingModes) {
  Attribute a{.name = "x", .nested = {{.name = "v", .type = Type::boolean(), .optional = true}}};
  Type element = Type::object({{"v", Type::boolean()}});
  a.nesting = Nesting::Single;
  EXPECT_EQ(implied_type(a), element);
  a.nesting = Nesting::Set;
  EXPECT_EQ(implied_type(a), Type::set(element));
  a.nesting = Nesting::Map;
  EXPECT_EQ(implied_type(a), Type::map(element));
}

TEST(FindAttribute, ThroughBlocksAndNestedAttributes) {
  Schema s = sample_schema();
  const Attribute* a = find_attribute(s.block, Path::root("name"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "name");
  a = find_attribute(s.block, Path::root("rules").index(3).attr("port"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->type, Type::number());
  a = find_attribute(s.block, Path::root("listener").set_element(0).attr("port"));
  ASSERT_NE(a, nullptr);
  a = find_attribute(s.block, Path::root("settings").attr("mode"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->name, "mode");
  EXPECT_EQ(find_attribute(s.block, Path::root("listener")), nullptr);  // a block
  EXPECT_EQ(find_attribute(s.block, Path::root("nope")), nullptr);
  EXPECT_EQ(find_attribute(s.block, Path::root("tags").key("a")), nullptr);  // inside a map
}

TEST(ValidateSchema, SampleIsValid) {
  EXPECT_THAT(validate_schema(sample_schema(), "resource"), IsEmpty());
}

TEST(ValidateSchema, FlagCombinations) {
  Schema s;
  s.block.attributes = {
      {.name = "none", .type = Type::string()},
      {.name = "req_opt", .type = Type::string(), .required = true, .optional = true},
      {.name = "req_comp", .type = Type::string(), .required = true, .computed = true},
  };
  auto problems = validate_schema(s, "resource");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_THAT(problems[0], HasSubstr("none: must set one of required, optional or computed"));
  EXPECT_THAT(problems[1], HasSubstr("req_opt"));
  EXPECT_THAT(problems[2], HasSubstr("req_comp"));
}

TEST(ValidateSchema, NamesAndClashes) {
  Schema s;
  s.block.attributes = {{.name = "Bad-Name", .type = Type::string(), .optional = true},
                        {.name = "x", .type = Type::string(), .optional = true}};
  s.block.blocks = {{.type_name = "x", .block = {}}};
  auto problems = validate_schema(s, "resource");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], HasSubstr("Bad-Name: name must match"));
  EXPECT_THAT(problems[1], HasSubstr("x: name used for more than one"));
}

TEST(ValidateSchema, BlockItemLimits) {
  Schema s;
  s.block.blocks = {
      {.type_name = "single", .block = {}, .nesting = Nesting::Single, .min_items = 1},
      {.type_name = "group", .block = {}, .nesting = Nesting::Group, .max_items = 1},
      {.type_name = "map", .block = {}, .nesting = Nesting::Map, .min_items = 1},
      {.type_name = "list", .block = {}, .nesting = Nesting::List, .min_items = 3, .max_items = 2},
      {.type_name = "neg", .block = {}, .nesting = Nesting::List, .min_items = -1},
      {.type_name = "ok", .block = {}, .nesting = Nesting::List, .min_items = 3},
  };
  auto problems = validate_schema(s, "resource");
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_THAT(problems[0], HasSubstr("single: min_items and max_items must match"));
  EXPECT_THAT(problems[1], HasSubstr("group: min_items and max_items must be 0"));
  EXPECT_THAT(problems[2], HasSubstr("map: min_items and max_items must be 0"));
  EXPECT_THAT(problems[3], HasSubstr("list: min_items must not exceed"));
  EXPECT_THAT(problems[4], HasSubstr("neg: min_items and max_items must be >= 0"));
}

TEST(ValidateSchema, WriteOnlyRules) {
  Attribute secret{.name = "secret", .type = Type::string(), .optional = true, .write_only = true};
  Schema s;
  s.block.attributes = {secret};
  EXPECT_THAT(validate_schema(s, "resource"), IsEmpty());
  EXPECT_THAT(validate_schema(s, "data source"),
              ElementsAre(HasSubstr("allowed in resources only")));

  Schema in_set;
  in_set.block.blocks = {
      {.type_name = "b", .block = {.attributes = {secret}}, .nesting = Nesting::Set}};
  EXPECT_THAT(validate_schema(in_set, "resource"),
              ElementsAre(HasSubstr("b: a set block cannot contain write-only")));

  Schema nested_set;
  nested_set.block.attributes = {
      {.name = "n", .nested = {secret}, .nesting = Nesting::Set, .optional = true}};
  EXPECT_THAT(validate_schema(nested_set, "resource"),
              ElementsAre(HasSubstr("n: a set nested attribute cannot contain write-only")));

  Schema computed;
  secret.computed = true;
  computed.block.attributes = {secret};
  EXPECT_THAT(validate_schema(computed, "resource"),
              ElementsAre(HasSubstr("write-only attribute cannot be computed")));
}

TEST(ValidateSchema, DynamicInSetRejected) {
  Schema s;
  s.block.blocks = {
      {.type_name = "b",
       .block = {.attributes = {{.name = "d", .type = Type::dynamic(), .optional = true}}},
       .nesting = Nesting::Set}};
  EXPECT_THAT(validate_schema(s, "resource"),
              ElementsAre(HasSubstr("set block cannot contain dynamic")));
}

TEST(ValidateSchema, DefaultsOnlyOnOptionalComputedWithMatchingType) {
  Schema s;
  s.block.attributes = {
      {.name = "ok",
       .type = Type::string(),
       .optional = true,
       .computed = true,
       .default_value = Value::string("x")},
      {.name = "not_computed",
       .type = Type::string(),
       .optional = true,
       .default_value = Value::string("x")},
      {.name = "wrong_type",
       .type = Type::number(),
       .optional = true,
       .computed = true,
       .default_value = Value::string("x")},
  };
  auto problems = validate_schema(s, "resource");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], HasSubstr("not_computed: a default is only allowed"));
  EXPECT_THAT(problems[1], HasSubstr("wrong_type: the default's type"));
}

TEST(ValidateSchema, UseStateForUnknownNeedsComputed) {
  Schema s;
  s.block.attributes = {
      {.name = "x", .type = Type::string(), .optional = true, .use_state_for_unknown = true}};
  EXPECT_THAT(validate_schema(s, "resource"), ElementsAre(HasSubstr("x: use_state_for_unknown")));
}

TEST(ValidateSchema, NegativeVersionAndNestedPaths) {
  Schema s;
  s.version = -1;
  s.block.blocks = {
      {.type_name = "outer", .block = {.attributes = {{.name = "inner", .type = Type::string()}}}}};
  auto problems = validate_schema(s, "resource");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], HasSubstr("version: must be >= 0"));
  EXPECT_THAT(problems[1], HasSubstr("outer.inner: must set one of"));
}

}  // namespace
}  // namespace cloudssl::framework
