#include "simulator/params.h"

#include <algorithm>
#include <charconv>

#include "simulator/api_failure.h"

namespace cloudssl::sim {

namespace {
const nlohmann::json kNull;

[[noreturn]] void missing(const std::string& name) {
  throw ApiFailure("MissingParameter",
                   "The request is missing a required parameter `" + name + "`.");
}
[[noreturn]] void invalid(const std::string& name, const std::string& want) {
  throw ApiFailure("InvalidParameter", "The value type of parameter `" + name +
                                           "` is not valid: expected " + want + ".");
}
}  // namespace

Params::Params(nlohmann::json body, bool strict_types)
    : body_(std::move(body)), strict_(strict_types) {
  if (body_.is_null()) body_ = nlohmann::json::object();
  if (!body_.is_object()) {
    throw ApiFailure("InvalidParameter", "The request body must be a JSON object.");
  }
}

void Params::allow_only(const std::vector<std::string>& known) const {
  for (const auto& [key, value] : body_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw ApiFailure("UnknownParameter",
                       "The parameter `" + key + "` is not recognized by this action.");
    }
  }
}

bool Params::has(const std::string& name) const {
  auto it = body_.find(name);
  return it != body_.end() && !it->is_null();
}

const nlohmann::json& Params::raw(const std::string& name) const {
  auto it = body_.find(name);
  return it == body_.end() ? kNull : *it;
}

std::optional<std::string> Params::opt_str(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  const auto& v = raw(name);
  if (!v.is_string()) invalid(name, "String");
  return v.get<std::string>();
}

std::string Params::str(const std::string& name) const {
  auto v = opt_str(name);
  if (!v || v->empty()) missing(name);
  return *v;
}

std::string Params::str_or(const std::string& name, const std::string& fallback) const {
  return opt_str(name).value_or(fallback);
}

std::optional<std::string> Params::opt_str_or_int(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  const auto& v = raw(name);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  invalid(name, "String");
}

std::int64_t Params::to_int(const std::string& name, const nlohmann::json& v) const {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string() && !strict_) {
    const auto& s = v.get_ref<const std::string&>();
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
  }
  invalid(name, "Integer");
}

std::optional<std::int64_t> Params::opt_int(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  return to_int(name, raw(name));
}

std::int64_t Params::integer(const std::string& name) const {
  auto v = opt_int(name);
  if (!v) missing(name);
  return *v;
}

std::int64_t Params::int_or(const std::string& name, std::int64_t fallback) const {
  return opt_int(name).value_or(fallback);
}

std::optional<bool> Params::opt_bool(const std::string& name) const {
  if (!has(name)) return std::nullopt;
  const auto& v = raw(name);
  if (v.is_boolean()) return v.get<bool>();
  if (!strict_ && v.is_string()) {
    if (v == "true") return true;
    if (v == "false") return false;
  }
  invalid(name, "Boolean");
}

std::vector<std::string> Params::str_list(const std::string& name, bool required) const {
  if (!has(name)) {
    if (required) missing(name);
    return {};
  }
  const auto& v = raw(name);
  if (!v.is_array()) invalid(name, "Array of String");
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string()) invalid(name, "Array of String");
    out.push_back(item.get<std::string>());
  }
  if (required && out.empty()) missing(name);
  return out;
}

std::vector<std::int64_t> Params::int_list(const std::string& name) const {
  if (!has(name)) return {};
  const auto& v = raw(name);
  if (!v.is_array()) invalid(name, "Array of Integer");
  std::vector<std::int64_t> out;
  for (const auto& item : v) out.push_back(to_int(name, item));
  return out;
}

}  // namespace cloudssl::sim
