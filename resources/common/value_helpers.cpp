#include "resources/common/value_helpers.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

#include "lib/pem/pem.h"

namespace cloudssl::resources {

Value string_list(const std::vector<std::string>& items) {
  std::vector<Value> out;
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::list(Type::string(), std::move(out));
}

Value string_set(const std::vector<std::string>& items) {
  std::vector<Value> out;
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::set(Type::string(), std::move(out));
}

Value number_list(const std::vector<std::int64_t>& items) {
  std::vector<Value> out;
  for (auto n : items) out.push_back(Value::number(n));
  return Value::list(Type::number(), std::move(out));
}

std::vector<std::string> strings_of(const Value& collection) {
  std::vector<std::string> out;
  if (collection.is_null() || collection.is_unknown()) return out;
  for (const Value& v : collection.elements())
    if (!v.is_null() && !v.is_unknown()) out.push_back(v.as_string());
  return out;
}

Value tags_value(const std::vector<api::Tag>& tags) {
  std::map<std::string, Value> entries;
  for (const auto& t : tags) entries.insert_or_assign(t.key, Value::string(t.value));
  return Value::map(Type::string(), std::move(entries));
}

std::vector<api::Tag> tags_of(const Value& map) {
  std::vector<api::Tag> out;
  if (map.is_null() || map.is_unknown()) return out;
  for (const auto& [key, value] : map.entries())
    if (!value.is_null() && !value.is_unknown()) out.push_back({key, value.as_string()});
  return out;  // std::map order: sorted by key
}

Value string_or_null(const std::string& s) {
  return s.empty() ? Value::null(Type::string()) : Value::string(s);
}

Value int_or_null(const std::optional<std::int64_t>& n) {
  return n ? Value::number(*n) : Value::null(Type::number());
}

Value bool_or_null(const std::optional<bool>& b) {
  return b ? Value::boolean(*b) : Value::null(Type::boolean());
}

bool present(const Value& object, std::string_view attribute) {
  if (object.is_null() || object.is_unknown() || !object.has(attribute)) return false;
  const Value& v = object.at(attribute);
  return !v.is_null() && !v.is_unknown();
}

api::CallOptions call_options(const framework::Context& ctx) {
  api::CallOptions options;
  options.deadline = ctx.deadline;
  options.cancel = ctx.cancel;
  return options;
}

std::optional<std::chrono::system_clock::time_point> parse_api_time(std::string_view text) {
  std::tm tm{};
  std::string s(text);
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
      static_cast<std::size_t>(consumed) != s.size() || tm.tm_year < 1970 || tm.tm_mon < 1)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  // Beijing time has no daylight saving: a fixed UTC+8.
  return std::chrono::system_clock::from_time_t(timegm(&tm)) - std::chrono::hours(8);
}

Value api_time_value(std::string_view text) {
  auto t = parse_api_time(text);
  return t ? Value::string(pem::rfc3339(*t)) : Value::null(Type::string());
}

void keep_defaults(const framework::Block& block, const Value& config, Value& planned) {
  if (planned.is_null() || planned.is_unknown()) return;
  for (const framework::Attribute& a : block.attributes) {
    if (!a.default_value || !a.optional || !a.computed) continue;
    if (!config.at(a.name).is_null()) continue;
    if (planned.at(a.name).is_unknown()) planned = planned.with(a.name, *a.default_value);
  }
}

}  // namespace cloudssl::resources
