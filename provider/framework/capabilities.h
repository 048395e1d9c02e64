// Opt-in capabilities for adopting existing objects and acting on them, in the style of
// resource.h (a resource inherits the interfaces it supports; the engine discovers them with
// dynamic_cast): resource identity (protocol 6.9), moves across resource types and providers
// (MoveResourceState), generated configuration (GenerateResourceConfig), list resources and
// actions (protocol 6.10). Kept apart from resource.h so that only the types using them
// depend on them.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "provider/framework/resource.h"

namespace cloudssl::framework {

// ---------------------------------------------------------------------------------------
// Adoption: identity (protocol 6.9), moves across types and providers, generated config
// ---------------------------------------------------------------------------------------

struct IdentityAttribute {
  std::string name;
  Type type = Type::string();
  bool required_for_import = false;  // exactly one of these two is true
  bool optional_for_import = false;
  std::string description = {};
};

// A resource identity: a small flat object naming the remote object (Terraform >= 1.12
// stores it beside the state and accepts it in `import { identity = {...} }`).
struct IdentitySchema {
  std::int64_t version = 0;
  std::vector<IdentityAttribute> attributes;
};

Type implied_type(const IdentitySchema& schema);

class ResourceWithIdentity {
 public:
  virtual ~ResourceWithIdentity() = default;
  virtual IdentitySchema identity_schema() const = 0;
  // The identity of `state` (a non-null object of the resource's type; unknown values only
  // in a plan that creates or replaces). nullopt when it cannot be known in this call (for
  // example a provider that is not configured, as during a move): the engine then sends none.
  virtual std::optional<Value> identity_of(const Value& state, const Context& ctx) const = 0;
  // An import by identity: the id import_state takes for this identity (wholly known, of
  // identity_schema's type), or "" with an error diagnostic naming the attribute at fault.
  virtual std::string import_id(const Value& identity, const Context& ctx,
                                Diagnostics& diagnostics) const = 0;
};

// MoveResourceState (Terraform >= 1.8): a `moved` block from another resource type, possibly
// of another provider. The source state arrives as that provider stored it (raw JSON of its
// schema version); nothing remote may be called.
struct MoveSource {
  // The source provider as "<namespace>/<type>" ("tencentcloudstack/tencentcloud"); the
  // registry host is not compared, so mirrors and OpenTofu's registry match too.
  std::string provider;
  std::string type_name;
};

struct MoveStateRequest {
  const MoveSource& source;                    // the matched entry of move_sources()
  const std::string& source_provider_address;  // as Terraform sent it
  std::int64_t source_schema_version;
  const nlohmann::json& source_state;  // the stored attributes (a JSON object)
  PrivateState& private_state;         // the target's, initially empty
  const Context& ctx;                  // the provider may be unconfigured
};

class ResourceWithMoveState {
 public:
  virtual ~ResourceWithMoveState() = default;
  virtual std::vector<MoveSource> move_sources() const = 0;
  // The object in this resource's schema (wholly known), or null with an error diagnostic
  // naming the source attribute that cannot be mapped. Terraform then keeps the source state.
  virtual Value move_state(const MoveStateRequest&, Diagnostics&) const = 0;
};

// GenerateResourceConfig (Terraform >= 1.14, `terraform query -generate-config-out`): the
// engine derives configuration from state for every resource (arguments only, defaults left
// out); a resource adjusts it here, e.g. to warn about an argument state cannot hold.
class ResourceWithGenerateConfig {
 public:
  virtual ~ResourceWithGenerateConfig() = default;
  virtual void adjust_generated_config(const Value& state, Value& config,
                                       Diagnostics& diagnostics) const = 0;
};

// ---------------------------------------------------------------------------------------
// List resources (protocol 6.10, `list` blocks and `terraform query`, Terraform >= 1.14).
// A list resource has the type name of a managed resource with an identity.
// ---------------------------------------------------------------------------------------

struct ListRequest {
  const Value& config;  // the list block's `config`, wholly known
  bool include_resource_object;
  std::int64_t limit;  // the engine stops the stream after this many results
  const Context& ctx;
};

struct ListResult {
  Value identity;  // of the resource's identity type, wholly known
  std::string display_name;
  std::optional<Value> resource_object = std::nullopt;  // when include_resource_object
  Diagnostics diagnostics = {};  // warnings for this result; an error ends the stream
};

class ListSink {
 public:
  virtual ~ListSink() = default;
  // Sends one result. false: stop listing (limit reached, an error sent, client gone).
  virtual bool emit(ListResult result) = 0;
};

class ListResource {
 public:
  virtual ~ListResource() = default;
  virtual Schema schema() const = 0;  // of the `config` block; pure, thread-safe (resource.h)
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}
  // Streams results to `sink` until it returns false or nothing is left. Errors in
  // `diagnostics` reach Terraform in a last event after the results already sent.
  virtual void list(const ListRequest&, ListSink& sink, Diagnostics& diagnostics) const = 0;
};

// ---------------------------------------------------------------------------------------
// Actions (protocol 6.10, Terraform >= 1.14): imperative steps invoked from action_trigger
// or `terraform apply -invoke`, never instead of a resource.
// ---------------------------------------------------------------------------------------

struct ActionRequest {
  const Value& config;  // may contain unknowns in plan; wholly known in invoke
  const Context& ctx;   // ctx.cancel: StopProvider or the client giving up on the stream
};

class ActionProgress {
 public:
  virtual ~ActionProgress() = default;
  virtual void report(const std::string& message) = 0;
};

class Action {
 public:
  virtual ~Action() = default;
  virtual Schema schema() const = 0;  // pure, thread-safe (resource.h)
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}
  virtual void plan(const ActionRequest&, Diagnostics&) const {}
  virtual void invoke(const ActionRequest&, ActionProgress& progress,
                      Diagnostics& diagnostics) const = 0;
};

}  // namespace cloudssl::framework
