// The tfplugin6 Provider gRPC service over a Registry: decodes requests (msgpack, else JSON),
// runs the engine (plan_engine) and the registered types, encodes answers as msgpack and
// turns every failure into an error diagnostic (never a crash or a non-OK status).
//
// Thread-safe: Terraform runs up to 10 operations at once. StopProvider cancels the token
// every in-flight operation holds; operations that start later get a fresh one.
#pragma once

#include <grpcpp/support/byte_buffer.h>

#include <any>
#include <atomic>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "provider/framework/registry.h"
#include "provider/util/cancellation.h"
#include "tfplugin6.grpc.pb.h"

namespace cloudssl::framework {

// Every problem of the registry's schemas (docs/design/tfplugin6.md §1.3 plus the framework's
// rules), each naming its type; empty when there is none. A schema problem is a provider bug:
// each provider's tests check its registry with this. ProviderService does not: it builds no
// schema before the schema is used (issue 18).
std::vector<std::string> schema_problems(const Registry& registry);

class ProviderService final : public tfplugin6::Provider::Service {
 public:
  // Builds no schema: each type's schema and value type are built on its first use, and
  // GetProviderSchema's answer on the first GetProviderSchema. Most processes Terraform starts
  // never need the whole answer (Terraform >= 1.6 may skip it: get_provider_schema_optional)
  // and use a few of the types.
  explicit ProviderService(const Registry& registry);

  // Cancels every in-flight operation (what StopProvider does); the service keeps serving.
  void stop_all();

  using Ctx = grpc::ServerContext;
  grpc::Status GetMetadata(Ctx*, const tfplugin6::GetMetadata::Request*,
                           tfplugin6::GetMetadata::Response*) override;
  // gRPC serves GetProviderSchema from schema_answer() (the constructor installs that handler);
  // this typed form is for in-process callers and answers the same bytes, parsed.
  grpc::Status GetProviderSchema(Ctx*, const tfplugin6::GetProviderSchema::Request*,
                                 tfplugin6::GetProviderSchema::Response*) override;
  grpc::Status GetResourceIdentitySchemas(
      Ctx*, const tfplugin6::GetResourceIdentitySchemas::Request*,
      tfplugin6::GetResourceIdentitySchemas::Response*) override;
  grpc::Status ValidateProviderConfig(Ctx*, const tfplugin6::ValidateProviderConfig::Request*,
                                      tfplugin6::ValidateProviderConfig::Response*) override;
  grpc::Status ValidateResourceConfig(Ctx*, const tfplugin6::ValidateResourceConfig::Request*,
                                      tfplugin6::ValidateResourceConfig::Response*) override;
  grpc::Status ValidateDataResourceConfig(
      Ctx*, const tfplugin6::ValidateDataResourceConfig::Request*,
      tfplugin6::ValidateDataResourceConfig::Response*) override;
  grpc::Status UpgradeResourceState(Ctx*, const tfplugin6::UpgradeResourceState::Request*,
                                    tfplugin6::UpgradeResourceState::Response*) override;
  grpc::Status ConfigureProvider(Ctx*, const tfplugin6::ConfigureProvider::Request*,
                                 tfplugin6::ConfigureProvider::Response*) override;
  grpc::Status ReadResource(Ctx*, const tfplugin6::ReadResource::Request*,
                            tfplugin6::ReadResource::Response*) override;
  grpc::Status PlanResourceChange(Ctx*, const tfplugin6::PlanResourceChange::Request*,
                                  tfplugin6::PlanResourceChange::Response*) override;
  grpc::Status ApplyResourceChange(Ctx*, const tfplugin6::ApplyResourceChange::Request*,
                                   tfplugin6::ApplyResourceChange::Response*) override;
  grpc::Status ImportResourceState(Ctx*, const tfplugin6::ImportResourceState::Request*,
                                   tfplugin6::ImportResourceState::Response*) override;
  grpc::Status ReadDataSource(Ctx*, const tfplugin6::ReadDataSource::Request*,
                              tfplugin6::ReadDataSource::Response*) override;
  grpc::Status ValidateEphemeralResourceConfig(
      Ctx*, const tfplugin6::ValidateEphemeralResourceConfig::Request*,
      tfplugin6::ValidateEphemeralResourceConfig::Response*) override;
  grpc::Status OpenEphemeralResource(Ctx*, const tfplugin6::OpenEphemeralResource::Request*,
                                     tfplugin6::OpenEphemeralResource::Response*) override;
  grpc::Status RenewEphemeralResource(Ctx*, const tfplugin6::RenewEphemeralResource::Request*,
                                      tfplugin6::RenewEphemeralResource::Response*) override;
  grpc::Status CloseEphemeralResource(Ctx*, const tfplugin6::CloseEphemeralResource::Request*,
                                      tfplugin6::CloseEphemeralResource::Response*) override;
  grpc::Status GetFunctions(Ctx*, const tfplugin6::GetFunctions::Request*,
                            tfplugin6::GetFunctions::Response*) override;
  grpc::Status CallFunction(Ctx*, const tfplugin6::CallFunction::Request*,
                            tfplugin6::CallFunction::Response*) override;
  grpc::Status StopProvider(Ctx*, const tfplugin6::StopProvider::Request*,
                            tfplugin6::StopProvider::Response*) override;

