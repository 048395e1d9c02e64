// Seed documents (README "Seed file"): certificates (PEM or generated) and instances per
// resource type in the documented *InstanceDetail shapes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/world.h"

namespace cloudssl::sim {

// Adds the seed's certificates and instances; returns the certificate ids. Throws
// std::invalid_argument (or ApiFailure for bad certificate content) on a malformed seed.
std::vector<std::string> apply_seed(World& world, const nlohmann::json& seed);

nlohmann::json read_json_file(const std::string& path);
// Writes atomically (temporary file + rename).
void write_json_file(const std::string& path, const nlohmann::json& value);

}  // namespace cloudssl::sim
