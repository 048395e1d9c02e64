#include "simulator/actions/record_helpers.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "simulator/api_failure.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

std::optional<std::int64_t> record_id_param(const Params& p, const std::string& name) {
  auto text = p.opt_str_or_int(name);
  if (!text) return std::nullopt;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || ptr != text->data() + text->size()) {
    throw ApiFailure("InvalidParameterValue", name + " must be a record id.");
  }
  return id;
}

std::int64_t required_record_id(const Params& p, const std::string& name) {
  auto id = record_id_param(p, name);
  if (!id) {
    throw ApiFailure("MissingParameter",
                     "The request is missing a required parameter `" + name + "`.");
  }
  return *id;
}

void throw_record_not_found(const std::string& action, const std::string& message) {
  static const std::set<std::string> kDocumented = {"DeployCertificateRecordRollback",
                                                    "DescribeHostDeployRecordDetail",
                                                    "DescribeHostUpdateRecordDetail"};
  throw ApiFailure(kDocumented.count(action) ? "FailedOperation.CertificateDeployNotExist"
                                             : "FailedOperation.InvalidParam",
                   message);
}

DeployRecord& deploy_record(World& world, std::int64_t id, const std::string& family,
                            const std::string& action) {
  auto it = world.state.deploy_records.find(id);
  if (it == world.state.deploy_records.end() || it->second.family != family)
    throw_record_not_found(action,
                           "The deployment record " + std::to_string(id) + " does not exist.");
  return it->second;
}

Page page_param(const Params& p, std::size_t default_limit, std::size_t max_limit) {
  auto to_size = [&](const std::string& name, std::size_t fallback) -> std::size_t {
    auto v = p.opt_str_or_int(name);
    if (!v || v->empty()) return fallback;
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || ptr != v->data() + v->size() || n < 0) {
      throw ApiFailure("InvalidParameterValue", name + " must be a non-negative integer.");
    }
    return static_cast<std::size_t>(n);
  };
  Page page;
  page.offset = to_size("Offset", 0);
  page.limit = std::min(to_size("Limit", default_limit), max_limit);
  return page;
}

void retry_failed_items(World& world, std::optional<std::int64_t> record_id,
                        std::optional<std::int64_t> detail_id, const std::string& family,
                        const std::string& action) {
  if (!record_id && !detail_id) {
    throw ApiFailure("MissingParameter",
                     "One of DeployRecordId and DeployRecordDetailId is required.");
  }
  DeployRecord* record = nullptr;
  if (record_id) {
    record = &deploy_record(world, *record_id, family, action);
  } else {
    for (auto& [id, r] : world.state.deploy_records) {
      if (r.family != family) continue;
      for (const auto& item : r.items) {
        if (item.id == *detail_id) record = &r;
      }
    }
    if (!record) throw_record_not_found(action, "The deployment detail does not exist.");
  }
  if (record_unfinished(*record)) {
    throw ApiFailure("FailedOperation.CertificateDeployHasPendingRecord",
                     "The deployment task is still running; retry after it finishes.");
  }
  int retried = 0;
  for (auto& item : record->items) {
    if (detail_id && item.id != *detail_id) continue;
    if (item.status != 2) continue;
    start_item(world, item);
    ++retried;
  }
  if (retried == 0) {
    throw ApiFailure("FailedOperation.CertificateDeployRetryStatusInvalid",
                     "Only failed deployment details can be retried.");
  }
  record->update_time = world.now();
}

TaskItem new_item(World& world, const std::string& resource_type, const std::string& target,
                  const std::string& region, const std::string& cert_id,
                  const std::string& old_cert_id, const nlohmann::json& info) {
  TaskItem item;
  item.id = world.new_item_id();
  item.resource_type = resource_type;
  item.target = target;
  item.region = region;
  item.cert_id = cert_id;
  item.old_cert_id = old_cert_id;
  item.info = info;
  start_item(world, item);
  return item;
}

DeployRecord& create_rollback(World& world, DeployRecord& record) {
  if (record_unfinished(record)) {
    throw ApiFailure("FailedOperation.CertificateDeployDetailRollbackStatusInvalid",
                     "The record must be finished before it can be rolled back.");
  }
  // A rollback names the record's family, certificates and targets; its items are the
  // successful ones of the record.
  DeployRecord rb = record;
  rb.id = world.new_record_id();
  rb.rollback = true;
  rb.origin_id = record.id;
  rb.items.clear();
  rb.create_time = rb.update_time = world.now();
  for (const auto& item : record.items) {
    if (item.status != 1) continue;
    rb.items.push_back(new_item(world, item.resource_type, item.target, item.region, item.cert_id,
                                item.old_cert_id, item.info));
  }
  if (rb.items.empty()) {
    throw ApiFailure("FailedOperation.CertificateDeployRollbackStatusInvalid",
                     "The record has no successful deployment to roll back.");
  }
  auto [it, inserted] = world.state.deploy_records.emplace(rb.id, std::move(rb));
  return it->second;
}

}  // namespace cloudssl::sim
