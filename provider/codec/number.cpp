// Lossless numbers: int64 when the value is an integer in range, double when it came as a
// double, otherwise canonical decimal text. Comparisons go through an exact decimal form.
#include "provider/codec/number.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "provider/codec/type.h"

namespace cloudssl::codec {
namespace {

// Numbers whose decimal point lies further out than this are refused: their canonical text
// would be absurdly long (1e1000000 is a megabyte of zeros) and no schema needs them.
constexpr std::int64_t kMaxDecimalOrder = 100000;

// Exact decimal value: (-1)^negative × digits × 10^exponent. `digits` has neither leading
// nor trailing zeros; empty digits means zero (and then negative is false, exponent 0).
struct Decimal {
  bool negative = false;
  std::string digits;
  std::int64_t exponent = 0;

  bool is_zero() const { return digits.empty(); }
  // Position of the most significant digit: 10^(order-1) <= |value| < 10^order.
  std::int64_t order() const { return static_cast<std::int64_t>(digits.size()) + exponent; }
  bool is_integer() const { return exponent >= 0; }
};

// What parse_text found: a finite decimal, or an infinity with its sign.
struct Parsed {
  bool infinite = false;
  Decimal decimal;  // finite value, or only `negative` for an infinity
};

std::optional<Parsed> parse_text(std::string_view text) {
  Parsed out;
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string_view rest = text.substr(i);
  if (rest == "Inf" || rest == "inf") {
    out.infinite = true;
    out.decimal.negative = negative;
    return out;
  }
  std::string digits;
  std::int64_t exponent = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (digits.empty() && c == '0') {
        if (seen_point) --exponent;  // leading zero after the point only shifts the scale
        continue;
      }
      digits.push_back(c);
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    if (i == text.size()) return std::nullopt;
    std::int64_t e = 0;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return std::nullopt;
      if (e < 10 * kMaxDecimalOrder) e = e * 10 + (c - '0');  // saturates far beyond the limit
    }
    exponent += exp_negative ? -e : e;
  }
  // Trailing zeros move into the exponent so that equal values have equal representations.
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) return out;  // zero (of either sign: cty has no negative zero)
  out.decimal = Decimal{negative, std::move(digits), exponent};
  if (out.decimal.order() > kMaxDecimalOrder || out.decimal.order() < -kMaxDecimalOrder) {
    return std::nullopt;
  }
  return out;
}

// Plain positional text, as big.Float.Text('f', -1) writes an exact decimal.
std::string decimal_text(const Decimal& d) {
  if (d.is_zero()) return "0";
  std::string out = d.negative ? "-" : "";
  if (d.exponent >= 0) {
    out += d.digits;
    out.append(static_cast<std::size_t>(d.exponent), '0');
    return out;
  }
  const std::int64_t point = d.order();  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += d.digits;
  } else {
    out += d.digits.substr(0, static_cast<std::size_t>(point));
    out += '.';
    out += d.digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

// The exact decimal expansion of a finite double (every double is a finite decimal).
Decimal exact_decimal(double v) {
  // 1074 fractional digits reach the smallest subnormal; 309 integer digits the largest.
  char buf[1500];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1074);
  if (ec != std::errc()) throw std::logic_error("to_chars failed for a double");
  return parse_text(std::string_view(buf, static_cast<std::size_t>(end - buf)))->decimal;
}

// -1, 0, 1 comparing two exact decimals.
int compare_decimal(const Decimal& a, const Decimal& b) {
  if (a.is_zero() && b.is_zero()) return 0;
  if (a.is_zero()) return b.negative ? 1 : -1;
  if (b.is_zero()) return a.negative ? -1 : 1;
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int magnitude = 0;
  if (a.order() != b.order()) {
    magnitude = a.order() < b.order() ? -1 : 1;
  } else {
    // Same leading position and no trailing zeros: lexicographic order is numeric order.
    const int c = a.digits.compare(b.digits);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return a.negative ? -magnitude : magnitude;
}

std::optional<std::int64_t> decimal_to_int64(const Decimal& d) {
  if (d.is_zero()) return 0;
  if (!d.is_integer() || d.order() > 19) return std::nullopt;
  std::string text = decimal_text(d);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return out;
}

// Nearest double to a decimal (round to nearest even, as strtod does), saturating to ±Inf.
double decimal_to_double(const Decimal& d) {
  if (d.is_zero()) return 0.0;
  const std::string text = decimal_text(d);
  double out = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc::result_out_of_range) {
    const double magnitude = d.order() > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return d.negative ? -magnitude : magnitude;
  }
  if (ec != std::errc()) throw std::logic_error("from_chars failed for a decimal");
  return out;
}

bool fits_int64_exactly(double v) {
  // [-2^63, 2^63): the upper bound itself is not an int64.
  return std::trunc(v) == v && v >= -9223372036854775808.0 && v < 9223372036854775808.0;
}

}  // namespace

Number Number::from_int(std::int64_t value) {
  Number n;
  n.rep_ = value;
  return n;
}

