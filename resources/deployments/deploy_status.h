// The computed per-target view a deployment keeps in state (`target_status`): one entry per
// target key with its status, the record that deployed it and the item id (the retry handle).
//   deployed  the target holds the certificate (record_id 0: it already did before)
//   pending   a record was still running when the apply stopped; the next apply waits for it
//   failed    the API reported a failure (message); the target is planned again
//   drifted   a refresh found the target no longer holds the certificate
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/read_only_fields.h"
#include "resources/deployments/deploy_flow.h"

namespace cloudssl::deployments {

namespace status {
inline constexpr const char* kDeployed = "deployed";
inline constexpr const char* kPending = "pending";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kDrifted = "drifted";
}  // namespace status

struct StatusEntry {
  std::string resource_type;
  std::string instance;  // the InstanceIdList entry
  std::string status;
  std::int64_t record_id = 0;
  std::int64_t detail_id = 0;
  std::string message;
};

using StatusMap = std::map<std::string, StatusEntry>;  // by target_key()

// An entry's fields: its object type and its documented read-only attributes (the resource
// schema).
const framework::ResultFields& status_entry_fields();
codec::Type status_map_type();  // map(object)

StatusMap status_from(const codec::Value& map);  // null/unknown → empty
codec::Value status_value(const StatusMap& map);

StatusEntry entry_for(const TargetResult& result, std::string_view region);

// What earlier applies left for `type`: its pending record and its failed items.
Carried carried_for(const StatusMap& map, const std::string& type);

}  // namespace cloudssl::deployments
