// Which resources use a certificate (docs/design/ssl-api.md §2.7, §3.6): the asynchronous bound-resource
// query task and the older DescribeDeployedResources.
#include <algorithm>
#include <set>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/api_failure.h"
#include "simulator/instances.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

const std::vector<std::string> kRegionalTypes = {"clb", "waf", "tke", "apigateway",
                                                 "tcb", "tse", "cos"};
bool regional(const std::string& type) {
  return std::find(kRegionalTypes.begin(), kRegionalTypes.end(), type) != kRegionalTypes.end();
}

json create_sync_task(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("CertificateIds", true);
  if (ids.size() > 100) {
    throw ApiFailure("FailedOperation.CertificateSyncTaskCertificateIdCountInvalid",
                     "At most 100 certificate ids.");
  }
  const bool use_cache = p.int_or("IsCache", 1) == 1;
  for (const auto& id : ids) world.certificate(id);
  json out = json::array();
  for (const auto& id : ids) {
    std::string task_id;
    for (auto it = world.state.bind_tasks.rbegin(); it != world.state.bind_tasks.rend(); ++it) {
      const BindTask& t = it->second;
      if (t.cert_id != id) continue;
      const bool running = t.status == 0;
      const bool fresh = t.status == 1 && world.now() - t.done_time < 1800;
      if (running || (use_cache && fresh)) {
        task_id = t.id;
        break;
      }
    }
    if (task_id.empty()) {
      BindTask task;
      task.id = world.new_task_id();
      task.cert_id = id;
      task.started_ms = world.now_ms();
      task_id = task.id;
      world.state.bind_tasks[task_id] = std::move(task);
    }
    out.push_back({{"CertId", id}, {"TaskId", task_id}});
  }
  return {{"CertTaskIds", out}};
}

BindTask& bind_task(World& world, const std::string& id) {
  auto it = world.state.bind_tasks.find(id);
  if (it == world.state.bind_tasks.end()) {
    throw ApiFailure("FailedOperation.CertificateSyncTaskIdInvalid",
                     "The task id `" + id + "` is invalid.");
  }
  return it->second;
}

json task_error(const BindTask& t) {
  if (t.status != 2) return nullptr;
  return {{"Code", t.error_code}, {"Message", t.error_message}};
}

json describe_task_result(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("TaskIds", true);
  if (ids.size() > 100) throw ApiFailure("FailedOperation", "At most 100 task ids.");
  json out = json::array();
  for (const auto& id : ids) {
    BindTask& task = bind_task(world, id);
    advance_bind_task(world, task, true);
    json results = json::array();
    if (task.status == 1) {
      for (const auto& [type, targets] : task.result.items()) {
        std::map<std::string, int> per_region;
        for (const auto& t : targets) per_region[t.value("Region", "")]++;
        json regions = json::array();
        for (const auto& [region, n] : per_region) {
          regions.push_back({{"Region", region}, {"TotalCount", n}, {"Error", ""}});
        }
        results.push_back({{"ResourceType", type}, {"BindResourceRegionResult", regions}});
      }
    }
    json item = {{"TaskId", task.id},
                 {"BindResourceResult", results},
                 {"Status", task.status},
                 {"Error", task_error(task)}};
    // The model does not let CacheTime be null: a task still running has none yet.
    if (task.done_time > 0) item["CacheTime"] = beijing_time(task.done_time);
    out.push_back(std::move(item));
  }
  return {{"SyncTaskBindResourceResult", out}};
}

// The instance document restricted to what is bound (CLB: only the bound listeners/rules).
json bound_instance(const std::string& type, const json& instance,
                    const std::set<std::string>& targets) {
  if (type != "clb") return instance;
  json lb = instance;
  json listeners = json::array();
  const std::string lb_id = instance.value("LoadBalancerId", "");
  for (const auto& l : instance.value("Listeners", json::array())) {
    const std::string base = lb_id + "|" + l.value("ListenerId", "");
    if (targets.count(base)) {
      listeners.push_back(l);
      continue;
    }
    json rules = json::array();
    for (const auto& r : l.value("Rules", json::array())) {
      if (targets.count(base + "|" + r.value("Domain", ""))) rules.push_back(r);
    }
    if (!rules.empty()) {
      json copy = l;
      copy["Rules"] = rules;
      listeners.push_back(copy);
    }
  }
  lb["Listeners"] = listeners;
  return lb;
}

