// The types the codec fuzz targets decode against: the first input byte picks one. They cover
// every kind (the dynamic pseudo-type lets the input carry its own type JSON, so the type
// parser is fuzzed through it) and the shapes the provider's schemas use: an object with
// nested blocks, sets of objects, maps, tuples.
#pragma once

#include <cstddef>
#include <vector>

#include "provider/codec/type.h"

namespace cloudssl::fuzz {

inline const std::vector<codec::Type>& codec_types() {
  using codec::Type;
  static const std::vector<Type> types = [] {
    const Type tag = Type::object({{"key", Type::string()}, {"value", Type::string()}});
    const Type target = Type::object({{"domain", Type::string()},
                                      {"instance_ids", Type::list(Type::string())},
                                      {"port", Type::number()}});
    const Type resource = Type::object({
        {"id", Type::string()},
        {"certificate_pem", Type::string()},
        {"project_id", Type::number()},
        {"allow_duplicate", Type::boolean()},
        {"tags", Type::map(Type::string())},
        {"tag_list", Type::set(tag)},
        {"targets", Type::list(target)},
        {"timeouts", Type::object({{"create", Type::string()}, {"delete", Type::string()}})},
        {"extra", Type::dynamic()},
    });
    return std::vector<Type>{
        Type::dynamic(),
        resource,
        Type::string(),
        Type::number(),
        Type::boolean(),
        Type::list(Type::number()),
        Type::set(Type::string()),
        Type::map(Type::dynamic()),
        Type::tuple({Type::string(), Type::number(), Type::dynamic()}),
        Type::list(Type::set(Type::map(Type::boolean()))),
    };
  }();
  return types;
}

inline const codec::Type& codec_type_for(unsigned char selector) {
  const auto& types = codec_types();
  return types[selector % types.size()];
}

}  // namespace cloudssl::fuzz
