// What a resource, data source, function, ephemeral resource and the provider itself
// implement. The engine (plan_engine, provider_service) owns every protocol rule; these
// interfaces see only typed values, diagnostics and a context.
//
// Errors: a resource reports problems a user can fix as diagnostics with attribute paths.
// Failures from below (the API client throws api::ApiError, codec throws CodecError) may
// simply propagate: the engine turns any exception into an error diagnostic. A create that
// made a remote object and then failed returns the partial state (with diagnostics), so
// nothing is lost; Terraform then records it as tainted.
//
// schema() (here and in capabilities.h) must be pure and thread-safe: the same Schema on every
// call, from the object alone (no configuration, environment, clock or mutable state), with no
// side effects. ProviderService builds each type's schema once, on the type's first use, which
// may come from several requests at once (Terraform runs up to 10 operations); that build
// decodes and checks the type's values. GetProviderSchema's answer uses it, or builds its own
// for a type not used yet; schema_problems and the tests call schema() again: all must agree.
#pragma once

#include <any>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/private_state.h"
#include "provider/framework/schema.h"
#include "provider/util/cancellation.h"

namespace cloudssl::framework {

using cloudssl::CancellationToken;

// What Terraform told us about itself (ClientCapabilities and the version string).
struct ClientInfo {
  bool write_only_attributes_allowed = false;
  bool deferral_allowed = false;
  // Protocol 6.11 (Terraform >= 1.16): the apply-time re-plan receives the private state the
  // plan stored (PlanRequest::earlier_plan_private), so a value planned from it can be
  // planned again identically at apply.
  bool store_planned_private = false;
  std::string terraform_version;  // from ConfigureProvider; may be empty
};

// Everything an operation needs besides its values.
struct Context {
  CancellationToken cancel;  // cancelled by StopProvider
  // When the operation must give up (from the `timeouts` block, else the resource default).
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::any provider_data;  // what Provider::configure returned (empty before configure)
  ClientInfo client;

  // The configured provider's data as T (for cloudssl: std::shared_ptr<CloudsslClients>).
  // Throws std::logic_error when the provider is not configured or holds another type.
  template <class T>
  const T& provider() const {
    if (const T* p = std::any_cast<T>(&provider_data)) return *p;
    throw std::logic_error("the provider is not configured");
  }
};

// ---------------------------------------------------------------------------------------
// Managed resources
// ---------------------------------------------------------------------------------------

struct ValidateRequest {
  const Value& config;  // may contain unknowns
  const Context& ctx;
};

// Runs after the engine applied the generic rules (defaults, write-only nulling, computed
// unknowns, use_state_for_unknown, requires_replace). Adjust `planned`, add paths to
// `requires_replace`, record things in `private_state`.
struct PlanRequest {
  const Value& prior;   // null on create
  const Value& config;  // null on destroy (modify_plan is not called for destroy)
  Value planned;
  std::vector<Path> requires_replace;
  PrivateState private_state;
  const Context& ctx;
  // During the apply-time re-plan with a 6.11 client (ClientInfo::store_planned_private): the
  // private state the plan stored for this change. Empty otherwise. Older clients send the
  // apply-time re-plan of a replacement's create no private state at all (prior is null).
  PrivateState earlier_plan_private = {};
};

struct CreateRequest {
  const Value& planned;  // may contain unknowns (computed attributes)
  const Value& config;   // write-only values are only here
  PrivateState& private_state;
  const Context& ctx;
};

struct ReadRequest {
  const Value& state;
  PrivateState& private_state;
  const Context& ctx;
};

struct UpdateRequest {
  const Value& prior;
  const Value& planned;
  const Value& config;
  PrivateState& private_state;
  const Context& ctx;
};

struct DeleteRequest {
  const Value& prior;
  PrivateState& private_state;
  const Context& ctx;
};

struct ImportRequest {
  const std::string& id;
  PrivateState& private_state;
  const Context& ctx;
};

// Default deadlines, used when the configuration sets no `timeouts`.
struct Timeouts {
  std::chrono::milliseconds create = std::chrono::minutes(20);
  std::chrono::milliseconds read = std::chrono::minutes(5);
  std::chrono::milliseconds update = std::chrono::minutes(20);
  std::chrono::milliseconds remove = std::chrono::minutes(20);
};

class Resource {
 public:
  virtual ~Resource() = default;
  virtual Schema schema() const = 0;  // pure, thread-safe (above)
  virtual Timeouts default_timeouts() const { return {}; }
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}