json describe_task_detail(World& world, const Params& p, const RequestMeta&) {
  BindTask& task = bind_task(world, p.str("TaskId"));
  if (!world.settings.bind_query_authorised) {
    throw ApiFailure("FailedOperation.RoleNotFoundAuthorization",
                     "Authorise the service role SSL_QCSLinkedRoleInReplaceLoadCertificate.");
  }
  const Page page = page_param(p, 10, 100);
  const auto types = p.str_list("ResourceTypes", false);
  const auto regions = p.str_list("Regions", false);
  advance_bind_task(world, task, true);
  json out = {{"Status", task.status}};
  if (task.done_time > 0) out["CacheTime"] = beijing_time(task.done_time);  // never null
  for (const auto& type :
       std::vector<std::string>{"clb", "cdn", "waf", "ddos", "live", "vod", "tke", "apigateway",
                                "tcb", "teo", "tse", "cos"}) {
    std::string upper = type;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    if (!types.empty() && std::find(types.begin(), types.end(), type) == types.end()) {
      out[upper] = nullptr;
      continue;
    }
    // Region → (instance index → targets), in order.
    std::map<std::string, std::map<std::size_t, std::pair<json, std::set<std::string>>>> groups;
    if (task.status == 1 && task.result.contains(type)) {
      for (const auto& t : task.result[type]) {
        const std::string region = regional(type) ? t.value("Region", "") : "";
        if (regional(type) && !regions.empty() &&
            std::find(regions.begin(), regions.end(), region) == regions.end()) {
          continue;
        }
        auto& entry = groups[region][t.value("InstanceIndex", std::size_t{0})];
        entry.first = t.value("Instance", json::object());
        entry.second.insert(t.value("Target", ""));
      }
    }
    json list = json::array();
    for (const auto& [region, instances] : groups) {
      json docs = json::array();
      std::size_t i = 0;
      for (const auto& [index, entry] : instances) {
        if (i++ >= page.offset && docs.size() < page.limit) {
          docs.push_back(instance_view(type, bound_instance(type, entry.first, entry.second)));
        }
      }
      json wrapper = {{"Error", ""}};
      if (type != "tcb") wrapper["TotalCount"] = instances.size();  // TCBInstanceList has none
      wrapper[type == "tcb" ? "Environments" : "InstanceList"] = docs;
      if (regional(type)) wrapper["Region"] = region;
      list.push_back(wrapper);
    }
    out[upper] = list;
  }
  return out;
}

json describe_deployed_resources(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("CertificateIds", true);
  if (ids.size() > 50) {
    throw ApiFailure("InvalidParameter.CertificateIdNumberLimit", "At most 50 certificate ids.");
  }
  const std::string type = p.str("ResourceType");
  static const std::set<std::string> kTypes = {"clb", "cdn", "live", "waf", "antiddos", "teo"};
  if (!kTypes.count(type)) {
    throw ApiFailure("InvalidParameter.WithDetailReason",
                     "ResourceType must be clb, cdn, live, waf, antiddos or teo.");
  }
  for (const auto& id : ids) {
    if (!world.find_certificate(id)) {
      throw ApiFailure("InvalidParameter.ContainsInvalidCertificateId",
                       "Certificate `" + id + "` does not exist.");
    }
  }
  const std::string slot_type = type == "antiddos" ? "ddos" : type;
  const auto slots = slots_of(world.state, slot_type);
  json out = json::array();
  for (const auto& id : ids) {
    json resources = json::array();
    std::set<std::string> seen;
    for (const auto& s : slots) {
      if (s.cert_id == id && seen.insert(s.resource_id).second) resources.push_back(s.resource_id);
    }
    out.push_back({{"CertificateId", id},
                   {"Count", resources.size()},
                   {"Type", type},
                   {"ResourceIds", resources},
                   {"Resources", resources}});
  }
  return {{"DeployedResources", out}};
}

}  // namespace

void register_bind_resource_actions(ActionTable& t) {
  t["CreateCertificateBindResourceSyncTask"] = {{"CertificateIds", "IsCache"}, create_sync_task};
  t["DescribeCertificateBindResourceTaskResult"] = {{"TaskIds"}, describe_task_result};
  t["DescribeCertificateBindResourceTaskDetail"] = {
      {"TaskId", "Limit", "Offset", "ResourceTypes", "Regions"}, describe_task_detail};
  t["DescribeDeployedResources"] = {
      {"CertificateIds", "ResourceType"}, describe_deployed_resources, false};
}

}  // namespace cloudssl::sim
