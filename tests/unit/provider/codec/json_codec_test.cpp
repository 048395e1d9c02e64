#include "provider/codec/json_codec.h"

#include <gtest/gtest.h>

#include <random>

#include "provider/codec/msgpack_codec.h"
#include "tests/unit/provider/codec/codec_test_util.h"

namespace cloudssl::codec {
namespace {

using testing::codec_error_of;

Type example_type() {
  return Type::object({{"id", Type::string()}, {"name", Type::string()}, {"days", Type::number()}});
}

TEST(JsonCodecTest, EncodesEveryAttributeSorted) {
  Value v =
      Value::object(example_type(), {{"name", Value::string("x")}, {"days", Value::number(30)}});
  EXPECT_EQ(to_json(v, example_type()), R"({"days":30,"id":null,"name":"x"})");
  EXPECT_EQ(to_json(Value::null(example_type()), example_type()), "null");
}

TEST(JsonCodecTest, EncodesCollections) {
  Type t = Type::object({{"l", Type::list(Type::string())},
                         {"s", Type::set(Type::number())},
                         {"m", Type::map(Type::boolean())},
                         {"t", Type::tuple({Type::string(), Type::number()})}});
  Value v = Value::object(
      t, {{"l", Value::list(Type::string(), {Value::string("a\"b"), Value::string("ü")})},
          {"s", Value::set(Type::number(), {Value::number(2), Value::number(1)})},
          {"m", Value::map(Type::boolean(), {{"k", Value::boolean(false)}})},
          {"t", Value::tuple({Value::string("x"), Value::number(-1)})}});
  EXPECT_EQ(to_json(v, t), R"({"l":["a\"b","ü"],"m":{"k":false},"s":[1,2],"t":["x",-1]})");
}

TEST(JsonCodecTest, NumbersKeepFullPrecision) {
  const Type n = Type::number();
  for (const char* text : {"0.1", "-3.5", "100000000000000000001", "18446744073709551615",
                           "123456789012345678901234567890.12345678901234567890123456789",
                           "0.000000000000000000000000000001", "42", "-9223372036854775808"}) {
    Value v = from_json(text, n);
    EXPECT_EQ(v.as_number().to_string(), text);
    EXPECT_EQ(to_json(v, n), text);
  }
  // Exponents are accepted; output is positional, as Core's Text('f', -1).
  EXPECT_EQ(to_json(from_json("1.5e3", n), n), "1500");
  EXPECT_EQ(to_json(from_json("25E-1", n), n), "2.5");
  // "0.1" from JSON is the decimal, so msgpack sends it back as the string "0.1".
  EXPECT_EQ(to_msgpack(from_json("0.1", n), n), std::string("\xa3"
                                                            "0.1"));
  // A float64 that arrived over msgpack is written with its shortest text.
  EXPECT_EQ(to_json(Value::number(Number::from_double(0.1)), n), "0.1");
}

TEST(JsonCodecTest, DecoderAcceptsNumbersAsStrings) {
  EXPECT_EQ(from_json(R"("0.1")", Type::number()).as_number().to_string(), "0.1");
  EXPECT_EQ(from_json(R"("12")", Type::number()), Value::number(12));
  EXPECT_THROW(from_json(R"("twelve")", Type::number()), CodecError);
  EXPECT_THROW(from_json("true", Type::number()), CodecError);
}

TEST(JsonCodecTest, PrimitiveConversionsCtyAccepts) {
  EXPECT_EQ(from_json("12", Type::string()), Value::string("12"));
  EXPECT_EQ(from_json("1.50", Type::string()), Value::string("1.50"));
  EXPECT_EQ(from_json("true", Type::string()), Value::string("true"));
  EXPECT_EQ(from_json(R"("true")", Type::boolean()), Value::boolean(true));
  EXPECT_EQ(from_json(R"("0")", Type::boolean()), Value::boolean(false));
  EXPECT_THROW(from_json(R"("yes")", Type::boolean()), CodecError);
  EXPECT_THROW(from_json("[]", Type::string()), CodecError);
}

TEST(JsonCodecTest, MissingAttributesDecodeAsNull) {
  Value v = from_json(R"({"name":"x"})", example_type());
  EXPECT_EQ(v.length(), 3u);
  EXPECT_TRUE(v.at("id").is_null());
  EXPECT_TRUE(v.at("days").is_null());
  EXPECT_EQ(v.get_string("name"), "x");
}

TEST(JsonCodecTest, UnknownAttributesRejectedUnlessIgnored) {
  const char* old_state = R"({"name":"x","legacy":{"deep":[1]},"days":3})";
  EXPECT_EQ(codec_error_of([&] { from_json(old_state, example_type()); }),
            "unsupported attribute \"legacy\"");
  Value v = from_json(old_state, example_type(), /*ignore_extra=*/true);
  EXPECT_EQ(v.get_string("name"), "x");
  EXPECT_EQ(v.get_int("days"), 3);
  // Also inside nested blocks.
  Type t = Type::object({{"rule", Type::list(Type::object({{"port", Type::number()}}))}});
  Value nested = from_json(R"({"rule":[{"port":1,"gone":true}]})", t, true);
  EXPECT_EQ(nested.find(Path::root("rule").index(0).attr("port"))->as_number().to_int64(), 1);
  EXPECT_THROW(from_json(R"({"rule":[{"port":1,"gone":true}]})", t), CodecError);
}

