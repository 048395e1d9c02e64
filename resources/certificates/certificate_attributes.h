// Schema attributes every certificate resource declares the same way (the API's alias and
// project), the one in-place update of both (ModifyCertificateAlias /
// ModifyCertificateProject) every certificate resource uses, and force_delete, which only
// changes how a destroy deletes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/core/client.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"
#include "provider/framework/validators.h"

namespace cloudssl::certificates {

inline framework::Attribute alias_attribute() {
  return framework::optional_with_default("alias", codec::Type::string(), codec::Value::string(""),
                                          "Display name. Changes in place.");
}

inline framework::Attribute project_id_attribute() {
  return framework::optional_with_default("project_id", codec::Type::number(),
                                          codec::Value::number(0),
                                          "Project id (0 = default project). Changes in place.",
                                          {framework::validators::int_at_least(0)});
}

// The Tag API's rules for tags (doc 13354, "use limits"): at most 50 per resource; keys of
// 1-127 and values of up to 255 characters, no leading or trailing space, letters, digits,
// non-ASCII characters and + - = . _ : / @ ( ) [ ] , ; > < only; keys starting with "qcs:" or
// "project" are reserved. Checked at plan, so a bad tag never fails an upload half-way.
inline std::vector<framework::Validator> tag_validators() {
  namespace v = framework::validators;
  // One allowed character (A: space included, C: space excluded).
  const std::string a = R"([^!"#$%&'*?\\^`{|}~\x00-\x1F\x7F])";
  const std::string c = R"([^ !"#$%&'*?\\^`{|}~\x00-\x1F\x7F])";
  const std::string words = c + "(" + a + "*" + c + ")?";
  const std::string what =
      "letters, digits, spaces (not first or last) and + - = . _ : / @ ( ) [ ] , ; > <";
  return {v::size_at_most(50), v::keys(v::length_between(1, 127)),
          v::keys(v::matches("(?!qcs:|project)" + words,
                             what + ", not starting with \"qcs:\" or \"project\"")),
          v::each(v::length_at_most(255)), v::each(v::matches("(" + words + ")?", what))};
}

// The alias and project a certificate should get; nullopt leaves it as it is.
struct AliasAndProject {
  std::optional<std::string> alias;
  std::optional<std::int64_t> project_id;
};

// What changes from `prior` to `planned` (objects with the two attributes above).
AliasAndProject alias_and_project_changes(const codec::Value& prior, const codec::Value& planned);

// Applies `change` to certificate `id`. A project move the API reports as failed is an error
// diagnostic on project_id; API errors throw.
void update_alias_and_project(api::Client& client, const std::string& id,
                              const AliasAndProject& change, const framework::Context& ctx,
                              framework::Diagnostics& d);

// Read from the prior state at destroy, so setting it takes an apply before the destroy.
inline framework::Attribute force_delete_attribute() {
  return framework::optional_with_default(
      "force_delete", codec::Type::boolean(), codec::Value::boolean(false),
      "Delete the certificate on destroy without any check of the cloud resources that "
      "use it (default false). RISK: a load balancer, CDN domain or other resource "
      "still using the certificate loses it, an outage. Without it, a certificate in "
      "use or whose use cannot be checked is never deleted. Takes effect once applied "
      "(destroy reads it from the state).");
}

}  // namespace cloudssl::certificates
