// Replacement keeping the certificate ID (docs/design/ssl-api.md §2.6, §3.4), clb only: runs of
// Type 0 (deploy) and Type 1 (rollback) under one record id.
#include <algorithm>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/actions/update_support.h"
#include "simulator/actions/views.h"
#include "simulator/api_failure.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

UploadUpdateRecord& upload_update_record(World& world, std::int64_t id, const std::string& action) {
  auto it = world.state.upload_update_records.find(id);
  if (it == world.state.upload_update_records.end())
    throw_record_not_found(action, "The hosting record " + std::to_string(id) + " does not exist.");
  return it->second;
}

UploadUpdateRecord* running_upload_update(World& world, const std::string& old_cert_id) {
  for (auto& [id, r] : world.state.upload_update_records) {
    if (r.old_cert_id == old_cert_id && !r.runs.empty() && run_unfinished(r.runs.back())) {
      return &r;
    }
  }
  return nullptr;
}

json upload_update_instance(World& world, const Params& p, const RequestMeta&) {
  Certificate& old = world.certificate(p.str("OldCertificateId"));
  const auto types = p.str_list("ResourceTypes", true);
  for (const auto& t : types) {
    if (t != "clb") {
      throw ApiFailure("FailedOperation.CertificateHostResourceTypeInvalid",
                       "Only clb is supported, not `" + t + "`.");
    }
  }
  const std::string pub = p.str("CertificatePublicKey");
  const std::string key = p.str("CertificatePrivateKey");
  const Certificate probe = load_new_certificate(pub, key);
  const TypeRegions regions = type_regions_param(p, types);
  if (UploadUpdateRecord* running = running_upload_update(world, old.id)) {
    return running_answer(running->id, regions);
  }
  const auto targets = bound_targets(world, old.id, regions);
  std::string ckey = "upload_update|" + old.id + "|" + probe.fingerprint;
  for (const auto& [type, rs] : regions) {
    for (const auto& r : rs) ckey += "|" + r;
  }
  if (!creation_ready(world, ckey)) {
    return pending_answer(regions, targets);
  }
  if (targets.empty()) {
    throw ApiFailure("FailedOperation.CertificateDeployInstanceEmpty",
                     "No clb listener in the selected regions uses " + old.id + ".");
  }
  UploadUpdateRecord record;
  record.id = world.new_record_id();
  record.old_cert_id = old.id;
  record.resource_types = types;
  for (const auto& [type, rs] : regions)
    record.regions.insert(record.regions.end(), rs.begin(), rs.end());
  record.new_public_pem = pub;
  record.new_private_pem = key;
  record.old_public_pem = old.public_pem;
  record.old_private_pem = old.private_pem;
  record.create_time = record.update_time = world.now();
  UploadUpdateRun run;
  run.type = 0;
  run.create_time = world.now();
  for (const auto& slot : targets) {
    run.items.push_back(
        new_item(world, slot.resource_type, slot.target, slot.region, old.id, old.id, slot.info));
  }
  record.runs.push_back(std::move(run));
  const std::int64_t id = record.id;
  world.state.upload_update_records[id] = std::move(record);
  return created_answer(id, regions, targets);
}

json upload_update_retry(World& world, const Params& p, const RequestMeta& meta) {
  const auto record_id = record_id_param(p, "DeployRecordId");
  const auto detail_id = record_id_param(p, "DeployRecordDetailId");
  if (!record_id && !detail_id) {
    throw ApiFailure("MissingParameter",
                     "One of DeployRecordId and DeployRecordDetailId is required.");
  }
  UploadUpdateRecord* record = nullptr;
  if (record_id) {
    record = &upload_update_record(world, *record_id, meta.action);
  } else {
    for (auto& [id, r] : world.state.upload_update_records) {
      for (const auto& item : r.runs.back().items) {
        if (item.id == *detail_id) record = &r;
      }
    }
    if (!record) {
      throw_record_not_found(meta.action, "No such record detail.");
    }
  }
  UploadUpdateRun& run = record->runs.back();
  if (run_unfinished(run)) {
    throw ApiFailure("FailedOperation.CertificateDeployHasPendingRecord",
                     "The task is still running; retry after it finishes.");
  }
  int retried = 0;
  for (auto& item : run.items) {
    if (item.status != 2 || (detail_id && item.id != *detail_id)) continue;
    start_item(world, item);
    ++retried;
  }
  if (retried == 0) {
    throw ApiFailure("FailedOperation.CertificateDeployRetryStatusInvalid",
                     "Only failed details can be retried.");
  }
  run.applied = false;  // the content switch happens again once the retried items succeed
  return json::object();
}

