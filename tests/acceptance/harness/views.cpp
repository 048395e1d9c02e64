// State and Plan: lookups in `terraform show -json` output.
#include <sstream>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/json_path.h"

namespace cloudssl::acceptance {
namespace {

void collect_resources(const nlohmann::json& module, std::vector<const nlohmann::json*>& out) {
  if (!module.is_object()) return;
  if (auto it = module.find("resources"); it != module.end() && it->is_array()) {
    for (const auto& r : *it) out.push_back(&r);
  }
  if (auto it = module.find("child_modules"); it != module.end() && it->is_array()) {
    for (const auto& m : *it) collect_resources(m, out);
  }
}

std::vector<const nlohmann::json*> resources_of(const nlohmann::json& show) {
  std::vector<const nlohmann::json*> out;
  if (auto v = show.find("values"); v != show.end() && v->is_object()) {
    if (auto root = v->find("root_module"); root != v->end()) collect_resources(*root, out);
  }
  return out;
}

const nlohmann::json* find_resource(const nlohmann::json& show, std::string_view address) {
  for (const auto* r : resources_of(show)) {
    if (r->value("address", "") == address) return r;
  }
  return nullptr;
}

}  // namespace

// --- State ------------------------------------------------------------------------------

State::State(nlohmann::json show_json) : json_(std::move(show_json)) {}

std::vector<std::string> State::addresses() const {
  std::vector<std::string> out;
  for (const auto* r : resources_of(json_)) out.push_back(r->value("address", ""));
  return out;
}

const nlohmann::json* State::resource(std::string_view address) const {
  const auto* r = find_resource(json_, address);
  if (!r) return nullptr;
  auto it = r->find("values");
  return it == r->end() ? nullptr : &*it;
}

const nlohmann::json* State::attribute(std::string_view address, std::string_view path) const {
  const auto* values = resource(address);
  return values ? json_at(*values, path) : nullptr;
}

std::optional<std::string> State::text(std::string_view address, std::string_view path) const {
  const auto* v = attribute(address, path);
  if (!v || v->is_null()) return std::nullopt;
  return v->is_string() ? v->get<std::string>() : v->dump();
}

const nlohmann::json* State::sensitive_values(std::string_view address) const {
  const auto* r = find_resource(json_, address);
  if (!r) return nullptr;
  auto it = r->find("sensitive_values");
  return it == r->end() ? nullptr : &*it;
}

// --- Plan -------------------------------------------------------------------------------

Plan::Plan(nlohmann::json show_json) : json_(std::move(show_json)) {}

const nlohmann::json* Plan::resource_change(std::string_view address) const {
  auto it = json_.find("resource_changes");
  if (it == json_.end() || !it->is_array()) return nullptr;
  for (const auto& rc : *it) {
    if (rc.value("address", "") == address) return &rc;
  }
  return nullptr;
}

std::vector<std::string> Plan::actions(std::string_view address) const {
  std::vector<std::string> out;
  const auto* rc = resource_change(address);
  if (!rc) return out;
  for (const auto& a : rc->at("change").value("actions", nlohmann::json::array())) {
    out.push_back(a.get<std::string>());
  }
  return out;
}

std::vector<std::string> Plan::changed_addresses() const {
  std::vector<std::string> out;
  auto it = json_.find("resource_changes");
  if (it == json_.end() || !it->is_array()) return out;
  for (const auto& rc : *it) {
    for (const auto& a : rc.at("change").value("actions", nlohmann::json::array())) {
      if (a != "no-op" && a != "read") {
        out.push_back(rc.value("address", ""));
        break;
      }
    }
  }
  return out;
}

const nlohmann::json* Plan::after(std::string_view address, std::string_view path) const {
  const auto* rc = resource_change(address);
  if (!rc) return nullptr;
  const auto& change = rc->at("change");
  auto it = change.find("after");
  return it == change.end() ? nullptr : json_at(*it, path);
}

bool Plan::is_unknown_after(std::string_view address, std::string_view path) const {
  const auto* rc = resource_change(address);
  if (!rc) return false;
  const auto& change = rc->at("change");
  auto it = change.find("after_unknown");
  if (it == change.end()) return false;
  // Unknown if the mask is true at the path or at any prefix of it.
  const nlohmann::json* node = &*it;
  if (node->is_boolean()) return node->get<bool>();
  for (const auto& step : split_path(path)) {
    node = json_step(*node, step);
    if (!node) return false;
    if (node->is_boolean()) return node->get<bool>();
  }
  return false;
}

std::vector<std::string> Plan::replace_paths(std::string_view address) const {
  std::vector<std::string> out;
  const auto* rc = resource_change(address);
  if (!rc) return out;
  const auto& change = rc->at("change");
  auto it = change.find("replace_paths");
  if (it == change.end()) return out;
  for (const auto& p : *it) {
    std::string dotted;
    for (const auto& step : p) {
      if (!dotted.empty()) dotted += '.';
      dotted += step.is_string() ? step.get<std::string>() : step.dump();
    }
    out.push_back(dotted);
  }
  return out;
}

}  // namespace cloudssl::acceptance
