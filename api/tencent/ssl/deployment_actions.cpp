#include "api/tencent/ssl/deployment_actions.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace cloudssl::api {

namespace {

using nlohmann::json;

// --- tolerant readers: the doc mixes numbers and numeric strings, and nulls anywhere ---

const json* field(const json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::int64_t int_of(const json& object, std::string_view name, std::int64_t fallback = 0) {
  const json* v = field(object, name);
  if (!v) return fallback;
  if (v->is_number_integer()) return v->get<std::int64_t>();
  if (v->is_number_float()) return static_cast<std::int64_t>(v->get<double>());
  if (v->is_boolean()) return v->get<bool>() ? 1 : 0;
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    try {
      std::size_t used = 0;
      std::int64_t n = std::stoll(s, &used);
      if (used == s.size()) return n;
    } catch (const std::exception&) {
    }
  }
  return fallback;
}

std::optional<std::int64_t> opt_int_of(const json& object, std::string_view name) {
  const json* v = field(object, name);
  if (!v) return std::nullopt;
  if (v->is_string() && v->get_ref<const std::string&>().empty()) return std::nullopt;
  return int_of(object, name);
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return {};
}

std::string str_of(const json& object, std::string_view name) {
  const json* v = field(object, name);
  return v ? text_of(*v) : std::string();
}

// Array of strings, or a single string (Url is both, depending on the action).
std::vector<std::string> strings_of(const json& object, std::string_view name) {
  std::vector<std::string> out;
  const json* v = field(object, name);
  if (!v) return out;
  if (v->is_array()) {
    for (const auto& e : *v)
      if (!e.is_null()) out.push_back(text_of(e));
  } else if (auto s = text_of(*v); !s.empty()) {
    out.push_back(std::move(s));
  }
  return out;
}

const json& array_of(const json& object, std::string_view name) {
  static const json empty = json::array();
  const json* v = field(object, name);
  return v && v->is_array() ? *v : empty;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

RecordDetail parse_detail(const json& j, std::string resource_type) {
  RecordDetail d;
  d.id = int_of(j, "Id");
  d.resource_type =
      resource_type.empty() ? lower(str_of(j, "ResourceType")) : std::move(resource_type);
  d.cert_id = str_of(j, "CertId");
  d.old_cert_id = str_of(j, "OldCertId");
  d.instance_id = str_of(j, "InstanceId");
  d.instance_name = str_of(j, "InstanceName");
  d.listener_id = str_of(j, "ListenerId");
  d.listener_name = str_of(j, "ListenerName");
  d.domains = strings_of(j, "Domains");
  d.protocol = str_of(j, "Protocol");
  d.sni_switch = int_of(j, "SniSwitch");
  d.bucket = str_of(j, "Bucket");
  d.namespace_name = str_of(j, "Namespace");
  d.secret_name = str_of(j, "SecretName");
  d.port = str_of(j, "Port");
  if (d.port == "0") d.port.clear();
  d.env_id = str_of(j, "EnvId");
  d.tcb_type = str_of(j, "TCBType");
  d.region = str_of(j, "Region");
  d.url = strings_of(j, "Url");
  d.status = int_of(j, "Status");
  d.error_msg = str_of(j, "ErrorMsg");
  d.create_time = str_of(j, "CreateTime");
  d.update_time = str_of(j, "UpdateTime");
  return d;
}

void read_counts(const json& r, RecordProgress& p) {
  p.total_count = int_of(r, "TotalCount");
  p.success_total_count = int_of(r, "SuccessTotalCount");
  p.failed_total_count = int_of(r, "FailedTotalCount");
  p.running_total_count = int_of(r, "RunningTotalCount");
}

constexpr std::int64_t kPageLimit = 200;  // the documented maximum for record details
constexpr int kMaxPages = 1000;           // a guard against a server that never stops paging

}  // namespace

bool record_finished(const RecordProgress& progress) {
  if (progress.running_total_count != 0) return false;
  return std::none_of(progress.details.begin(), progress.details.end(), [](const RecordDetail& d) {
    return d.status == record_status::kPending || d.status == record_status::kRunning;
  });
}

std::vector<RecordDetail> failed_details(const RecordProgress& progress) {
  std::vector<RecordDetail> out;
  for (const auto& d : progress.details)
    if (d.status == record_status::kFailed || d.status == record_status::kRollbackFailed)
      out.push_back(d);
  return out;
}

// ---------------------------------------------------------------------------------------

DeployCertificateInstanceResponse deploy_certificate_instance(
    SslClient& client, const DeployCertificateInstanceRequest& request,
    const CallOptions& options) {
  json body = {{"CertificateId", request.certificate_id},
               {"InstanceIdList", request.instance_id_list}};
  if (!request.resource_type.empty()) body["ResourceType"] = request.resource_type;
  if (request.status) body["Status"] = *request.status;
  if (request.is_cache) body["IsCache"] = *request.is_cache;
  CallOptions call = options;
  if (!request.region.empty()) call.region = request.region;
  json r = client.call("DeployCertificateInstance", body, call);
  return {int_of(r, "DeployRecordId"), int_of(r, "DeployStatus")};
}

RecordProgress describe_host_deploy_record_detail(SslClient& client, std::int64_t deploy_record_id,
                                                  const CallOptions& options) {
  RecordProgress progress;
  for (int page = 0; page < kMaxPages; ++page) {
    json body = {{"DeployRecordId", std::to_string(deploy_record_id)},
                 {"Offset", static_cast<std::int64_t>(progress.details.size())},
                 {"Limit", kPageLimit}};
    json r = client.call("DescribeHostDeployRecordDetail", body, options);
    read_counts(r, progress);
    const json& list = array_of(r, "DeployRecordDetailList");
    for (const auto& item : list) progress.details.push_back(parse_detail(item, ""));
    if (list.empty() || static_cast<std::int64_t>(progress.details.size()) >= progress.total_count)
      break;
  }
  return progress;
}

namespace {
json retry_body(std::optional<std::int64_t> record_id, std::optional<std::int64_t> detail_id) {
  if (!record_id && !detail_id)
    throw std::invalid_argument("a record retry needs DeployRecordId or DeployRecordDetailId");
  json body = json::object();
  if (record_id) body["DeployRecordId"] = *record_id;
  if (detail_id) body["DeployRecordDetailId"] = *detail_id;
  return body;
}
}  // namespace

void deploy_certificate_record_retry(SslClient& client,
                                     std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options) {
  client.call("DeployCertificateRecordRetry", retry_body(deploy_record_id, deploy_record_detail_id),
              options);
}

std::int64_t deploy_certificate_record_rollback(SslClient& client, std::int64_t deploy_record_id,
                                                const CallOptions& options) {
  json r = client.call("DeployCertificateRecordRollback", {{"DeployRecordId", deploy_record_id}},
                       options);
  return int_of(r, "DeployRecordId");
}

DeployRecordList describe_host_deploy_record(SslClient& client, const std::string& certificate_id,
                                             const std::string& resource_type, std::int64_t offset,
                                             std::int64_t limit, const CallOptions& options) {
  json body = {{"CertificateId", certificate_id}, {"Offset", offset}, {"Limit", limit}};
  if (!resource_type.empty()) body["ResourceType"] = resource_type;
  json r = client.call("DescribeHostDeployRecord", body, options);
  DeployRecordList out;
  out.total_count = int_of(r, "TotalCount");
  for (const auto& j : array_of(r, "DeployRecordList")) {
    out.records.push_back({int_of(j, "Id"), str_of(j, "CertId"), lower(str_of(j, "ResourceType")),
                           str_of(j, "Region"), int_of(j, "Status"), str_of(j, "CreateTime"),
                           str_of(j, "UpdateTime")});
  }
  return out;
}

// ---------------------------------------------------------------------------------------

UpdateCertificateInstanceResponse update_certificate_instance(
    SslClient& client, const UpdateCertificateInstanceRequest& request,
    const CallOptions& options) {
  json body = {{"OldCertificateId", request.old_certificate_id},
               {"ResourceTypes", request.resource_types}};
  if (!request.certificate_id.empty()) body["CertificateId"] = request.certificate_id;
  if (!request.resource_types_regions.empty()) {
    json regions = json::array();
    for (const auto& r : request.resource_types_regions)
      regions.push_back({{"ResourceType", r.resource_type}, {"Regions", r.regions}});
    body["ResourceTypesRegions"] = std::move(regions);
  }
  if (request.expiring_notification_switch)
    body["ExpiringNotificationSwitch"] = *request.expiring_notification_switch;
  json r = client.call("UpdateCertificateInstance", body, options);
  UpdateCertificateInstanceResponse out;
  out.deploy_record_id = int_of(r, "DeployRecordId");
  out.deploy_status = int_of(r, "DeployStatus");
  for (const auto& p : array_of(r, "UpdateSyncProgress")) {
    UpdateSyncProgress progress{lower(str_of(p, "ResourceType")), int_of(p, "Status"), {}};
    for (const auto& reg : array_of(p, "UpdateSyncProgressRegions"))
      progress.regions.push_back({str_of(reg, "Region"), int_of(reg, "TotalCount"),
                                  int_of(reg, "OffsetCount"), int_of(reg, "Status")});
    out.update_sync_progress.push_back(std::move(progress));
  }
  return out;
}

bool record_not_found(const ApiError& e) {
  return e.is("FailedOperation.CertificateDeployNotExist");
}

RecordProgress describe_host_update_record_detail(SslClient& client, std::int64_t deploy_record_id,
                                                  const CallOptions& options) {
  RecordProgress progress;
  // Paging applies to the record's items; groups repeat per page with their own lists.
  std::int64_t offset = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    json body = {{"DeployRecordId", std::to_string(deploy_record_id)},
                 {"Limit", std::to_string(kPageLimit)},
                 {"Offset", std::to_string(offset)}};
    json r = client.call("DescribeHostUpdateRecordDetail", body, options);
    read_counts(r, progress);
    std::int64_t items = 0, largest_group = 0;
    for (const auto& group : array_of(r, "RecordDetailList")) {
      std::string type = lower(str_of(group, "ResourceType"));
      largest_group = std::max(largest_group, int_of(group, "TotalCount"));
      for (const auto& item : array_of(group, "List")) {
        progress.details.push_back(parse_detail(item, type));
        ++items;
      }
    }
    offset += kPageLimit;
    // The page size applies per group in practice; stop once no group can have more.
    if (items == 0 || offset >= std::max(progress.total_count, largest_group)) break;
  }
  return progress;
}

