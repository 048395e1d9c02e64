#include "api/tencent/ssl/deployment_actions.h"

#include <algorithm>
#include <stdexcept>

#include "api/core/json_fields.h"
#include "provider/util/ascii.h"

namespace cloudssl::api {

namespace {

using nlohmann::json;

// The tolerant readers (api/core/json_fields.h): the doc mixes numbers and numeric strings,
// and nulls anywhere.
using fields::array;
using fields::field;
using fields::integer_or;
using fields::strings;
using fields::text;

// Present and not "": the field as a whole number (0 when it is not one).
std::optional<std::int64_t> optional_integer(const json& object, std::string_view name) {
  const json* v = field(object, name);
  if (!v) return std::nullopt;
  if (v->is_string() && v->get_ref<const std::string&>().empty()) return std::nullopt;
  return integer_or(object, name);
}

RecordDetail parse_detail(const json& j, std::string resource_type) {
  RecordDetail d;
  d.id = integer_or(j, "Id");
  d.resource_type =
      resource_type.empty() ? ascii_lower(text(j, "ResourceType")) : std::move(resource_type);
  d.cert_id = text(j, "CertId");
  d.old_cert_id = text(j, "OldCertId");
  d.instance_id = text(j, "InstanceId");
  d.instance_name = text(j, "InstanceName");
  d.listener_id = text(j, "ListenerId");
  d.listener_name = text(j, "ListenerName");
  d.domains = strings(j, "Domains");
  d.protocol = text(j, "Protocol");
  d.sni_switch = integer_or(j, "SniSwitch");
  d.bucket = text(j, "Bucket");
  d.namespace_name = text(j, "Namespace");
  d.secret_name = text(j, "SecretName");
  d.port = text(j, "Port");
  if (d.port == "0") d.port.clear();
  d.env_id = text(j, "EnvId");
  d.tcb_type = text(j, "TCBType");
  d.region = text(j, "Region");
  d.url = strings(j, "Url");
  d.status = integer_or(j, "Status");
  d.error_msg = text(j, "ErrorMsg");
  d.create_time = text(j, "CreateTime");
  d.update_time = text(j, "UpdateTime");
  return d;
}

void read_counts(const json& r, RecordProgress& p) {
  p.total_count = integer_or(r, "TotalCount");
  p.success_total_count = integer_or(r, "SuccessTotalCount");
  p.failed_total_count = integer_or(r, "FailedTotalCount");
  p.running_total_count = integer_or(r, "RunningTotalCount");
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
    Client& client, const DeployCertificateInstanceRequest& request, const CallOptions& options) {
  json body = {{"CertificateId", request.certificate_id},
               {"InstanceIdList", request.instance_id_list}};
  if (!request.resource_type.empty()) body["ResourceType"] = request.resource_type;
  if (request.status) body["Status"] = *request.status;
  if (request.is_cache) body["IsCache"] = *request.is_cache;
  CallOptions call = options;
  if (!request.region.empty()) call.region = request.region;
  json r = client.call("DeployCertificateInstance", body, call);
  return {integer_or(r, "DeployRecordId"), integer_or(r, "DeployStatus")};
}

RecordProgress describe_host_deploy_record_detail(Client& client, std::int64_t deploy_record_id,
                                                  const CallOptions& options) {
  RecordProgress progress;
  for (int page = 0; page < kMaxPages; ++page) {
    json body = {{"DeployRecordId", std::to_string(deploy_record_id)},
                 {"Offset", static_cast<std::int64_t>(progress.details.size())},
                 {"Limit", kPageLimit}};
    json r = client.call("DescribeHostDeployRecordDetail", body, options);
    read_counts(r, progress);
    const json& list = array(r, "DeployRecordDetailList");
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

void deploy_certificate_record_retry(Client& client, std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options) {
  client.call("DeployCertificateRecordRetry", retry_body(deploy_record_id, deploy_record_detail_id),
              options);
}

std::int64_t deploy_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                                const CallOptions& options) {
  json r = client.call("DeployCertificateRecordRollback", {{"DeployRecordId", deploy_record_id}},
                       options);
  return integer_or(r, "DeployRecordId");
}

DeployRecordList describe_host_deploy_record(Client& client, const std::string& certificate_id,
                                             const std::string& resource_type, std::int64_t offset,
                                             std::int64_t limit, const CallOptions& options) {
  json body = {{"CertificateId", certificate_id}, {"Offset", offset}, {"Limit", limit}};
  if (!resource_type.empty()) body["ResourceType"] = resource_type;
  json r = client.call("DescribeHostDeployRecord", body, options);
  DeployRecordList out;
  out.total_count = integer_or(r, "TotalCount");
  for (const auto& j : array(r, "DeployRecordList")) {
    out.records.push_back({integer_or(j, "Id"), text(j, "CertId"),
                           ascii_lower(text(j, "ResourceType")), text(j, "Region"),
                           integer_or(j, "Status"), text(j, "CreateTime"), text(j, "UpdateTime")});
  }
  return out;
}

// ---------------------------------------------------------------------------------------

UpdateCertificateInstanceResponse update_certificate_instance(
    Client& client, const UpdateCertificateInstanceRequest& request, const CallOptions& options) {
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
  out.deploy_record_id = integer_or(r, "DeployRecordId");
  out.deploy_status = integer_or(r, "DeployStatus");
  for (const auto& p : array(r, "UpdateSyncProgress")) {
    UpdateSyncProgress progress{ascii_lower(text(p, "ResourceType")), integer_or(p, "Status"), {}};
    for (const auto& reg : array(p, "UpdateSyncProgressRegions"))
      progress.regions.push_back({text(reg, "Region"), integer_or(reg, "TotalCount"),
                                  integer_or(reg, "OffsetCount"), integer_or(reg, "Status")});
    out.update_sync_progress.push_back(std::move(progress));
  }
  return out;
}

RecordProgress describe_host_update_record_detail(Client& client, std::int64_t deploy_record_id,
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
    for (const auto& group : array(r, "RecordDetailList")) {
      std::string type = ascii_lower(text(group, "ResourceType"));
      largest_group = std::max(largest_group, integer_or(group, "TotalCount"));
      for (const auto& item : array(group, "List")) {
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

void update_certificate_record_retry(Client& client, std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options) {
  client.call("UpdateCertificateRecordRetry", retry_body(deploy_record_id, deploy_record_detail_id),
              options);
}

std::int64_t update_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                                const CallOptions& options) {
  json r = client.call("UpdateCertificateRecordRollback", {{"DeployRecordId", deploy_record_id}},
                       options);
  return integer_or(r, "DeployRecordId");
}

UpdateRecordList describe_host_update_record(Client& client, const std::string& certificate_id,
                                             const std::string& old_certificate_id,
                                             std::int64_t offset, std::int64_t limit,
                                             const CallOptions& options) {
  json body = {{"Offset", offset}, {"Limit", limit}};
  if (!certificate_id.empty()) body["CertificateId"] = certificate_id;
  if (!old_certificate_id.empty()) body["OldCertificateId"] = old_certificate_id;
  json r = client.call("DescribeHostUpdateRecord", body, options);
  UpdateRecordList out;
  out.total_count = integer_or(r, "TotalCount");
  for (const auto& j : array(r, "DeployRecordList")) {
    UpdateRecordInfo info;
    info.id = integer_or(j, "Id");
    info.cert_id = text(j, "CertId");
    info.old_cert_id = text(j, "OldCertId");
    for (auto& t : strings(j, "ResourceTypes")) info.resource_types.push_back(ascii_lower(t));
    info.regions = strings(j, "Regions");
    info.status = integer_or(j, "Status");
    info.create_time = text(j, "CreateTime");
    info.update_time = text(j, "UpdateTime");
    out.records.push_back(std::move(info));
  }
  return out;
}

// ---------------------------------------------------------------------------------------

void modify_certificates_expiring_notification_switch(
    Client& client, const std::vector<std::string>& certificate_ids, std::int64_t switch_status,
    const CallOptions& options) {
  client.call("ModifyCertificatesExpiringNotificationSwitch",
              {{"CertificateIds", certificate_ids}, {"SwitchStatus", switch_status}}, options);
}

// ---------------------------------------------------------------------------------------

std::vector<DeployedResources> describe_deployed_resources(
    Client& client, const std::vector<std::string>& certificate_ids,
    const std::string& resource_type, const CallOptions& options) {
  // This older action spells DDoS protection "antiddos" (§7.20).
  const std::string type = resource_type == "ddos" ? "antiddos" : resource_type;
  json r = client.call("DescribeDeployedResources",
                       {{"CertificateIds", certificate_ids}, {"ResourceType", type}}, options);
  std::vector<DeployedResources> out;
  for (const auto& j : array(r, "DeployedResources")) {
    DeployedResources d{text(j, "CertificateId"), integer_or(j, "Count"), text(j, "Type"),
                        strings(j, "Resources")};
    if (d.resources.empty()) d.resources = strings(j, "ResourceIds");  // deprecated twin
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<BindResourceTaskResult> describe_certificate_bind_resource_task_result(
    Client& client, const std::vector<std::string>& task_ids, const CallOptions& options) {
  json r =
      client.call("DescribeCertificateBindResourceTaskResult", {{"TaskIds", task_ids}}, options);
  std::vector<BindResourceTaskResult> out;
  for (const auto& j : array(r, "SyncTaskBindResourceResult")) {
    BindResourceTaskResult t;
    t.task_id = text(j, "TaskId");
    t.status = integer_or(j, "Status");
    if (const json* e = field(j, "Error")) {
      t.error_code = text(*e, "Code");
      t.error_message = text(*e, "Message");
    }
    t.cache_time = text(j, "CacheTime");
    for (const auto& b : array(j, "BindResourceResult")) {
      BindResourceResult br{ascii_lower(text(b, "ResourceType")), {}};
      for (const auto& reg : array(b, "BindResourceRegionResult"))
        br.regions.push_back(
            {text(reg, "Region"), integer_or(reg, "TotalCount"), text(reg, "Error")});
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

HostInstanceList describe_host_instance_list(Client& client, const HostInstanceListRequest& request,
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
    const json& list = array(r, "InstanceList");
    for (const auto& item : list) out.instances.push_back(item);
    out.total_count = integer_or(r, "TotalCount", static_cast<std::int64_t>(out.instances.size()));
    out.async_total_num = optional_integer(r, "AsyncTotalNum");
    out.async_offset = optional_integer(r, "AsyncOffset");
    out.async_cache_time = text(r, "AsyncCacheTime");
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
    if (const json* c = field(j, "Certificate")) return text(*c, "CertId");
    return text(j, "CertId");
  };
  for (const auto& inst : instances) {
    if (type == "clb") {
      const std::string lb = text(inst, "LoadBalancerId");
      for (const auto& l : array(inst, "Listeners")) {
        const std::string listener = text(l, "ListenerId");
        const std::string name = text(inst, "LoadBalancerName");
        if (integer_or(l, "SniSwitch") == 1) {
          for (const auto& rule : array(l, "Rules"))
            out.push_back({{lb, listener, text(rule, "Domain")}, cert_of(rule), true, name, {}});
        } else {
          out.push_back({{lb, listener}, cert_of(l), true, name, {}});
        }
      }
    } else if (type == "cdn" || type == "live" || type == "vod" || type == "waf") {
      out.push_back({{text(inst, "Domain")}, text(inst, "CertId"), true, {}, text(inst, "Status")});
    } else if (type == "teo") {
      out.push_back({{text(inst, "Host")},
                     text(inst, "CertId"),
                     true,
                     text(inst, "ZoneId"),
                     text(inst, "Status")});
    } else if (type == "ddos") {
      out.push_back({{text(inst, "InstanceId"), text(inst, "Domain"), text(inst, "VirtualPort")},
                     text(inst, "CertId"),
                     true,
                     {},
                     {}});
    } else if (type == "apigateway") {
      out.push_back({{text(inst, "ServiceId"), text(inst, "Domain")},
                     text(inst, "CertId"),
                     true,
                     text(inst, "ServiceName"),
                     {}});
    } else if (type == "tke") {
      const std::string cluster = text(inst, "ClusterId");
      for (const auto& ns : array(inst, "NamespaceList"))
        for (const auto& secret : array(ns, "SecretList"))
          out.push_back({{cluster, text(ns, "Name"), text(secret, "Name")},
                         text(secret, "CertId"),
                         true,
                         text(inst, "ClusterName"),
                         {}});
    } else if (type == "cos") {
      out.push_back({{text(inst, "Region"), text(inst, "Bucket"), text(inst, "Domain")},
                     text(inst, "CertId"),
                     true,
                     {},
                     text(inst, "Status")});
    } else if (type == "lighthouse") {
      // LighthouseInstanceDetail documents no certificate field; a per-domain CertIds map
      // or a CertId is used when the answer carries one.
      const json* per_domain = field(inst, "CertIds");
      for (const auto& domain : strings(inst, "Domain")) {
        HostInstance h{{text(inst, "InstanceId"), domain},
                       text(inst, "CertId"),
                       field(inst, "CertId") != nullptr,
                       text(inst, "InstanceName"),
                       {}};
        if (per_domain && per_domain->is_object()) {
          h.cert_id = text(*per_domain, domain);
          h.cert_known = true;
        }
        out.push_back(std::move(h));
      }
    }
  }
  return out;
}

bool rollback_status_invalid(const ApiError& e) {
  return e.code_starts_with("FailedOperation.CertificateDeployRollbackStatusInvalid");
}

}  // namespace cloudssl::api
