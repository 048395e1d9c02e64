// Type model and cty's compact type JSON (docs/design/tfplugin6.md §4.1).
#include "provider/codec/type.h"

#include <nlohmann/json.hpp>

namespace cloudssl::codec {

struct Type::Rep {
  Kind kind = Kind::Dynamic;
  std::vector<Type> children;              // element type (one) or tuple element types
  std::map<std::string, Type> attributes;  // object attribute types
};

namespace {

// Type JSON deeper than this is not a schema anyone writes; refusing it bounds recursion.
constexpr int kMaxTypeDepth = 64;

}  // namespace

Type::Type(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}

Type::Type() : Type(dynamic()) {}

namespace {

template <typename Rep>
std::shared_ptr<const Rep> primitive_rep(typename Type::Kind kind) {
  auto rep = std::make_shared<Rep>();
  rep->kind = kind;
  return rep;
}

}  // namespace

// Primitive types share one immutable representation each.
Type Type::string() {
  static const Type t(primitive_rep<Rep>(Kind::String));
  return t;
}
Type Type::number() {
  static const Type t(primitive_rep<Rep>(Kind::Number));
  return t;
}
Type Type::boolean() {
  static const Type t(primitive_rep<Rep>(Kind::Bool));
  return t;
}
Type Type::dynamic() {
  static const Type t(primitive_rep<Rep>(Kind::Dynamic));
  return t;
}

Type Type::list(Type element) {
  auto rep = std::make_shared<Rep>();
  rep->kind = Kind::List;
  rep->children.push_back(std::move(element));
  return Type(std::move(rep));
}

Type Type::set(Type element) {
  auto rep = std::make_shared<Rep>();
  rep->kind = Kind::Set;
  rep->children.push_back(std::move(element));
  return Type(std::move(rep));
}

Type Type::map(Type element) {
  auto rep = std::make_shared<Rep>();
  rep->kind = Kind::Map;
  rep->children.push_back(std::move(element));
  return Type(std::move(rep));
}

Type Type::object(std::map<std::string, Type> attributes) {
  auto rep = std::make_shared<Rep>();
  rep->kind = Kind::Object;
  rep->attributes = std::move(attributes);
  return Type(std::move(rep));
}

Type Type::tuple(std::vector<Type> elements) {
  auto rep = std::make_shared<Rep>();
  rep->kind = Kind::Tuple;
  rep->children = std::move(elements);
  return Type(std::move(rep));
}

Type::Kind Type::kind() const noexcept { return rep_->kind; }

bool Type::is_primitive() const noexcept {
  const Kind k = kind();
  return k == Kind::String || k == Kind::Number || k == Kind::Bool;
}

bool Type::is_collection() const noexcept {
  const Kind k = kind();
  return k == Kind::List || k == Kind::Set || k == Kind::Map;
}

const Type& Type::element_type() const {
  if (!is_collection()) throw std::logic_error("element_type() of a " + friendly_name());
  return rep_->children.front();
}

const std::map<std::string, Type>& Type::attribute_types() const {
  if (kind() != Kind::Object) throw std::logic_error("attribute_types() of a " + friendly_name());
  return rep_->attributes;
}

const std::vector<Type>& Type::tuple_types() const {
  if (kind() != Kind::Tuple) throw std::logic_error("tuple_types() of a " + friendly_name());
  return rep_->children;
}

namespace {

nlohmann::json type_to_json(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::String:
      return "string";
    case Type::Kind::Number:
      return "number";
    case Type::Kind::Bool:
      return "bool";
    case Type::Kind::Dynamic:
      return "dynamic";
    case Type::Kind::List:
      return nlohmann::json::array({"list", type_to_json(t.element_type())});
    case Type::Kind::Set:
      return nlohmann::json::array({"set", type_to_json(t.element_type())});
    case Type::Kind::Map:
      return nlohmann::json::array({"map", type_to_json(t.element_type())});
    case Type::Kind::Object: {
      nlohmann::json attrs = nlohmann::json::object();
      for (const auto& [name, at] : t.attribute_types()) attrs[name] = type_to_json(at);
      return nlohmann::json::array({"object", std::move(attrs)});
    }
    case Type::Kind::Tuple: {
      nlohmann::json elems = nlohmann::json::array();
      for (const auto& et : t.tuple_types()) elems.push_back(type_to_json(et));
      return nlohmann::json::array({"tuple", std::move(elems)});
    }
  }
  throw std::logic_error("unreachable type kind");
}

Type type_from_json(const nlohmann::json& j, int depth) {
  if (depth > kMaxTypeDepth) throw CodecError("type JSON is nested too deeply");
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (s == "string") return Type::string();
    if (s == "number") return Type::number();
    if (s == "bool") return Type::boolean();
    if (s == "dynamic") return Type::dynamic();
    throw CodecError("invalid primitive type name \"" + s + "\"");
  }
  if (!j.is_array() || j.empty() || !j[0].is_string()) {
    throw CodecError("invalid type JSON: expected a type name or [kind, ...]");
  }
  const auto& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    if (j.size() != 2)
      throw CodecError("invalid " + kind + " type: expected [\"" + kind + "\", T]");
    Type element = type_from_json(j[1], depth + 1);
    if (kind == "list") return Type::list(std::move(element));
    if (kind == "set") return Type::set(std::move(element));
    return Type::map(std::move(element));
  }
  if (kind == "object") {
    if (j.size() != 2 && j.size() != 3) {
      throw CodecError("invalid object type: expected [\"object\", {...}] or with optional names");
    }
    if (!j[1].is_object())
      throw CodecError("invalid object type: attributes must be a JSON object");
    std::map<std::string, Type> attrs;
    for (const auto& [name, at] : j[1].items()) attrs.emplace(name, type_from_json(at, depth + 1));
    if (j.size() == 3) {
      // Optional-attribute markers only matter to type constraints: checked, then ignored.
      if (!j[2].is_array())
        throw CodecError("invalid object type: optional attributes must be a list");
      for (const auto& name : j[2]) {
        if (!name.is_string() || !attrs.contains(name.get<std::string>())) {
          throw CodecError("invalid object type: optional attribute is not an attribute name");
        }
      }
    }
    return Type::object(std::move(attrs));
  }
  if (kind == "tuple") {
    if (j.size() != 2 || !j[1].is_array()) {
      throw CodecError("invalid tuple type: expected [\"tuple\", [T...]]");
    }
    std::vector<Type> elems;
    for (const auto& et : j[1]) elems.push_back(type_from_json(et, depth + 1));
    return Type::tuple(std::move(elems));
  }
  throw CodecError("invalid complex type kind \"" + kind + "\"");
}

}  // namespace

std::string Type::to_json() const { return type_to_json(*this).dump(); }

Type Type::from_json(std::string_view json) {
  // nlohmann rejects trailing data and invalid UTF-8; its parser is iterative, so deep
  // nesting cannot exhaust the stack before type_from_json's depth check.
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) throw CodecError("type JSON is not valid JSON");
  return type_from_json(parsed, 0);
}

std::string Type::friendly_name() const {
  switch (kind()) {
    case Kind::String:
      return "string";
    case Kind::Number:
      return "number";
    case Kind::Bool:
      return "bool";
    case Kind::Dynamic:
      return "dynamic";
    case Kind::List:
      return "list of " + element_type().friendly_name();
    case Kind::Set:
      return "set of " + element_type().friendly_name();
    case Kind::Map:
      return "map of " + element_type().friendly_name();
    case Kind::Object:
      return "object";
    case Kind::Tuple:
      return "tuple";
  }
  return "unknown type";
}

bool operator==(const Type& a, const Type& b) {
  if (a.rep_ == b.rep_) return true;
  if (a.rep_->kind != b.rep_->kind) return false;
  return a.rep_->children == b.rep_->children && a.rep_->attributes == b.rep_->attributes;
}

}  // namespace cloudssl::codec
