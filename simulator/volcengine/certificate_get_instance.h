// CertificateGetInstance (seed 003): every documented filter, limit/offset/page paging, and the
// Result {count, content} it answers.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "simulator/volcengine/certificate.h"

namespace cloudssl::sim::volcengine {

using Params = std::vector<std::pair<std::string, std::string>>;  // decoded query pairs

// The documented query parameters besides Action and Version, paging first.
const std::vector<std::string>& documented_parameters();

// Result of one call. Throws Failure (InvalidParameter) for an unknown parameter, a repeated
// one, a malformed or undocumented value, or limit outside 1..100. `now` (simulated clock) decides
// certificate_valid.
nlohmann::json certificate_get_instance(const std::vector<Certificate>& store, const Params& params,
                                        std::int64_t now);

}  // namespace cloudssl::sim::volcengine
