#include "provider/framework/schema_proto.h"

#include <gtest/gtest.h>

#include "provider/util/utf8.h"

namespace cloudssl::framework {
namespace {

TEST(SchemaProto, AttributesDescriptionsAndDeprecation) {
  Schema s{.version = 3,
           .block = {.attributes = {{.name = "plain",
                                     .type = Type::list(Type::string()),
                                     .optional = true,
                                     .description = "Plain text."},
                                    {.name = "md",
                                     .type = Type::string(),
                                     .computed = true,
                                     .description = "ignored",
                                     .markdown_description = "*Bold*",
                                     .deprecation_message = "Use plain."},
                                    {.name = "wo",
                                     .type = Type::string(),
                                     .optional = true,
                                     .sensitive = true,
                                     .write_only = true}},
                     .description = "A thing.",
                     .deprecation_message = "Gone soon."}};
  tfplugin6::Schema p = to_proto(s);
  EXPECT_EQ(p.version(), 3);
  const auto& a = p.block().attributes();
  ASSERT_EQ(a.size(), 3);
  EXPECT_EQ(a[0].type(), "[\"list\",\"string\"]");
  EXPECT_EQ(a[0].description(), "Plain text.");
  EXPECT_EQ(a[0].description_kind(), tfplugin6::PLAIN);
  EXPECT_TRUE(a[0].optional());
  EXPECT_FALSE(a[0].deprecated());
  EXPECT_EQ(a[1].description(), "*Bold*");
  EXPECT_EQ(a[1].description_kind(), tfplugin6::MARKDOWN);
  EXPECT_TRUE(a[1].deprecated());
  EXPECT_EQ(a[1].deprecation_message(), "Use plain.");
  EXPECT_TRUE(a[2].write_only());
  EXPECT_TRUE(a[2].sensitive());
  EXPECT_EQ(p.block().description(), "A thing.");
  EXPECT_TRUE(p.block().deprecated());
  EXPECT_EQ(p.block().deprecation_message(), "Gone soon.");
}

TEST(SchemaProto, NestedAttributesAndBlocks) {
  Schema s;
  s.block.attributes = {{.name = "rules",
                         .nested = {{.name = "port", .type = Type::number(), .required = true}},
                         .nesting = Nesting::Map,
                         .optional = true}};
  s.block.blocks = {
      {.type_name = "item",
       .block = {.attributes = {{.name = "v", .type = Type::string(), .optional = true}}},
       .nesting = Nesting::Set,
       .min_items = 1,
       .max_items = 4}};
  tfplugin6::Schema p = to_proto(s);
  const auto& rules = p.block().attributes(0);
  EXPECT_TRUE(rules.type().empty());  // exactly one of type / nested_type
  ASSERT_TRUE(rules.has_nested_type());
  EXPECT_EQ(rules.nested_type().nesting(), tfplugin6::Schema::Object::MAP);
  EXPECT_EQ(rules.nested_type().attributes(0).name(), "port");
  EXPECT_EQ(rules.nested_type().attributes(0).type(), "\"number\"");
  const auto& item = p.block().block_types(0);
  EXPECT_EQ(item.type_name(), "item");
  EXPECT_EQ(item.nesting(), tfplugin6::Schema::NestedBlock::SET);
  EXPECT_EQ(item.min_items(), 1);
  EXPECT_EQ(item.max_items(), 4);
  EXPECT_EQ(item.block().attributes(0).name(), "v");
}

TEST(SchemaProto, FunctionSignature) {
  FunctionSignature f{.parameters = {{.name = "pem", .type = Type::string(), .allow_null = true}},
                      .variadic = FunctionParameter{.name = "rest", .type = Type::number()},
                      .return_type = Type::map(Type::string()),
                      .summary = "Parses.",
                      .description = "Parses a PEM."};
  tfplugin6::Function p = to_proto(f);
  ASSERT_EQ(p.parameters_size(), 1);
  EXPECT_EQ(p.parameters(0).name(), "pem");
  EXPECT_TRUE(p.parameters(0).allow_null_value());
  EXPECT_EQ(p.variadic_parameter().type(), "\"number\"");
  EXPECT_EQ(p.return_().type(), "[\"map\",\"string\"]");
  EXPECT_EQ(p.summary(), "Parses.");
}

TEST(DiagnosticProto, PathStepsAndSetCut) {
  Diagnostic d{Severity::Warning, "s", "d",
               Path::root("a").index(2).key("k").attr("b").set_element(0).attr("c")};
  tfplugin6::Diagnostic p = to_proto(d);
  EXPECT_EQ(p.severity(), tfplugin6::Diagnostic::WARNING);
  ASSERT_EQ(p.attribute().steps_size(), 4);
  EXPECT_EQ(p.attribute().steps(0).attribute_name(), "a");
  EXPECT_EQ(p.attribute().steps(1).element_key_int(), 2);
  EXPECT_EQ(p.attribute().steps(2).element_key_string(), "k");
  EXPECT_EQ(p.attribute().steps(3).attribute_name(), "b");
  EXPECT_EQ(from_proto(p.attribute()), Path::root("a").index(2).key("k").attr("b"));

  tfplugin6::Diagnostic no_path = to_proto(Diagnostic{Severity::Error, "s", "", std::nullopt});
  EXPECT_EQ(no_path.severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_FALSE(no_path.has_attribute());
}

// Protobuf strings must be valid UTF-8: a diagnostic quoting part of a multi-byte character
// reaches Terraform with the bad bytes replaced, not as a plugin error.
TEST(DiagnosticProto, InvalidUtf8IsReplacedNotSent) {
  const std::string cut = std::string("character '") + "\xe8" + "'";  // 1 byte of 证
  Diagnostic d{Severity::Error, cut, "detail " + cut, Path::root("m").key("k\xff")};
  tfplugin6::Diagnostic p = to_proto(d);
  EXPECT_EQ(p.summary(), "character '\xEF\xBF\xBD'");
  EXPECT_TRUE(util::is_valid_utf8(p.detail()));
  EXPECT_TRUE(util::is_valid_utf8(p.attribute().steps(1).element_key_string()));
  std::string wire;
  EXPECT_TRUE(p.SerializeToString(&wire));
  EXPECT_EQ(util::valid_utf8("\u8bc1\u4e66 ok"), "\u8bc1\u4e66 ok");  // valid text unchanged
  EXPECT_EQ(util::utf8_prefix("\u8bc1\u4e66", 4), "\u8bc1");          // never cuts a character
  EXPECT_FALSE(util::is_valid_utf8("\xed\xa0\x80"));                  // a surrogate
  EXPECT_FALSE(util::is_valid_utf8("\xc0\xaf"));                      // overlong
}

}  // namespace
}  // namespace cloudssl::framework
