// Computed attributes: single ones, nested ones, and the fields of read-only results (records,
// targets, statuses) declared once with their types and descriptions, so the values built
// with the result's object type and the stored state match what the schema documents.
#pragma once

#include <initializer_list>
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

// The fields of a read-only result object (a record, a target, a status), each declared once
// with its type and its description: the object type its values are built with, and the
// computed attributes that document it (for read_only() with a nesting). A field named twice
// is a std::logic_error.
class ResultFields {
 public:
  struct Field {
    std::string name;
    Type type;
    std::string description;
  };

  ResultFields(std::initializer_list<Field> fields) {
    std::map<std::string, Type> types;
    for (const auto& f : fields) {
      if (!types.emplace(f.name, f.type).second)
        throw std::logic_error("result field " + f.name + " declared twice");
      descriptions_.emplace(f.name, f.description);
    }
    type_ = Type::object(std::move(types));
  }

  const Type& type() const { return type_; }

  // One computed attribute per field, in the object type's order.
  std::vector<Attribute> attributes() const {
    std::vector<Attribute> out;
    for (const auto& [name, type] : type_.attribute_types())
      out.push_back(read_only(name, type, descriptions_.at(name)));
    return out;
  }

 private:
  Type type_;
  std::map<std::string, std::string> descriptions_;
};

}  // namespace cloudssl::framework
