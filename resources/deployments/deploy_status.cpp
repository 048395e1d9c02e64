#include "resources/deployments/deploy_status.h"

#include "provider/framework/read_only_fields.h"

namespace cloudssl::deployments {

using codec::Type;
using codec::Value;

const framework::ResultFields& status_entry_fields() {
  static const framework::ResultFields fields{
      {"resource_type", Type::string(), "The product (clb, cdn, …)."},
      {"instance", Type::string(), "The target as the API names it: its InstanceIdList entry."},
      {"status", Type::string(),
       "deployed, pending (a task an interrupted apply left running), failed or drifted "
       "(no longer holds the certificate)."},
      {"record_id", Type::number(),
       "The deploy record that deployed it (0 when it already held it)."},
      {"detail_id", Type::number(), "The target's item in that record."},
      {"message", Type::string(), "The API's message for a failure, else empty."},
  };
  return fields;
}
Type status_map_type() { return Type::map(status_entry_fields().type()); }

StatusMap status_from(const Value& map) {
  StatusMap out;
  if (map.is_null() || map.is_unknown()) return out;
  for (const auto& [key, v] : map.entries()) {
    if (v.is_null() || v.is_unknown()) continue;
    out[key] = {v.get_string("resource_type").value_or(""), v.get_string("instance").value_or(""),
                v.get_string("status").value_or(""),        v.get_int("record_id").value_or(0),
                v.get_int("detail_id").value_or(0),         v.get_string("message").value_or("")};
  }
  return out;
}

Value status_value(const StatusMap& map) {
  std::map<std::string, Value> entries;
  for (const auto& [key, e] : map) {
    entries[key] = Value::object(status_entry_fields().type(),
                                 {{"resource_type", Value::string(e.resource_type)},
                                  {"instance", Value::string(e.instance)},
                                  {"status", Value::string(e.status)},
                                  {"record_id", Value::number(e.record_id)},
                                  {"detail_id", Value::number(e.detail_id)},
                                  {"message", Value::string(e.message)}});
  }
  return Value::map(status_entry_fields().type(), std::move(entries));
}

StatusEntry entry_for(const TargetResult& r, std::string_view region) {
  const char* s = r.state == TargetState::Deployed ? status::kDeployed
                  : r.state == TargetState::Failed ? status::kFailed
                                                   : status::kPending;
  return {r.target.type, instance_id(r.target, region), s, r.record_id, r.detail_id, r.message};
}

Carried carried_for(const StatusMap& map, const std::string& type) {
  Carried c;
  for (const auto& [key, e] : map) {
    if (e.resource_type != type) continue;
    if (e.status == status::kPending && e.record_id > 0) c.running_record_id = e.record_id;
    if (e.status == status::kFailed && e.record_id > 0 && e.detail_id > 0)
      c.failed[key] = {e.record_id, e.detail_id};
  }
  return c;
}

}  // namespace cloudssl::deployments
