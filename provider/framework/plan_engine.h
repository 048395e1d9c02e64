// The protocol's resource semantics, implemented once for every resource (docs/design/tfplugin6.md
// §3.4–§3.5): planning, apply dispatch and its self-checks, read, import, state upgrade and
// config validation. Resources only see typed requests; everything Terraform checks in
// their answers is enforced here. Private state travels as the protocol's raw bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::framework {

struct PlanResult {
  Value planned;                       // null for a destroy
  std::vector<Path> requires_replace;  // sorted, unique, cut before set elements
  std::string planned_private;
};

// PlanResourceChange. A null `proposed` is a destroy plan: null planned, prior private kept.
// Otherwise: planned = proposed; defaults (optional+computed, config null); write-only null;
// null LIST/SET/MAP blocks empty; requires_replace where the user's values change; when
// creating or changing, computed attributes with null config unknown; use_state_for_unknown;
// then the resource's modify_plan. `earlier_plan_private` is the request's planned_private
// (6.11: set only in the apply-time re-plan) and reaches modify_plan as is.
PlanResult plan_resource_change(const Resource& resource, const Schema& schema, const Value& prior,
                                const Value& proposed, const Value& config,
                                const std::string& prior_private, const Context& ctx,
                                Diagnostics& diagnostics,
                                const std::string& earlier_plan_private = {});

struct ApplyResult {
  Value new_state;  // null after a delete (or when nothing was created)
  std::string private_state;
};

// ApplyResourceChange: null prior → create, null planned → delete, else update. After create
// or update every value known in the plan is copied over the result, which must then be
// wholly known; write-only attributes null. A failed delete keeps the prior state.
ApplyResult apply_resource_change(Resource& resource, const Schema& schema, const Value& prior,
                                  const Value& planned, const Value& config,
                                  const std::string& planned_private, Context ctx,
                                  Diagnostics& diagnostics);

struct ReadResult {
  Value new_state;  // null only when the resource said the object is gone
  std::string private_state;
};

// ReadResource. On errors without a result the current state is returned unchanged.
ReadResult read_resource(Resource& resource, const Schema& schema, const Value& current,
                         const std::string& private_bytes, Context ctx, Diagnostics& diagnostics);

struct ImportResult {
  Value state;
  std::string private_state;
};

// ImportResourceState: nullopt (with an error) when the resource cannot import or failed.
std::optional<ImportResult> import_resource_state(const Resource& resource, const Schema& schema,
                                                  const std::string& id, Context ctx,
                                                  Diagnostics& diagnostics);

// UpgradeResourceState: the stored JSON (written under schema version `version`) as a
// current-schema object. Same version: decoded tolerantly (attributes the schema no longer
// has are dropped); older: ResourceWithUpgradeState; newer: an error. `flatmap_only` means
// the request carried only pre-0.12 flatmap state, which is rejected.
Value upgrade_resource_state(const Resource& resource, const Schema& schema, std::int64_t version,
                             std::string_view raw_json, bool flatmap_only,
                             Diagnostics& diagnostics);

// ValidateResourceConfig: write-only values need a client that allows them; timeouts must
// be durations; the schema's declarative rules (validators.h); then Resource::validate.
void validate_resource_config(const Resource& resource, const Schema& schema, const Value& config,
                              const Context& ctx, Diagnostics& diagnostics);

// ReadDataSource: the result must be a non-null, wholly known object of the schema's type.
Value read_data_source(const DataSource& data_source, const Schema& schema, const Value& config,
                       Context ctx, Diagnostics& diagnostics);

}  // namespace cloudssl::framework
