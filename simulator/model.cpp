#include "simulator/model.h"

namespace cloudssl::sim {

void to_json(nlohmann::json& j, const State& v) {
  j = nlohmann::json::object();
  j["certificates"] = nlohmann::json::array();
  for (const auto& [id, c] : v.certificates) j["certificates"].push_back(c);
  j["instances"] = v.instances;
  j["deploy_records"] = nlohmann::json::array();
  for (const auto& [id, r] : v.deploy_records) j["deploy_records"].push_back(r);
  j["upload_update_records"] = nlohmann::json::array();
  for (const auto& [id, r] : v.upload_update_records) j["upload_update_records"].push_back(r);
  j["delete_tasks"] = nlohmann::json::array();
  for (const auto& [id, t] : v.delete_tasks) j["delete_tasks"].push_back(t);
  j["bind_tasks"] = nlohmann::json::array();
  for (const auto& [id, t] : v.bind_tasks) j["bind_tasks"].push_back(t);
  j["pending_creations"] = nlohmann::json::array();
  for (const auto& [k, p] : v.pending_creations) j["pending_creations"].push_back(p);
  j["volcengine_certificates"] = v.volcengine_certificates;
  j["next_record_id"] = v.next_record_id;
  j["next_item_id"] = v.next_item_id;
  j["next_task_id"] = v.next_task_id;
}

void from_json(const nlohmann::json& j, State& v) {
  v = State{};
  for (const auto& c : j.value("certificates", nlohmann::json::array())) {
    auto cert = c.get<Certificate>();
    v.certificates[cert.id] = cert;
  }
  if (j.contains("instances")) {
    v.instances = j.at("instances").get<std::map<std::string, std::vector<nlohmann::json>>>();
  }
  for (const auto& r : j.value("deploy_records", nlohmann::json::array())) {
    auto rec = r.get<DeployRecord>();
    v.deploy_records[rec.id] = rec;
  }
  for (const auto& r : j.value("upload_update_records", nlohmann::json::array())) {
    auto rec = r.get<UploadUpdateRecord>();
    v.upload_update_records[rec.id] = rec;
  }
  for (const auto& t : j.value("delete_tasks", nlohmann::json::array())) {
    auto task = t.get<DeleteTask>();
    v.delete_tasks[task.id] = task;
  }
  for (const auto& t : j.value("bind_tasks", nlohmann::json::array())) {
    auto task = t.get<BindTask>();
    v.bind_tasks[task.id] = task;
  }
  for (const auto& p : j.value("pending_creations", nlohmann::json::array())) {
    auto pc = p.get<PendingCreation>();
    v.pending_creations[pc.key] = pc;
  }
  if (j.contains("volcengine_certificates")) {
    v.volcengine_certificates =
        j.at("volcengine_certificates").get<std::vector<volcengine::Certificate>>();
  }
  v.next_record_id = j.value("next_record_id", v.next_record_id);
  v.next_item_id = j.value("next_item_id", v.next_item_id);
  v.next_task_id = j.value("next_task_id", v.next_task_id);
}

}  // namespace cloudssl::sim
