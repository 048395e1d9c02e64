// The pieces UpdateCertificateInstance and UploadUpdateCertificateInstance share: reading
// ResourceTypesRegions, finding the targets bound to the old certificate, the creation loop
// ("DeployRecordId 0 = still being created, call again"), UpdateSyncProgress.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/instances.h"
#include "simulator/params.h"
#include "simulator/world.h"

namespace cloudssl::sim {

using TypeRegions = std::map<std::string, std::vector<std::string>>;

// ResourceTypesRegions (and the deprecated Regions) for `types`; a region-aware type without
// regions → InvalidParameter.WithDetailReason.
TypeRegions type_regions_param(const Params& p, const std::vector<std::string>& types);

// Slots of `types` (in their regions) that hold `old_cert_id`.
std::vector<Slot> bound_targets(const World& world, const std::string& old_cert_id,
                                const TypeRegions& regions);

// Counts one creation call for `key`; true when the record may be created now.
bool creation_ready(World& world, const std::string& key);

nlohmann::json sync_progress(const TypeRegions& regions, const std::vector<Slot>& targets,
                             bool done);

}  // namespace cloudssl::sim
