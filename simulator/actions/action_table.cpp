#include "simulator/actions/action_table.h"

#include <set>

namespace cloudssl::sim {

ActionTable make_action_table() {
  ActionTable table;
  register_certificate_actions(table);
  register_issuance_actions(table);
  register_delete_actions(table);
  register_deploy_actions(table);
  register_update_actions(table);
  register_upload_update_actions(table);
  register_bind_resource_actions(table);
  register_instance_list_actions(table);
  register_download_actions(table);
  register_revoke_actions(table);
  register_reissue_actions(table);
  register_operate_log_actions(table);
  register_paid_actions(table);
  return table;
}

int documented_rate_limit(const std::string& action) {
  static const std::set<std::string> fast = {"CheckCertificateChain",
                                             "DescribeHostUploadUpdateRecord",
                                             "UploadUpdateCertificateInstance",
                                             "UploadUpdateCertificateRecordRetry",
                                             "UploadUpdateCertificateRecordRollback",
                                             "DescribeHostUploadUpdateRecordDetail",
                                             "ModifyResourceTags",
                                             // Volcengine: 20 per second per tenant (seed 003).
                                             "CertificateGetInstance"};
  return fast.count(action) ? 20 : 10;
}

}  // namespace cloudssl::sim
