// Deletion: synchronous, checked (async task) and bulk (docs/design/ssl-api.md §2.1, §3.5).
#include "simulator/actions/action_table.h"
#include "simulator/api_failure.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

// Throws when a plain delete is refused. It does not look at bindings: without
// IsCheckResource (DeleteCertificate) or IsSync (DeleteCertificates) the API documents
// "默认不检查", so a certificate still bound to cloud resources is deleted.
void check_deletable(World& world, const Certificate& cert) {
  if (cert.has_dv && (cert.status == 0 || cert.status == 4) &&
      world.now() - cert.insert_time < 3600) {
    throw ApiFailure("FailedOperation.CannotBeDeletedWithinHour",
                     "A free certificate cannot be deleted within one hour of its application.");
  }
}

std::string start_delete_task(World& world, const Certificate& cert) {
  if (!world.settings.service_role) {
    throw ApiFailure("FailedOperation.RoleNotFoundAuthorization",
                     "Authorise the service role SSL_QCSLinkedRoleInReplaceLoadCertificate.");
  }
  DeleteTask task;
  task.id = world.new_task_id();
  task.cert_id = cert.id;
  task.domains = cert.sans;
  task.started_ms = world.now_ms();
  task.cache_time = world.now();
  const std::string id = task.id;
  world.state.delete_tasks[id] = std::move(task);
  return id;
}

json delete_certificate(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  // DeleteCertificate documents CannotBeDeletedWithinHour whatever IsCheckResource says.
  check_deletable(world, cert);
  if (p.opt_bool("IsCheckResource").value_or(false)) {
    return {{"DeleteResult", false}, {"TaskId", start_delete_task(world, cert)}};
  }
  world.state.certificates.erase(cert.id);
  return {{"DeleteResult", true}, {"TaskId", nullptr}};
}

json delete_certificates(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("CertificateIds", true);
  if (ids.size() > 100) {
    throw ApiFailure("FailedOperation.CertificateSyncTaskCertificateIdCountInvalid",
                     "At most 100 certificate ids.");
  }
  const bool async = p.opt_bool("IsSync").value_or(false);  // sic: IsSync turns async on
  json success = json::array(), fail = json::array(), tasks = json::array();
  for (const auto& id : ids) {
    Certificate* cert = world.find_certificate(id);
    if (!cert) {
      fail.push_back({{"CertId", id}, {"Msg", "证书不存在"}});
      continue;
    }
    if (async) {
      tasks.push_back({{"CertId", id}, {"TaskId", start_delete_task(world, *cert)}});
      continue;
    }
    try {
      check_deletable(world, *cert);
      world.state.certificates.erase(id);
      success.push_back(id);
    } catch (const ApiFailure& e) {
      fail.push_back({{"CertId", id}, {"Msg", e.what()}});
    }
  }
  return {{"Success", success}, {"Fail", fail}, {"CertTaskIds", tasks}};
}

json describe_delete_results(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("TaskIds", true);
  if (ids.size() > 100) throw ApiFailure("FailedOperation", "At most 100 task ids.");
  json out = json::array();
  for (const auto& id : ids) {
    auto it = world.state.delete_tasks.find(id);
    if (it == world.state.delete_tasks.end()) continue;
    DeleteTask& task = it->second;
    advance_delete_task(world, task, true);
    out.push_back({{"TaskId", task.id},
                   {"CertId", task.cert_id},
                   {"Status", task.status},
                   {"Error", task.error},
                   {"CacheTime", beijing_time(task.cache_time)},
                   {"Domains", task.domains}});
  }
  return {{"DeleteTaskResult", out}};
}

}  // namespace

void register_delete_actions(ActionTable& t) {
  t["DeleteCertificate"] = {{"CertificateId", "IsCheckResource"}, delete_certificate};
  t["DeleteCertificates"] = {{"CertificateIds", "IsSync"}, delete_certificates};
  t["DescribeDeleteCertificatesTaskResult"] = {{"TaskIds"}, describe_delete_results};
}

}  // namespace cloudssl::sim
