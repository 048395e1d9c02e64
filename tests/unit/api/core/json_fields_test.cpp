// The tolerant readers every typed action decodes answers with: missing and null fields,
// numbers as strings and the reverse, booleans in their spellings, lone values as lists.
#include "api/core/json_fields.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace cloudssl::api::fields {
namespace {

TEST(JsonFields, MissingAndNullFieldsAreAbsent) {
  const json object = {{"A", nullptr}, {"B", 1}};
  EXPECT_EQ(field(object, "A"), nullptr);
  EXPECT_EQ(field(object, "C"), nullptr);
  EXPECT_NE(field(object, "B"), nullptr);
  EXPECT_EQ(field(json::array({1}), "B"), nullptr);  // not an object
  EXPECT_EQ(text(object, "A"), "");
  EXPECT_EQ(integer(object, "A"), std::nullopt);
  EXPECT_EQ(integer_or(object, "C", 7), 7);
  EXPECT_EQ(boolean(object, "A"), std::nullopt);
  EXPECT_TRUE(strings(object, "A").empty());
  EXPECT_TRUE(array(object, "A").is_array());
}

TEST(JsonFields, TextOfEveryScalar) {
  const json object = {{"S", "abc"}, {"I", -12},  {"U", 18446744073709551615ull},
                       {"F", 1.5},   {"T", true}, {"O", json::object()}};
  EXPECT_EQ(text(object, "S"), "abc");
  EXPECT_EQ(text(object, "I"), "-12");
  EXPECT_EQ(text(object, "U"), "18446744073709551615");
  EXPECT_EQ(text(object, "F"), "1.5");
  EXPECT_EQ(text(object, "T"), "true");
  EXPECT_EQ(text(object, "O"), "");
}

TEST(JsonFields, IntegersFromNumbersBooleansAndNumericStrings) {
  const json object = {{"N", 42},       {"F", 3.9},     {"B", true},      {"S", "123"},
                       {"Neg", "-5"},   {"Plus", "+5"}, {"Blank", " 6 "}, {"Empty", ""},
                       {"Word", "12a"}, {"Dash", "+-1"}};
  EXPECT_EQ(integer(object, "N"), 42);
  EXPECT_EQ(integer(object, "F"), 3);
  EXPECT_EQ(integer(object, "B"), 1);
  EXPECT_EQ(integer(object, "S"), 123);
  EXPECT_EQ(integer(object, "Neg"), -5);
  EXPECT_EQ(integer(object, "Plus"), 5);
  EXPECT_EQ(integer(object, "Blank"), 6);
  EXPECT_EQ(integer(object, "Empty"), std::nullopt);
  EXPECT_EQ(integer(object, "Word"), std::nullopt);
  EXPECT_EQ(integer(object, "Dash"), std::nullopt);
  EXPECT_EQ(integer_or(object, "Word", -1), -1);
}

// A number no int64 holds is no integer (found by fuzz_api_response: TotalCount 1e122; the cast
// was undefined behaviour). The corpus keeps that input (regression_float_total_count).
TEST(JsonFields, NumbersOutsideInt64AreNoIntegers) {
  const json object = json::parse(
      R"({"Big": 1e122, "Small": -1e300, "Edge": 9223372036854775807.0,
          "Max": 9223372036854775807, "Huge": 18446744073709551615, "Low": -9.2e18})");
  EXPECT_EQ(integer(object, "Big"), std::nullopt);
  EXPECT_EQ(integer(object, "Small"), std::nullopt);
  EXPECT_EQ(integer(object, "Edge"), std::nullopt);  // rounds to 2^63
  EXPECT_EQ(integer(object, "Max"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(integer(object, "Huge"), std::nullopt);
  EXPECT_EQ(integer(object, "Low"), std::int64_t{-9200000000000000000});
}

TEST(JsonFields, BooleansInTheirSpellings) {
  const json object = {{"T", true}, {"One", 1},      {"S1", "1"},   {"St", "true"}, {"Zero", 0},
                       {"S0", "0"}, {"Sf", "false"}, {"Empty", ""}, {"Odd", "yes"}};
  for (const char* name : {"T", "One", "S1", "St"}) EXPECT_EQ(boolean(object, name), true) << name;
  for (const char* name : {"Zero", "S0", "Sf", "Empty"}) {
    EXPECT_EQ(boolean(object, name), false) << name;
  }
  EXPECT_EQ(boolean(object, "Odd"), std::nullopt);
}

TEST(JsonFields, ListsFromArraysOrALoneValue) {
  const json object = {{"A", {"x", "", nullptr, 5}},
                       {"Lone", "y"},
                       {"EmptyLone", ""},
                       {"Ints", {1, "2", "z", 3.0}},
                       {"NotArray", 4}};
  EXPECT_EQ(strings(object, "A"), (std::vector<std::string>{"x", "5"}));
  EXPECT_EQ(strings(object, "Lone"), std::vector<std::string>{"y"});
  EXPECT_TRUE(strings(object, "EmptyLone").empty());
  EXPECT_EQ(integers(object, "Ints"), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_TRUE(integers(object, "NotArray").empty());
  EXPECT_EQ(array(object, "Ints").size(), 4u);
  EXPECT_TRUE(array(object, "NotArray").empty());
}

struct Item {
  std::string name;
};
void from_json(const json& j, Item& item) { item.name = text(j, "Name"); }

TEST(JsonFields, ObjectsSkipWhatIsNoObject) {
  const json object = {{"Items", {{{"Name", "a"}}, "junk", nullptr, {{"Name", "b"}}}}};
  const auto items = objects<Item>(object, "Items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].name, "a");
  EXPECT_EQ(items[1].name, "b");
  EXPECT_TRUE(objects<Item>(object, "Missing").empty());
}

}  // namespace
}  // namespace cloudssl::api::fields
