// Replacement with a new certificate ID (docs/design/ssl-api.md §2.5, §3.3):
// UpdateCertificateInstance's creation loop, per-target items grouped by resource type, retry and
// rollback.
#include <algorithm>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/actions/update_support.h"
#include "simulator/actions/views.h"
#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

DeployRecord* running_update(World& world, const std::string& old_cert_id) {
  for (auto& [id, r] : world.state.deploy_records) {
    if (r.family == "update" && r.old_cert_id == old_cert_id && record_unfinished(r)) return &r;
  }
  return nullptr;
}

// The new certificate given inline: parsed and checked now, stored when the record is made.
Certificate inline_certificate(World& world, const Params& p) {
  const auto pub = p.str_or("CertificatePublicKey", "");
  const auto key = p.str_or("CertificatePrivateKey", "");
  if (pub.empty() || key.empty()) {
    throw ApiFailure("MissingParameter",
                     "Give CertificateId, or both CertificatePublicKey and CertificatePrivateKey.");
  }
  Certificate cert = load_new_certificate(pub, key);
  cert.type = "SVR";
  cert.from = "upload";
  cert.status = 1;
  cert.insert_time = world.now();
  cert.project_id = p.int_or("ProjectId", 0);
  cert.tags = tags_from(p.raw("Tags"));
  cert.allow_download = p.opt_bool("AllowDownload").value_or(true);
  return cert;
}

json update_certificate_instance(World& world, const Params& p, const RequestMeta&) {
  Certificate& old = world.certificate(p.str("OldCertificateId"));
  const std::string old_id = old.id;
  const auto types = p.str_list("ResourceTypes", true);
  for (const auto& t : types) {
    if (!is_resource_type(t) || t == "lighthouse") {
      throw ApiFailure("FailedOperation.CertificateHostResourceTypeInvalid",
                       "Unsupported resource type `" + t + "`.");
    }
  }
  const auto notify = p.opt_int("ExpiringNotificationSwitch");
  if (notify && *notify != 0 && *notify != 1) {
    throw ApiFailure("InvalidParameterValue", "ExpiringNotificationSwitch must be 0 or 1.");
  }
  const TypeRegions regions = type_regions_param(p, types);

  std::string new_key;  // identifies the new certificate in the creation key
  Certificate uploaded;
  const bool inline_upload = p.str_or("CertificateId", "").empty();
  if (!inline_upload) {
    const Certificate& cert = world.certificate(p.str("CertificateId"));
    if (effective_status(cert, world.now()) != 1 || cert.type != "SVR") {
      throw ApiFailure("FailedOperation.CertificateNotAvailable",
                       "The new certificate is not available.");
    }
    new_key = cert.id;
  } else {
    uploaded = inline_certificate(world, p);
    new_key = uploaded.fingerprint;
  }

  if (DeployRecord* running = running_update(world, old_id)) {
    return running_answer(running->id, regions);
  }
  const auto targets = bound_targets(world, old_id, regions);
  std::string key = "update|" + old_id + "|" + new_key;
  for (const auto& [type, rs] : regions) {
    key += "|" + type;
    for (const auto& r : rs) key += ":" + r;
  }
  if (!creation_ready(world, key)) {
    return pending_answer(regions, targets);
  }
  if (targets.empty()) {
    throw ApiFailure("FailedOperation.CertificateDeployInstanceEmpty",
                     "The selected resource types have no instance bound to " + old_id + ".");
  }
  std::string new_id;
  if (inline_upload) {
    if (!p.opt_bool("Repeatable").value_or(true)) {
      for (const auto& [id, c] : world.state.certificates) {
        if (c.fingerprint == uploaded.fingerprint) {
          throw ApiFailure("FailedOperation.CertificateExists",
                           "An identical certificate already exists: " + id);
        }
      }
    }
    uploaded.id = world.new_certificate_id();
    new_id = uploaded.id;
    world.state.certificates[new_id] = std::move(uploaded);
  } else {
    new_id = new_key;
  }
  if (notify && *notify == 1) world.certificate(old_id).is_ignore = true;

  DeployRecord record;
  record.id = world.new_record_id();
  record.family = "update";
  record.cert_id = new_id;
  record.old_cert_id = old_id;
  for (const auto& [type, rs] : regions) {
    record.resource_types.push_back(type);
    for (const auto& r : rs) {
      if (std::find(record.regions.begin(), record.regions.end(), r) == record.regions.end()) {
        record.regions.push_back(r);
      }
    }
  }
  record.create_time = record.update_time = world.now();
  for (const auto& slot : targets) {
    record.items.push_back(
        new_item(world, slot.resource_type, slot.target, slot.region, new_id, old_id, slot.info));
  }
  const std::int64_t id = record.id;
  world.state.deploy_records[id] = std::move(record);
  return created_answer(id, regions, targets);
}

