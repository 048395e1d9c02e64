// Deployment to cloud resources (docs/design/ssl-api.md §2.4, §3.2): one task per (certificate,
// resource type) at a time, per-target items, retry of failed items, rollback of successful ones.
#include <algorithm>
#include <set>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/instances.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

[[noreturn]] void not_deployable(const std::string& message) {
  throw ApiFailure("FailedOperation.CertificateNotDeployInstance", message);
}

DeployRecord* running_deploy(World& world, const std::string& cert_id, const std::string& type) {
  for (auto& [id, r] : world.state.deploy_records) {
    if (r.family == "deploy" && r.cert_id == cert_id && r.resource_type == type &&
        record_unfinished(r)) {
      return &r;
    }
  }
  return nullptr;
}

json deploy_certificate_instance(World& world, const Params& p, const RequestMeta& meta) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  const std::string type = p.str_or("ResourceType", "clb");
  if (!is_resource_type(type)) {
    throw ApiFailure("FailedOperation.CertificateHostResourceTypeInvalid",
                     "Unsupported resource type `" + type + "`.");
  }
  const auto entries = p.str_list("InstanceIdList", true);
  if (auto status = p.opt_int("Status"); status && *status != -1 && *status != 0 && *status != 1) {
    throw ApiFailure("FailedOperation.InvalidParam", "Status must be -1, 0 or 1.");
  }
  p.opt_int("IsCache");
  if (deploy_requires_region(type) && meta.region.empty()) {
    throw ApiFailure("InvalidParameter.RegionNotEmpty",
                     "Region must not be empty for resource type " + type + ".");
  }
  if (cert.type != "SVR" || effective_status(cert, world.now()) != 1 || !cert.deployable) {
    throw ApiFailure("FailedOperation.CertificateNotAvailable",
                     "The certificate is not available for deployment.");
  }
  if (DeployRecord* running = running_deploy(world, cert.id, type)) {
    return {{"DeployRecordId", running->id}, {"DeployStatus", 0}};
  }
  DeployRecord record;
  std::set<std::string> seen;
  for (const auto& entry : entries) {
    const std::string target = canonical_target(type, entry);
    if (!seen.insert(target).second) continue;
    auto slot = find_slot(world.state, type, target);
    if (!slot ||
        (deploy_requires_region(type) && !slot->region.empty() && slot->region != meta.region)) {
      not_deployable("Instance `" + entry + "` was not found" +
                     (meta.region.empty() ? "." : " in region " + meta.region + "."));
    }
    if (slot->cert_id == cert.id) {
      not_deployable("Instance `" + entry + "` already uses certificate " + cert.id + ".");
    }
    if (slot->https_listener_without_rules) {
      not_deployable("The layer-7 listener `" + entry + "` has no forwarding rules.");
    }
    for (const auto& domain : slot->domains) {
      if (!domain.empty() && !certificate_covers(cert.sans, domain)) {
        not_deployable("Certificate " + cert.id + " does not match domain `" + domain +
                       "` of instance `" + entry + "`.");
      }
    }
    record.items.push_back(
        new_item(world, type, target, slot->region, cert.id, slot->cert_id, slot->info));
  }
  record.id = world.new_record_id();
  record.family = "deploy";
  record.cert_id = cert.id;
  record.resource_type = type;
  record.region = meta.region;
  record.create_time = record.update_time = world.now();
  const std::int64_t id = record.id;
  world.state.deploy_records[id] = std::move(record);
  return {{"DeployRecordId", id}, {"DeployStatus", 1}};
}

json deploy_record_retry(World& world, const Params& p, const RequestMeta& meta) {
  retry_failed_items(world, record_id_param(p, "DeployRecordId"),
                     record_id_param(p, "DeployRecordDetailId"), "deploy", meta.action);
  return json::object();
}

json deploy_record_rollback(World& world, const Params& p, const RequestMeta& meta) {
  const std::int64_t id = required_record_id(p, "DeployRecordId");
  DeployRecord& record = deploy_record(world, id, "deploy", meta.action);
  if (running_deploy(world, record.cert_id, record.resource_type)) {
    throw ApiFailure("FailedOperation.CertificateDeployHasPendingRecord",
                     "A deployment task for this certificate and resource type is running.");
  }
  return {{"DeployRecordId", create_rollback(world, record).id}};
}

json describe_host_deploy_record(World& world, const Params& p, const RequestMeta&) {
  const Certificate& cert = world.certificate(p.str("CertificateId"));
  const Page page = page_param(p, 10, 1000);
  const auto type = p.opt_str("ResourceType");
  if (type && !type->empty() && !is_resource_type(*type)) {
    throw ApiFailure("FailedOperation.CertificateHostResourceTypeInvalid",
                     "Unsupported resource type `" + *type + "`.");
  }
  const auto matches = records_newest_first(world, "deploy", [&](const DeployRecord& r) {
    return r.cert_id == cert.id && (!type || type->empty() || r.resource_type == *type);
  });
  const json list = page_of(matches, page, [](const DeployRecord* r) -> json {
    return {{"Id", r->id},
            {"CertId", r->cert_id},
            {"ResourceType", r->resource_type},
            {"Region", r->region},
            {"Status", record_status(*r)},
            {"CreateTime", beijing_time(r->create_time)},
            {"UpdateTime", beijing_time(r->update_time)}};
  });
  return {{"TotalCount", matches.size()}, {"DeployRecordList", list}};
}

json describe_host_deploy_record_detail(World& world, const Params& p, const RequestMeta& meta) {
  const std::int64_t id = required_record_id(p, "DeployRecordId");
  DeployRecord& record = deploy_record(world, id, "deploy", meta.action);
  const Page page = page_param(p, 10, 200);
  advance_deploy_record(world, record, true);
  const json list = page_of(record.items, page, deploy_item_view);
  const ItemCounts n = count_items(record.items);
  return {{"TotalCount", record.items.size()},
          {"DeployRecordDetailList", list},
          {"SuccessTotalCount", n.success},
          {"FailedTotalCount", n.failed},
          {"RunningTotalCount", n.running}};
}

}  // namespace

void register_deploy_actions(ActionTable& t) {
  t["DeployCertificateInstance"] = {
      {"CertificateId", "InstanceIdList", "ResourceType", "Status", "IsCache"},
      deploy_certificate_instance};
  t["DeployCertificateRecordRetry"] = {{"DeployRecordId", "DeployRecordDetailId"},
                                       deploy_record_retry};
  t["DeployCertificateRecordRollback"] = {{"DeployRecordId"}, deploy_record_rollback};
  t["DescribeHostDeployRecord"] = {
      {"CertificateId", "Offset", "Limit", "ResourceType"}, describe_host_deploy_record, false};
  t["DescribeHostDeployRecordDetail"] = {{"DeployRecordId", "Offset", "Limit"},
                                         describe_host_deploy_record_detail};
}

}  // namespace cloudssl::sim
