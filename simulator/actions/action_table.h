// The SSL API actions the simulator answers: each has its documented parameter names (others
// are refused with UnknownParameter) and a handler that returns the Response members (without
// RequestId). Handlers run under the Simulator's state mutex.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/params.h"
#include "simulator/world.h"

namespace cloudssl::sim {

struct RequestMeta {
  std::string action;
  std::string region;  // X-TC-Region, "" when absent
  std::string request_id;
  std::string host;  // the Host header, for links the simulator serves itself
};

using ActionHandler = std::function<nlohmann::json(World&, const Params&, const RequestMeta&)>;

struct ActionSpec {
  std::vector<std::string> params;
  ActionHandler run;
  bool mutates = true;  // persisted after the call
};

using ActionTable = std::map<std::string, ActionSpec>;

void register_certificate_actions(ActionTable& table);
void register_issuance_actions(ActionTable& table);
void register_delete_actions(ActionTable& table);
void register_deploy_actions(ActionTable& table);
void register_update_actions(ActionTable& table);
void register_upload_update_actions(ActionTable& table);
void register_bind_resource_actions(ActionTable& table);
void register_instance_list_actions(ActionTable& table);
void register_download_actions(ActionTable& table);
void register_revoke_actions(ActionTable& table);
void register_reissue_actions(ActionTable& table);
void register_operate_log_actions(ActionTable& table);
void register_paid_actions(ActionTable& table);

ActionTable make_action_table();

// The Tag API (Version 2018-08-13, service "tag"), served on the same port: the actions that
// change certificate tags (tag_actions.cpp).
void register_tag_actions(ActionTable& table);
ActionTable make_tag_action_table();

// Documented per-action rate limit (docs/design/ssl-api.md §1.9): 20/s for six actions, else 10/s;
// the Tag API's ModifyResourceTags: 20/s (its doc); Volcengine's CertificateGetInstance: 20/s
// per tenant (seed 003).
int documented_rate_limit(const std::string& action);

}  // namespace cloudssl::sim
