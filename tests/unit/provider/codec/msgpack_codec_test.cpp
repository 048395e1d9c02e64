#include "provider/codec/msgpack_codec.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "tests/unit/provider/codec/codec_test_util.h"

namespace cloudssl::codec {
namespace {

using testing::codec_error_of;
using testing::hex;
using testing::unhex;

// The schema of docs/design/tfplugin6.md's whole-object example: {id computed, name required,
// days}.
Type example_type() {
  return Type::object({{"id", Type::string()}, {"name", Type::string()}, {"days", Type::number()}});
}

std::string encode_hex(const Value& v, const Type& t) { return hex(to_msgpack(v, t)); }

Value decode_hex(std::string_view h, const Type& t) { return from_msgpack(unhex(h), t); }

// --- the fixtures of docs/design/tfplugin6.md §4.3
// ------------------------------------------------------

TEST(MsgpackCodecTest, WholeObjectExampleEncodesExactly) {
  Value plan = Value::object(example_type(), {{"id", Value::unknown(Type::string())},
                                              {"name", Value::string("x")},
                                              {"days", Value::number(30)}});
  EXPECT_EQ(encode_hex(plan, example_type()),
            "83 a4 64 61 79 73 1e a2 69 64 d4 00 00 a4 6e 61 6d 65 a1 78");
}

TEST(MsgpackCodecTest, WholeObjectExampleDecodes) {
  Value v =
      decode_hex("83 a4 64 61 79 73 1e a2 69 64 d4 00 00 a4 6e 61 6d 65 a1 78", example_type());
  EXPECT_EQ(v.get_int("days"), 30);
  EXPECT_TRUE(v.at("id").is_unknown());
  EXPECT_EQ(v.at("id").type(), Type::string());
  EXPECT_EQ(v.get_string("name"), "x");
  // Key order on the wire is free.
  Value w =
      decode_hex("83 a2 69 64 d4 00 00 a4 6e 61 6d 65 a1 78 a4 64 61 79 73 1e", example_type());
  EXPECT_EQ(v, w);
}

TEST(MsgpackCodecTest, NullAttributesArePresentAsNil) {
  Value v = Value::object(example_type(), {{"name", Value::string("x")}});
  EXPECT_EQ(encode_hex(v, example_type()), "83 a4 64 61 79 73 c0 a2 69 64 c0 a4 6e 61 6d 65 a1 78");
  EXPECT_EQ(encode_hex(Value::null(example_type()), example_type()), "c0");
}

TEST(MsgpackCodecTest, RefinedUnknownNotNull) {
  Value v = decode_hex("c7 03 0c 81 01 c2", Type::string());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_TRUE(v.refinements().not_null);
  EXPECT_FALSE(v.refinements().string_prefix.has_value());
  // The provider echoes a plain unknown.
  EXPECT_EQ(encode_hex(v, Type::string()), "d4 00 00");
}

TEST(MsgpackCodecTest, RefinedUnknownStringPrefix) {
  Value v = decode_hex("d7 0c 82 01 c2 02 a3 61 62 63", Type::string());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_TRUE(v.refinements().not_null);
  EXPECT_EQ(v.refinements().string_prefix, "abc");
}

TEST(MsgpackCodecTest, RefinedUnknownNumberBoundsAndLengths) {
  // {3: [1, true], 4: [10.5, false]}
  Value n =
      decode_hex("c7 11 0c 82 03 92 01 c3 04 92 cb 40 25 00 00 00 00 00 00 c2", Type::number());
  ASSERT_TRUE(n.refinements().number_lower.has_value());
  EXPECT_EQ(n.refinements().number_lower->first, Number::from_int(1));
  EXPECT_TRUE(n.refinements().number_lower->second);
  ASSERT_TRUE(n.refinements().number_upper.has_value());
  EXPECT_EQ(n.refinements().number_upper->first, Number::from_double(10.5));
  EXPECT_FALSE(n.refinements().number_upper->second);
  // {1: false, 5: 1, 6: 3} on a list
  Value l = decode_hex("c7 07 0c 83 01 c2 05 01 06 03", Type::list(Type::string()));
  EXPECT_TRUE(l.refinements().not_null);
  EXPECT_EQ(l.refinements().length_lower, 1);
  EXPECT_EQ(l.refinements().length_upper, 3);
}

TEST(MsgpackCodecTest, UnknownRefinementKeysAreIgnored) {
  // {1: false, 9: "x", 200: [1, 2]}
  Value v = decode_hex("c7 0b 0c 83 01 c2 09 a1 78 cc c8 92 01 02", Type::string());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_TRUE(v.refinements().not_null);
}

TEST(MsgpackCodecTest, EveryExtensionIsAnUnknown) {
  for (const char* h : {"d4 00 00", "d4 05 ff", "c7 00 00", "c7 00 0c", "d4 0c 00", "d5 07 01 02",
                        "c7 03 2a 01 02 03",
                        "d8 01 00 00 00 00 00 00 00 00 00 00 "
                        "00 00 00 00 00 00"}) {
    Value v = decode_hex(h, Type::string());
    EXPECT_TRUE(v.is_unknown()) << h;
    EXPECT_FALSE(v.refinements().not_null) << h;
  }
}

TEST(MsgpackCodecTest, MalformedRefinementsFallBackToPlainUnknown) {
  for (const char* h : {"c7 02 0c 81 01",           // truncated map
                        "c7 03 0c 92 01 c2",        // an array, not a map
                        "c7 03 0c 81 01 a1",        // nullness is not a bool
                        "c7 04 0c 81 03 92 01"}) {  // truncated bound
    Value v = decode_hex(h, Type::string());
    EXPECT_TRUE(v.is_unknown()) << h;
    EXPECT_FALSE(v.refinements().not_null) << h;
  }
}

TEST(MsgpackCodecTest, DynamicHelloExample) {
  const std::string fixture = "92 c4 08 22 73 74 72 69 6e 67 22 a5 68 65 6c 6c 6f";
  EXPECT_EQ(encode_hex(Value::string("hello"), Type::dynamic()), fixture);
  Value v = decode_hex(fixture, Type::dynamic());
  EXPECT_EQ(v, Value::string("hello"));
  EXPECT_EQ(v.type(), Type::string());
  // The type may come as str too.
  EXPECT_EQ(decode_hex("92 a8 22 73 74 72 69 6e 67 22 a5 68 65 6c 6c 6f", Type::dynamic()),
            Value::string("hello"));
}

TEST(MsgpackCodecTest, DynamicNullsAndUnknowns) {
  EXPECT_EQ(encode_hex(Value(), Type::dynamic()), "c0");
  EXPECT_EQ(encode_hex(Value::unknown(Type::dynamic()), Type::dynamic()), "d4 00 00");
  EXPECT_EQ(encode_hex(Value::unknown(Type::string()), Type::dynamic()),
            "92 c4 08 22 73 74 72 69 6e 67 22 d4 00 00");
  EXPECT_EQ(encode_hex(Value::null(Type::string()), Type::dynamic()),
            "92 c4 08 22 73 74 72 69 6e 67 22 c0");
  Value null_dyn = decode_hex("c0", Type::dynamic());
  EXPECT_TRUE(null_dyn.is_null());
  EXPECT_TRUE(null_dyn.type().is_dynamic());
  Value unknown_dyn = decode_hex("d4 00 00", Type::dynamic());
  EXPECT_TRUE(unknown_dyn.is_unknown());
  EXPECT_TRUE(unknown_dyn.type().is_dynamic());
  Value typed_unknown = decode_hex("92 c4 08 22 73 74 72 69 6e 67 22 d4 00 00", Type::dynamic());
  EXPECT_TRUE(typed_unknown.is_unknown());
  EXPECT_EQ(typed_unknown.type(), Type::string());
  Value typed_null = decode_hex("92 c4 08 22 73 74 72 69 6e 67 22 c0", Type::dynamic());
  EXPECT_TRUE(typed_null.is_null());
  EXPECT_EQ(typed_null.type(), Type::string());
}

TEST(MsgpackCodecTest, DynamicAttributeInsideAnObject) {
  Type t = Type::object({{"v", Type::dynamic()}, {"n", Type::string()}});
  Type inner = Type::object({{"a", Type::list(Type::number())}});
  Value v = Value::object(
      t, {{"v", Value::object(inner, {{"a", Value::list(Type::number(), {Value::number(1)})}})}});
  std::string bytes = to_msgpack(v, t);
  Value back = from_msgpack(bytes, t);
  EXPECT_EQ(back, v);
  EXPECT_EQ(back.at("v").type(), inner);
  EXPECT_EQ(to_msgpack(back, t), bytes);
}

TEST(MsgpackCodecTest, DecimalStringNumbersRoundTripUnchanged) {
  Value v = decode_hex("a3 30 2e 31", Type::number());  // "0.1"
  EXPECT_EQ(v.as_number().to_string(), "0.1");
  EXPECT_NE(v.as_number(), Number::from_double(0.1));
  EXPECT_EQ(encode_hex(v, Type::number()), "a3 30 2e 31");
  // A big integer beyond float64 precision stays text.
  const std::string big = "b5 31 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 31";
  EXPECT_EQ(encode_hex(decode_hex(big, Type::number()), Type::number()), big);
  EXPECT_THROW(decode_hex("a3 61 62 63", Type::number()), CodecError);  // "abc"
}

TEST(MsgpackCodecTest, Uint64Max) {
  Value v = decode_hex("cf ff ff ff ff ff ff ff ff", Type::number());
  EXPECT_EQ(v.as_number().to_string(), "18446744073709551615");
  EXPECT_EQ(v.as_number(), Number::from_uint(std::numeric_limits<std::uint64_t>::max()));
  // Not an int64 and not exactly a float64: cty would send the decimal text.
  EXPECT_EQ(encode_hex(v, Type::number()), hex("\xb4"
                                               "18446744073709551615"));
  // Small values in wide encodings come back compact.
  EXPECT_EQ(encode_hex(decode_hex("cf 00 00 00 00 00 00 00 05", Type::number()), Type::number()),
            "05");
}

TEST(MsgpackCodecTest, IntegerWidthsDecode) {
  struct Case {
    const char* bytes;
    std::int64_t value;
  };
  for (const Case& c :
       {Case{"00", 0}, Case{"7f", 127}, Case{"cc ff", 255}, Case{"cd 01 00", 256},
        Case{"ce 00 01 00 00", 65536}, Case{"ff", -1}, Case{"e0", -32}, Case{"d0 df", -33},
        Case{"d0 80", -128}, Case{"d1 ff 38", -200}, Case{"d2 ff ff 63 c0", -40000},
        Case{"d3 80 00 00 00 00 00 00 00", std::numeric_limits<std::int64_t>::min()},
        Case{"d0 05", 5}, Case{"d3 00 00 00 00 00 00 00 2a", 42}}) {
    Value v = decode_hex(c.bytes, Type::number());
    EXPECT_EQ(v.as_number().to_int64(), c.value) << c.bytes;
  }
}

TEST(MsgpackCodecTest, IntegersEncodeCompactlyAsCoreDoes) {
  struct Case {
    std::int64_t value;
    const char* bytes;
  };
  for (const Case& c :
       {Case{0, "00"}, Case{30, "1e"}, Case{127, "7f"}, Case{128, "cc 80"}, Case{200, "cc c8"},
        Case{65535, "cd ff ff"}, Case{70000, "ce 00 01 11 70"},
        Case{5000000000, "cf 00 00 00 01 2a 05 f2 00"}, Case{-1, "ff"}, Case{-32, "e0"},
        Case{-33, "d0 df"}, Case{-200, "d1 ff 38"}, Case{-40000, "d2 ff ff 63 c0"},
        Case{-5000000000, "d3 ff ff ff fe d5 fa 0e 00"}}) {
    EXPECT_EQ(encode_hex(Value::number(c.value), Type::number()), c.bytes) << c.value;
  }
}

TEST(MsgpackCodecTest, FloatsDecodeAndEncodeAsFloat64) {
  // float32 1.5 is accepted; float64 is what goes back.
  Value f32 = decode_hex("ca 3f c0 00 00", Type::number());
  EXPECT_EQ(f32.as_number(), Number::from_double(1.5));
  EXPECT_EQ(encode_hex(f32, Type::number()), "cb 3f f8 00 00 00 00 00 00");
  // float64 0.1 round-trips bit for bit.
  EXPECT_EQ(encode_hex(decode_hex("cb 3f b9 99 99 99 99 99 9a", Type::number()), Type::number()),
            "cb 3f b9 99 99 99 99 99 9a");
  // An integral float comes back as an int, as Core would send it.
  EXPECT_EQ(encode_hex(decode_hex("cb 40 3e 00 00 00 00 00 00", Type::number()), Type::number()),
            "1e");
  // ±Inf are float64.
  EXPECT_EQ(encode_hex(decode_hex("cb 7f f0 00 00 00 00 00 00", Type::number()), Type::number()),
            "cb 7f f0 00 00 00 00 00 00");
  EXPECT_THROW(decode_hex("cb 7f f8 00 00 00 00 00 00", Type::number()), CodecError);  // NaN
}

TEST(MsgpackCodecTest, StringsAcceptStrAndBin) {
  EXPECT_EQ(decode_hex("c4 02 68 69", Type::string()), Value::string("hi"));
  EXPECT_EQ(decode_hex("d9 02 68 69", Type::string()), Value::string("hi"));
  std::string long_text(300, 'a');
  Value v = Value::string(long_text);
  EXPECT_EQ(to_msgpack(v, Type::string()).substr(0, 3), unhex("da 01 2c"));
  EXPECT_EQ(from_msgpack(to_msgpack(v, Type::string()), Type::string()), v);
}

TEST(MsgpackCodecTest, CollectionsRoundTrip) {
  Type block = Type::object({{"port", Type::number()}, {"host", Type::string()}});
  Type t = Type::object({{"tags", Type::map(Type::string())},
                         {"names", Type::set(Type::string())},
                         {"rules", Type::list(block)},
                         {"pair", Type::tuple({Type::string(), Type::boolean()})},
                         {"empty", Type::list(Type::string())},
                         {"flag", Type::boolean()}});
  Value v = Value::object(
      t, {{"tags", Value::map(Type::string(),
                              {{"env", Value::string("prod")}, {"team", Value::string("ssl")}})},
          {"names", Value::set(Type::string(), {Value::string("b"), Value::string("a")})},
          {"rules", Value::list(block, {Value::object(block, {{"port", Value::number(443)}}),
                                        Value::object(block, {{"host", Value::string("h")}})})},
          {"pair", Value::tuple({Value::string("x"), Value::boolean(false)})},
          {"empty", Value::list(Type::string(), {})},
          {"flag", Value::boolean(true)}});
  std::string bytes = to_msgpack(v, t);
  Value back = from_msgpack(bytes, t);
  EXPECT_EQ(back, v);
  EXPECT_EQ(to_msgpack(back, t), bytes);
  // The empty list is an empty array, not nil.
  EXPECT_NE(bytes.find(unhex("a5 65 6d 70 74 79 90")), std::string::npos);
}

TEST(MsgpackCodecTest, SetsDedupeOnDecode) {
  Value v = decode_hex("93 a1 61 a1 62 a1 61", Type::set(Type::string()));
  EXPECT_EQ(v.length(), 2u);
}

TEST(MsgpackCodecTest, ObjectMissingAnAttributeIsRejected) {
  EXPECT_EQ(
      codec_error_of([&] { decode_hex("82 a2 69 64 c0 a4 6e 61 6d 65 a1 78", example_type()); }),
      "an object with 3 attributes is required (2 given)");
}

TEST(MsgpackCodecTest, ObjectWithUnknownOrDuplicateAttributeIsRejected) {
  EXPECT_EQ(codec_error_of([&] {
              decode_hex("83 a4 64 61 79 73 1e a2 69 64 c0 a3 66 6f 6f a1 78", example_type());
            }),
            "unsupported attribute \"foo\"");
  EXPECT_THROW(decode_hex("83 a4 64 61 79 73 1e a2 69 64 c0 a2 69 64 c0", example_type()),
               CodecError);
}

TEST(MsgpackCodecTest, ErrorsNameThePath) {
  Type t = Type::object({{"tags", Type::map(Type::string())}});
  EXPECT_EQ(
      codec_error_of([&] { decode_hex("81 a4 74 61 67 73 81 a1 61 05", t); }),  // tags = {a = 5}
      "tags[\"a\"]: a string is required, got msgpack integer");
}

TEST(MsgpackCodecTest, RejectsNonConformingInput) {
  EXPECT_THROW(decode_hex("c3", Type::string()), CodecError);
  EXPECT_THROW(decode_hex("a1 78", Type::boolean()), CodecError);
  EXPECT_THROW(decode_hex("90", Type::map(Type::string())), CodecError);
  EXPECT_THROW(decode_hex("80", Type::list(Type::string())), CodecError);
  EXPECT_THROW(decode_hex("91 a1 61", Type::tuple({Type::string(), Type::string()})), CodecError);
  EXPECT_THROW(decode_hex("81 01 a1 61", Type::map(Type::string())), CodecError);  // int key
  EXPECT_THROW(decode_hex("82 a1 61 a1 61 a1 61 a1 62", Type::map(Type::string())), CodecError);
  EXPECT_THROW(decode_hex("a1 78", Type::dynamic()), CodecError);
  EXPECT_THROW(decode_hex("93 c4 01 22 a1 78 c0", Type::dynamic()), CodecError);
  EXPECT_THROW(decode_hex("92 c4 04 6e 6f 70 65 c0", Type::dynamic()), CodecError);  // "nope"
  EXPECT_THROW(decode_hex("92 01 c0", Type::dynamic()), CodecError);
}

TEST(MsgpackCodecTest, RejectsMalformedBytes) {
  EXPECT_THROW(decode_hex("", Type::string()), CodecError);
  EXPECT_THROW(decode_hex("c1", Type::string()), CodecError);
  EXPECT_THROW(decode_hex("a1 78 00", Type::string()), CodecError);  // trailing data
  EXPECT_THROW(decode_hex("a5 68 69", Type::string()), CodecError);  // short string
  EXPECT_THROW(decode_hex("cd 01", Type::number()), CodecError);
  // Huge claimed lengths fail at once instead of allocating.
  EXPECT_THROW(decode_hex("dd ff ff ff ff", Type::list(Type::string())), CodecError);
  EXPECT_THROW(decode_hex("df ff ff ff ff", Type::map(Type::string())), CodecError);
  EXPECT_THROW(decode_hex("db ff ff ff ff", Type::string()), CodecError);
  EXPECT_THROW(decode_hex("c9 ff ff ff ff 00", Type::string()), CodecError);
}

TEST(MsgpackCodecTest, EveryTruncationIsAnError) {
  Value plan = Value::object(example_type(), {{"id", Value::unknown(Type::string())},
                                              {"name", Value::string("x")},
                                              {"days", Value::number(30)}});
  std::string bytes = to_msgpack(plan, example_type());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(from_msgpack(bytes.substr(0, n), example_type()), CodecError) << n;
  }
}

TEST(MsgpackCodecTest, DeepDynamicNestingIsRefused) {
  // [["list","dynamic"], [ [["list","dynamic"], [ ... ]] ]] far deeper than any schema.
  const std::string type_json = R"(["list","dynamic"])";
  std::string bytes;
  for (int i = 0; i < 5000; ++i) {
    bytes += unhex("92 c4");
    bytes += static_cast<char>(type_json.size());
    bytes += type_json;
    bytes += unhex("91");
  }
  bytes += unhex("c0");
  EXPECT_THROW(from_msgpack(bytes, Type::dynamic()), CodecError);
}

TEST(MsgpackCodecTest, EncoderRejectsValuesOfAnotherType) {
  EXPECT_THROW(to_msgpack(Value::string("x"), Type::number()), CodecError);
  EXPECT_THROW(to_msgpack(Value::list(Type::string(), {}), Type::set(Type::string())), CodecError);
}

// Random corruption of a rich encoding: every outcome is a value or a CodecError.
TEST(MsgpackCodecTest, FuzzedInputNeverCrashes) {
  Type block = Type::object({{"port", Type::number()}, {"host", Type::string()}});
  Type t = Type::object({{"tags", Type::map(Type::string())},
                         {"rules", Type::set(block)},
                         {"any", Type::dynamic()},
                         {"pair", Type::tuple({Type::number(), Type::boolean()})}});
  Value v = Value::object(
      t, {{"tags", Value::map(Type::string(), {{"env", Value::string("prod")}})},
          {"rules",
           Value::set(block, {Value::object(block, {{"port", Value::number(443)}}),
                              Value::object(block, {{"host", Value::unknown(Type::string())}})})},
          {"any", Value::list(Type::number(), {Value::number(*Number::parse("0.1"))})},
          {"pair", Value::tuple({Value::number(-7), Value::boolean(true)})}});
  const std::string good = to_msgpack(v, t);
  ASSERT_EQ(from_msgpack(good, t), v);
  std::mt19937 rng(12345);
  int decoded = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string bytes = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng() % bytes.size();
      switch (rng() % 3) {
        case 0:
          bytes[pos] = static_cast<char>(rng());
          break;
        case 1:
          bytes.erase(pos, 1 + rng() % 3);
          break;
        default:
          bytes.insert(pos, 1, static_cast<char>(rng()));
          break;
      }
      // push_back, not `= "\x90"`: GCC 12 -O3 flags the assignment (-Wrestrict false positive).
      if (bytes.empty()) bytes.push_back('\x90');
    }
    try {
      Value out = from_msgpack(bytes, t);
      ++decoded;
      // Whatever decodes re-encodes and decodes to the same value.
      EXPECT_EQ(from_msgpack(to_msgpack(out, t), t), out);
    } catch (const CodecError&) {
    }
  }
  EXPECT_GT(decoded, 0);
  for (int i = 0; i < 5000; ++i) {
    std::string bytes(1 + rng() % 40, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    try {
      from_msgpack(bytes, t);
    } catch (const CodecError&) {
    }
    try {
      from_msgpack(bytes, Type::dynamic());
    } catch (const CodecError&) {
    }
  }
}

}  // namespace
}  // namespace cloudssl::codec
