// The fixture provider's "remote API": one JSON file per object under
// <dir>/<kind>/<id>.json. Tests read and edit these files to simulate drift and to check
// what the provider sent (e.g. that a write-only value arrived).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cloudssl::fixture {

class Store {
 public:
  explicit Store(std::filesystem::path dir);
  const std::filesystem::path& dir() const { return dir_; }

  // A fresh random id (16 hex digits) that no object of `kind` has.
  std::string new_id(const std::string& kind) const;
  void put(const std::string& kind, const std::string& id, const nlohmann::json& object) const;
  std::optional<nlohmann::json> get(const std::string& kind, const std::string& id) const;
  // The ids of every object of `kind`, sorted.
  std::vector<std::string> ids(const std::string& kind) const;
  // False when there was nothing to remove.
  bool remove(const std::string& kind, const std::string& id) const;

 private:
  std::filesystem::path file(const std::string& kind, const std::string& id) const;
  std::filesystem::path dir_;
};

}  // namespace cloudssl::fixture
