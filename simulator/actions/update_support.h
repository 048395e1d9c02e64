// The pieces UpdateCertificateInstance and UploadUpdateCertificateInstance share: reading
// ResourceTypesRegions, finding the targets bound to the old certificate, the creation loop
// ("DeployRecordId 0 = still being created, call again"), UpdateSyncProgress.
#pragma once

#include <cstdint>
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

// The new certificate in PEM of UpdateCertificateInstance and UploadUpdateCertificateInstance,
// parsed and checked (load_certificate_content): a key that does not match is their documented
// FailedOperation.CertificateMatchError.
Certificate load_new_certificate(const std::string& public_pem, const std::string& private_pem);

// Slots of `types` (in their regions) that hold `old_cert_id`.
std::vector<Slot> bound_targets(const World& world, const std::string& old_cert_id,
                                const TypeRegions& regions);

// Counts one creation call for `key`; true when the record may be created now.
bool creation_ready(World& world, const std::string& key);

// The creation actions' answers (DeployRecordId, DeployStatus, UpdateSyncProgress): a record
// already running (its id; every region done), a record still being created (id 0; counts not
// known yet) and the record this call created (DeployStatus 1; every region done).
nlohmann::json running_answer(std::int64_t record_id, const TypeRegions& regions);
nlohmann::json pending_answer(const TypeRegions& regions, const std::vector<Slot>& targets);
nlohmann::json created_answer(std::int64_t record_id, const TypeRegions& regions,
                              const std::vector<Slot>& targets);

}  // namespace cloudssl::sim
