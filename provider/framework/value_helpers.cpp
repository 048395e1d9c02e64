#include "provider/framework/value_helpers.h"

#include <map>

namespace cloudssl::framework {

using codec::Type;
using codec::Value;

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

Value string_or_null(const std::string& s) {
  return s.empty() ? Value::null(Type::string()) : Value::string(s);
}

Value int_or_null(const std::optional<std::int64_t>& n) {
  return n ? Value::number(*n) : Value::null(Type::number());
}

Value bool_or_null(const std::optional<bool>& b) {
  return b ? Value::boolean(*b) : Value::null(Type::boolean());
}

bool present(const Value& value) { return !value.is_null() && !value.is_unknown(); }

bool present(const Value& object, std::string_view attribute) {
  return present(object) && object.has(attribute) && present(object.at(attribute));
}

void keep_defaults(const Block& block, const Value& config, Value& planned) {
  if (planned.is_null() || planned.is_unknown()) return;
  for (const Attribute& a : block.attributes) {
    if (!a.default_value || !a.optional || !a.computed) continue;
    if (!config.at(a.name).is_null()) continue;
    if (planned.at(a.name).is_unknown()) planned = planned.with(a.name, *a.default_value);
  }
}

Value import_stub(const Schema& schema, const std::string& id) {
  std::map<std::string, Value> stub;
  stub.emplace("id", Value::string(id));
  for (const Attribute& a : schema.block.attributes)
    if (a.default_value) stub.insert_or_assign(a.name, *a.default_value);
  return Value::object(implied_type(schema), std::move(stub));
}

}  // namespace cloudssl::framework
