#include "provider/framework/registry.h"

#include <stdexcept>

namespace cloudssl::framework {

namespace {

template <class T>
void add_named(std::map<std::string, std::shared_ptr<T>>& map, const std::string& name,
               std::shared_ptr<T> item, const char* what) {
  if (!item) throw std::invalid_argument(std::string(what) + " \"" + name + "\" is null");
  if (!map.emplace(name, std::move(item)).second) {
    throw std::invalid_argument(std::string(what) + " \"" + name + "\" is registered twice");
  }
}

template <class T>
T* find_named(const std::map<std::string, std::shared_ptr<T>>& map, const std::string& name) {
  auto it = map.find(name);
  return it == map.end() ? nullptr : it->second.get();
}

}  // namespace

Registry::Registry(std::string type_prefix, std::shared_ptr<Provider> provider)
    : type_prefix_(std::move(type_prefix)), provider_(std::move(provider)) {
  if (!provider_) throw std::invalid_argument("the registry needs a provider");
  if (type_prefix_.empty()) throw std::invalid_argument("the registry needs a type prefix");
}

namespace {

void check_prefix(const std::string& prefix, const std::string& type_name) {
  if (type_name.size() <= prefix.size() + 1 || type_name.compare(0, prefix.size(), prefix) != 0 ||
      type_name[prefix.size()] != '_') {
    throw std::invalid_argument("type name \"" + type_name + "\" must start with \"" + prefix +
                                "_\"");
  }
}

}  // namespace

void Registry::add_resource(const std::string& type_name, std::shared_ptr<Resource> resource) {
  check_prefix(type_prefix_, type_name);
  add_named(resources_, type_name, std::move(resource), "resource");
}

void Registry::add_data_source(const std::string& type_name,
                               std::shared_ptr<DataSource> data_source) {
  check_prefix(type_prefix_, type_name);
  add_named(data_sources_, type_name, std::move(data_source), "data source");
}

void Registry::add_function(const std::string& name, std::shared_ptr<Function> function) {
  // Functions are called as provider::<prefix>::<name>: no prefix, but a valid identifier.
  bool valid =
      !name.empty() && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
  for (char c : name) {
    valid = valid && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-');
  }
  if (!valid) throw std::invalid_argument("function name \"" + name + "\" is not an identifier");
  add_named(functions_, name, std::move(function), "function");
}

void Registry::add_ephemeral_resource(const std::string& type_name,
                                      std::shared_ptr<EphemeralResource> resource) {
  check_prefix(type_prefix_, type_name);
  add_named(ephemeral_resources_, type_name, std::move(resource), "ephemeral resource");
}

void Registry::add_list_resource(const std::string& type_name,
                                 std::shared_ptr<ListResource> resource) {
  check_prefix(type_prefix_, type_name);
  add_named(list_resources_, type_name, std::move(resource), "list resource");
}

void Registry::add_action(const std::string& type_name, std::shared_ptr<Action> action) {
  check_prefix(type_prefix_, type_name);
  add_named(actions_, type_name, std::move(action), "action");
}

Resource* Registry::resource(const std::string& type_name) const {
  return find_named(resources_, type_name);
}
DataSource* Registry::data_source(const std::string& type_name) const {
  return find_named(data_sources_, type_name);
}
Function* Registry::function(const std::string& name) const { return find_named(functions_, name); }
EphemeralResource* Registry::ephemeral_resource(const std::string& type_name) const {
  return find_named(ephemeral_resources_, type_name);
}

ListResource* Registry::list_resource(const std::string& type_name) const {
  return find_named(list_resources_, type_name);
}
Action* Registry::action(const std::string& type_name) const {
  return find_named(actions_, type_name);
}

}  // namespace cloudssl::framework
