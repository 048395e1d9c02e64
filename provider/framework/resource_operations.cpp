// Apply, read, import, state upgrade and validation: what Terraform checks in each answer
// (docs/design/tfplugin6.md §3.4) enforced before the answer leaves the provider.
#include <nlohmann/json.hpp>

#include "provider/codec/json_codec.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/private_state_bytes.h"
#include "provider/framework/timeouts.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_walk.h"

namespace cloudssl::framework {

namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point deadline_for(const Value& object, std::string_view operation,
                               std::chrono::milliseconds fallback) {
  return Clock::now() + configured_timeout(object, operation).value_or(fallback);
}

bool check_type(const Value& value, const Type& type, std::string_view what,
                Diagnostics& diagnostics) {
  if (value.type() == type) return true;
  diagnostics.error("Provider produced invalid object",
                    std::string(what) + " returned a value of type " +
                        value.type().friendly_name() +
                        " instead of the schema's object type. This is a bug in the provider.");
  return false;
}

// Unknowns left in a result are a provider bug: report the first one by name and send the
// object with them as null, so Terraform still records what exists.
Value require_known(const Value& value, std::string_view what, Diagnostics& diagnostics) {
  std::optional<Path> unknown = first_unknown(value);
  if (!unknown) return value;
  diagnostics.error(
      "Provider returned invalid result object after " + std::string(what),
      "The " + std::string(what) + " left the value of \"" +
          (unknown->empty() ? std::string("(the whole object)") : unknown->to_string()) +
          "\" unknown. This is a bug in the provider.",
      unknown->empty() ? std::nullopt : std::optional<Path>(*unknown));
  return unknown_as_null(value);
}

// What every object leaving the provider looks like.
Value finish(const Block& block, const Value& value) {
  return normalize_blocks(block, null_write_only(block, value));
}

}  // namespace

ApplyResult apply_resource_change(Resource& resource, const Schema& schema, const Value& prior,
                                  const Value& planned, const Value& config,
                                  const std::string& planned_private, Context ctx,
                                  Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  std::optional<PrivateState> private_state = parse_private_state(planned_private, diagnostics);
  if (!private_state) return {prior, planned_private};
  const Timeouts defaults = resource.default_timeouts();

  if (planned.is_null()) {
    if (prior.is_null()) return {Value::null(type), {}};
    ctx.deadline = deadline_for(prior, "delete", defaults.remove);
    resource.remove(DeleteRequest{prior, *private_state, ctx}, diagnostics);
    // A failed delete leaves the object in place: keep it in state.
    if (diagnostics.has_errors()) return {prior, private_state->serialize()};
    return {Value::null(type), {}};
  }

  const bool creating = prior.is_null();
  // Only the timeouts changed: nothing remote to do (see plan_resource_change).
  if (!creating &&
      without_timeouts(schema.block, prior) == without_timeouts(schema.block, planned) &&
      planned.is_wholly_known()) {
    return {finish(schema.block, planned), private_state->serialize()};
  }
  const std::string operation = creating ? "create" : "update";
  ctx.deadline = deadline_for(planned, operation, creating ? defaults.create : defaults.update);
  Value result =
      creating ? resource.create(CreateRequest{planned, config, *private_state, ctx}, diagnostics)
               : resource.update(UpdateRequest{prior, planned, config, *private_state, ctx},
                                 diagnostics);

  if (result.is_null()) {
    if (!diagnostics.has_errors()) {
      diagnostics.error(
          "Missing resource state after " + operation,
          "The " + operation + " returned no object and no error. This is a bug in the provider.");
    }
    // Null with errors: Terraform keeps the prior state (nothing, for a create).
    return {Value::null(type), private_state->serialize()};
  }
  if (!check_type(result, type, operation, diagnostics)) {
    return {Value::null(type), private_state->serialize()};
  }
  // A failed create/update may still return what exists (Terraform taints it); it is kept as
  // the resource said, only made storable.
  if (!diagnostics.has_errors()) result = copy_known(planned, result);
  result = require_known(result, operation, diagnostics);
  return {finish(schema.block, result), private_state->serialize()};
}

ReadResult read_resource(Resource& resource, const Schema& schema, const Value& current,
                         const std::string& private_bytes, Context ctx, Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  std::optional<PrivateState> private_state = parse_private_state(private_bytes, diagnostics);
  if (!private_state) return {current, private_bytes};
  ctx.deadline = deadline_for(current, "read", resource.default_timeouts().read);
  std::optional<Value> result =
      resource.read(ReadRequest{current, *private_state, ctx}, diagnostics);
  if (!result || result->is_null()) {
    // Errors without an answer say nothing about existence: keep the object.
    if (diagnostics.has_errors()) return {current, private_bytes};
    return {Value::null(type), {}};
  }
  if (!check_type(*result, type, "read", diagnostics)) return {current, private_bytes};
  Value state = require_known(*result, "read", diagnostics);
  return {finish(schema.block, state), private_state->serialize()};
}

