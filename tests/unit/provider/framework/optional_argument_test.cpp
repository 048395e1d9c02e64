// The argument helpers build the attribute a designated initializer would, with the fields
// their name promises and no other, and each passes the schema rules for a resource.
#include "provider/framework/optional_argument.h"

#include <gtest/gtest.h>

#include <string>

#include "provider/framework/validators.h"

namespace cloudssl::framework {
namespace {

namespace v = validators;

// The flags and values the helpers set, as one comparable text.
std::string shape(const Attribute& a) {
  return a.name + " " + a.type.friendly_name() + (a.required ? " required" : "") +
         (a.optional ? " optional" : "") + (a.computed ? " computed" : "") +
         (a.sensitive ? " sensitive" : "") + (a.write_only ? " write_only" : "") +
         (a.requires_replace ? " requires_replace" : "") +
         (a.default_value ? " default=" + a.default_value->debug_string() : "") + " \"" +
         a.description + "\" validators=" + std::to_string(a.validators.size());
}

TEST(OptionalArgument, IsOptionalOnly) {
  const Attribute a =
      optional_argument("filter", Type::string(), "Only these.", {v::one_of({"a", "b"})});
  EXPECT_EQ(shape(a), "filter string optional \"Only these.\" validators=1");
  EXPECT_TRUE(validate_schema(Schema{.block = {.attributes = {a}}}, "resource").empty());
}

TEST(WriteOnlyArgument, IsOptionalSensitiveAndWriteOnly) {
  const Attribute a = write_only_argument("key_wo", Type::string(), "The key.");
  EXPECT_EQ(shape(a), "key_wo string optional sensitive write_only \"The key.\" validators=0");
  EXPECT_TRUE(validate_schema(Schema{.block = {.attributes = {a}}}, "resource").empty());
}

TEST(OptionalWithDefault, IsOptionalComputedWithTheDefault) {
  const Attribute a = optional_with_default("mode", Type::string(), Value::string("keep"), "How.",
                                            {v::one_of({"keep", "rollback"})});
  EXPECT_EQ(shape(a), "mode string optional computed default=\"keep\" \"How.\" validators=1");
  EXPECT_TRUE(validate_schema(Schema{.block = {.attributes = {a}}}, "resource").empty());
}

}  // namespace
}  // namespace cloudssl::framework
