// The tfplugin6 RPCs for adopting existing objects and acting on them: resource identity
// (6.9), MoveResourceState, GenerateResourceConfig, list resources and actions (6.10). The
// checks mirror what Terraform's plugin6 client and core do with each answer (identity known
// and of the schema's type, list events with identity, stream stopped at the limit), so a
// provider bug is a diagnostic here rather than a failure inside Terraform.
#include <mutex>
#include <thread>

#include "provider/framework/adoption.h"
#include "provider/framework/plan_engine.h"
#include "provider/framework/provider_service.h"
#include "provider/framework/rpc_support.h"
#include "provider/framework/schema_proto.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_walk.h"

namespace cloudssl::framework {

using namespace rpc;

namespace {

tfplugin6::ResourceIdentitySchema to_proto(const IdentitySchema& schema) {
  tfplugin6::ResourceIdentitySchema out;
  out.set_version(schema.version);
  for (const IdentityAttribute& a : schema.attributes) {
    auto* attribute = out.add_identity_attributes();
    attribute->set_name(a.name);
    attribute->set_type(a.type.to_json());
    attribute->set_required_for_import(a.required_for_import);
    attribute->set_optional_for_import(a.optional_for_import);
    attribute->set_description(a.description);
  }
  return out;
}

// A config object for a list or action schema: a null config (no `config` block) reads as
// an object of nulls, so types see their attributes.
Value config_object(const Schema& schema, const Type& type, Value config) {
  if (config.is_null()) config = Value::object(type, {});
  return normalize_blocks(schema.block, config);
}

}  // namespace

void ProviderService::load_adoption_types() {
  for (const auto& [name, r] : registry_.resources()) {
    const auto* with_identity = dynamic_cast<const ResourceWithIdentity*>(r.get());
    if (!with_identity) continue;
    IdentitySchema schema = with_identity->identity_schema();
    (*identity_response_.mutable_identity_schemas())[name] = to_proto(schema);
    identities_.emplace(name, std::move(schema));
  }
  for (const auto& [name, l] : registry_.list_resources()) {
    list_resources_.try_emplace(name, [l = l.get()] { return l->schema(); });
  }
  for (const auto& [name, a] : registry_.actions()) {
    actions_.try_emplace(name, [a = a.get()] { return a->schema(); });
  }
}

void ProviderService::set_identity(const std::string& type_name, const Value& state,
                                   const Context& ctx, bool allow_unknown, Diagnostics& diagnostics,
                                   tfplugin6::ResourceIdentityData* out) const {
  auto it = identities_.find(type_name);
  if (it == identities_.end()) return;
  std::optional<Value> identity =
      identity_for(*registry_.resource(type_name), state, ctx, allow_unknown, diagnostics);
  if (identity) encode(*identity, implied_type(it->second), out->mutable_identity_data());
}

// ---------------------------------------------------------------------------------------
// Identity, moves, generated configuration
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::UpgradeResourceIdentity(
    Ctx*, const tfplugin6::UpgradeResourceIdentity::Request* request,
    tfplugin6::UpgradeResourceIdentity::Response* response) {
  RpcLog log("UpgradeResourceIdentity", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("upgrade the identity of " + request->type_name(), diagnostics, [&] {
    auto it = identities_.find(request->type_name());
    if (it == identities_.end()) {
      diagnostics.error("Resource has no identity",
                        "This provider defines no identity for \"" + request->type_name() +
                            "\"; the stored identity cannot be upgraded.");
      return;
    }
    Value upgraded = upgrade_resource_identity(it->second, request->version(),
                                               request->raw_identity().json(), diagnostics);
    if (diagnostics.has_errors()) return;
    encode(upgraded, implied_type(it->second),
           response->mutable_upgraded_identity()->mutable_identity_data());
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::MoveResourceState(
    Ctx*, const tfplugin6::MoveResourceState::Request* request,
    tfplugin6::MoveResourceState::Response* response) {
  RpcLog log("MoveResourceState", request->target_type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("move " + request->source_type_name() + " to " + request->target_type_name(), diagnostics,
          [&] {
            auto it = resources_.find(request->target_type_name());
            if (it == resources_.end())
              return unknown_type("resource", request->target_type_name(), diagnostics);
            // Terraform moves with a provider it has not configured: the context has no
            // provider data, so a move can never reach the API.
            Context ctx = context();
            const MoveFrom from{request->source_provider_address(), request->source_type_name(),
                                request->source_schema_version(), request->source_state().json()};
            std::optional<MoveResult> moved =
                move_resource_state(*registry_.resource(it->first), it->second.schema(), it->first,
                                    from, ctx, diagnostics);
            if (!moved) return;
            encode(moved->state, it->second.type(), response->mutable_target_state());
            response->set_target_private(moved->private_state);
            set_identity(it->first, moved->state, ctx, false, diagnostics,
                         response->mutable_target_identity());
            if (!response->target_identity().has_identity_data()) response->clear_target_identity();
          });
  if (diagnostics.has_errors()) {
    response->clear_target_state();
    response->clear_target_identity();
    response->clear_target_private();
  }
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::GenerateResourceConfig(
    Ctx*, const tfplugin6::GenerateResourceConfig::Request* request,
    tfplugin6::GenerateResourceConfig::Response* response) {
  RpcLog log("GenerateResourceConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("generate configuration for " + request->type_name(), diagnostics, [&] {
    auto it = resources_.find(request->type_name());
    if (it == resources_.end()) return unknown_type("resource", request->type_name(), diagnostics);
    Value state = decode(request->state(), it->second.type());
    Value config = generate_resource_config(*registry_.resource(it->first), it->second.schema(),
                                            state, diagnostics);
    encode(config, it->second.type(), response->mutable_config());
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// List resources
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateListResourceConfig(
    Ctx*, const tfplugin6::ValidateListResourceConfig::Request* request,
    tfplugin6::ValidateListResourceConfig::Response* response) {
  RpcLog log("ValidateListResourceConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate list " + request->type_name(), diagnostics, [&] {
    auto it = list_resources_.find(request->type_name());
    if (it == list_resources_.end())
      return unknown_type("list resource", request->type_name(), diagnostics);
    if (request->has_limit()) {
      Value limit = decode(request->limit(), Type::number());
      std::optional<std::int64_t> whole =
          limit.is_known() && !limit.is_null() ? limit.as_number().to_int64() : std::nullopt;
      if (limit.is_known() && !limit.is_null() && (!whole || *whole < 0))
        diagnostics.error("Invalid limit", "limit must be a whole number, 0 or more.");
    }
    Value config = config_object(it->second.schema(), it->second.type(),
                                 decode(request->config(), it->second.type()));
    validate_attributes(it->second.schema().block, config, diagnostics);
    Context ctx = context();
    registry_.list_resource(it->first)->validate(ValidateRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

namespace {

// Sends list results as stream events with the checks Terraform applies on receipt.
class ListWriter final : public ListSink {
 public:
  ListWriter(grpc::ServerWriter<tfplugin6::ListResource::Event>* writer,
             const tfplugin6::ListResource::Request& request, const Type& identity_type,
             const Type& object_type, const Schema& object_schema)
      : writer_(writer),
        include_object_(request.include_resource_object()),
        limit_(request.limit()),
        identity_type_(identity_type),
        object_type_(object_type),
        object_schema_(object_schema) {}

  bool emit(ListResult result) override {
    if (stopped_) return false;
    if (limit_ > 0 && sent_ >= limit_) return stop();
    tfplugin6::ListResource::Event event;
    Diagnostics diagnostics = std::move(result.diagnostics);
    if (!(result.identity.type() == identity_type_) || result.identity.is_null() ||
        !result.identity.is_wholly_known()) {
      diagnostics.error("Provider produced invalid identity",
                        "A list result's identity is not a known object of the identity "
                        "schema's type. This is a bug in the provider.");
    } else {
      encode(result.identity, identity_type_, event.mutable_identity()->mutable_identity_data());
      event.set_display_name(result.display_name);
      if (include_object_ && result.resource_object) {
        const Value& object = *result.resource_object;
        if (!(object.type() == object_type_) || object.is_null() || !object.is_wholly_known()) {
          diagnostics.error("Provider produced invalid object",
                            "A list result's resource object does not match the resource's "
                            "schema or is not wholly known. This is a bug in the provider.");
        } else {
          encode(
              normalize_blocks(object_schema_.block, null_write_only(object_schema_.block, object)),
              object_type_, event.mutable_resource_object());
        }
      }
    }
    append_diagnostics(diagnostics, event.mutable_diagnostic());
    if (diagnostics.has_errors()) {
      // Terraform stops reading at an error: send it alone, then end the stream.
      event.clear_identity();
      event.clear_display_name();
      event.clear_resource_object();
      write(event);
      return stop();
    }
    if (!write(event)) return stop();
    ++sent_;
    if (limit_ > 0 && sent_ >= limit_) return stop();
    return true;
  }

  // The list's own diagnostics, after its results.
  void finish(const Diagnostics& diagnostics) {
    if (diagnostics.empty() || (stopped_ && !diagnostics.has_errors())) return;
    tfplugin6::ListResource::Event event;
    append_diagnostics(diagnostics, event.mutable_diagnostic());
    write(event);
  }

 private:
  bool write(const tfplugin6::ListResource::Event& event) {
    if (client_gone_) return false;
    if (!writer_->Write(event)) client_gone_ = true;
    return !client_gone_;
  }
  bool stop() {
    stopped_ = true;
    return false;
  }

  grpc::ServerWriter<tfplugin6::ListResource::Event>* writer_;
  bool include_object_;
  std::int64_t limit_;
  const Type& identity_type_;
  const Type& object_type_;
  const Schema& object_schema_;
  std::int64_t sent_ = 0;
  bool stopped_ = false;
  bool client_gone_ = false;
};

}  // namespace

grpc::Status ProviderService::ListResource(
    Ctx*, const tfplugin6::ListResource::Request* request,
    grpc::ServerWriter<tfplugin6::ListResource::Event>* writer) {
  RpcLog log("ListResource", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  auto list = list_resources_.find(request->type_name());
  auto resource = resources_.find(request->type_name());
  auto identity = identities_.find(request->type_name());
  // Without a managed resource of its name that has an identity, a list resource is a
  // provider bug that schema_problems() reports; it is answered as unknown here.
  if (list == list_resources_.end() || resource == resources_.end() ||
      identity == identities_.end()) {
    unknown_type("list resource", request->type_name(), diagnostics);
    tfplugin6::ListResource::Event event;
    append_diagnostics(diagnostics, event.mutable_diagnostic());
    writer->Write(event);
    return grpc::Status::OK;
  }
  const Type identity_type = implied_type(identity->second);
  ListWriter sink(writer, *request, identity_type, resource->second.type(),
                  resource->second.schema());
  guarded("list " + request->type_name(), diagnostics, [&] {
    Value config = config_object(list->second.schema(), list->second.type(),
                                 decode(request->config(), list->second.type()));
    Context ctx = context();
    registry_.list_resource(list->first)
        ->list(ListRequest{config, request->include_resource_object(), request->limit(), ctx}, sink,
               diagnostics);
  });
  sink.finish(diagnostics);
  return grpc::Status::OK;
}

// ---------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------

grpc::Status ProviderService::ValidateActionConfig(
    Ctx*, const tfplugin6::ValidateActionConfig::Request* request,
    tfplugin6::ValidateActionConfig::Response* response) {
  RpcLog log("ValidateActionConfig", request->type_name());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("validate action " + request->type_name(), diagnostics, [&] {
    auto it = actions_.find(request->type_name());
    if (it == actions_.end()) return unknown_type("action", request->type_name(), diagnostics);
    Value config = config_object(it->second.schema(), it->second.type(),
                                 decode(request->config(), it->second.type()));
    validate_attributes(it->second.schema().block, config, diagnostics);
    Context ctx = context();
    registry_.action(it->first)->validate(ValidateRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

grpc::Status ProviderService::PlanAction(Ctx*, const tfplugin6::PlanAction::Request* request,
                                         tfplugin6::PlanAction::Response* response) {
  RpcLog log("PlanAction", request->action_type());
  Diagnostics diagnostics;
  log.report(diagnostics);
  guarded("plan action " + request->action_type(), diagnostics, [&] {
    auto it = actions_.find(request->action_type());
    if (it == actions_.end()) return unknown_type("action", request->action_type(), diagnostics);
    Value config = config_object(it->second.schema(), it->second.type(),
                                 decode(request->config(), it->second.type()));
    Context ctx = context(&request->client_capabilities());
    registry_.action(it->first)->plan(ActionRequest{config, ctx}, diagnostics);
  });
  append_diagnostics(diagnostics, response->mutable_diagnostics());
  return grpc::Status::OK;
}

namespace {

class ProgressWriter final : public ActionProgress {
 public:
  ProgressWriter(grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer,
                 const CancellationToken& cancel)
      : writer_(writer), cancel_(cancel) {}
  void report(const std::string& message) override {
    tfplugin6::InvokeAction::Event event;
    event.mutable_progress()->set_message(message);
    std::lock_guard lock(mutex_);
    // A client that stopped reading has given up on the action: cancel the rest.
    if (!writer_->Write(event)) cancel_.cancel();
  }
  void complete(const Diagnostics& diagnostics) {
    tfplugin6::InvokeAction::Event event;
    append_diagnostics(diagnostics, event.mutable_completed()->mutable_diagnostics());
    std::lock_guard lock(mutex_);
    writer_->Write(event);
  }

 private:
  std::mutex mutex_;  // actions may report from helper threads
  grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer_;
  CancellationToken cancel_;
};

}  // namespace

grpc::Status ProviderService::InvokeAction(
    Ctx* server_context, const tfplugin6::InvokeAction::Request* request,
    grpc::ServerWriter<tfplugin6::InvokeAction::Event>* writer) {
  RpcLog log("InvokeAction", request->action_type());
  Diagnostics diagnostics;
  log.report(diagnostics);
  Context ctx = context(&request->client_capabilities());
  // The action's own token: cancelled by StopProvider (the shared token) or by the client
  // cancelling the stream, which a synchronous gRPC handler can only see by asking.
  const CancellationToken stop = ctx.cancel;
  const CancellationToken cancel;
  ctx.cancel = cancel;
  std::jthread watcher([&, stop, cancel](std::stop_token done) {
    while (!done.stop_requested()) {
      if (stop.wait_for(std::chrono::milliseconds(50)) ||
          (server_context && server_context->IsCancelled())) {
        cancel.cancel();
        return;
      }
    }
  });
  ProgressWriter progress(writer, cancel);
  guarded("invoke action " + request->action_type(), diagnostics, [&] {
    auto it = actions_.find(request->action_type());
    if (it == actions_.end()) return unknown_type("action", request->action_type(), diagnostics);
    Value config = config_object(it->second.schema(), it->second.type(),
                                 decode(request->config(), it->second.type()));
    if (!config.is_wholly_known()) {
      diagnostics.error("Action configuration not known",
                        "An action runs with a wholly known configuration; this one still has "
                        "unknown values.");
      return;
    }
    registry_.action(it->first)->invoke(ActionRequest{config, ctx}, progress, diagnostics);
  });
  watcher.request_stop();
  watcher.join();
  if (cancel.cancelled() && !diagnostics.has_errors())
    diagnostics.error("Action cancelled",
                      "The action " + request->action_type() +
                          " was stopped before it finished; what it started may still be "
                          "running remotely.");
  progress.complete(diagnostics);
  return grpc::Status::OK;
}

}  // namespace cloudssl::framework
