// A cty-like type model: what Terraform's schema types and value encodings are driven by.
// Types are immutable values (cheap to copy: the representation is shared).
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::codec {

// Thrown for malformed wire data, type JSON or values that do not conform to a type.
// The framework turns it into an error diagnostic at the RPC boundary.
class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Type {
 public:
  enum class Kind { String, Number, Bool, List, Set, Map, Object, Tuple, Dynamic };

  Type();  // the dynamic pseudo-type

  static Type string();
  static Type number();
  static Type boolean();
  static Type dynamic();
  static Type list(Type element);
  static Type set(Type element);
  static Type map(Type element);
  static Type object(std::map<std::string, Type> attributes);
  static Type tuple(std::vector<Type> elements);

  Kind kind() const noexcept;
  bool is_primitive() const noexcept;   // string, number, bool
  bool is_collection() const noexcept;  // list, set, map
  bool is_dynamic() const noexcept { return kind() == Kind::Dynamic; }

  // Element type of a list, set or map. Throws std::logic_error for other kinds.
  const Type& element_type() const;
  // Attribute types of an object. Throws std::logic_error for other kinds.
  const std::map<std::string, Type>& attribute_types() const;
  // Element types of a tuple. Throws std::logic_error for other kinds.
  const std::vector<Type>& tuple_types() const;

  // Compact cty type JSON: "string", ["list","string"], ["object",{"a":"number"}].
  std::string to_json() const;
  // Parses cty type JSON; throws CodecError for anything else (including trailing data).
  static Type from_json(std::string_view json);

  // Human wording for diagnostics: "string", "list of string", "object".
  std::string friendly_name() const;

  friend bool operator==(const Type& a, const Type& b);

 private:
  struct Rep;
  explicit Type(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace cloudssl::codec