json upload_update_rollback(World& world, const Params& p, const RequestMeta& meta) {
  UploadUpdateRecord& record =
      upload_update_record(world, required_record_id(p, "DeployRecordId"), meta.action);
  const UploadUpdateRun& last = record.runs.back();
  if (run_unfinished(last)) {
    throw ApiFailure("FailedOperation.CertificateDeployDetailRollbackStatusInvalid",
                     "The record must be finished before it can be rolled back.");
  }
  if (last.type != 0 || std::none_of(last.items.begin(), last.items.end(),
                                     [](const TaskItem& i) { return i.status == 1; })) {
    throw ApiFailure("FailedOperation.CertificateDeployRollbackStatusInvalid",
                     "There is no successful deployment to roll back.");
  }
  UploadUpdateRun run;
  run.type = 1;
  run.create_time = world.now();
  for (const auto& item : last.items) {
    if (item.status != 1) continue;
    run.items.push_back(new_item(world, item.resource_type, item.target, item.region, item.cert_id,
                                 item.old_cert_id, item.info));
  }
  record.runs.push_back(std::move(run));
  record.update_time = world.now();
  return json::object();
}

json describe_upload_update_record(World& world, const Params& p, const RequestMeta&) {
  const Page page = page_param(p, 10, 1000);
  const auto old_id = p.opt_str("OldCertificateId");
  std::vector<const UploadUpdateRecord*> matches;
  for (auto it = world.state.upload_update_records.rbegin();
       it != world.state.upload_update_records.rend(); ++it) {
    if (old_id && !old_id->empty() && it->second.old_cert_id != *old_id) continue;
    matches.push_back(&it->second);
  }
  const json list = page_of(matches, page, [](const UploadUpdateRecord* r) -> json {
    return {{"Id", r->id},
            {"OldCertId", r->old_cert_id},
            {"ResourceTypes", r->resource_types},
            {"Status", run_status(r->runs.back())},
            {"CreateTime", beijing_time(r->create_time)},
            {"UpdateTime", beijing_time(r->update_time)}};
  });
  return {{"TotalCount", matches.size()}, {"DeployRecordList", list}};
}

json describe_upload_update_record_detail(World& world, const Params& p, const RequestMeta& meta) {
  UploadUpdateRecord& record =
      upload_update_record(world, required_record_id(p, "DeployRecordId"), meta.action);
  const Page page = page_param(p, 10, 200);
  advance_upload_update_record(world, record, true);
  json runs = json::array();
  for (const auto& run : record.runs) {
    const json list = page_of(run.items, page, upload_update_item_view);
    const ItemCounts n = count_items(run.items);
    runs.push_back({{"TotalCount", run.items.size()},
                    {"SuccessTotalCount", n.success},
                    {"FailedTotalCount", n.failed},
                    {"RunningTotalCount", n.running},
                    {"Type", run.type},
                    {"RecordDetailList", json::array({{{"ResourceType", "clb"},
                                                       {"List", list},
                                                       {"TotalCount", run.items.size()}}})},
                    {"Status", run_status(run)},
                    {"CreateTime", beijing_time(run.create_time)}});
  }
  return {{"DeployRecordDetail", runs}};
}

}  // namespace

void register_upload_update_actions(ActionTable& t) {
  t["UploadUpdateCertificateInstance"] = {
      {"OldCertificateId", "ResourceTypes", "CertificatePublicKey", "CertificatePrivateKey",
       "ResourceTypesRegions"},
      upload_update_instance};
  t["UploadUpdateCertificateRecordRetry"] = {{"DeployRecordId", "DeployRecordDetailId"},
                                             upload_update_retry};
  t["UploadUpdateCertificateRecordRollback"] = {{"DeployRecordId"}, upload_update_rollback};
  t["DescribeHostUploadUpdateRecord"] = {
      {"Offset", "Limit", "OldCertificateId"}, describe_upload_update_record, false};
  t["DescribeHostUploadUpdateRecordDetail"] = {{"DeployRecordId", "Limit", "Offset"},
                                               describe_upload_update_record_detail};
}

}  // namespace cloudssl::sim
