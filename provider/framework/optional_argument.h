// An optional argument: a value the configuration may set and the provider never computes
// (filters, settings), with the declarative rules it must meet. The counterpart of
// read_only() (read_only_fields.h) for the other direction.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "provider/framework/schema.h"

namespace cloudssl::framework {

inline Attribute optional_argument(std::string name, Type type, std::string description,
                                   std::vector<Validator> validators = {}) {
  return {.name = std::move(name),
          .type = std::move(type),
          .optional = true,
          .description = std::move(description),
          .validators = std::move(validators)};
}

}  // namespace cloudssl::framework
