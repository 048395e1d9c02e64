// DescribeCertificateOperateLogs (see the header).
#include "api/tencent/ssl/operate_log_actions.h"

#include <algorithm>

#include "api/core/json_fields.h"

namespace cloudssl::api {

using nlohmann::json;

void from_json(const json& j, OperationLog& l) {
  l.action = fields::text(j, "Action");
  l.created_on = fields::text(j, "CreatedOn");
  l.uin = fields::text(j, "Uin");
  l.sub_account_uin = fields::text(j, "SubAccountUin");
  l.cert_id = fields::text(j, "CertId");
  l.type = fields::text(j, "Type");
}

OperateLogsPage describe_certificate_operate_logs(Client& client, const OperateLogsRequest& r,
                                                  const CallOptions& options) {
  json request = {{"Offset", r.offset}, {"Limit", r.limit}};
  if (!r.start_time.empty()) request["StartTime"] = r.start_time;
  if (!r.end_time.empty()) request["EndTime"] = r.end_time;
  json response = client.call("DescribeCertificateOperateLogs", request, options);
  OperateLogsPage page;
  page.all_total = fields::integer(response, "AllTotal");
  page.logs = fields::objects<OperationLog>(response, "OperateLogs");
  return page;
}

std::vector<OperationLog> describe_all_certificate_operate_logs(Client& client,
                                                                OperateLogsRequest r,
                                                                const CallOptions& options) {
  constexpr std::int64_t kMaxPage = 1000;
  r.limit = std::clamp<std::int64_t>(r.limit, 1, kMaxPage);
  std::vector<OperationLog> out;
  for (;;) {
    OperateLogsPage page = describe_certificate_operate_logs(client, r, options);
    const auto got = static_cast<std::int64_t>(page.logs.size());
    for (auto& l : page.logs) out.push_back(std::move(l));
    r.offset += got;
    if (got == 0) break;
    if (page.all_total ? r.offset >= *page.all_total : got < r.limit) break;
  }
  return out;
}

}  // namespace cloudssl::api
