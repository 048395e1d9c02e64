// The conventional `timeouts` block (like terraform-plugin-framework-timeouts): users write
// `timeouts { create = "30m" }`; the engine turns the value into the operation's deadline.
// timeouts_block() and parse_duration() are declared in schema.h.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"

namespace cloudssl::framework {

inline constexpr std::string_view kTimeoutsBlock = "timeouts";

// The duration `object.timeouts.<operation>` sets, if the object has a timeouts block with a
// known, non-null, well-formed value for that operation ("delete" for deletes).
std::optional<std::chrono::milliseconds> configured_timeout(const codec::Value& object,
                                                            std::string_view operation);

// `object` with its timeouts block (if the schema has one) set to null. Timeouts are the
// framework's own local setting: a change to them alone is not a change to the remote object.
codec::Value without_timeouts(const Block& block, const codec::Value& object);

// Reports every known timeouts value that is not a valid duration, with its path.
void validate_timeouts(const codec::Value& config, Diagnostics& diagnostics);

}  // namespace cloudssl::framework
