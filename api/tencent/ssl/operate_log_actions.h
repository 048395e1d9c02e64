// Typed SSL API action for the account's certificate operation log (seed 004,
// DescribeCertificateOperateLogs): one page, and every page of a time window.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/core/client.h"

namespace cloudssl::api {

// One OperationLog.
struct OperationLog {
  std::string action;      // Action: the API's sentence ("用户[uin: …] 删除 证书[id: …]")
  std::string created_on;  // CreatedOn: "yyyy-mm-dd hh:mm:ss", Beijing time
  std::string uin;         // Uin: the account
  std::string sub_account_uin;  // SubAccountUin: who did it ("--" for the CA or the service)
  std::string cert_id;          // CertId
  std::string type;             // Type: apply, delete, download, upload, revoke, ...
};
void from_json(const nlohmann::json& j, OperationLog& l);

struct OperateLogsRequest {
  std::int64_t offset = 0;
  std::int64_t limit = 1000;  // the API treats more as 1000
  std::string start_time;     // "yyyy-mm-dd hh:mm:ss" Beijing time; empty = 15 days ago
  std::string end_time;       // empty = now
};

struct OperateLogsPage {
  std::optional<std::int64_t> all_total;  // AllTotal: the whole window
  std::vector<OperationLog> logs;
};

OperateLogsPage describe_certificate_operate_logs(Client& client, const OperateLogsRequest& r,
                                                  const CallOptions& options = {});

// Every entry of the window: pages until AllTotal is reached, or, when the API leaves it
// out, until a short page.
std::vector<OperationLog> describe_all_certificate_operate_logs(Client& client,
                                                                OperateLogsRequest r,
                                                                const CallOptions& options = {});

}  // namespace cloudssl::api
