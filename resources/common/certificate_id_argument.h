// The argument naming a certificate of the account that a resource or data source works on
// (certificate_id, old_certificate_id, a data source's id): a required string that is never ""
// (the rule every id the provider takes keeps, checked at validation).
#pragma once

#include <string>
#include <utility>

#include "provider/framework/schema.h"
#include "provider/framework/validators.h"

namespace cloudssl::common {

inline framework::Attribute certificate_id_argument(std::string name, std::string description) {
  return {.name = std::move(name),
          .type = codec::Type::string(),
          .required = true,
          .description = std::move(description),
          .validators = {framework::validators::non_empty()}};
}

// The same for a resource that stands for work on that certificate: another one replaces it.
inline framework::Attribute replacing_certificate_id_argument(std::string name,
                                                              std::string description) {
  framework::Attribute attribute = certificate_id_argument(std::move(name), std::move(description));
  attribute.requires_replace = true;
  return attribute;
}

}  // namespace cloudssl::common
