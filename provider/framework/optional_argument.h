// An optional argument: a value the configuration may set and the provider never computes
// (filters, settings), with the declarative rules it must meet. The counterpart of
// read_only() (read_only_fields.h) for the other direction; a write-only one for secrets, and
// one with a default the provider fills in.
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

// A secret the configuration sends at apply and Terraform (>= 1.11) never keeps in plan or
// state; sensitive too, so that the CLI hides it wherever it shows configuration.
inline Attribute write_only_argument(std::string name, Type type, std::string description,
                                     std::vector<Validator> validators = {}) {
  Attribute attribute = optional_argument(std::move(name), std::move(type), std::move(description),
                                          std::move(validators));
  attribute.sensitive = true;
  attribute.write_only = true;
  return attribute;
}

// An optional argument the provider sets to `default_value` when the configuration leaves it
// out (optional + computed with a default, as terraform-plugin-framework's Default).
inline Attribute optional_with_default(std::string name, Type type, Value default_value,
                                       std::string description,
                                       std::vector<Validator> validators = {}) {
  Attribute attribute = optional_argument(std::move(name), std::move(type), std::move(description),
                                          std::move(validators));
  attribute.computed = true;
  attribute.default_value = std::move(default_value);
  return attribute;
}

}  // namespace cloudssl::framework
