// DescribeCertificateOperateLogs (seed 004): the operation log in a time window (StartTime
// default 15 days ago, EndTime default now, both Beijing time "yyyy-mm-dd hh:mm:ss"), newest
// first, paged by Offset/Limit (default 20, at most 1000). AllTotal counts the window,
// TotalCount this page.
#include <stdexcept>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/api_failure.h"
#include "simulator/sim_clock.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

std::int64_t time_param(const Params& p, const std::string& name, std::int64_t fallback) {
  const std::string text = p.str_or(name, "");
  if (text.empty()) return fallback;
  try {
    return parse_beijing_time(text);
  } catch (const std::invalid_argument&) {
    throw ApiFailure("InvalidParameterValue", name + " must be yyyy-mm-dd hh:mm:ss.");
  }
}

json describe_operate_logs(World& world, const Params& p, const RequestMeta&) {
  const Page page = page_param(p, 20, 1000);
  const std::int64_t now = world.now();
  const std::int64_t start = time_param(p, "StartTime", now - 15 * 86400);
  const std::int64_t end = time_param(p, "EndTime", now);
  json all = json::array();
  const auto& logs = world.state.operate_logs;
  for (auto it = logs.rbegin(); it != logs.rend(); ++it) {
    if (it->time < start || it->time > end) continue;
    all.push_back({{"Action", it->action},
                   {"CreatedOn", beijing_time(it->time)},
                   {"Uin", "100000000001"},
                   {"SubAccountUin", it->sub_account},
                   {"CertId", it->cert_id},
                   {"Type", it->type}});
  }
  json out = json::array();
  for (std::size_t i = page.offset; i < all.size() && out.size() < page.limit; ++i)
    out.push_back(all[i]);
  return {{"AllTotal", all.size()}, {"TotalCount", out.size()}, {"OperateLogs", out}};
}

}  // namespace

void register_operate_log_actions(ActionTable& t) {
  t["DescribeCertificateOperateLogs"] = {
      {"Offset", "Limit", "StartTime", "EndTime"}, describe_operate_logs, false};
}

}  // namespace cloudssl::sim
