// Private state: bytes Terraform stores beside a resource instance without looking inside.
// Like terraform-plugin-framework, we keep a JSON object of keys to JSON values; keys that
// start with "." are reserved for the framework.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cloudssl::framework {

class PrivateState {
 public:
  PrivateState() = default;
  // Empty bytes give an empty state; malformed bytes throw std::invalid_argument.
  static PrivateState parse(std::string_view bytes);

  std::optional<nlohmann::json> get(std::string_view key) const;
  void set(std::string_view key, nlohmann::json value);
  void erase(std::string_view key);
  bool empty() const { return data_.empty(); }

  // Empty string when nothing is stored, so Terraform keeps no private bytes.
  std::string serialize() const;

 private:
  nlohmann::json data_ = nlohmann::json::object();
};

}  // namespace cloudssl::framework
