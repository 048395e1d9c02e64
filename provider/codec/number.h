// A lossless number, as Terraform's cty numbers are arbitrary precision.
// It remembers the form it arrived in (int64, float64 or decimal text) so that re-encoding
// sends back exactly what Terraform sent: converting "0.1" to a double and back would make
// Terraform report "planned value does not match config value".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cloudssl::codec {

class Number {
 public:
  Number() = default;  // zero

  static Number from_int(std::int64_t value);
  static Number from_uint(std::uint64_t value);  // kept exact beyond int64 (as decimal text)
  static Number from_double(double value);       // NaN is rejected with CodecError
  // Parses decimal text as cty accepts it ("42", "-0.1", "1e300", "100000000000000000000").
  static std::optional<Number> parse(std::string_view text);

  // The exact int64 value, if the number is an integer in range.
  std::optional<std::int64_t> to_int64() const;
  // Nearest double (may round).
  double to_double() const;
  // Canonical decimal text, like Go's big.Float.Text('f', -1): "42", "0.1", "-3.5".
  std::string to_string() const;

  // How the msgpack encoder should send it: int when an exact int64, float64 when it
  // arrived as (or is exactly) a float64, otherwise a string with the decimal text.
  enum class WireForm { Int, Float, Decimal };
  WireForm wire_form() const;

  // Numeric equality: 1 == 1.0 == "1" == "1.000".
  friend bool operator==(const Number& a, const Number& b);
  friend bool operator<(const Number& a, const Number& b);

 private:
  // int64, double, or canonical decimal text (arbitrary precision).
  std::variant<std::int64_t, double, std::string> rep_{std::int64_t{0}};
};

}  // namespace cloudssl::codec
