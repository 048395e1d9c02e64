#include "tests/protocol/support/proto_values.h"

namespace cloudssl::testing {

namespace {

Type object_type(const tfplugin6::Schema::Object& object);

Type attribute_type(const tfplugin6::Schema::Attribute& a) {
  if (!a.has_nested_type()) return Type::from_json(a.type());
  return object_type(a.nested_type());
}

Type object_type(const tfplugin6::Schema::Object& object) {
  std::map<std::string, Type> attributes;
  for (const auto& a : object.attributes()) attributes.emplace(a.name(), attribute_type(a));
  Type element = Type::object(std::move(attributes));
  switch (object.nesting()) {
    case tfplugin6::Schema::Object::LIST:
      return Type::list(element);
    case tfplugin6::Schema::Object::SET:
      return Type::set(element);
    case tfplugin6::Schema::Object::MAP:
      return Type::map(element);
    default:
      return element;
  }
}

}  // namespace

Type implied_type(const tfplugin6::Schema::Block& block) {
  std::map<std::string, Type> attributes;
  for (const auto& a : block.attributes()) attributes.emplace(a.name(), attribute_type(a));
  for (const auto& b : block.block_types()) {
    Type element = implied_type(b.block());
    switch (b.nesting()) {
      case tfplugin6::Schema::NestedBlock::LIST:
        element = Type::list(element);
        break;
      case tfplugin6::Schema::NestedBlock::SET:
        element = Type::set(element);
        break;
      case tfplugin6::Schema::NestedBlock::MAP:
        element = Type::map(element);
        break;
      default:
        break;
    }
    attributes.emplace(b.type_name(), element);
  }
  return Type::object(std::move(attributes));
}

}  // namespace cloudssl::testing
