#include "provider/codec/type.h"

#include <gtest/gtest.h>

namespace cloudssl::codec {
namespace {

TEST(TypeTest, DefaultIsDynamic) {
  EXPECT_TRUE(Type().is_dynamic());
  EXPECT_EQ(Type(), Type::dynamic());
}

TEST(TypeTest, KindsAndAccessors) {
  Type obj = Type::object({{"a", Type::string()}, {"b", Type::list(Type::number())}});
  EXPECT_EQ(obj.kind(), Type::Kind::Object);
  EXPECT_EQ(obj.attribute_types().at("b").element_type(), Type::number());
  EXPECT_TRUE(Type::string().is_primitive());
  EXPECT_TRUE(Type::boolean().is_primitive());
  EXPECT_FALSE(Type::dynamic().is_primitive());
  EXPECT_TRUE(Type::map(Type::string()).is_collection());
  EXPECT_FALSE(obj.is_collection());
  EXPECT_THROW(Type::string().element_type(), std::logic_error);
  EXPECT_THROW(Type::string().attribute_types(), std::logic_error);
  EXPECT_THROW(obj.tuple_types(), std::logic_error);
  EXPECT_EQ(Type::tuple({Type::string(), Type::boolean()}).tuple_types().size(), 2u);
}

TEST(TypeTest, StructuralEquality) {
  EXPECT_EQ(Type::list(Type::string()), Type::list(Type::string()));
  EXPECT_NE(Type::list(Type::string()), Type::set(Type::string()));
  EXPECT_NE(Type::list(Type::string()), Type::list(Type::number()));
  EXPECT_EQ(Type::object({{"a", Type::string()}}), Type::object({{"a", Type::string()}}));
  EXPECT_NE(Type::object({{"a", Type::string()}}), Type::object({{"b", Type::string()}}));
  EXPECT_NE(Type::object({}), Type::tuple({}));
}

TEST(TypeTest, ToJsonIsCompactCtyJson) {
  EXPECT_EQ(Type::string().to_json(), "\"string\"");
  EXPECT_EQ(Type::number().to_json(), "\"number\"");
  EXPECT_EQ(Type::boolean().to_json(), "\"bool\"");
  EXPECT_EQ(Type::dynamic().to_json(), "\"dynamic\"");
  EXPECT_EQ(Type::list(Type::string()).to_json(), R"(["list","string"])");
  EXPECT_EQ(Type::map(Type::list(Type::number())).to_json(), R"(["map",["list","number"]])");
  EXPECT_EQ(Type::set(Type::boolean()).to_json(), R"(["set","bool"])");
  EXPECT_EQ(Type::object({{"days", Type::number()}, {"cn", Type::string()}}).to_json(),
            R"(["object",{"cn":"string","days":"number"}])");
  EXPECT_EQ(Type::tuple({Type::string(), Type::number()}).to_json(),
            R"(["tuple",["string","number"]])");
  EXPECT_EQ(Type::object({}).to_json(), R"(["object",{}])");
  EXPECT_EQ(Type::tuple({}).to_json(), R"(["tuple",[]])");
}

TEST(TypeTest, FromJsonRoundTrips) {
  for (const char* json :
       {R"("string")", R"("number")", R"("bool")", R"("dynamic")", R"(["list","string"])",
        R"(["set",["object",{"a":"number","b":["tuple",["bool","dynamic"]]}]])",
        R"(["map",["map","string"]])", R"(["object",{}])", R"(["tuple",[]])"}) {
    EXPECT_EQ(Type::from_json(json).to_json(), json);
  }
}

TEST(TypeTest, FromJsonAcceptsWhitespaceAndOptionalAttributes) {
  EXPECT_EQ(Type::from_json(R"( [ "list" , "string" ] )"), Type::list(Type::string()));
  Type t = Type::from_json(R"(["object",{"a":"string","b":"number"},["b"]])");
  EXPECT_EQ(t, Type::object({{"a", Type::string()}, {"b", Type::number()}}));
}

TEST(TypeTest, FromJsonRejectsEverythingElse) {
  for (const char* bad : {"",
                          "string",
                          R"("str")",
                          R"("String")",
                          R"("list")",
                          R"(["list"])",
                          R"(["list","string","x"])",
                          R"(["list",1])",
                          R"(["object",["a"]])",
                          R"(["object",{"a":"nope"}])",
                          R"(["object",{"a":"string"},["b"]])",
                          R"(["object",{"a":"string"},"a"])",
                          R"(["tuple","string"])",
                          R"(["tuple",["string"],1])",
                          R"(["array","string"])",
                          R"([])",
                          R"(null)",
                          R"(1)",
                          R"({})",
                          R"("string" "x")",
                          R"("string"x)",
                          R"(["list","string"]])",
                          R"("string",)"}) {
    EXPECT_THROW(Type::from_json(bad), CodecError) << bad;
  }
}

TEST(TypeTest, FromJsonRefusesDeepNesting) {
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "[\"list\",";
  deep += "\"string\"";
  for (int i = 0; i < 1000; ++i) deep += "]";
  EXPECT_THROW(Type::from_json(deep), CodecError);
  // A depth anyone would use is fine.
  std::string ok;
  for (int i = 0; i < 20; ++i) ok += "[\"list\",";
  ok += "\"string\"";
  for (int i = 0; i < 20; ++i) ok += "]";
  EXPECT_EQ(Type::from_json(ok).to_json(), ok);
}

TEST(TypeTest, FriendlyName) {
  EXPECT_EQ(Type::list(Type::string()).friendly_name(), "list of string");
  EXPECT_EQ(Type::map(Type::set(Type::number())).friendly_name(), "map of set of number");
  EXPECT_EQ(Type::object({}).friendly_name(), "object");
  EXPECT_EQ(Type::tuple({}).friendly_name(), "tuple");
  EXPECT_EQ(Type::boolean().friendly_name(), "bool");
}

}  // namespace
}  // namespace cloudssl::codec
