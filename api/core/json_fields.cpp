#include "api/core/json_fields.h"

#include <charconv>
#include <limits>

namespace cloudssl::api::fields {

const json* field(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_unsigned()) return std::to_string(value.get<std::uint64_t>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return value.dump();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return {};
}

std::optional<std::int64_t> integer_of(const json& value) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // Converting a double outside int64's range is undefined behaviour: such a value is none.
    const double d = value.get<double>();
    if (!(d >= -0x1p63 && d < 0x1p63)) return std::nullopt;
    return static_cast<std::int64_t>(d);
  }
  if (value.is_boolean()) return value.get<bool>() ? 1 : 0;
  if (!value.is_string()) return std::nullopt;
  std::string_view s = value.get_ref<const std::string&>();
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  if (s.size() > 1 && s.front() == '+' && s[1] != '-') s.remove_prefix(1);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return out;
}

std::string text(const json& object, std::string_view name) {
  const json* value = field(object, name);
  return value ? text_of(*value) : std::string();
}

std::optional<std::int64_t> integer(const json& object, std::string_view name) {
  const json* value = field(object, name);
  return value ? integer_of(*value) : std::nullopt;
}

std::int64_t integer_or(const json& object, std::string_view name, std::int64_t fallback) {
  return integer(object, name).value_or(fallback);
}

std::optional<bool> boolean(const json& object, std::string_view name) {
  const json* value = field(object, name);
  if (!value) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_string()) {
    const std::string& s = value->get_ref<const std::string&>();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0" || s.empty()) return false;
    return std::nullopt;
  }
  if (auto n = integer_of(*value)) return *n != 0;
  return std::nullopt;
}

std::vector<std::string> strings(const json& object, std::string_view name) {
  std::vector<std::string> out;
  const json* value = field(object, name);
  if (!value) return out;
  if (!value->is_array()) {
    if (auto s = text_of(*value); !s.empty()) out.push_back(std::move(s));
    return out;
  }
  for (const auto& item : *value) {
    if (auto s = text_of(item); !s.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::int64_t> integers(const json& object, std::string_view name) {
  std::vector<std::int64_t> out;
  for (const auto& item : array(object, name)) {
    if (auto n = integer_of(item)) out.push_back(*n);
  }
  return out;
}

const json& array(const json& object, std::string_view name) {
  static const json empty = json::array();
  const json* value = field(object, name);
  return value && value->is_array() ? *value : empty;
}

}  // namespace cloudssl::api::fields