  // Returns the new state: every attribute known. The engine copies known planned values
  // over it and reports anything left unknown. Return null only when nothing was created.
  virtual Value create(const CreateRequest&, Diagnostics&) = 0;
  // nullopt: the remote object is gone (Terraform drops it and plans a create).
  virtual std::optional<Value> read(const ReadRequest&, Diagnostics&) = 0;
  virtual Value update(const UpdateRequest&, Diagnostics&) = 0;
  virtual void remove(const DeleteRequest&, Diagnostics&) = 0;
};

// Opt-in capabilities, discovered with dynamic_cast (like the Go framework's interfaces).
class ResourceWithModifyPlan {
 public:
  virtual ~ResourceWithModifyPlan() = default;
  virtual void modify_plan(PlanRequest&, Diagnostics&) const = 0;
};

class ResourceWithImport {
 public:
  virtual ~ResourceWithImport() = default;
  // A state stub (at least the id); Terraform then calls read() to fill in the rest.
  virtual Value import_state(const ImportRequest&, Diagnostics&) const = 0;
};

class ResourceWithUpgradeState {
 public:
  virtual ~ResourceWithUpgradeState() = default;
  // Called for stored versions older than schema().version, with the raw state JSON as the
  // older provider wrote it. Returns the object in the current schema.
  virtual Value upgrade_state(std::int64_t from_version, const nlohmann::json& raw,
                              Diagnostics&) const = 0;
};

// ---------------------------------------------------------------------------------------
// Data sources, functions, ephemeral resources, the provider
// ---------------------------------------------------------------------------------------

struct DataSourceReadRequest {
  const Value& config;  // wholly known
  const Context& ctx;
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  virtual Schema schema() const = 0;  // pure, thread-safe (above)
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}
  // Returns the full object (config values kept, computed ones filled), wholly known.
  virtual Value read(const DataSourceReadRequest&, Diagnostics&) const = 0;
};

struct FunctionParameter {
  std::string name;
  Type type;
  bool allow_null = false;
  bool allow_unknown = false;
  std::string description = {};
};

struct FunctionSignature {
  std::vector<FunctionParameter> parameters;
  std::optional<FunctionParameter> variadic = std::nullopt;
  Type return_type;
  std::string summary = {};
  std::string description = {};
  std::string deprecation_message = {};
  // Docs only (not sent over the protocol, which has no place for them): a description per
  // attribute of an object return type, for the generated Return Type section.
  std::map<std::string, std::string> return_attribute_descriptions = {};
};

// Thrown by Function::call; `argument` is the index of the offending argument, if any.
class FunctionError : public std::runtime_error {
 public:
  explicit FunctionError(const std::string& text, std::optional<std::int64_t> argument = {})
      : std::runtime_error(text), argument(argument) {}
  std::optional<std::int64_t> argument;
};

class Function {
 public:
  virtual ~Function() = default;
  virtual FunctionSignature signature() const = 0;
  // Functions run in an unconfigured provider process: no API access.
  virtual Value call(const std::vector<Value>& arguments) const = 0;
};

struct EphemeralOpenRequest {
  const Value& config;
  const Context& ctx;
};

struct EphemeralOpenResult {
  Value result;
  PrivateState private_state;
  std::optional<std::chrono::system_clock::time_point> renew_at;
};

class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;
  virtual Schema schema() const = 0;  // pure, thread-safe (above)
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}
  virtual EphemeralOpenResult open(const EphemeralOpenRequest&, Diagnostics&) const = 0;
  virtual void close(const PrivateState&, const Context&, Diagnostics&) const {}
};

struct ConfigureRequest {
  const Value& config;  // may contain unknowns during plan
  const Context& ctx;   // provider_data empty; client info set
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual Schema schema() const = 0;  // pure, thread-safe (above)
  virtual void validate(const ValidateRequest&, Diagnostics&) const {}
  // Returns what resources receive as Context::provider_data.
  virtual std::any configure(const ConfigureRequest&, Diagnostics&) = 0;
};

}  // namespace cloudssl::framework
