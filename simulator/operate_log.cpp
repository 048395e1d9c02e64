// The certificate operation log (see the header).
#include "simulator/operate_log.h"

#include <map>

namespace cloudssl::sim {

namespace {

constexpr const char* kUin = "100000000001";

// The verb of each type in the API's sentences (its examples: 删除, 吊销, 签发).
const std::map<std::string, std::string>& verbs() {
  static const std::map<std::string, std::string> v = {{"apply", "申请免费证书"},
                                                       {"upload", "上传"},
                                                       {"delete", "删除"},
                                                       {"revoke", "吊销"},
                                                       {"revoked", ""},
                                                       {"issued", "签发"},
                                                       {"updateAlias", "更新备注"},
                                                       {"changeProject", "分配项目"},
                                                       {"cancel", "取消订单"},
                                                       {"replace", "重颁发"},
                                                       {"download", "下载"}};
  return v;
}

}  // namespace

void record_operation(World& world, const std::string& cert_id, const std::string& type,
                      bool by_ca) {
  OperateLog log;
  log.time = world.now();
  log.cert_id = cert_id;
  log.type = type;
  log.sub_account = by_ca ? "--" : kUin;
  auto verb = verbs().find(type);
  const std::string what = verb == verbs().end() || verb->second.empty() ? "" : verb->second + " ";
  log.action = "用户[uin: " + log.sub_account + "] " + what + "证书[id: " + cert_id + "]";
  world.state.operate_logs.push_back(std::move(log));
}

void record_action(World& world, const std::string& action, const Params& params,
                   const nlohmann::json& result) {
  static const std::map<std::string, std::string> kTypes = {
      {"ApplyCertificate", "apply"},
      {"UploadCertificate", "upload"},
      {"DeleteCertificate", "delete"},
      {"RevokeCertificate", "revoke"},
      {"ModifyCertificateAlias", "updateAlias"},
      {"CancelCertificateOrder", "cancel"},
      {"ReplaceCertificate", "replace"},
      {"DownloadCertificate", "download"},
      {"ModifyCertificateProject", "changeProject"}};
  auto type = kTypes.find(action);
  if (type == kTypes.end()) return;
  // A checked delete only starts a task: the log has the deletion when it happens.
  if (action == "DeleteCertificate" && !result.value("DeleteResult", false)) return;
  if (action == "ModifyCertificateProject") {
    for (const auto& id : result.value("SuccessCertificates", nlohmann::json::array()))
      if (id.is_string()) record_operation(world, id.get<std::string>(), type->second);
    return;
  }
  std::string id = result.value("CertificateId", "");
  if (id.empty()) id = params.str_or("CertificateId", "");
  if (!id.empty()) record_operation(world, id, type->second);
}

}  // namespace cloudssl::sim