std::optional<ImportResult> import_resource_state(const Resource& resource, const Schema& schema,
                                                  const std::string& id, Context ctx,
                                                  Diagnostics& diagnostics) {
  const auto* importer = dynamic_cast<const ResourceWithImport*>(&resource);
  if (!importer) {
    diagnostics.error("Resource import not implemented",
                      "This resource type does not support import. Remove it from the import "
                      "block or command and create it with terraform apply instead.");
    return std::nullopt;
  }
  PrivateState private_state;
  ctx.deadline = Clock::now() + resource.default_timeouts().read;
  Value stub = importer->import_state(ImportRequest{id, private_state, ctx}, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  if (stub.is_null()) {
    diagnostics.error("Missing resource import state",
                      "The import of \"" + id +
                          "\" returned no object and no error. This is a bug in the provider.");
    return std::nullopt;
  }
  if (!check_type(stub, implied_type(schema), "import", diagnostics)) return std::nullopt;
  Value state = require_known(stub, "import", diagnostics);
  return ImportResult{finish(schema.block, state), private_state.serialize()};
}

Value upgrade_resource_state(const Resource& resource, const Schema& schema, std::int64_t version,
                             std::string_view raw_json, bool flatmap_only,
                             Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  if (raw_json.empty()) {
    if (flatmap_only) {
      diagnostics.error("Unsupported state format",
                        "The state of this resource was written by Terraform 0.11 or older "
                        "(flatmap format), which this provider cannot read. Upgrade the state "
                        "with Terraform 0.12 first, or remove and import the resource.");
    }
    return Value::null(type);
  }
  if (version > schema.version) {
    diagnostics.error("Resource instance managed by newer provider version",
                      "The state was written with schema version " + std::to_string(version) +
                          ", newer than this provider's version " + std::to_string(schema.version) +
                          ". Upgrade the provider to work with this state.");
    return Value::null(type);
  }

  Value state;
  if (version == schema.version) {
    state = codec::from_json(raw_json, type, /*ignore_extra=*/true);
  } else {
    const auto* upgrader = dynamic_cast<const ResourceWithUpgradeState*>(&resource);
    if (!upgrader) {
      diagnostics.error("Unable to upgrade resource state",
                        "The state has schema version " + std::to_string(version) +
                            " but the provider cannot upgrade it to version " +
                            std::to_string(schema.version) + ". This is a bug in the provider.");
      return Value::null(type);
    }
    nlohmann::json raw = nlohmann::json::parse(raw_json, nullptr, /*allow_exceptions=*/false);
    if (raw.is_discarded()) {
      diagnostics.error("Invalid resource state", "The stored state is not valid JSON.");
      return Value::null(type);
    }
    state = upgrader->upgrade_state(version, raw, diagnostics);
    if (diagnostics.has_errors()) return Value::null(type);
    if (!check_type(state, type, "state upgrade", diagnostics)) return Value::null(type);
  }
  state = require_known(state, "state upgrade", diagnostics);
  return finish(schema.block, state);
}

void validate_resource_config(const Resource& resource, const Schema& schema, const Value& config,
                              const Context& ctx, Diagnostics& diagnostics) {
  if (!ctx.client.write_only_attributes_allowed) {
    for (const Path& path : set_write_only_paths(schema.block, config)) {
      // Appended piecewise: `"\"" + path.to_string()` trips GCC 12's -Wrestrict false
      // positive at -O3 (GCC bug 105651).
      std::string detail = "\"";
      detail += path.to_string();
      detail +=
          "\" is write-only, which needs Terraform 1.11 or later. Upgrade Terraform or remove "
          "the value.";
      diagnostics.error("Write-only attribute not allowed", detail, path.until_set_element());
    }
  }
  validate_timeouts(config, diagnostics);
  validate_attributes(schema.block, config, diagnostics);
  resource.validate(ValidateRequest{config, ctx}, diagnostics);
}

Value read_data_source(const DataSource& data_source, const Schema& schema, const Value& config,
                       Context ctx, Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  ctx.deadline = deadline_for(config, "read", Timeouts{}.read);
  Value result = data_source.read(DataSourceReadRequest{config, ctx}, diagnostics);
  if (diagnostics.has_errors()) {
    return result.type() == type ? finish(schema.block, unknown_as_null(result))
                                 : Value::null(type);
  }
  if (result.is_null()) {
    diagnostics.error("Provider produced null object",
                      "The data source returned no object and no error. This is a bug in the "
                      "provider.");
    return Value::null(type);
  }
  if (!check_type(result, type, "read", diagnostics)) return Value::null(type);
  return finish(schema.block, require_known(result, "read", diagnostics));
}

}  // namespace cloudssl::framework