void update_certificate_record_retry(SslClient& client,
                                     std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options) {
  client.call("UpdateCertificateRecordRetry", retry_body(deploy_record_id, deploy_record_detail_id),
              options);
}

std::int64_t update_certificate_record_rollback(SslClient& client, std::int64_t deploy_record_id,
                                                const CallOptions& options) {
  json r = client.call("UpdateCertificateRecordRollback", {{"DeployRecordId", deploy_record_id}},
                       options);
  return int_of(r, "DeployRecordId");
}

UpdateRecordList describe_host_update_record(SslClient& client, const std::string& certificate_id,
                                             const std::string& old_certificate_id,
                                             std::int64_t offset, std::int64_t limit,
                                             const CallOptions& options) {
  json body = {{"Offset", offset}, {"Limit", limit}};
  if (!certificate_id.empty()) body["CertificateId"] = certificate_id;
  if (!old_certificate_id.empty()) body["OldCertificateId"] = old_certificate_id;
  json r = client.call("DescribeHostUpdateRecord", body, options);
  UpdateRecordList out;
  out.total_count = int_of(r, "TotalCount");
  for (const auto& j : array_of(r, "DeployRecordList")) {
    UpdateRecordInfo info;
    info.id = int_of(j, "Id");
    info.cert_id = str_of(j, "CertId");
    info.old_cert_id = str_of(j, "OldCertId");
    for (auto& t : strings_of(j, "ResourceTypes")) info.resource_types.push_back(lower(t));
    info.regions = strings_of(j, "Regions");
    info.status = int_of(j, "Status");
    info.create_time = str_of(j, "CreateTime");
    info.update_time = str_of(j, "UpdateTime");
    out.records.push_back(std::move(info));
  }
  return out;
}

