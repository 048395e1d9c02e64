#include "simulator/model.h"

namespace cloudssl::sim {

namespace {

// A keyed map's values as a JSON array, in key order.
template <class Map>
nlohmann::json values_of(const Map& map) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, value] : map) out.push_back(value);
  return out;
}

// The objects of array `name` (none when absent) into `into`, each under its `key` member.
template <class Map, class T, class Key>
void read_keyed(const nlohmann::json& j, const char* name, Map& into, Key T::*key) {
  for (const auto& item : j.value(name, nlohmann::json::array())) {
    auto value = item.get<T>();
    into[value.*key] = value;
  }
}

}  // namespace

void to_json(nlohmann::json& j, const State& v) {
  j = nlohmann::json::object();
  j["certificates"] = values_of(v.certificates);
  j["instances"] = v.instances;
  j["deploy_records"] = values_of(v.deploy_records);
  j["upload_update_records"] = values_of(v.upload_update_records);
  j["delete_tasks"] = values_of(v.delete_tasks);
  j["bind_tasks"] = values_of(v.bind_tasks);
  j["pending_creations"] = values_of(v.pending_creations);
  j["volcengine_certificates"] = v.volcengine_certificates;
  j["operate_logs"] = v.operate_logs;
  j["companies"] = v.companies;
  j["managers"] = v.managers;
  j["packages"] = v.packages;
  j["next_record_id"] = v.next_record_id;
  j["next_item_id"] = v.next_item_id;
  j["next_task_id"] = v.next_task_id;
}

void from_json(const nlohmann::json& j, State& v) {
  v = State{};
  read_keyed(j, "certificates", v.certificates, &Certificate::id);
  if (j.contains("instances")) {
    v.instances = j.at("instances").get<std::map<std::string, std::vector<nlohmann::json>>>();
  }
  read_keyed(j, "deploy_records", v.deploy_records, &DeployRecord::id);
  read_keyed(j, "upload_update_records", v.upload_update_records, &UploadUpdateRecord::id);
  read_keyed(j, "delete_tasks", v.delete_tasks, &DeleteTask::id);
  read_keyed(j, "bind_tasks", v.bind_tasks, &BindTask::id);
  read_keyed(j, "pending_creations", v.pending_creations, &PendingCreation::key);
  if (j.contains("volcengine_certificates")) {
    v.volcengine_certificates =
        j.at("volcengine_certificates").get<std::vector<volcengine::Certificate>>();
  }
  if (j.contains("operate_logs"))
    v.operate_logs = j.at("operate_logs").get<std::vector<OperateLog>>();
  v.companies = j.value("companies", v.companies);
  v.managers = j.value("managers", v.managers);
  v.packages = j.value("packages", v.packages);
  v.next_record_id = j.value("next_record_id", v.next_record_id);
  v.next_item_id = j.value("next_item_id", v.next_item_id);
  v.next_task_id = j.value("next_task_id", v.next_task_id);
}

}  // namespace cloudssl::sim