Number Number::from_uint(std::uint64_t value) {
  Number n;
  if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    n.rep_ = static_cast<std::int64_t>(value);
  } else {
    n.rep_ = std::to_string(value);
  }
  return n;
}

Number Number::from_double(double value) {
  if (std::isnan(value)) throw CodecError("a number cannot be NaN");
  Number n;
  if (fits_int64_exactly(value)) {
    n.rep_ = static_cast<std::int64_t>(value);
  } else {
    n.rep_ = value;
  }
  return n;
}

std::optional<Number> Number::parse(std::string_view text) {
  std::optional<Parsed> parsed = parse_text(text);
  if (!parsed) return std::nullopt;
  Number n;
  if (parsed->infinite) {
    n.rep_ = parsed->decimal.negative ? -std::numeric_limits<double>::infinity()
                                      : std::numeric_limits<double>::infinity();
  } else if (std::optional<std::int64_t> i = decimal_to_int64(parsed->decimal)) {
    n.rep_ = *i;
  } else {
    n.rep_ = decimal_text(parsed->decimal);
  }
  return n;
}

std::optional<std::int64_t> Number::to_int64() const {
  if (const auto* i = std::get_if<std::int64_t>(&rep_)) return *i;
  if (const auto* d = std::get_if<double>(&rep_)) {
    if (fits_int64_exactly(*d)) return static_cast<std::int64_t>(*d);
    return std::nullopt;
  }
  return decimal_to_int64(parse_text(std::get<std::string>(rep_))->decimal);
}

double Number::to_double() const {
  if (const auto* i = std::get_if<std::int64_t>(&rep_)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&rep_)) return *d;
  return decimal_to_double(parse_text(std::get<std::string>(rep_))->decimal);
}

std::string Number::to_string() const {
  if (const auto* i = std::get_if<std::int64_t>(&rep_)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&rep_)) {
    if (std::isinf(*d)) return *d > 0 ? "+Inf" : "-Inf";  // big.Float's spelling
    // The shortest digits that read back as the same double, written out positionally, as
    // Go does. (to_chars' own fixed format would print 1e23 as 99999999999999991611392:
    // among equally long texts it picks the one closest to the double.)
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d, std::chars_format::scientific);
    if (ec != std::errc()) throw std::logic_error("to_chars failed for a double");
    return decimal_text(
        parse_text(std::string_view(buf, static_cast<std::size_t>(end - buf)))->decimal);
  }
  return std::get<std::string>(rep_);
}

Number::WireForm Number::wire_form() const {
  if (std::holds_alternative<std::int64_t>(rep_)) return WireForm::Int;
  if (const auto* d = std::get_if<double>(&rep_)) {
    return fits_int64_exactly(*d) ? WireForm::Int : WireForm::Float;
  }
  // Decimal text that happens to be exactly a double goes out as float64, as cty does.
  const Decimal exact = parse_text(std::get<std::string>(rep_))->decimal;
  if (decimal_to_int64(exact)) return WireForm::Int;
  const double nearest = decimal_to_double(exact);
  if (std::isfinite(nearest) && compare_decimal(exact_decimal(nearest), exact) == 0) {
    return WireForm::Float;
  }
  return WireForm::Decimal;
}

namespace {

// Sign of an infinity in the representation, 0 when finite.
int infinity_sign(const std::variant<std::int64_t, double, std::string>& rep) {
  if (const auto* d = std::get_if<double>(&rep); d && std::isinf(*d)) return *d > 0 ? 1 : -1;
  return 0;
}

Decimal to_decimal(const std::variant<std::int64_t, double, std::string>& rep) {
  if (const auto* i = std::get_if<std::int64_t>(&rep)) {
    return parse_text(std::to_string(*i))->decimal;
  }
  if (const auto* d = std::get_if<double>(&rep)) return exact_decimal(*d);
  return parse_text(std::get<std::string>(rep))->decimal;
}

template <typename Rep>
int compare_numbers(const Rep& a, const Rep& b) {
  const auto* ai = std::get_if<std::int64_t>(&a);
  const auto* bi = std::get_if<std::int64_t>(&b);
  if (ai && bi) return *ai < *bi ? -1 : (*ai > *bi ? 1 : 0);
  const auto* ad = std::get_if<double>(&a);
  const auto* bd = std::get_if<double>(&b);
  if (ad && bd) return *ad < *bd ? -1 : (*ad > *bd ? 1 : 0);
  const int ainf = infinity_sign(a);
  const int binf = infinity_sign(b);
  if (ainf != 0 || binf != 0) return ainf < binf ? -1 : (ainf > binf ? 1 : 0);
  return compare_decimal(to_decimal(a), to_decimal(b));
}

}  // namespace

bool operator==(const Number& a, const Number& b) { return compare_numbers(a.rep_, b.rep_) == 0; }

bool operator<(const Number& a, const Number& b) { return compare_numbers(a.rep_, b.rep_) < 0; }

}  // namespace cloudssl::codec
