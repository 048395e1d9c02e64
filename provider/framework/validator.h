// The interface of a declarative attribute rule (one-of, conflicts-with, duration, …), held
// by framework::Attribute. The same object checks a configuration value (ValidateResourceConfig
// and friends, before the resource's own validate()) and describes itself for the generated
// docs, so a rule is written once. The rules themselves are in validators.h.
#pragma once

#include <memory>
#include <string>

#include "provider/codec/path.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"

namespace cloudssl::framework {

struct ValidatorRequest {
  const codec::Value& value;   // known and not null (a collection's elements may be unknown)
  const codec::Path& path;     // where the value is, for the diagnostic
  const codec::Value& parent;  // the known object holding the attribute (its siblings)
  bool sensitive = false;      // the value must not be quoted in a diagnostic
};

class AttributeValidator {
 public:
  virtual ~AttributeValidator() = default;
  virtual void validate(const ValidatorRequest& request, Diagnostics& diagnostics) const = 0;
  // The rule as one markdown sentence for the docs ("Must be one of `keep`, `rollback`.").
  virtual std::string description() const = 0;
  // Whether validate() also wants null values (sibling rules such as exactly-one-of).
  virtual bool checks_null() const { return false; }
};

using Validator = std::shared_ptr<const AttributeValidator>;

}  // namespace cloudssl::framework
