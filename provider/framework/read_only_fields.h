// Computed nested attributes made from an object type, each field with its description: for
// read-only results (records, targets, statuses) whose fields deserve documentation. The
// value's type stays the object type given, so values built with it and stored state match.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "provider/framework/schema.h"

namespace cloudssl::framework {

// A computed attribute the configuration cannot set: a result the provider reads or derives.
inline Attribute read_only(std::string name, Type type, std::string description) {
  return {.name = std::move(name),
          .type = std::move(type),
          .computed = true,
          .description = std::move(description)};
}
// The same for a value fixed once the object exists: later plans keep it from the state
// instead of showing it as known after apply.
inline Attribute read_only_kept(std::string name, Type type, std::string description) {
  Attribute attribute = read_only(std::move(name), std::move(type), std::move(description));
  attribute.use_state_for_unknown = true;
  return attribute;
}

// A read-only nested attribute: `nested` fields (read_only_fields, say) as one object
// (Nesting::Single), a list, a set or a map of them.
inline Attribute read_only(std::string name, std::vector<Attribute> nested, Nesting nesting,
                           std::string description) {
  return {.name = std::move(name),
          .nested = std::move(nested),
          .nesting = nesting,
          .computed = true,
          .description = std::move(description)};
}
inline Attribute read_only_kept(std::string name, std::vector<Attribute> nested, Nesting nesting,
                                std::string description) {
  Attribute attribute =
      read_only(std::move(name), std::move(nested), nesting, std::move(description));
  attribute.use_state_for_unknown = true;
  return attribute;
}

// One computed attribute per field of `object_type`. Every field needs a description and
// every description a field (std::logic_error otherwise), so no field goes undocumented.
inline std::vector<Attribute> read_only_fields(
    const Type& object_type, const std::map<std::string, std::string>& descriptions) {
  std::vector<Attribute> out;
  for (const auto& [name, type] : object_type.attribute_types()) {
    auto it = descriptions.find(name);
    if (it == descriptions.end()) throw std::logic_error("no description for field " + name);
    out.push_back(read_only(name, type, it->second));
  }
  if (descriptions.size() != out.size())
    throw std::logic_error("a description names a field the object type does not have");
  return out;
}

}  // namespace cloudssl::framework
