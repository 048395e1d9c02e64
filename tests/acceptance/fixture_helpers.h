// Shared bits of the fixture provider's acceptance tests: the test case skeleton and access
// to the provider's JSON-file store (<test folder>/store/<kind>/<id>.json).
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tests/acceptance/harness/acceptance.h"

namespace cloudssl::acceptance::fixture_test {

// The fixture provider with its store inside the test folder.
inline TestCase fixture_case() {
  TestCase tc;
  tc.providers = {fixture_provider()};
  tc.env = {{"FIXTURE_STORE_DIR", "{{workdir}}/store"}};
  return tc;
}

inline std::filesystem::path store_file(const std::filesystem::path& dir, const std::string& kind,
                                        const std::string& id) {
  return dir / "store" / kind / (id + ".json");
}

inline std::optional<nlohmann::json> read_store(const std::filesystem::path& dir,
                                                const std::string& kind, const std::string& id) {
  std::ifstream in(store_file(dir, kind, id));
  if (!in) return std::nullopt;
  return nlohmann::json::parse(in);
}

inline void write_store(const std::filesystem::path& dir, const std::string& kind,
                        const std::string& id, const nlohmann::json& object) {
  std::ofstream(store_file(dir, kind, id)) << object.dump(2);
}

// check_destroy: every object of `kind` the state held is gone from the store.
inline std::function<void(const State&, const StepContext&)> store_emptied(
    std::vector<std::pair<std::string, std::string>> address_and_kind) {
  return [address_and_kind](const State& before, const StepContext& ctx) {
    for (const auto& [address, kind] : address_and_kind) {
      const auto id = before.text(address, "id");
      if (!id) {
        ADD_FAILURE() << address << " had no id before destroy";
        continue;
      }
      EXPECT_FALSE(std::filesystem::exists(store_file(ctx.dir(), kind, *id)))
          << address << " (" << *id << ") is still in the store after destroy";
    }
  };
}

// The local state file (terraform.tfstate) as JSON.
inline nlohmann::json read_state_file(const std::filesystem::path& dir) {
  std::ifstream in(dir / "terraform.tfstate");
  return in ? nlohmann::json::parse(in) : nlohmann::json::object();
}

}  // namespace cloudssl::acceptance::fixture_test
