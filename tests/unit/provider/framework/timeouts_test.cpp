#include "provider/framework/timeouts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloudssl::framework {
namespace {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

TEST(ParseDuration, GoSyntax) {
  EXPECT_EQ(parse_duration("30s"), milliseconds(30s));
  EXPECT_EQ(parse_duration("10m"), milliseconds(10min));
  EXPECT_EQ(parse_duration("1h30m"), milliseconds(90min));
  EXPECT_EQ(parse_duration("75m"), milliseconds(75min));
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("1.5h"), milliseconds(90min));
  EXPECT_EQ(parse_duration(".5s"), milliseconds(500));
  EXPECT_EQ(parse_duration("1s500ms"), milliseconds(1500));
  EXPECT_EQ(parse_duration("2000000us"), milliseconds(2s));
  EXPECT_EQ(parse_duration("2000000\xC2\xB5s"), milliseconds(2s));
  EXPECT_EQ(parse_duration("3000000000ns"), milliseconds(3s));
  EXPECT_EQ(parse_duration("0"), milliseconds(0));
  EXPECT_EQ(parse_duration("+5s"), milliseconds(5s));
  EXPECT_EQ(parse_duration("1h0m0s"), milliseconds(1h));
}

TEST(ParseDuration, RejectsMalformed) {
  for (const char* bad :
       {"", "5", "s", "1x", "1.s.", "-5s", "1 h", "h1", "1hh", ".s", "5S", "99999999999h"}) {
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
  }
}

TEST(TimeoutsBlock, SingleBlockOfOptionalStrings) {
  NestedBlock b = timeouts_block({"create", "delete"});
  EXPECT_EQ(b.type_name, "timeouts");
  EXPECT_EQ(b.nesting, Nesting::Single);
  ASSERT_EQ(b.block.attributes.size(), 2u);
  EXPECT_EQ(b.block.attributes[0].name, "create");
  EXPECT_TRUE(b.block.attributes[0].optional);
  EXPECT_EQ(b.block.attributes[0].type, Type::string());
  Schema s{.version = 0, .block = {.blocks = {b}}};
  EXPECT_TRUE(validate_schema(s, "resource").empty());
}

Value object_with_timeouts(std::optional<std::string> create) {
  Type t = Type::object({{"create", Type::string()}, {"delete", Type::string()}});
  Type outer = Type::object({{"timeouts", t}});
  if (!create) return Value::object(outer, {});
  return Value::object(outer,
                       {{"timeouts", Value::object(t, {{"create", Value::string(*create)}})}});
}

TEST(ConfiguredTimeout, ReadsTheOperation) {
  EXPECT_EQ(configured_timeout(object_with_timeouts("2m"), "create"), milliseconds(2min));
  EXPECT_EQ(configured_timeout(object_with_timeouts("2m"), "delete"), std::nullopt);
  EXPECT_EQ(configured_timeout(object_with_timeouts(std::nullopt), "create"), std::nullopt);
  EXPECT_EQ(configured_timeout(object_with_timeouts("bad"), "create"), std::nullopt);
  EXPECT_EQ(configured_timeout(Value::null(Type::object({})), "create"), std::nullopt);
}

TEST(ValidateTimeouts, ReportsBadDurationWithPath) {
  Diagnostics d;
  validate_timeouts(object_with_timeouts("ten minutes"), d);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].summary, "Invalid timeout");
  EXPECT_EQ(d.all()[0].attribute, Path::root("timeouts").attr("create"));
  Diagnostics ok;
  validate_timeouts(object_with_timeouts("10m"), ok);
  EXPECT_TRUE(ok.empty());
}

}  // namespace
}  // namespace cloudssl::framework
