// Type-directed MessagePack encoding of values, as Terraform's cty does it (docs/design/tfplugin6.md §4.3).
// The decoder throws CodecError on malformed or non-conforming input.
#pragma once

#include <string>
#include <string_view>

#include "provider/codec/type.h"
#include "provider/codec/value.h"

namespace cloudssl::codec {

// msgpack: unknowns as d4 00 00; every incoming extension is an unknown (ext 12 refinements
// decoded); numbers int / float64 / decimal string; objects must carry every attribute.
// Empty input and bytes after the value are errors: what an empty DynamicValue means (null)
// is the caller's decision. Messages name the path: `tags["a"]: a string is required, ...`.
std::string to_msgpack(const Value& value, const Type& type);
Value from_msgpack(std::string_view bytes, const Type& type);

}  // namespace cloudssl::codec
