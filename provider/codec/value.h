// A cty-like value: null, unknown (optionally refined) or known, always carrying its type.
// Values are immutable and cheap to copy (shared representation); "modifying" returns a new
// value. Resources read attributes with the typed getters and build results with with().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provider/codec/number.h"
#include "provider/codec/path.h"
#include "provider/codec/type.h"

namespace cloudssl::codec {

// What Terraform (>= 1.6) may say about an unknown value (msgpack ext 12). Decoded and
// tolerated; the provider itself never sends refinements (it emits plain unknowns).
struct Refinements {
  bool not_null = false;
  std::optional<std::string> string_prefix;
  std::optional<std::pair<Number, bool>> number_lower;  // (bound, inclusive)
  std::optional<std::pair<Number, bool>> number_upper;
  std::optional<std::int64_t> length_lower;
  std::optional<std::int64_t> length_upper;
};

class Value {
 public:
  Value();  // null of the dynamic type

  // --- construction -------------------------------------------------------------------
  static Value null(Type type);
  static Value unknown(Type type, Refinements refinements = {});
  static Value string(std::string s);
  static Value number(Number n);
  static Value number(std::int64_t n);
  static Value boolean(bool b);
  // Elements must conform to element_type (CodecError otherwise).
  static Value list(Type element_type, std::vector<Value> elements);
  // Known duplicate elements collapse; order is normalised (sets compare order-free).
  static Value set(Type element_type, std::vector<Value> elements);
  static Value map(Type element_type, std::map<std::string, Value> elements);
  // Every attribute of object_type is present: missing ones become null of their type;
  // an attribute the type does not have throws CodecError.
  static Value object(const Type& object_type, std::map<std::string, Value> attributes);
  static Value tuple(std::vector<Value> elements);
  // A tuple of a declared type (whose element types may be dynamic: elements keep their
  // concrete types); elements must conform, CodecError otherwise.
  static Value tuple(const Type& tuple_type, std::vector<Value> elements);
  // The same value as `v` but with `type` where the schema says dynamic is not needed:
  // a value always carries its concrete type; only null/unknown may have the dynamic type.
  // So: a null/unknown of the dynamic type becomes a null/unknown of `type` (refinements
  // kept); any other value is returned as is if its type conforms to `type` (equal, with
  // `dynamic` in `type` matching anything), else CodecError. The constructors and with()
  // apply this to every element and attribute they are given.
  static Value conform(Value v, const Type& type);

  // --- inspection ---------------------------------------------------------------------
  const Type& type() const;
  bool is_null() const;
  bool is_unknown() const;
  bool is_known() const { return !is_unknown(); }  // null counts as known
  bool is_wholly_known() const;                    // no unknown anywhere inside
  const Refinements& refinements() const;          // empty unless an unknown was refined

  // Typed access. Each throws std::logic_error on the wrong kind, null or unknown.
  const std::string& as_string() const;
  const Number& as_number() const;
  bool as_bool() const;
  const std::vector<Value>& elements() const;           // list, set, tuple
  const std::map<std::string, Value>& entries() const;  // map, object
  std::size_t length() const;                           // elements or entries

  // Object attribute / map element. at() throws std::out_of_range when absent.
  bool has(std::string_view name) const;
  const Value& at(std::string_view name) const;

  // Convenience for resources: the attribute's value if it is known and not null.
  std::optional<std::string> get_string(std::string_view attr) const;
  std::optional<std::int64_t> get_int(std::string_view attr) const;  // nullopt if not integral
  std::optional<bool> get_bool(std::string_view attr) const;

  // Value at a path, or nullptr when the path does not lead anywhere (null/unknown on the way).
  const Value* find(const Path& path) const;

  // --- functional updates -------------------------------------------------------------
  // The object with one attribute replaced (type-checked; CodecError on mismatch).
  Value with(std::string_view attr, Value v) const;
  // The value with the element at `path` replaced; intermediate nodes must be known.
  Value with_path(const Path& path, Value v) const;

  // Bottom-up rewrite, like cty.Transform: `fn` sees each node after its children were
  // rewritten and returns the replacement (same type). Set elements are re-normalised after
  // the rewrite, so SetElement positions name the original order.
  Value transform(const std::function<Value(const Path&, const Value&)>& fn) const;
  // Top-down visit; return false from `fn` to skip a node's children.
  void walk(const std::function<bool(const Path&, const Value&)>& fn) const;

  // Total order consistent with ==, used to normalise set element order: null < known <
  // unknown; then by type, then content. -1, 0 or 1.
  static int compare(const Value& a, const Value& b);

  // cty RawEquals-like: same type, same null/unknown-ness, equal content. Refinements are
  // ignored, numbers compare numerically, sets compare regardless of order.
  friend bool operator==(const Value& a, const Value& b);

  // For logs and messages (never used on sensitive attributes by the framework).
  std::string debug_string() const;

 private:
  struct Rep;
  friend struct ValueAccess;  // value.cpp's construction helpers
  explicit Value(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace cloudssl::codec
