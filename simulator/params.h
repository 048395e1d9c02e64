// Typed, validated access to an action's JSON parameters. Integer fields accept a JSON number
// or (unless strict) a numeric string, as the doc's examples send both (docs/design/ssl-api.md §7.8).
// Failures throw ApiFailure with the common codes: MissingParameter, InvalidParameter,
// UnknownParameter.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cloudssl::sim {

class Params {
 public:
  Params(nlohmann::json body, bool strict_types);

  // Refuses any member not in `known` (UnknownParameter).
  void allow_only(const std::vector<std::string>& known) const;

  bool has(const std::string& name) const;
  std::string str(const std::string& name) const;  // required
  std::optional<std::string> opt_str(const std::string& name) const;
  std::string str_or(const std::string& name, const std::string& fallback) const;
  // A String field that the doc also allows as Integer (DeployRecordId, Limit in some actions).
  std::optional<std::string> opt_str_or_int(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;  // required
  std::optional<std::int64_t> opt_int(const std::string& name) const;
  std::int64_t int_or(const std::string& name, std::int64_t fallback) const;
  std::optional<bool> opt_bool(const std::string& name) const;
  std::vector<std::string> str_list(const std::string& name, bool required) const;
  std::vector<std::int64_t> int_list(const std::string& name) const;
  const nlohmann::json& raw(const std::string& name) const;  // null when absent
  const nlohmann::json& body() const { return body_; }

 private:
  std::int64_t to_int(const std::string& name, const nlohmann::json& v) const;
  nlohmann::json body_;
  bool strict_;
};

}  // namespace cloudssl::sim
