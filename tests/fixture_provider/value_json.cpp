#include "tests/fixture_provider/value_json.h"

#include <stdexcept>

namespace cloudssl::fixture {
using codec::CodecError;
using codec::Number;
using codec::Type;
using codec::Value;

nlohmann::json to_plain_json(const Value& value) {
  if (value.is_unknown()) throw std::logic_error("unknown value in the store");
  if (value.is_null()) return nullptr;
  switch (value.type().kind()) {
    case Type::Kind::String:
      return value.as_string();
    case Type::Kind::Bool:
      return value.as_bool();
    case Type::Kind::Number: {
      if (auto i = value.as_number().to_int64()) return *i;
      return value.as_number().to_double();
    }
    case Type::Kind::List:
    case Type::Kind::Set:
    case Type::Kind::Tuple: {
      auto out = nlohmann::json::array();
      for (const auto& e : value.elements()) out.push_back(to_plain_json(e));
      return out;
    }
    case Type::Kind::Map:
    case Type::Kind::Object: {
      auto out = nlohmann::json::object();
      for (const auto& [k, v] : value.entries()) out[k] = to_plain_json(v);
      return out;
    }
    case Type::Kind::Dynamic:
      break;
  }
  throw std::logic_error("unsupported value kind in the store");
}

Value from_plain_json(const nlohmann::json& json, const Type& type) {
  if (json.is_null()) return Value::null(type);
  auto expect = [&](bool ok) {
    if (!ok) throw CodecError("store value " + json.dump() + " is not a " + type.friendly_name());
  };
  switch (type.kind()) {
    case Type::Kind::String:
      expect(json.is_string());
      return Value::string(json.get<std::string>());
    case Type::Kind::Bool:
      expect(json.is_boolean());
      return Value::boolean(json.get<bool>());
    case Type::Kind::Number:
      expect(json.is_number());
      if (json.is_number_integer()) return Value::number(json.get<std::int64_t>());
      return Value::number(Number::from_double(json.get<double>()));
    case Type::Kind::List:
    case Type::Kind::Set: {
      expect(json.is_array());
      std::vector<Value> elements;
      for (const auto& e : json) elements.push_back(from_plain_json(e, type.element_type()));
      return type.kind() == Type::Kind::List ? Value::list(type.element_type(), std::move(elements))
                                             : Value::set(type.element_type(), std::move(elements));
    }
    case Type::Kind::Map: {
      expect(json.is_object());
      std::map<std::string, Value> entries;
      for (const auto& [k, v] : json.items()) entries[k] = from_plain_json(v, type.element_type());
      return Value::map(type.element_type(), std::move(entries));
    }
    case Type::Kind::Object: {
      expect(json.is_object());
      std::map<std::string, Value> attributes;
      for (const auto& [name, attribute_type] : type.attribute_types()) {
        auto it = json.find(name);
        attributes[name] =
            it == json.end() ? Value::null(attribute_type) : from_plain_json(*it, attribute_type);
      }
      return Value::object(type, std::move(attributes));
    }
    case Type::Kind::Tuple: {
      expect(json.is_array() && json.size() == type.tuple_types().size());
      std::vector<Value> elements;
      for (std::size_t i = 0; i < json.size(); ++i) {
        elements.push_back(from_plain_json(json[i], type.tuple_types()[i]));
      }
      return Value::tuple(std::move(elements));
    }
    case Type::Kind::Dynamic:
      break;
  }
  throw CodecError("dynamic values are not stored by the fixture provider");
}

}  // namespace cloudssl::fixture
