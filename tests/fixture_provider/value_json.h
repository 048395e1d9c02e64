// Plain JSON for values, as the fixture's store keeps them: what a test reads or edits in a
// store file is {"name": "x", "tags": {"a": "b"}}, not a wire encoding.
#pragma once

#include <nlohmann/json.hpp>

#include "provider/codec/value.h"

namespace cloudssl::fixture {

// Wholly known values only (std::logic_error on unknown).
nlohmann::json to_plain_json(const codec::Value& value);
// Missing object attributes become null; extra ones are ignored. codec::CodecError on a
// value that does not fit the type.
codec::Value from_plain_json(const nlohmann::json& json, const codec::Type& type);

}  // namespace cloudssl::fixture