TEST(JsonCodecTest, DynamicWrapper) {
  EXPECT_EQ(to_json(Value::string("hello"), Type::dynamic()),
            R"({"value":"hello","type":"string"})");
  EXPECT_EQ(to_json(Value(), Type::dynamic()), "null");
  EXPECT_EQ(to_json(Value::null(Type::number()), Type::dynamic()),
            R"({"value":null,"type":"number"})");
  Type inner = Type::object({{"a", Type::list(Type::number())}});
  Value obj = Value::object(inner, {{"a", Value::list(Type::number(), {Value::number(1)})}});
  std::string text = to_json(obj, Type::dynamic());
  EXPECT_EQ(text, R"({"value":{"a":[1]},"type":["object",{"a":["list","number"]}]})");
  Value back = from_json(text, Type::dynamic());
  EXPECT_EQ(back, obj);
  EXPECT_EQ(back.type(), inner);
  // Key order is free.
  EXPECT_EQ(from_json(R"({"type":"string","value":"hi"})", Type::dynamic()), Value::string("hi"));
  EXPECT_TRUE(from_json("null", Type::dynamic()).is_null());
  for (const char* bad : {R"("hi")", R"({"value":"hi"})", R"({"type":"string"})",
                          R"({"type":"string","value":"hi","x":1})", R"({"type":"nope","value":1})",
                          R"({"type":"number","value":"abc"})"}) {
    EXPECT_THROW(from_json(bad, Type::dynamic()), CodecError) << bad;
  }
}

TEST(JsonCodecTest, UnknownsCannotBeEncoded) {
  Value v = Value::object(example_type(), {{"id", Value::unknown(Type::string())}});
  EXPECT_EQ(codec_error_of([&] { to_json(v, example_type()); }),
            "id: value is not known (JSON cannot carry unknown values)");
}

TEST(JsonCodecTest, RoundTripThroughBothEncodings) {
  Type block = Type::object({{"port", Type::number()}, {"host", Type::string()}});
  Type t = Type::object({{"tags", Type::map(Type::string())},
                         {"rules", Type::set(block)},
                         {"any", Type::dynamic()},
                         {"single", block},
                         {"nums", Type::list(Type::number())}});
  Value v = Value::object(
      t, {{"tags", Value::map(Type::string(), {{"env", Value::string("prod")}})},
          {"rules", Value::set(block, {Value::object(block, {{"port", Value::number(443)}})})},
          {"any", Value::tuple({Value::string("x"), Value::boolean(true)})},
          {"nums", Value::list(Type::number(), {Value::number(*Number::parse("0.1")),
                                                Value::number(Number::from_double(0.1)),
                                                Value::number(*Number::parse("1e30"))})}});
  std::string text = to_json(v, t);
  Value back = from_json(text, t);
  EXPECT_EQ(to_json(back, t), text);
  EXPECT_EQ(from_msgpack(to_msgpack(back, t), t), back);
  // The float64 0.1 becomes the decimal 0.1 through JSON, exactly as through Core's state.
  EXPECT_EQ(back.at("tags"), v.at("tags"));
  EXPECT_EQ(back.at("rules"), v.at("rules"));
  EXPECT_EQ(back.at("any"), v.at("any"));
}

TEST(JsonCodecTest, RejectsMalformedJson) {
  for (const char* bad : {"", "{", R"({"name":)", R"({"name":"x"} x)", R"({"name":"x",})", "nul",
                          R"({'name':'x'})", "\"\xff\"", "[1,]", "NaN"}) {
    EXPECT_THROW(from_json(bad, example_type()), CodecError) << bad;
  }
  EXPECT_THROW(from_json(R"({"name":"x","name":"y"})", example_type()), CodecError);
  EXPECT_THROW(from_json(R"({"a":"x","a":"y"})", Type::map(Type::string())), CodecError);
  EXPECT_THROW(from_json("[1,2]", Type::tuple({Type::number()})), CodecError);
  EXPECT_THROW(from_json("{}", Type::list(Type::string())), CodecError);
}

TEST(JsonCodecTest, ErrorsNameThePath) {
  Type t = Type::object({{"tags", Type::map(Type::string())}});
  EXPECT_EQ(codec_error_of([&] { from_json(R"({"tags":{"a":[]}})", t); }),
            "tags[\"a\"]: a string is required, got JSON array");
}

TEST(JsonCodecTest, DeepNestingIsRefused) {
  std::string deep(100000, '[');
  EXPECT_THROW(from_json(deep + std::string(100000, ']'), Type::dynamic()), CodecError);
  std::string wrappers;
  for (int i = 0; i < 2000; ++i) wrappers += R"({"type":"dynamic","value":)";
  wrappers += "null";
  for (int i = 0; i < 2000; ++i) wrappers += "}";
  EXPECT_THROW(from_json(wrappers, Type::dynamic()), CodecError);
}

TEST(JsonCodecTest, FuzzedInputNeverCrashes) {
  const std::string good = R"({"days":0.1,"id":"abc","name":"x"})";
  std::mt19937 rng(777);
  const std::string alphabet = "{}[]\":,0123456789.eE-+ abcnultrfs\\";
  for (int i = 0; i < 20000; ++i) {
    std::string text = good;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t pos = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text[pos] = c;
          break;
        case 1:
          text.erase(pos, 1);
          break;
        default:
          text.insert(pos, 1, c);
          break;
      }
    }
    try {
      Value v = from_json(text, example_type(), rng() % 2 == 0);
      EXPECT_EQ(from_json(to_json(v, example_type()), example_type()), v);
    } catch (const CodecError&) {
    }
  }
}

}  // namespace
}  // namespace cloudssl::codec
