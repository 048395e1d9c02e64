// Type-directed JSON encoding of values, as Terraform's cty does it (docs/design/tfplugin6.md §4.4).
// The decoder throws CodecError on malformed or non-conforming input.
#pragma once

#include <string>
#include <string_view>

#include "provider/codec/type.h"
#include "provider/codec/value.h"

namespace cloudssl::codec {

// JSON (RawState, DynamicValue.json): no unknowns (encoding one throws CodecError); missing
// object attributes decode as null, unknown attributes are rejected unless `ignore_extra`
// (old state JSON may carry attributes a newer schema dropped).
// Numbers keep their exact text; one beyond the double range (above about 1.8e308) is refused
// by the JSON parser. Infinite numbers cannot be encoded (CodecError).
std::string to_json(const Value& value, const Type& type);
Value from_json(std::string_view json, const Type& type, bool ignore_extra = false);

}  // namespace cloudssl::codec
