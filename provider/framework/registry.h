// The provider definition: the provider object plus every type it serves, by name.
// The gRPC service (provider_service) looks things up here; nothing else is global.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "provider/framework/capabilities.h"
#include "provider/framework/resource.h"

namespace cloudssl::framework {

class Registry {
 public:
  // `type_prefix` is the provider's local name ("cloudssl"): every type name must start with
  // it followed by '_' (Terraform infers a resource's provider from that prefix).
  Registry(std::string type_prefix, std::shared_ptr<Provider> provider);

  // Each throws std::invalid_argument for a duplicate or badly prefixed name.
  void add_resource(const std::string& type_name, std::shared_ptr<Resource> resource);
  void add_data_source(const std::string& type_name, std::shared_ptr<DataSource> data_source);
  void add_function(const std::string& name, std::shared_ptr<Function> function);
  void add_ephemeral_resource(const std::string& type_name,
                              std::shared_ptr<EphemeralResource> resource);
  // Same name as the managed resource it lists (checked by ProviderService: it must exist
  // and have an identity).
  void add_list_resource(const std::string& type_name, std::shared_ptr<ListResource> resource);
  void add_action(const std::string& type_name, std::shared_ptr<Action> action);

  const std::string& type_prefix() const { return type_prefix_; }
  Provider& provider() const { return *provider_; }
  // nullptr when unknown.
  Resource* resource(const std::string& type_name) const;
  DataSource* data_source(const std::string& type_name) const;
  Function* function(const std::string& name) const;
  EphemeralResource* ephemeral_resource(const std::string& type_name) const;
  ListResource* list_resource(const std::string& type_name) const;
  Action* action(const std::string& type_name) const;

  const std::map<std::string, std::shared_ptr<Resource>>& resources() const { return resources_; }
  const std::map<std::string, std::shared_ptr<DataSource>>& data_sources() const {
    return data_sources_;
  }
  const std::map<std::string, std::shared_ptr<Function>>& functions() const { return functions_; }
  const std::map<std::string, std::shared_ptr<EphemeralResource>>& ephemeral_resources() const {
    return ephemeral_resources_;
  }
  const std::map<std::string, std::shared_ptr<ListResource>>& list_resources() const {
    return list_resources_;
  }
  const std::map<std::string, std::shared_ptr<Action>>& actions() const { return actions_; }

 private:
  std::string type_prefix_;
  std::shared_ptr<Provider> provider_;
  std::map<std::string, std::shared_ptr<Resource>> resources_;
  std::map<std::string, std::shared_ptr<DataSource>> data_sources_;
  std::map<std::string, std::shared_ptr<Function>> functions_;
  std::map<std::string, std::shared_ptr<EphemeralResource>> ephemeral_resources_;
  std::map<std::string, std::shared_ptr<ListResource>> list_resources_;
  std::map<std::string, std::shared_ptr<Action>> actions_;
};

}  // namespace cloudssl::framework
