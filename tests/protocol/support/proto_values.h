// Typed values for protocol tests: the cty type a tfplugin6 schema implies, read from the
// schema the provider sent (as Terraform derives it), and msgpack/JSON through the codec so
// a test can build whole objects and read answers by attribute.
#pragma once

#include <map>
#include <string>

#include "provider/codec/json_codec.h"
#include "provider/codec/msgpack_codec.h"
#include "provider/codec/value.h"
#include "tfplugin6.pb.h"

namespace cloudssl::testing {

using codec::Type;
using codec::Value;

Type implied_type(const tfplugin6::Schema::Block& block);

inline Type implied_type(const tfplugin6::ResourceIdentitySchema& schema) {
  std::map<std::string, Type> attributes;
  for (const auto& a : schema.identity_attributes())
    attributes.emplace(a.name(), Type::from_json(a.type()));
  return Type::object(std::move(attributes));
}

inline tfplugin6::DynamicValue dynamic(const Value& value, const Type& type) {
  tfplugin6::DynamicValue out;
  out.set_msgpack(codec::to_msgpack(value, type));
  return out;
}

// A DynamicValue as Terraform decodes it: msgpack, else JSON, else null.
inline Value decoded(const tfplugin6::DynamicValue& value, const Type& type) {
  if (!value.msgpack().empty()) return codec::from_msgpack(value.msgpack(), type);
  if (!value.json().empty()) return codec::from_json(value.json(), type);
  return Value::null(type);
}

// An object of `type` with the given attributes, the others null.
inline Value object(const Type& type, std::map<std::string, Value> attributes) {
  return Value::object(type, std::move(attributes));
}

}  // namespace cloudssl::testing
