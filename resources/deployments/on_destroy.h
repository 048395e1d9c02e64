// on_destroy of cloudssl_certificate_deployment and cloudssl_certificate_replacement: what a
// destroy does about the work the resource did, "keep" it (the default: the SSL API cannot
// unbind) or "rollback" (roll the records back). Each resource words what that means for it.
#pragma once

#include <string>
#include <utility>

#include "provider/framework/optional_argument.h"
#include "provider/framework/schema.h"
#include "provider/framework/validators.h"

namespace cloudssl::deployments {

inline framework::Attribute on_destroy_attribute(std::string description) {
  return framework::optional_with_default("on_destroy", codec::Type::string(),
                                          codec::Value::string("keep"), std::move(description),
                                          {framework::validators::one_of({"keep", "rollback"})});
}

// Whether the destroy of `state` rolls back.
inline bool rolls_back(const codec::Value& state) {
  return state.get_string("on_destroy").value_or("keep") == "rollback";
}

}  // namespace cloudssl::deployments
