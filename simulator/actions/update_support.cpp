#include "simulator/actions/update_support.h"

#include <algorithm>

#include "simulator/api_failure.h"
#include "simulator/certificate_content.h"

namespace cloudssl::sim {

TypeRegions type_regions_param(const Params& p, const std::vector<std::string>& types) {
  TypeRegions out;
  for (const auto& t : types) out[t];
  const auto& trr = p.raw("ResourceTypesRegions");
  if (!trr.is_null()) {
    if (!trr.is_array()) {
      throw ApiFailure("InvalidParameter", "ResourceTypesRegions must be an array.");
    }
    for (const auto& entry : trr) {
      if (!entry.is_object()) {
        throw ApiFailure("InvalidParameter", "ResourceTypesRegions items must be objects.");
      }
      const std::string type = entry.value("ResourceType", "");
      if (!out.count(type)) continue;
      for (const auto& r : entry.value("Regions", nlohmann::json::array())) {
        if (r.is_string()) out[type].push_back(r.get<std::string>());
      }
    }
  }
  // The deprecated Regions.N still appears in the doc's example; it applies to every type.
  for (const auto& r : p.str_list("Regions", false)) {
    for (auto& [type, regions] : out) {
      if (update_requires_region(type) &&
          std::find(regions.begin(), regions.end(), r) == regions.end()) {
        regions.push_back(r);
      }
    }
  }
  for (const auto& [type, regions] : out) {
    if (update_requires_region(type) && regions.empty()) {
      throw ApiFailure("InvalidParameter.WithDetailReason",
                       "ResourceTypesRegions must name the regions of resource type " + type + ".");
    }
  }
  return out;
}

std::vector<Slot> bound_targets(const World& world, const std::string& old_cert_id,
                                const TypeRegions& regions) {
  std::vector<Slot> out;
  for (const auto& [type, type_regions] : regions) {
    for (auto& slot : slots_of(world.state, type)) {
      if (slot.cert_id != old_cert_id) continue;
      if (update_requires_region(type) &&
          std::find(type_regions.begin(), type_regions.end(), slot.region) == type_regions.end()) {
        continue;
      }
      out.push_back(std::move(slot));
    }
  }
  return out;
}

Certificate load_new_certificate(const std::string& public_pem, const std::string& private_pem) {
  Certificate cert;
  try {
    load_certificate_content(cert, public_pem, private_pem);
  } catch (const ApiFailure& e) {
    if (e.code() == "FailedOperation.CertificateMismatch") {
      throw ApiFailure("FailedOperation.CertificateMatchError", e.what());
    }
    throw;
  }
  return cert;
}

bool creation_ready(World& world, const std::string& key) {
  PendingCreation& pc = world.state.pending_creations[key];
  pc.key = key;
  if (++pc.calls <= world.settings.creation_calls) return false;
  world.state.pending_creations.erase(key);
  return true;
}

namespace {

nlohmann::json sync_progress(const TypeRegions& regions, const std::vector<Slot>& targets,
                             bool done) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [type, type_regions] : regions) {
    nlohmann::json per_region = nlohmann::json::array();
    const std::string& resource_type = type;  // clang before 16 cannot capture a binding
    for (const auto& region : type_regions) {
      const auto n = std::count_if(targets.begin(), targets.end(), [&](const Slot& s) {
        return s.resource_type == resource_type && s.region == region;
      });
      per_region.push_back({{"Region", region},
                            {"TotalCount", done ? nlohmann::json(n) : nlohmann::json(nullptr)},
                            {"OffsetCount", done ? nlohmann::json(n) : nlohmann::json(nullptr)},
                            {"Status", done ? 1 : 0}});
    }
    out.push_back({{"ResourceType", type},
                   {"UpdateSyncProgressRegions", per_region},
                   {"Status", done ? 1 : 0}});
  }
  return out;
}

}  // namespace

nlohmann::json running_answer(std::int64_t record_id, const TypeRegions& regions) {
  return {{"DeployRecordId", record_id},
          {"DeployStatus", 0},
          {"UpdateSyncProgress", sync_progress(regions, {}, true)}};
}

nlohmann::json pending_answer(const TypeRegions& regions, const std::vector<Slot>& targets) {
  return {{"DeployRecordId", 0},
          {"DeployStatus", 0},
          {"UpdateSyncProgress", sync_progress(regions, targets, false)}};
}

nlohmann::json created_answer(std::int64_t record_id, const TypeRegions& regions,
                              const std::vector<Slot>& targets) {
  return {{"DeployRecordId", record_id},
          {"DeployStatus", 1},
          {"UpdateSyncProgress", sync_progress(regions, targets, true)}};
}

}  // namespace cloudssl::sim