  // Adoption (provider_service_adoption.cpp): identity, moves, generated configuration,
  // list resources and actions.
  grpc::Status UpgradeResourceIdentity(Ctx*, const tfplugin6::UpgradeResourceIdentity::Request*,
                                       tfplugin6::UpgradeResourceIdentity::Response*) override;
  grpc::Status MoveResourceState(Ctx*, const tfplugin6::MoveResourceState::Request*,
                                 tfplugin6::MoveResourceState::Response*) override;
  grpc::Status GenerateResourceConfig(Ctx*, const tfplugin6::GenerateResourceConfig::Request*,
                                      tfplugin6::GenerateResourceConfig::Response*) override;
  grpc::Status ValidateListResourceConfig(
      Ctx*, const tfplugin6::ValidateListResourceConfig::Request*,
      tfplugin6::ValidateListResourceConfig::Response*) override;
  grpc::Status ListResource(Ctx*, const tfplugin6::ListResource::Request*,
                            grpc::ServerWriter<tfplugin6::ListResource::Event>*) override;
  grpc::Status ValidateActionConfig(Ctx*, const tfplugin6::ValidateActionConfig::Request*,
                                    tfplugin6::ValidateActionConfig::Response*) override;
  grpc::Status PlanAction(Ctx*, const tfplugin6::PlanAction::Request*,
                          tfplugin6::PlanAction::Response*) override;
  grpc::Status InvokeAction(Ctx*, const tfplugin6::InvokeAction::Request*,
                            grpc::ServerWriter<tfplugin6::InvokeAction::Event>*) override;

 private:
  // A type's schema and its implied value type, built on the first use (thread-safe).
  class TypeInfo {
   public:
    explicit TypeInfo(std::function<Schema()> build) : build_(std::move(build)) {}
    const Schema& schema() const { return built().schema; }
    const Type& type() const { return built().type; }
    // Calls `use` with the type's schema: the one built when the type has been used (its
    // failure rethrown), else one built for this call only. GetProviderSchema's answer visits
    // every type once; keeping all their schemas and types for the process's life cost 0.5 MB
    // of idle RSS. schema() is pure (resource.h), so both are the same.
    template <class Use>
    void with_schema(Use&& use) const {
      if (ready_.load(std::memory_order_acquire)) {
        use(schema());
      } else {
        use(build_());
      }
    }

   private:
    struct Built {
      Schema schema;
      Type type;  // implied_type(schema)
    };
    const Built& built() const;
    std::function<Schema()> build_;
    mutable std::once_flag once_;
    mutable std::optional<Built> built_;
    mutable std::exception_ptr error_;        // what a failed build threw, rethrown on every use
    mutable std::atomic<bool> ready_{false};  // built_ or error_ set
  };

  // A context for one operation: the current cancellation token, the configured provider's
  // data and what the client said about itself.
  Context context(const tfplugin6::ClientCapabilities* capabilities = nullptr) const;
  // Fills `out` with the identity of `state` when the resource has one (see identity_for).
  void set_identity(const std::string& type_name, const Value& state, const Context& ctx,
                    bool allow_unknown, Diagnostics& diagnostics,
                    tfplugin6::ResourceIdentityData* out) const;
  // The construction step for the adoption features (provider_service_adoption.cpp): the
  // identities (small, and named in every schema request) and the list resources and actions.
  void load_adoption_types();
  // GetProviderSchema's answer, built on the first call.
  const grpc::ByteBuffer& schema_answer() const;
  grpc::ByteBuffer build_schema_answer() const;

  Registry registry_;
  TypeInfo provider_;
  std::map<std::string, TypeInfo> resources_;  // TypeInfo is neither copied nor moved
  std::map<std::string, TypeInfo> data_sources_;
  std::map<std::string, TypeInfo> ephemeral_resources_;
  std::map<std::string, FunctionSignature> functions_;
  std::map<std::string, IdentitySchema> identities_;  // resources with an identity
  std::map<std::string, TypeInfo> list_resources_;
  std::map<std::string, TypeInfo> actions_;
  tfplugin6::GetResourceIdentitySchemas::Response identity_response_;  // built once
  // GetProviderSchema's answer, serialized once on the first call: every call sends these
  // bytes (a reference to them, not a copy), instead of copying and serializing the message.
  mutable std::once_flag schema_answer_once_;
  mutable grpc::ByteBuffer schema_answer_;
  mutable std::exception_ptr schema_answer_error_;
  tfplugin6::ServerCapabilities capabilities_;          // also in GetMetadata's answer
  tfplugin6::GetFunctions::Response functions_answer_;  // built once

  mutable std::mutex mutex_;  // guards what follows
  std::any provider_data_;
  std::string terraform_version_;
  CancellationToken cancel_;
};

}  // namespace cloudssl::framework
