// Shared pieces of the deploy and update task families: record lookup, paging, retry of
// failed items, rollback of successful ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/actions/views.h"
#include "simulator/params.h"
#include "simulator/world.h"

namespace cloudssl::sim {

// A DeployRecordId given as Integer or String; nullopt when absent.
std::optional<std::int64_t> record_id_param(const Params& p, const std::string& name);
// The same, required: MissingParameter when absent.
std::int64_t required_record_id(const Params& p, const std::string& name);

// A missing record or record detail, in the code `action` documents: only
// DeployCertificateRecordRollback, DescribeHostDeployRecordDetail and
// DescribeHostUpdateRecordDetail list FailedOperation.CertificateDeployNotExist; the others
// answer FailedOperation.InvalidParam (in every one's list).
[[noreturn]] void throw_record_not_found(const std::string& action, const std::string& message);

// throw_record_not_found unless a record of `family` has this id.
DeployRecord& deploy_record(World& world, std::int64_t id, const std::string& family,
                            const std::string& action);

// The records of `family` that `keep` accepts, newest (highest id) first, as the
// DescribeHost*Record actions list them.
template <class Keep>
std::vector<const DeployRecord*> records_newest_first(const World& world, const std::string& family,
                                                      Keep&& keep) {
  std::vector<const DeployRecord*> out;
  const auto& records = world.state.deploy_records;
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    if (it->second.family == family && keep(it->second)) out.push_back(&it->second);
  }
  return out;
}

// Offset/Limit with a default and a cap (bigger limits are clamped).
Page page_param(const Params& p, std::size_t default_limit, std::size_t max_limit);

// The page of `items` that `page` selects, each item shown by `view`, as a JSON array.
template <class T, class View>
nlohmann::json page_of(const std::vector<T>& items, const Page& page, View&& view) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = page.offset; i < items.size() && list.size() < page.limit; ++i) {
    list.push_back(view(items[i]));
  }
  return list;
}

// Puts failed items (all of the record's, or the one with `detail_id`) back to pending.
// Throws the documented codes when the record is running or nothing is failed.
void retry_failed_items(World& world, std::optional<std::int64_t> record_id,
                        std::optional<std::int64_t> detail_id, const std::string& family,
                        const std::string& action);

// A new rollback record for the successful items of `record`.
DeployRecord& create_rollback(World& world, DeployRecord& record);

TaskItem new_item(World& world, const std::string& resource_type, const std::string& target,
                  const std::string& region, const std::string& cert_id,
                  const std::string& old_cert_id, const nlohmann::json& info);

}  // namespace cloudssl::sim
