// Schema-directed walks over values: the engine's building blocks for visiting every
// attribute and nested block of an object, and for pairing the elements of a planned value
// with those of the configuration or the prior state (by index, key, or set matching).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/schema.h"

namespace cloudssl::framework {

// What an object value is made of: a Block's attributes and nested blocks, or the nested
// attributes of an Attribute (which has no blocks).
struct ObjectShape {
  const std::vector<Attribute>* attributes;
  const std::vector<NestedBlock>* blocks;
  static ObjectShape of(const Block& block);
  static ObjectShape of(const Attribute& attribute);
};

// The object elements of a nested block or nested attribute value (one for Single/Group),
// with their paths. Empty for null or unknown values.
std::vector<std::pair<Path, Value>> elements_of(Nesting nesting, const Value& value,
                                                const Path& path);

// Rebuilds `original` (same nesting) from replacement elements, in elements_of() order.
Value rebuild(Nesting nesting, const Value& original, std::vector<Value> elements);

// How a set element of `value` finds its partner among `other`'s elements.
using ElementMatch = std::function<bool(const Value& element, const Value& candidate)>;

// For each element of `value` (elements_of() order) its partner in `other` (a value of the
// same type): by index (List), key (Map), `match` (Set), itself (Single/Group). A missing
// partner is null; when `other` is unknown every partner is unknown.
std::vector<Value> partners(Nesting nesting, const Value& value, const Value& other,
                            const ElementMatch& match);

// True when two object elements agree on what the user wrote: attributes that are computed
// only are ignored; optional+computed ones count only when `reference_is_config` and the
// reference sets them; write-only ones are ignored. Nested values compare recursively.
bool similar(ObjectShape shape, const Value& reference, const Value& candidate,
             bool reference_is_config);

// An object member (attribute or block) as a value of `type`: null when `object` is null,
// unknown when `object` is unknown.
Value member(const Value& object, const std::string& name, const Type& type);

// Rewrites an object member by member, top-down: each visitor sees a member (with its path)
// before the walk descends into its elements; the returned value is what gets descended.
struct SchemaVisitor {
  std::function<Value(const Attribute&, const Path&, const Value&)> attribute;
  std::function<Value(const NestedBlock&, const Path&, const Value&)> block;
};
Value rewrite(const Block& block, const Value& object, const SchemaVisitor& visitor,
              const Path& path = {});

// Every write-only attribute (at any depth) set to null.
Value null_write_only(const Block& block, const Value& object);
// A nested block's value as Terraform expects it when the block is absent: an empty
// collection for LIST/SET/MAP, an object of nulls for GROUP; null stays for SINGLE.
Value empty_if_absent(const NestedBlock& block, const Value& value);
// Null LIST/SET/MAP blocks become empty collections and a null GROUP block an object, as
// Terraform expects in every object a provider returns.
Value normalize_blocks(const Block& block, const Value& object);
// Paths of write-only attributes that hold a non-null value.
std::vector<Path> set_write_only_paths(const Block& block, const Value& object);

// `actual` with every value that was known in `planned` copied over it (the user's form of
// a value wins over the API's normalised one). Parts planned unknown come from `actual`.
Value copy_known(const Value& planned, const Value& actual);
// The path of the first unknown value inside `value`, if any.
std::optional<Path> first_unknown(const Value& value);
// Every unknown inside `value` replaced by null.
Value unknown_as_null(const Value& value);

}  // namespace cloudssl::framework
