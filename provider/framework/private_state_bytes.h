// Private state bytes at the engine's boundary: malformed bytes become a diagnostic.
#pragma once

#include <optional>
#include <string_view>

#include "provider/framework/diagnostics.h"
#include "provider/framework/private_state.h"

namespace cloudssl::framework {

inline std::optional<PrivateState> parse_private_state(std::string_view bytes,
                                                       Diagnostics& diagnostics) {
  try {
    return PrivateState::parse(bytes);
  } catch (const std::exception& e) {
    diagnostics.error("Invalid private state",
                      std::string("The private data Terraform stored for this resource could not "
                                  "be read: ") +
                          e.what() + ".");
    return std::nullopt;
  }
}

}  // namespace cloudssl::framework
