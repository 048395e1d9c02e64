// Dotted paths into JSON values ("nested.0.value", "tags.env") and flattening for diffs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::acceptance {

std::vector<std::string> split_path(std::string_view path);
// One step: an object key, or an array index given as digits. nullptr when absent.
const nlohmann::json* json_step(const nlohmann::json& node, const std::string& step);
const nlohmann::json* json_at(const nlohmann::json& root, std::string_view path);

// Leaves (primitives, null, empty containers) by dotted path.
std::map<std::string, nlohmann::json> flatten(const nlohmann::json& value);

// True when `path` is `prefix` or lies under it ("a.b" is under "a").
bool path_under(std::string_view path, std::string_view prefix);

}  // namespace cloudssl::acceptance
