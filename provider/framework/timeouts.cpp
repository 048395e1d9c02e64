#include "provider/framework/timeouts.h"

#include <cmath>
#include <limits>

namespace cloudssl::framework {

NestedBlock timeouts_block(const std::vector<std::string>& operations) {
  NestedBlock block{
      .type_name = std::string(kTimeoutsBlock), .block = {}, .nesting = Nesting::Single};
  for (const std::string& op : operations) {
    block.block.attributes.push_back(Attribute{
        .name = op,
        .type = Type::string(),
        .optional = true,
        .description = "How long to wait for the " + op +
                       " operation, as a duration such as \"30s\", \"10m\" or \"1h30m\".",
    });
  }
  block.block.description = "Time limits for operations on this resource.";
  return block;
}

// Go's time.ParseDuration grammar: [+]? ( decimal unit )+ or "0". Negative durations parse in
// Go but make no sense as a time limit, so they are rejected here.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s == "0") return std::chrono::milliseconds(0);
  if (s.empty()) return std::nullopt;

  long double total_ns = 0;
  while (!s.empty()) {
    // The number: digits, optionally '.' and more digits; at least one digit overall.
    long double value = 0;
    bool digits = false;
    while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
      value = value * 10 + (s.front() - '0');
      digits = true;
      s.remove_prefix(1);
    }
    if (!s.empty() && s.front() == '.') {
      s.remove_prefix(1);
      long double scale = 0.1L;
      while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
        value += (s.front() - '0') * scale;
        scale /= 10;
        digits = true;
        s.remove_prefix(1);
      }
    }
    if (!digits) return std::nullopt;

    // The unit, longest match first.
    static constexpr std::pair<std::string_view, long double> kUnits[] = {
        {"ns", 1.0L},        {"us", 1e3L}, {"\xC2\xB5s", 1e3L},  // µs (U+00B5)
        {"\xCE\xBCs", 1e3L},                                     // μs (U+03BC)
        {"ms", 1e6L},        {"s", 1e9L},  {"m", 60e9L},        {"h", 3600e9L},
    };
    bool matched = false;
    for (const auto& [unit, ns] : kUnits) {
      if (s.substr(0, unit.size()) == unit) {
        total_ns += value * ns;
        s.remove_prefix(unit.size());
        matched = true;
        break;
      }
    }
    if (!matched) return std::nullopt;
  }
  // Go limits durations to int64 nanoseconds (about 292 years).
  if (total_ns > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(total_ns / 1e6L));
}

std::optional<std::chrono::milliseconds> configured_timeout(const codec::Value& object,
                                                            std::string_view operation) {
  if (object.is_null() || object.is_unknown() || !object.has(kTimeoutsBlock)) return std::nullopt;
  const codec::Value& timeouts = object.at(kTimeoutsBlock);
  if (timeouts.is_null() || timeouts.is_unknown()) return std::nullopt;
  if (timeouts.type().kind() != Type::Kind::Object) return std::nullopt;
  std::optional<std::string> text = timeouts.get_string(operation);
  if (!text) return std::nullopt;
  return parse_duration(*text);
}

codec::Value without_timeouts(const Block& block, const codec::Value& object) {
  if (object.is_null() || object.is_unknown()) return object;
  for (const NestedBlock& b : block.blocks) {
    if (b.type_name != kTimeoutsBlock) continue;
    const codec::Value& current = object.at(kTimeoutsBlock);
    if (current.is_null()) return object;
    return object.with(kTimeoutsBlock, codec::Value::null(current.type()));
  }
  return object;
}

void validate_timeouts(const codec::Value& config, Diagnostics& diagnostics) {
  if (config.is_null() || config.is_unknown() || !config.has(kTimeoutsBlock)) return;
  const codec::Value& timeouts = config.at(kTimeoutsBlock);
  if (timeouts.is_null() || timeouts.is_unknown()) return;
  if (timeouts.type().kind() != Type::Kind::Object) return;
  for (const auto& [op, value] : timeouts.entries()) {
    if (value.is_null() || value.is_unknown() || value.type().kind() != Type::Kind::String) {
      continue;
    }
    if (!parse_duration(value.as_string())) {
      diagnostics.error("Invalid timeout",
                        "\"" + value.as_string() +
                            "\" is not a duration. Use a number with a unit, such as \"30s\", "
                            "\"10m\" or \"1h30m\" (units: ns, us, ms, s, m, h).",
                        Path::root(std::string(kTimeoutsBlock)).attr(op));
    }
  }
}

}  // namespace cloudssl::framework
