#include "provider/framework/provider_service.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <grpcpp/support/method_handler.h>
#include <grpcpp/support/sync_stream.h>

#include <chrono>
#include <stdexcept>

#include "provider/codec/json_codec.h"
#include "provider/codec/msgpack_codec.h"
#include "provider/framework/adoption.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/private_state_bytes.h"
#include "provider/framework/rpc_support.h"
#include "provider/framework/schema_proto.h"
#include "provider/framework/timeouts.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_walk.h"
#include "provider/log/logger.h"
#include "provider/util/utf8.h"

namespace cloudssl::framework {

namespace {

using namespace rpc;

// HCL identifiers, as Terraform requires for function parameter names.
bool valid_identifier(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9') || name[0] == '-') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Appends `message` serialized with map entries in key order (protobuf's deterministic mode;
// maps otherwise come out in a per-copy hash order).
void append_deterministic(const google::protobuf::MessageLite& message, std::string& bytes) {
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
}

// GetProviderSchema's position in tfplugin6.proto's service Provider: the index the generated
// WithStreamedUnaryMethod_GetProviderSchema marks (tfplugin6.grpc.pb.h).
constexpr int kGetProviderSchemaMethod = 1;
using RawUnaryStream = grpc::ServerUnaryStreamer<grpc::ByteBuffer, grpc::ByteBuffer>;

}  // namespace

// ---------------------------------------------------------------------------------------
// Construction: names and capabilities; schemas when they are first used
// ---------------------------------------------------------------------------------------

std::vector<std::string> schema_problems(const Registry& registry) {
  std::vector<std::string> problems;
  auto check = [&](const std::string& kind, const std::string& name, const Schema& schema) {
    for (const std::string& p : validate_schema(schema, kind)) {
      problems.push_back(kind + " " + name + ": " + p);
    }
  };
  check("provider", registry.type_prefix(), registry.provider().schema());
  for (const auto& [name, r] : registry.resources()) {
    check("resource", name, r->schema());
    if (const auto* with_identity = dynamic_cast<const ResourceWithIdentity*>(r.get())) {
      for (const std::string& p : validate_identity_schema(with_identity->identity_schema()))
        problems.push_back("resource " + name + ": " + p);
    }
  }
  for (const auto& [name, d] : registry.data_sources()) check("data source", name, d->schema());
  for (const auto& [name, e] : registry.ephemeral_resources()) {
    check("ephemeral resource", name, e->schema());
  }
  for (const auto& [name, f] : registry.functions()) {
    FunctionSignature signature = f->signature();
    std::vector<const FunctionParameter*> parameters;
    for (const FunctionParameter& p : signature.parameters) parameters.push_back(&p);
    if (signature.variadic) parameters.push_back(&*signature.variadic);
    for (const FunctionParameter* p : parameters) {
      if (!valid_identifier(p->name)) {
        problems.push_back("function " + name + ": parameter name \"" + p->name +
                           "\" is not a valid identifier");
      }
    }
  }
  for (const auto& [name, l] : registry.list_resources()) {
    // Terraform lists objects of a managed resource and decodes each identity with that
    // resource's identity schema.
    const Resource* resource = registry.resource(name);
    if (!dynamic_cast<const ResourceWithIdentity*>(resource))
      problems.push_back("list resource " + name +
                         ": needs a managed resource of the same name with an identity");
    check("list resource", name, l->schema());
  }
  for (const auto& [name, a] : registry.actions()) check("action", name, a->schema());
  return problems;
}

// A build that throws (a provider bug) is kept as its error and rethrown on every use rather
// than let out of call_once, whose flag is then reset or not depending on the platform (GCC PR
// 66146: later calls hang on some; on glibc each one builds again).
const ProviderService::TypeInfo::Built& ProviderService::TypeInfo::built() const {
  std::call_once(once_, [this] {
    try {
      Schema schema = build_();
      Type type = implied_type(schema);
      built_.emplace(Built{std::move(schema), std::move(type)});
    } catch (...) {
      error_ = std::current_exception();
    }
    ready_.store(true, std::memory_order_release);
  });
  if (error_) std::rethrow_exception(error_);
  return *built_;
}

ProviderService::ProviderService(const Registry& registry)
    : registry_(registry), provider_([this] { return registry_.provider().schema(); }) {
  // The types' objects live as long as registry_ (it holds them by shared_ptr).
  for (const auto& [name, r] : registry_.resources()) {
    resources_.try_emplace(name, [r = r.get()] { return r->schema(); });
  }
  for (const auto& [name, d] : registry_.data_sources()) {
    data_sources_.try_emplace(name, [d = d.get()] { return d->schema(); });
  }
  for (const auto& [name, e] : registry_.ephemeral_resources()) {
    ephemeral_resources_.try_emplace(name, [e = e.get()] { return e->schema(); });
  }
  for (const auto& [name, f] : registry_.functions()) {
    FunctionSignature signature = f->signature();
    (*functions_answer_.mutable_functions())[name] = to_proto(signature);
    functions_.emplace(name, std::move(signature));
  }
  load_adoption_types();
  capabilities_.set_plan_destroy(true);
  capabilities_.set_get_provider_schema_optional(true);
  // Configuration is generated for every resource (generate_resource_config); moves only
  // when a resource takes them, so that a provider without any keeps Terraform's own error.
  capabilities_.set_generate_resource_config(true);
  for (const auto& [name, r] : registry_.resources())
    if (dynamic_cast<const ResourceWithMoveState*>(r.get()))
      capabilities_.set_move_resource_state(true);

  // The generated sync handler would copy the message into each call's response and serialize
  // it again; this one (a streamed unary handler: one request, one answer, still on the sync
  // server's threads) sends the bytes of schema_answer(). ByteBuffer's copy only references
  // its slice.
  MarkMethodStreamed(kGetProviderSchemaMethod,
                     new grpc::internal::StreamedUnaryHandler<grpc::ByteBuffer, grpc::ByteBuffer>(
                         [this](grpc::ServerContext*, RawUnaryStream* stream) {
                           RpcLog log("GetProviderSchema");
                           grpc::ByteBuffer request;  // empty; read to complete the exchange
                           stream->Read(&request);
                           try {
                             stream->Write(schema_answer());
                           } catch (const std::exception& e) {
                             // A schema that cannot be built is a provider bug: say which.
                             return grpc::Status(grpc::StatusCode::INTERNAL,
                                                 std::string("the provider's schema could not be "
                                                             "built (a bug in the provider): ") +
                                                     e.what());
                           }
                           return grpc::Status::OK;
                         }));
}

// As TypeInfo::built(): a failed build is rethrown on every call, never left inside call_once.
const grpc::ByteBuffer& ProviderService::schema_answer() const {
  std::call_once(schema_answer_once_, [this] {
    try {
      schema_answer_ = build_schema_answer();
    } catch (...) {
      schema_answer_error_ = std::current_exception();
    }
  });
  if (schema_answer_error_) std::rethrow_exception(schema_answer_error_);
  return schema_answer_;
}

// The answer is the whole message serialized deterministically (map entries in key order),
// built one part at a time: a message's serialization is its fields' in field-number order,
// each map entry a field of its own, so the parts serialized in that order and appended are
// the same bytes, and only one type's protobuf schema is held at a time (the whole message
// took 519 KB of heap). ProviderProtocol.SchemaIsTheSameDeterministicBytesOnEveryCall compares
// them with the deterministic serialization of the message they parse into. A type already
// used gives the schema it was built with (TypeInfo::with_schema), never built again.
grpc::ByteBuffer ProviderService::build_schema_answer() const {
  using Response = tfplugin6::GetProviderSchema::Response;
  std::string bytes;
  auto append = [&bytes](const Response& part) { append_deterministic(part, bytes); };
  // `schemas(part)` is the part's map for this kind of type (a lambda: protobuf does not
  // promise its accessors' addresses).
  auto append_schemas = [&](const std::map<std::string, TypeInfo>& types, auto schemas) {
    for (const auto& [name, type] : types) {
      type.with_schema([&](const Schema& schema) {
        Response part;
        (*schemas(part))[name] = to_proto(schema);
        append(part);
      });
    }
  };
  provider_.with_schema([&](const Schema& schema) {
    Response part;  // 1
    *part.mutable_provider() = to_proto(schema);
    append(part);
  });
  append_schemas(resources_, [](Response& r) { return r.mutable_resource_schemas(); });        // 2
  append_schemas(data_sources_, [](Response& r) { return r.mutable_data_source_schemas(); });  // 3
  {
    Response part;  // 6, 7
    *part.mutable_server_capabilities() = capabilities_;
    *part.mutable_functions() = functions_answer_.functions();
    append(part);
  }
  append_schemas(ephemeral_resources_,
                 [](Response& r) { return r.mutable_ephemeral_resource_schemas(); });  // 8
  append_schemas(list_resources_,
                 [](Response& r) { return r.mutable_list_resource_schemas(); });  // 9
  for (const auto& [name, action] : actions_) {                                   // 11
    action.with_schema([&](const Schema& schema) {
      Response part;
      *(*part.mutable_action_schemas())[name].mutable_schema() = to_proto(schema);
      append(part);
    });
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

void ProviderService::stop_all() {
  std::lock_guard lock(mutex_);
  cancel_.cancel();
  cancel_ = CancellationToken();  // later operations start uncancelled
}

Context ProviderService::context(const tfplugin6::ClientCapabilities* capabilities) const {
  Context ctx;
  {
    std::lock_guard lock(mutex_);
    ctx.cancel = cancel_;
    ctx.provider_data = provider_data_;
    ctx.client.terraform_version = terraform_version_;
  }
  if (capabilities) {
    ctx.client.write_only_attributes_allowed = capabilities->write_only_attributes_allowed();
    ctx.client.deferral_allowed = capabilities->deferral_allowed();
    ctx.client.store_planned_private = capabilities->store_planned_private();
  }
  return ctx;
}

// ---------------------------------------------------------------------------------------
// Metadata and schemas
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::GetMetadata(Ctx*, const tfplugin6::GetMetadata::Request*,
                                          tfplugin6::GetMetadata::Response* response) {
  RpcLog log("GetMetadata");
  *response->mutable_server_capabilities() = capabilities_;
  for (const auto& [name, unused] : resources_) response->add_resources()->set_type_name(name);
  for (const auto& [name, unused] : data_sources_) {
    response->add_data_sources()->set_type_name(name);
  }
  for (const auto& [name, unused] : ephemeral_resources_) {
    response->add_ephemeral_resources()->set_type_name(name);
  }
  for (const auto& [name, unused] : functions_) response->add_functions()->set_name(name);
  for (const auto& [name, unused] : list_resources_) {
    response->add_list_resources()->set_type_name(name);
  }
  for (const auto& [name, unused] : actions_) response->add_actions()->set_type_name(name);
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetProviderSchema(Ctx*, const tfplugin6::GetProviderSchema::Request*,
                                                tfplugin6::GetProviderSchema::Response* response) {
  RpcLog log("GetProviderSchema");
  grpc::ByteBuffer bytes;
  try {
    bytes = schema_answer();  // Deserialize consumes its buffer: a reference
  } catch (const std::exception& e) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        std::string("the provider's schema could not be built (a bug in the "
                                    "provider): ") +
                            e.what());
  }
  return grpc::SerializationTraits<tfplugin6::GetProviderSchema::Response>::Deserialize(&bytes,
                                                                                        response);
}

// Terraform >= 1.12 calls this inside every schema request: anything but OK (or
// UNIMPLEMENTED) fails them all, so it always answers OK, with the schemas built once.
grpc::Status ProviderService::GetResourceIdentitySchemas(
    Ctx*, const tfplugin6::GetResourceIdentitySchemas::Request*,
    tfplugin6::GetResourceIdentitySchemas::Response* response) {
  RpcLog log("GetResourceIdentitySchemas");
  *response = identity_response_;
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetFunctions(Ctx*, const tfplugin6::GetFunctions::Request*,
                                           tfplugin6::GetFunctions::Response* response) {
  RpcLog log("GetFunctions");
  *response = functions_answer_;
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Provider configuration
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateProviderConfig(
    Ctx*, const tfplugin6::ValidateProviderConfig::Request* request,
    tfplugin6::ValidateProviderConfig::Response* response) {
  RpcLog log("ValidateProviderConfig");
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate the provider configuration", diagnostics, [&] {
    Value config = decode(request->config(), provider_.type());
    validate_attributes(provider_.schema().block, config, diagnostics);
    Context ctx = context();
    registry_.provider().validate(ValidateRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::ConfigureProvider(
    Ctx*, const tfplugin6::ConfigureProvider::Request* request,
    tfplugin6::ConfigureProvider::Response* response) {
  RpcLog log("ConfigureProvider");
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("configure the provider", diagnostics, [&] {
    Value config = decode(request->config(), provider_.type());
    {
      std::lock_guard lock(mutex_);
      terraform_version_ = request->terraform_version();
    }
    Context ctx = context(&request->client_capabilities());
    ctx.provider_data.reset();
    std::any data = registry_.provider().configure(ConfigureRequest{config, ctx}, diagnostics);
    if (diagnostics.has_errors()) return;
    // Debug mode serves many Terraform runs: a later configuration replaces the earlier one.
    std::lock_guard lock(mutex_);
    provider_data_ = std::move(data);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Managed resources
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateResourceConfig(
    Ctx*, const tfplugin6::ValidateResourceConfig::Request* request,
    tfplugin6::ValidateResourceConfig::Response* response) {
  RpcLog log("ValidateResourceConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    Value config = decode(request->config(), it->second.type());
    Context ctx = context(&request->client_capabilities());
    validate_resource_config(*registry_.resource(it->first), it->second.schema(), config, ctx,
                             diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::UpgradeResourceState(
    Ctx*, const tfplugin6::UpgradeResourceState::Request* request,
    tfplugin6::UpgradeResourceState::Response* response) {
  RpcLog log("UpgradeResourceState", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("upgrade the state of " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    const std::string& json = request->raw_state().json();
    const bool flatmap_only = json.empty() && request->raw_state().flatmap_size() > 0;
    Value upgraded = upgrade_resource_state(*registry_.resource(it->first), it->second.schema(),
                                            request->version(), json, flatmap_only, diagnostics);
    encode(upgraded, it->second.type(), response->mutable_upgraded_state());
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadResource(Ctx*, const tfplugin6::ReadResource::Request* request,
                                           tfplugin6::ReadResource::Response* response) {
  RpcLog log("ReadResource", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  // Until the read succeeds the answer is the current state: an unset new_state would make
  // Terraform forget the object.
  *response->mutable_new_state() = request->current_state();
  response->set_private_(request->private_());
  guarded("read " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    Value current = decode(request->current_state(), it->second.type());
    Context ctx = context(&request->client_capabilities());
    ReadResult result = read_resource(*registry_.resource(it->first), it->second.schema(), current,
                                      request->private_(), ctx, diagnostics);
    encode(result.new_state, it->second.type(), response->mutable_new_state());
    response->set_private_(result.private_state);
    if (!result.new_state.is_null()) {
      set_identity(it->first, result.new_state, ctx, false, diagnostics,
                   response->mutable_new_identity());
      // Nothing to say (the resource cannot tell now): keep what Terraform holds.
      if (!response->new_identity().has_identity_data() && request->has_current_identity())
        *response->mutable_new_identity() = request->current_identity();
      if (!response->new_identity().has_identity_data()) response->clear_new_identity();
    }
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::PlanResourceChange(
    Ctx*, const tfplugin6::PlanResourceChange::Request* request,
    tfplugin6::PlanResourceChange::Response* response) {
  RpcLog log("PlanResourceChange", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("plan " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    const Type& type = it->second.type();
    Value prior = decode(request->prior_state(), type);
    Value proposed = decode(request->proposed_new_state(), type);
    Value config = decode(request->config(), type);
    Context ctx = context(&request->client_capabilities());
    PlanResult plan = plan_resource_change(*registry_.resource(it->first), it->second.schema(),
                                           prior, proposed, config, request->prior_private(), ctx,
                                           diagnostics, request->planned_private());
    encode(plan.planned, type, response->mutable_planned_state());
    for (const Path& p : plan.requires_replace) *response->add_requires_replace() = to_proto(p);
    response->set_planned_private(plan.planned_private);
    if (diagnostics.has_errors()) return;
    if (plan.planned.is_null()) {
      // Destroy: the object keeps the identity it has.
      if (request->has_prior_identity()) {
        *response->mutable_planned_identity() = request->prior_identity();
      } else {
        set_identity(it->first, prior, ctx, false, diagnostics,
                     response->mutable_planned_identity());
      }
    } else {
      // A create or replacement may not know the identity yet. An update that gives the object
      // a new identity (its identity attributes planned unknown, as a reissue plans a new id)
      // plans none: Terraform requires a planned identity to be known outside creates and
      // replacements, and accepts none; the apply returns the new one.
      const bool new_object = prior.is_null() || !plan.requires_replace.empty();
      Diagnostics ignored;
      const std::optional<Value> planned_identity = identity_for(
          *registry_.resource(it->first), plan.planned, ctx, /*allow_unknown=*/true, ignored);
      const bool identity_changes =
          !new_object && planned_identity && !planned_identity->is_wholly_known();
      if (!identity_changes)
        set_identity(it->first, plan.planned, ctx, new_object, diagnostics,
                     response->mutable_planned_identity());
    }
    if (!response->planned_identity().has_identity_data()) response->clear_planned_identity();
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::ApplyResourceChange(
    Ctx*, const tfplugin6::ApplyResourceChange::Request* request,
    tfplugin6::ApplyResourceChange::Response* response) {
  RpcLog log("ApplyResourceChange", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  // If anything fails before the resource answers, the prior object stays as it was.
  *response->mutable_new_state() = request->prior_state();
  response->set_private_(request->planned_private());
  guarded("apply changes to " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    const Type& type = it->second.type();
    Value prior = decode(request->prior_state(), type);
    Value planned = decode(request->planned_state(), type);
    Value config = decode(request->config(), type);
    Context ctx = context();
    ApplyResult result =
        apply_resource_change(*registry_.resource(it->first), it->second.schema(), prior, planned,
                              config, request->planned_private(), ctx, diagnostics);
    encode(result.new_state, type, response->mutable_new_state());
    response->set_private_(result.private_state);
    if (!result.new_state.is_null() && result.new_state.is_wholly_known()) {
      set_identity(it->first, result.new_state, ctx, false, diagnostics,
                   response->mutable_new_identity());
      if (!response->new_identity().has_identity_data()) response->clear_new_identity();
    }
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::ImportResourceState(
    Ctx*, const tfplugin6::ImportResourceState::Request* request,
    tfplugin6::ImportResourceState::Response* response) {
  RpcLog log("ImportResourceState", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("import " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    const Resource& resource = *registry_.resource(it->first);
    Context ctx = context(&request->client_capabilities());
    std::string id = request->id();
    if (id.empty()) {
      auto identity = identities_.find(it->first);
      if (!request->has_identity() || identity == identities_.end()) {
        diagnostics.error("Missing import ID",
                          identity == identities_.end()
                              ? "Import by identity is not supported by " + request->type_name() +
                                    "; import it by ID."
                              : "Import " + request->type_name() + " by ID or by identity.");
        return;
      }
      const Value given =
          decode(request->identity().identity_data(), implied_type(identity->second));
      if (given.is_null() || !given.is_wholly_known()) {
        diagnostics.error("Invalid import identity", "The identity must be a known object of " +
                                                         request->type_name() +
                                                         "'s identity schema.");
        return;
      }
      id = dynamic_cast<const ResourceWithIdentity&>(resource).import_id(given, ctx, diagnostics);
      if (diagnostics.has_errors()) return;
    }
    std::optional<ImportResult> result =
        import_resource_state(resource, it->second.schema(), id, ctx, diagnostics);
    if (!result) return;
    tfplugin6::ImportResourceState::ImportedResource* imported = response->add_imported_resources();
    imported->set_type_name(it->first);
    encode(result->state, it->second.type(), imported->mutable_state());
    imported->set_private_(result->private_state);
    set_identity(it->first, result->state, ctx, false, diagnostics, imported->mutable_identity());
    if (!imported->identity().has_identity_data()) {
      imported->clear_identity();
      // An import by identity that the resource cannot restate keeps the given identity.
      if (request->id().empty()) *imported->mutable_identity() = request->identity();
    }
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Data sources
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateDataResourceConfig(
    Ctx*, const tfplugin6::ValidateDataResourceConfig::Request* request,
    tfplugin6::ValidateDataResourceConfig::Response* response) {
  RpcLog log("ValidateDataResourceConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate data source " + request->type_name(), diagnostics, [&] {
    auto it = data_sources_.find(request->type_name());
    if (it == data_sources_.end()) {
      return unknown_type("data source", request->type_name(), diagnostics);
    }
    Value config = decode(request->config(), it->second.type());
    validate_timeouts(config, diagnostics);
    validate_attributes(it->second.schema().block, config, diagnostics);
    Context ctx = context();
    registry_.data_source(it->first)->validate(ValidateRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadDataSource(Ctx*,
                                             const tfplugin6::ReadDataSource::Request* request,
                                             tfplugin6::ReadDataSource::Response* response) {
  RpcLog log("ReadDataSource", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("read data source " + request->type_name(), diagnostics, [&] {
    auto it = data_sources_.find(request->type_name());
    if (it == data_sources_.end()) {
      return unknown_type("data source", request->type_name(), diagnostics);
    }
    Value config = decode(request->config(), it->second.type());
    Value state = read_data_source(*registry_.data_source(it->first), it->second.schema(), config,
                                   context(&request->client_capabilities()), diagnostics);
    encode(state, it->second.type(), response->mutable_state());
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Ephemeral resources
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateEphemeralResourceConfig(
    Ctx*, const tfplugin6::ValidateEphemeralResourceConfig::Request* request,
    tfplugin6::ValidateEphemeralResourceConfig::Response* response) {
  RpcLog log("ValidateEphemeralResourceConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate ephemeral resource " + request->type_name(), diagnostics, [&] {
    auto it = ephemeral_resources_.find(request->type_name());
    if (it == ephemeral_resources_.end()) {
      return unknown_type("ephemeral resource", request->type_name(), diagnostics);
    }
    Value config = decode(request->config(), it->second.type());
    validate_attributes(it->second.schema().block, config, diagnostics);
    Context ctx = context();
    registry_.ephemeral_resource(it->first)->validate(ValidateRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::OpenEphemeralResource(
    Ctx*, const tfplugin6::OpenEphemeralResource::Request* request,
    tfplugin6::OpenEphemeralResource::Response* response) {
  RpcLog log("OpenEphemeralResource", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("open ephemeral resource " + request->type_name(), diagnostics, [&] {
    auto it = ephemeral_resources_.find(request->type_name());
    if (it == ephemeral_resources_.end()) {
      return unknown_type("ephemeral resource", request->type_name(), diagnostics);
    }
    const Type& type = it->second.type();
    Value config = decode(request->config(), type);
    Context ctx = context(&request->client_capabilities());
    EphemeralOpenResult result = registry_.ephemeral_resource(it->first)->open(
        EphemeralOpenRequest{config, ctx}, diagnostics);
    if (diagnostics.has_errors()) return;
    if (!(result.result.type() == type) || !result.result.is_wholly_known()) {
      diagnostics.error("Provider produced invalid object",
                        "The ephemeral resource's result does not match its schema or is not "
                        "wholly known. This is a bug in the provider.");
      return;
    }
    encode(normalize_blocks(it->second.schema().block, result.result), type,
           response->mutable_result());
    if (!result.private_state.empty()) response->set_private_(result.private_state.serialize());
    if (result.renew_at) {
      auto since_epoch = result.renew_at->time_since_epoch();
      auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
      response->mutable_renew_at()->set_seconds(seconds.count());
      response->mutable_renew_at()->set_nanos(static_cast<std::int32_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count()));
    }
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::RenewEphemeralResource(
    Ctx*, const tfplugin6::RenewEphemeralResource::Request* request,
    tfplugin6::RenewEphemeralResource::Response* response) {
  RpcLog log("RenewEphemeralResource", request->type_name());
  // Ephemeral resources here never ask for renewal; keep what Terraform holds.
  if (request->has_private_()) response->set_private_(request->private_());
  return grpc::Status::OK;
}

grpc::Status ProviderService::CloseEphemeralResource(
    Ctx*, const tfplugin6::CloseEphemeralResource::Request* request,
    tfplugin6::CloseEphemeralResource::Response* response) {
  RpcLog log("CloseEphemeralResource", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("close ephemeral resource " + request->type_name(), diagnostics, [&] {
    EphemeralResource* resource = registry_.ephemeral_resource(request->type_name());
    if (!resource) return unknown_type("ephemeral resource", request->type_name(), diagnostics);
    std::optional<PrivateState> private_state =
        parse_private_state(request->has_private_() ? request->private_() : "", diagnostics);
    if (!private_state) return;
    resource->close(*private_state, context(), diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::CallFunction(Ctx*, const tfplugin6::CallFunction::Request* request,
                                           tfplugin6::CallFunction::Response* response) {
  RpcLog log("CallFunction", request->name());
  auto fail = [&](const std::string& text, std::optional<std::int64_t> argument = {}) {
    response->clear_result();
    response->mutable_error()->set_text(util::valid_utf8(text));
    if (argument) response->mutable_error()->set_function_argument(*argument);
  };
  auto it = functions_.find(request->name());
  if (it == functions_.end()) {
    fail("This provider has no function named \"" + request->name() + "\".");
    return grpc::Status::OK;
  }
  const FunctionSignature& signature = it->second;
  std::int64_t current_argument = -1;
  try {
    std::vector<Value> arguments;
    for (int i = 0; i < request->arguments_size(); ++i) {
      current_argument = i;
      const FunctionParameter* parameter = nullptr;
      if (static_cast<std::size_t>(i) < signature.parameters.size()) {
        parameter = &signature.parameters[static_cast<std::size_t>(i)];
      } else if (signature.variadic) {
        parameter = &*signature.variadic;
      } else {
        fail("Too many arguments: the function takes " +
             std::to_string(signature.parameters.size()) + ".");
        return grpc::Status::OK;
      }
      arguments.push_back(decode(request->arguments(i), parameter->type));
    }
    if (arguments.size() < signature.parameters.size()) {
      fail("Not enough arguments: the function takes " +
           std::to_string(signature.parameters.size()) + ".");
      return grpc::Status::OK;
    }
    current_argument = -1;
    Value result = registry_.function(it->first)->call(arguments);
    encode(result, signature.return_type, response->mutable_result());
  } catch (const FunctionError& e) {
    fail(e.what(), e.argument);
  } catch (const codec::CodecError& e) {
    fail(std::string("Invalid value: ") + e.what(),
         current_argument >= 0 ? std::optional<std::int64_t>(current_argument) : std::nullopt);
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("An unexpected error occurred.");
  }
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Cancellation
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::StopProvider(Ctx*, const tfplugin6::StopProvider::Request*,
                                           tfplugin6::StopProvider::Response*) {
  RpcLog log("StopProvider");
  stop_all();
  return grpc::Status::OK;
}

}  // namespace cloudssl::framework
