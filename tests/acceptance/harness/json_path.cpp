#include "tests/acceptance/harness/json_path.h"

#include <algorithm>
#include <cctype>

namespace cloudssl::acceptance {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

const nlohmann::json* json_step(const nlohmann::json& node, const std::string& step) {
  if (node.is_object()) {
    auto it = node.find(step);
    return it == node.end() ? nullptr : &*it;
  }
  if (node.is_array()) {
    if (step.empty() ||
        !std::all_of(step.begin(), step.end(), [](unsigned char c) { return std::isdigit(c); })) {
      return nullptr;
    }
    const auto index = std::stoul(step);
    return index < node.size() ? &node[index] : nullptr;
  }
  return nullptr;
}

const nlohmann::json* json_at(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* node = &root;
  for (const auto& step : split_path(path)) {
    node = json_step(*node, step);
    if (!node) return nullptr;
  }
  return node;
}

namespace {
void flatten_into(const nlohmann::json& value, const std::string& prefix,
                  std::map<std::string, nlohmann::json>& out) {
  auto join = [&](const std::string& step) { return prefix.empty() ? step : prefix + "." + step; };
  if (value.is_object() && !value.empty()) {
    for (const auto& [k, v] : value.items()) flatten_into(v, join(k), out);
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      flatten_into(value[i], join(std::to_string(i)), out);
  } else {
    out[prefix] = value;
  }
}
}  // namespace

std::map<std::string, nlohmann::json> flatten(const nlohmann::json& value) {
  std::map<std::string, nlohmann::json> out;
  flatten_into(value, "", out);
  return out;
}

bool path_under(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.';
}

}  // namespace cloudssl::acceptance