json update_record_retry(World& world, const Params& p, const RequestMeta& meta) {
  retry_failed_items(world, record_id_param(p, "DeployRecordId"),
                     record_id_param(p, "DeployRecordDetailId"), "update", meta.action);
  return json::object();
}

json update_record_rollback(World& world, const Params& p, const RequestMeta& meta) {
  const std::int64_t id = required_record_id(p, "DeployRecordId");
  DeployRecord& record = deploy_record(world, id, "update", meta.action);
  if (DeployRecord* running = running_update(world, record.old_cert_id);
      running && running->id != record.id) {
    throw ApiFailure("FailedOperation.CertificateDeployHasPendingRecord",
                     "An update task for this certificate is running.");
  }
  return {{"DeployRecordId", create_rollback(world, record).id}};
}

json describe_host_update_record(World& world, const Params& p, const RequestMeta&) {
  const Page page = page_param(p, 10, 1000);
  const auto cert_id = p.opt_str("CertificateId");
  const auto old_id = p.opt_str("OldCertificateId");
  const auto matches = records_newest_first(world, "update", [&](const DeployRecord& r) {
    return (!cert_id || cert_id->empty() || r.cert_id == *cert_id) &&
           (!old_id || old_id->empty() || r.old_cert_id == *old_id);
  });
  const json list = page_of(matches, page, [](const DeployRecord* r) -> json {
    return {{"Id", r->id},
            {"CertId", r->cert_id},
            {"OldCertId", r->old_cert_id},
            {"ResourceTypes", r->resource_types},
            {"Regions", r->regions},
            {"Status", record_status(*r)},
            {"CreateTime", beijing_time(r->create_time)},
            {"UpdateTime", beijing_time(r->update_time)}};
  });
  return {{"TotalCount", matches.size()}, {"DeployRecordList", list}};
}

json describe_host_update_record_detail(World& world, const Params& p, const RequestMeta& meta) {
  const std::int64_t id = required_record_id(p, "DeployRecordId");
  DeployRecord& record = deploy_record(world, id, "update", meta.action);
  const Page page = page_param(p, 10, 200);
  advance_deploy_record(world, record, true);
  json groups = json::array();
  std::vector<std::string> types;
  for (const auto& item : record.items) {
    if (std::find(types.begin(), types.end(), item.resource_type) == types.end()) {
      types.push_back(item.resource_type);
    }
  }
  for (const auto& type : types) {
    json list = json::array();
    std::size_t total = 0;
    for (const auto& item : record.items) {
      if (item.resource_type != type) continue;
      if (total >= page.offset && list.size() < page.limit) list.push_back(update_item_view(item));
      ++total;
    }
    groups.push_back({{"ResourceType", type}, {"List", list}, {"TotalCount", total}});
  }
  const ItemCounts n = count_items(record.items);
  return {{"TotalCount", record.items.size()},
          {"RecordDetailList", groups},
          {"SuccessTotalCount", n.success},
          {"FailedTotalCount", n.failed},
          {"RunningTotalCount", n.running}};
}

}  // namespace

void register_update_actions(ActionTable& t) {
  t["UpdateCertificateInstance"] = {
      {"OldCertificateId", "ResourceTypes", "CertificateId", "ResourceTypesRegions",
       "CertificatePublicKey", "CertificatePrivateKey", "ExpiringNotificationSwitch", "Repeatable",
       "AllowDownload", "Tags", "ProjectId", "Regions"},
      update_certificate_instance};
  t["UpdateCertificateRecordRetry"] = {{"DeployRecordId", "DeployRecordDetailId"},
                                       update_record_retry};
  t["UpdateCertificateRecordRollback"] = {{"DeployRecordId"}, update_record_rollback};
  t["DescribeHostUpdateRecord"] = {
      {"Offset", "Limit", "CertificateId", "OldCertificateId"}, describe_host_update_record, false};
  t["DescribeHostUpdateRecordDetail"] = {{"DeployRecordId", "Limit", "Offset"},
                                         describe_host_update_record_detail};
}

}  // namespace cloudssl::sim
