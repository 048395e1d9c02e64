#include "provider/codec/number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "provider/codec/type.h"

namespace cloudssl::codec {
namespace {

Number parsed(std::string_view text) {
  std::optional<Number> n = Number::parse(text);
  EXPECT_TRUE(n.has_value()) << text;
  return n.value_or(Number());
}

TEST(NumberTest, DefaultIsZero) {
  EXPECT_EQ(Number().to_string(), "0");
  EXPECT_EQ(Number().to_int64(), 0);
}

TEST(NumberTest, IntegersStayExact) {
  EXPECT_EQ(Number::from_int(-42).to_string(), "-42");
  EXPECT_EQ(Number::from_int(std::numeric_limits<std::int64_t>::min()).to_int64(),
            std::numeric_limits<std::int64_t>::min());
  Number big = Number::from_uint(std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(big.to_string(), "18446744073709551615");
  EXPECT_FALSE(big.to_int64().has_value());
  EXPECT_EQ(big.wire_form(), Number::WireForm::Decimal);
  EXPECT_EQ(Number::from_uint(5).to_int64(), 5);
  EXPECT_EQ(Number::from_uint(5).wire_form(), Number::WireForm::Int);
}

TEST(NumberTest, ParsesCtyNumberSyntax) {
  EXPECT_EQ(parsed("42").to_int64(), 42);
  EXPECT_EQ(parsed("+42").to_int64(), 42);
  EXPECT_EQ(parsed("-0").to_string(), "0");
  EXPECT_EQ(parsed("-0.1").to_string(), "-0.1");
  EXPECT_EQ(parsed("1e3").to_int64(), 1000);
  EXPECT_EQ(parsed("1.5E+2").to_int64(), 150);
  EXPECT_EQ(parsed("25e-1").to_string(), "2.5");
  EXPECT_EQ(parsed("1e-5").to_string(), "0.00001");
  EXPECT_EQ(parsed(".5").to_string(), "0.5");
  EXPECT_EQ(parsed("5.").to_string(), "5");
  EXPECT_EQ(parsed("007.2500").to_string(), "7.25");
  EXPECT_EQ(parsed("100000000000000000000").to_string(), "100000000000000000000");
  EXPECT_EQ(parsed("1e300").to_string(), "1" + std::string(300, '0'));
  EXPECT_EQ(parsed("-12345678901234567890.123456789").to_string(),
            "-12345678901234567890.123456789");
  EXPECT_TRUE(std::isinf(parsed("Inf").to_double()));
  EXPECT_LT(parsed("-Inf").to_double(), 0);
  for (const char* bad : {"", "-", ".", "e5", "1e", "1e+", "1x", " 1", "1 ", "0x10", "NaN", "1.2.3",
                          "--1", "1e5.5", "1e99999999"}) {
    EXPECT_FALSE(Number::parse(bad).has_value()) << bad;
  }
}

TEST(NumberTest, CanonicalTextOfDoublesIsShortest) {
  EXPECT_EQ(Number::from_double(0.1).to_string(), "0.1");
  EXPECT_EQ(Number::from_double(-3.5).to_string(), "-3.5");
  EXPECT_EQ(Number::from_double(30.0).to_string(), "30");
  EXPECT_EQ(Number::from_double(1e21).to_string(), "1000000000000000000000");
  // Go's Text('f', -1): shortest digits, positional (not the double's exact expansion).
  EXPECT_EQ(Number::from_double(1e23).to_string(), "100000000000000000000000");
  EXPECT_EQ(Number::from_double(123.456).to_string(), "123.456");
  EXPECT_EQ(Number::from_double(5e-324).to_string(), "0." + std::string(323, '0') + "5");
  EXPECT_EQ(Number::from_double(std::numeric_limits<double>::infinity()).to_string(), "+Inf");
  EXPECT_THROW(Number::from_double(std::nan("")), CodecError);
}

TEST(NumberTest, NumericEquality) {
  EXPECT_EQ(Number::from_int(1), Number::from_double(1.0));
  EXPECT_EQ(Number::from_int(1), parsed("1.000"));
  EXPECT_EQ(parsed("1"), parsed("1e0"));
  EXPECT_EQ(parsed("0.5"), Number::from_double(0.5));
  EXPECT_EQ(parsed("0.10"), parsed("0.1"));
  // Decimal 0.1 is not the double nearest to it: cty keeps them apart too.
  EXPECT_NE(parsed("0.1"), Number::from_double(0.1));
  EXPECT_EQ(Number::from_uint(std::numeric_limits<std::uint64_t>::max()),
            parsed("18446744073709551615"));
  EXPECT_NE(parsed("18446744073709551615"), parsed("18446744073709551616"));
}

TEST(NumberTest, Ordering) {
  EXPECT_LT(Number::from_int(-2), Number::from_int(1));
  EXPECT_LT(parsed("0.1"), Number::from_double(0.1));  // 0.1000000000000000055...
  EXPECT_LT(Number::from_double(-0.5), parsed("-0.25"));
  EXPECT_LT(parsed("99.99"), Number::from_int(100));
  EXPECT_LT(Number::from_int(std::numeric_limits<std::int64_t>::max()),
            Number::from_uint(std::numeric_limits<std::uint64_t>::max()));
  EXPECT_LT(parsed("-Inf"), parsed("-1e300"));
  EXPECT_LT(parsed("1e300"), parsed("Inf"));
  EXPECT_FALSE(parsed("2") < parsed("2.0"));
}

TEST(NumberTest, WireFormFollowsCtyRule) {
  EXPECT_EQ(Number::from_int(30).wire_form(), Number::WireForm::Int);
  EXPECT_EQ(Number::from_double(30.0).wire_form(), Number::WireForm::Int);
  EXPECT_EQ(Number::from_double(0.1).wire_form(), Number::WireForm::Float);
  EXPECT_EQ(Number::from_double(1e300).wire_form(), Number::WireForm::Float);
  EXPECT_EQ(parsed("0.1").wire_form(), Number::WireForm::Decimal);
  EXPECT_EQ(parsed("0.5").wire_form(), Number::WireForm::Float);  // exactly a float64
  EXPECT_EQ(parsed("100000000000000000001").wire_form(), Number::WireForm::Decimal);
  // 10^20 is exactly a float64 (5^20 < 2^53), so cty's marshaller sends it as one.
  EXPECT_EQ(parsed("100000000000000000000").wire_form(), Number::WireForm::Float);
  EXPECT_EQ(parsed("9223372036854775808").wire_form(), Number::WireForm::Float);  // 2^63
  EXPECT_EQ(parsed("Inf").wire_form(), Number::WireForm::Float);
}

TEST(NumberTest, ToDouble) {
  EXPECT_EQ(parsed("0.1").to_double(), 0.1);
  EXPECT_EQ(parsed("-2.5").to_double(), -2.5);
  EXPECT_EQ(parsed("1e400").to_double(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(parsed("1e-400").to_double(), 0.0);
  EXPECT_EQ(Number::from_int(7).to_double(), 7.0);
}

TEST(NumberTest, ToInt64OnlyWhenExact) {
  EXPECT_EQ(parsed("9223372036854775807").to_int64(), std::numeric_limits<std::int64_t>::max());
  EXPECT_FALSE(parsed("9223372036854775808").to_int64().has_value());
  EXPECT_FALSE(parsed("1.5").to_int64().has_value());
  EXPECT_FALSE(Number::from_double(0.1).to_int64().has_value());
  EXPECT_EQ(parsed("-9223372036854775808").to_int64(), std::numeric_limits<std::int64_t>::min());
}

}  // namespace
}  // namespace cloudssl::codec
