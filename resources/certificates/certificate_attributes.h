// Schema attributes every certificate resource declares the same way (the API's alias and
// project, both changed in place by ModifyCertificateAlias / ModifyCertificateProject).
#pragma once

#include "provider/framework/schema.h"

namespace cloudssl::resources {

inline framework::Attribute alias_attribute() {
  return {.name = "alias",
          .type = codec::Type::string(),
          .optional = true,
          .computed = true,
          .description = "Display name. Changes in place.",
          .default_value = codec::Value::string("")};
}

inline framework::Attribute project_id_attribute() {
  return {.name = "project_id",
          .type = codec::Type::number(),
          .optional = true,
          .computed = true,
          .description = "Project id (0 = default project). Changes in place.",
          .default_value = codec::Value::number(0)};
}

}  // namespace cloudssl::resources
