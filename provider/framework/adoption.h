// The engine side of adoption features: resource identity (protocol 6.9), MoveResourceState
// and GenerateResourceConfig. Like plan_engine, it enforces what Terraform checks in the
// answers (identity wholly known and of the schema's type, a moved state wholly known with
// write-only attributes null) before anything leaves the provider.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::framework {

// The problems Terraform (or the framework) would have with an identity schema: at least one
// attribute, names unique identifiers, exactly one of required/optional_for_import, types
// primitive or lists of primitives. Empty means valid.
std::vector<std::string> validate_identity_schema(const IdentitySchema& schema);

// The identity of `state` for a resource with ResourceWithIdentity; nullopt for other
// resources, a null state, or when the resource cannot tell now. A value of the wrong type,
// or with unknowns when `allow_unknown` is false, is an error diagnostic (a provider bug)
// and nullopt.
std::optional<Value> identity_for(const Resource& resource, const Value& state, const Context& ctx,
                                  bool allow_unknown, Diagnostics& diagnostics);

// UpgradeResourceIdentity: the stored identity JSON (written under `version`) as a value of
// the current identity type. Only the current version exists so far: newer or older ones are
// an error naming both versions.
Value upgrade_resource_identity(const IdentitySchema& schema, std::int64_t version,
                                std::string_view raw_json, Diagnostics& diagnostics);

struct MoveResult {
  Value state;
  std::string private_state;
};

// The source of a MoveResourceState call, as Terraform sent it.
struct MoveFrom {
  const std::string& provider_address;  // with its registry host
  const std::string& type_name;
  std::int64_t schema_version;
  std::string_view state_json;  // the stored attributes; empty for state of Terraform <= 0.11
};

// MoveResourceState for `resource` (registered as `target_type`): finds the matching
// MoveSource (by provider namespace/type, whatever the registry host, and type name), runs
// the resource's move_state and checks the result. nullopt with an error diagnostic naming
// the source when anything is wrong; Terraform then leaves the source state untouched.
std::optional<MoveResult> move_resource_state(const Resource& resource, const Schema& schema,
                                              const std::string& target_type, const MoveFrom& from,
                                              const Context& ctx, Diagnostics& diagnostics);

// "registry.terraform.io/tencentcloudstack/tencentcloud" → "tencentcloudstack/tencentcloud";
// an address without a host is returned as it is.
std::string provider_without_host(std::string_view address);

// GenerateResourceConfig: configuration for `state` — required and optional arguments as
// stored; computed-only and write-only attributes null; optional+computed ones null where
// they hold their default; blocks likewise, a timeouts block dropped. Then the resource's
// ResourceWithGenerateConfig adjustment, if any. The result has the resource's type.
Value generate_resource_config(const Resource& resource, const Schema& schema, const Value& state,
                               Diagnostics& diagnostics);

}  // namespace cloudssl::framework