// ---------------------------------------------------------------------------------------

void modify_certificates_expiring_notification_switch(
    SslClient& client, const std::vector<std::string>& certificate_ids, std::int64_t switch_status,
    const CallOptions& options) {
  client.call("ModifyCertificatesExpiringNotificationSwitch",
              {{"CertificateIds", certificate_ids}, {"SwitchStatus", switch_status}}, options);
}

// ---------------------------------------------------------------------------------------

std::vector<DeployedResources> describe_deployed_resources(
    SslClient& client, const std::vector<std::string>& certificate_ids,
    const std::string& resource_type, const CallOptions& options) {
  // This older action spells DDoS protection "antiddos" (§7.20).
  const std::string type = resource_type == "ddos" ? "antiddos" : resource_type;
  json r = client.call("DescribeDeployedResources",
                       {{"CertificateIds", certificate_ids}, {"ResourceType", type}}, options);
  std::vector<DeployedResources> out;
  for (const auto& j : array_of(r, "DeployedResources")) {
    DeployedResources d{str_of(j, "CertificateId"), int_of(j, "Count"), str_of(j, "Type"),
                        strings_of(j, "Resources")};
    if (d.resources.empty()) d.resources = strings_of(j, "ResourceIds");  // deprecated twin
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<BindResourceTaskResult> describe_certificate_bind_resource_task_result(
    SslClient& client, const std::vector<std::string>& task_ids, const CallOptions& options) {
  json r =
      client.call("DescribeCertificateBindResourceTaskResult", {{"TaskIds", task_ids}}, options);
  std::vector<BindResourceTaskResult> out;
  for (const auto& j : array_of(r, "SyncTaskBindResourceResult")) {
    BindResourceTaskResult t;
    t.task_id = str_of(j, "TaskId");
    t.status = int_of(j, "Status");
    if (const json* e = field(j, "Error")) {
      t.error_code = str_of(*e, "Code");
      t.error_message = str_of(*e, "Message");
    }
    t.cache_time = str_of(j, "CacheTime");
    for (const auto& b : array_of(j, "BindResourceResult")) {
      BindResourceResult br{lower(str_of(b, "ResourceType")), {}};
      for (const auto& reg : array_of(b, "BindResourceRegionResult"))
        br.regions.push_back(
            {str_of(reg, "Region"), int_of(reg, "TotalCount"), str_of(reg, "Error")});
      t.results.push_back(std::move(br));
    }
    out.push_back(std::move(t));
  }
  return out;
}

// ---------------------------------------------------------------------------------------

std::string_view host_instance_list_action(std::string_view type) {
  if (type == "clb") return "DescribeHostClbInstanceList";
  if (type == "cdn") return "DescribeHostCdnInstanceList";
  if (type == "cos") return "DescribeHostCosInstanceList";
  if (type == "ddos") return "DescribeHostDdosInstanceList";
  if (type == "live") return "DescribeHostLiveInstanceList";
  if (type == "teo") return "DescribeHostTeoInstanceList";
  if (type == "tke") return "DescribeHostTkeInstanceList";
  if (type == "vod") return "DescribeHostVodInstanceList";
  if (type == "waf") return "DescribeHostWafInstanceList";
  if (type == "apigateway") return "DescribeHostApiGatewayInstanceList";
  if (type == "lighthouse") return "DescribeHostLighthouseInstanceList";
  return {};
}

namespace {
// Which listings take Offset/Limit, and in which type (apigateway's Offset is a String).
bool listing_pages(std::string_view type) {
  return type == "clb" || type == "cdn" || type == "cos" || type == "ddos" || type == "teo" ||
         type == "tke" || type == "apigateway";
}
bool listing_takes_async_cache(std::string_view type) {
  return type == "clb" || type == "cdn" || type == "cos" || type == "teo" || type == "tke";
}
}  // namespace

HostInstanceList describe_host_instance_list(SslClient& client,
                                             const HostInstanceListRequest& request,
                                             const CallOptions& options) {
  const std::string_view action = host_instance_list_action(request.resource_type);
  if (action.empty())
    throw std::invalid_argument("no DescribeHost*InstanceList action for resource type " +
                                request.resource_type);
  json base = {{"IsCache", request.use_cache ? 1 : 0}};
  if (!request.certificate_id.empty()) base["CertificateId"] = request.certificate_id;
  if (!request.old_certificate_id.empty()) base["OldCertificateId"] = request.old_certificate_id;
  if (request.domain_match)
    base["Filters"] = json::array(
        {{{"FilterKey", "domainMatch"}, {"FilterValue", *request.domain_match ? "1" : "0"}}});
  if (listing_takes_async_cache(request.resource_type))
    base["AsyncCache"] = request.async_cache ? 1 : 0;

  HostInstanceList out;
  const bool pages = listing_pages(request.resource_type);
  for (int page = 0; page < kMaxPages; ++page) {
    json body = base;
    if (pages) {
      const auto offset = static_cast<std::int64_t>(out.instances.size());
      body["Limit"] = kPageLimit;
      if (request.resource_type == "apigateway")
        body["Offset"] = std::to_string(offset);
      else
        body["Offset"] = offset;
    }
    json r = client.call(action, body, options);
    const json& list = array_of(r, "InstanceList");
    for (const auto& item : list) out.instances.push_back(item);
    out.total_count = int_of(r, "TotalCount", static_cast<std::int64_t>(out.instances.size()));
    out.async_total_num = opt_int_of(r, "AsyncTotalNum");
    out.async_offset = opt_int_of(r, "AsyncOffset");
    out.async_cache_time = str_of(r, "AsyncCacheTime");
    if (!pages || list.empty() ||
        static_cast<std::int64_t>(out.instances.size()) >= out.total_count)
      break;
  }
  return out;
}

std::vector<HostInstance> flatten_host_instances(std::string_view type,
                                                 const std::vector<json>& instances) {
  std::vector<HostInstance> out;
  auto cert_of = [](const json& j) {
    if (const json* c = field(j, "Certificate")) return str_of(*c, "CertId");
    return str_of(j, "CertId");
  };
  for (const auto& inst : instances) {
    if (type == "clb") {
      const std::string lb = str_of(inst, "LoadBalancerId");
      for (const auto& l : array_of(inst, "Listeners")) {
        const std::string listener = str_of(l, "ListenerId");
        const std::string name = str_of(inst, "LoadBalancerName");
        if (int_of(l, "SniSwitch") == 1) {
          for (const auto& rule : array_of(l, "Rules"))
            out.push_back({{lb, listener, str_of(rule, "Domain")}, cert_of(rule), true, name, {}});
        } else {
          out.push_back({{lb, listener}, cert_of(l), true, name, {}});
        }
      }
    } else if (type == "cdn" || type == "live" || type == "vod" || type == "waf") {
      out.push_back(
          {{str_of(inst, "Domain")}, str_of(inst, "CertId"), true, {}, str_of(inst, "Status")});
    } else if (type == "teo") {
      out.push_back({{str_of(inst, "Host")},
                     str_of(inst, "CertId"),
                     true,
                     str_of(inst, "ZoneId"),
                     str_of(inst, "Status")});
    } else if (type == "ddos") {
      out.push_back(
          {{str_of(inst, "InstanceId"), str_of(inst, "Domain"), str_of(inst, "VirtualPort")},
           str_of(inst, "CertId"),
           true,
           {},
           {}});
    } else if (type == "apigateway") {
      out.push_back({{str_of(inst, "ServiceId"), str_of(inst, "Domain")},
                     str_of(inst, "CertId"),
                     true,
                     str_of(inst, "ServiceName"),
                     {}});
    } else if (type == "tke") {
      const std::string cluster = str_of(inst, "ClusterId");
      for (const auto& ns : array_of(inst, "NamespaceList"))
        for (const auto& secret : array_of(ns, "SecretList"))
          out.push_back({{cluster, str_of(ns, "Name"), str_of(secret, "Name")},
                         str_of(secret, "CertId"),
                         true,
                         str_of(inst, "ClusterName"),
                         {}});
    } else if (type == "cos") {
      out.push_back({{str_of(inst, "Region"), str_of(inst, "Bucket"), str_of(inst, "Domain")},
                     str_of(inst, "CertId"),
                     true,
                     {},
                     str_of(inst, "Status")});
    } else if (type == "lighthouse") {
      // LighthouseInstanceDetail documents no certificate field; a per-domain CertIds map
      // or a CertId is used when the answer carries one.
      const json* per_domain = field(inst, "CertIds");
      for (const auto& domain : strings_of(inst, "Domain")) {
        HostInstance h{{str_of(inst, "InstanceId"), domain},
                       str_of(inst, "CertId"),
                       field(inst, "CertId") != nullptr,
                       str_of(inst, "InstanceName"),
                       {}};
        if (per_domain && per_domain->is_object()) {
          h.cert_id = str_of(*per_domain, domain);
          h.cert_known = true;
        }
        out.push_back(std::move(h));
      }
    }
  }
  return out;
}

}  // namespace cloudssl::api
