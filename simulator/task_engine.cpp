#include "simulator/task_engine.h"

#include <algorithm>

#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/instances.h"
#include "simulator/operate_log.h"

namespace cloudssl::sim {

namespace {

enum class Stage { Pending, Running, Due };

Stage stage_of(const World& world, int polls, std::int64_t started_ms) {
  const Settings& s = world.settings;
  if (s.task_ms > 0) {
    std::int64_t elapsed = world.now_ms() - started_ms;
    if (elapsed >= s.task_ms) return Stage::Due;
    return elapsed < s.task_ms / 2 ? Stage::Pending : Stage::Running;
  }
  if (polls <= s.pending_polls) return Stage::Pending;
  if (polls <= s.pending_polls + s.running_polls) return Stage::Running;
  return Stage::Due;
}

// One look at a task or a task item: counted as a poll when `poll`, and its stage now (Due
// when `finish_now`).
template <class Task>
Stage poll_stage(const World& world, Task& task, bool poll, bool finish_now) {
  if (poll) ++task.polls;
  return finish_now ? Stage::Due : stage_of(world, task.polls, task.started_ms);
}

// The outcome of one item: the failure rules decide; the effect goes on the instances.
void finish_item(World& world, TaskItem& item, bool rollback, bool update_family) {
  item.update_time = world.now();
  const FailureRule* failure =
      take_failure(world.settings.failures, item.target, item.resource_type);
  if (failure) {
    item.status = rollback && update_family ? 5 : 2;
    item.error = failure->message;
    return;
  }
  const std::string& to = rollback ? item.old_cert_id : item.cert_id;
  if (!set_slot_certificate(world.state, item.resource_type, item.target, to)) {
    item.status = rollback && update_family ? 5 : 2;
    item.error = "The instance no longer exists.";
    return;
  }
  item.status = rollback && update_family ? 4 : 1;
  item.error.clear();
}

bool advance_items(World& world, std::vector<TaskItem>& items, bool poll, bool finish_now,
                   bool rollback, bool update_family) {
  bool changed = false;
  for (auto& item : items) {
    if (!item_unfinished(item)) continue;
    const Stage st = poll_stage(world, item, poll, finish_now);
    if (st == Stage::Due) {
      finish_item(world, item, rollback, update_family);
      changed = true;
    } else if (st == Stage::Running && item.status != 3) {
      item.status = 3;
      item.update_time = world.now();
      changed = true;
    }
  }
  return changed;
}

}  // namespace

bool item_unfinished(const TaskItem& item) { return item.status == 0 || item.status == 3; }

bool record_unfinished(const DeployRecord& record) {
  return std::any_of(record.items.begin(), record.items.end(), item_unfinished);
}

bool run_unfinished(const UploadUpdateRun& run) {
  return std::any_of(run.items.begin(), run.items.end(), item_unfinished);
}

void start_item(World& world, TaskItem& item) {
  item.status = 0;
  item.error.clear();
  item.polls = 0;
  item.started_ms = world.now_ms();
  item.update_time = world.now();
  if (item.create_time == 0) item.create_time = world.now();
}

bool advance_deploy_record(World& world, DeployRecord& record, bool poll, bool finish_now) {
  bool changed = advance_items(world, record.items, poll, finish_now, record.rollback,
                               record.family == "update");
  if (changed) record.update_time = world.now();
  return changed;
}

int run_status(const UploadUpdateRun& run) {
  if (run.status_override >= 0) return run.status_override;
  bool any_running = false, any_started = false, any_failed = false;
  for (const auto& item : run.items) {
    if (item.status == 3) any_running = any_started = true;
    if (item.status == 0) any_running = true;
    if (item.status == 2) any_failed = true;
    if (item.status != 0) any_started = true;
  }
  if (any_running) return any_started ? 3 : 0;
  if (run.type == 1) return any_failed ? 5 : 4;
  return any_failed ? 2 : 1;
}

int record_status(const DeployRecord& record) {
  if (record_unfinished(record)) return 0;
  bool failed = std::any_of(record.items.begin(), record.items.end(),
                            [](const TaskItem& i) { return i.status == 2 || i.status == 5; });
  return failed ? 2 : 1;
}

bool advance_upload_update_record(World& world, UploadUpdateRecord& record, bool poll,
                                  bool finish_now) {
  if (record.runs.empty()) return false;
  UploadUpdateRun& run = record.runs.back();
  bool changed = false;
  for (auto& item : run.items) {
    if (!item_unfinished(item)) continue;
    const Stage st = poll_stage(world, item, poll, finish_now);
    if (st == Stage::Due) {
      item.update_time = world.now();
      if (const FailureRule* f =
              take_failure(world.settings.failures, item.target, item.resource_type)) {
        item.status = 2;
        item.error = f->message;
      } else {
        item.status = 1;  // the doc's only rollback example shows 1 as well
        item.error.clear();
      }
      changed = true;
    } else if (st == Stage::Running && item.status != 3) {
      item.status = 3;
      item.update_time = world.now();
      changed = true;
    }
  }
  // The content switch (or its undo) happens once the run has a success and is finished.
  if (!run_unfinished(run) && !run.applied) {
    bool any_success = std::any_of(run.items.begin(), run.items.end(),
                                   [](const TaskItem& i) { return i.status == 1; });
    if (any_success) {
      if (Certificate* cert = world.find_certificate(record.old_cert_id)) {
        if (run.type == 0) {
          load_certificate_content(*cert, record.new_public_pem, record.new_private_pem);
        } else {
          load_certificate_content(*cert, record.old_public_pem, record.old_private_pem);
        }
      }
    }
    run.applied = true;
    changed = true;
  }
  if (changed) record.update_time = world.now();
  return changed;
}

bool certificate_is_bound(const World& world, const std::string& cert_id) {
  for (const auto& slot : all_slots(world.state)) {
    if (slot.cert_id == cert_id) return true;
  }
  return false;
}

nlohmann::json bound_resources_snapshot(const World& world, const std::string& cert_id) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& slot : all_slots(world.state)) {
    if (slot.cert_id != cert_id) continue;
    out[slot.resource_type].push_back(
        {{"Target", slot.target},
         {"Region", slot.region},
         {"InstanceIndex", slot.instance_index},
         {"ResourceId", slot.resource_id},
         {"Domains", slot.domains},
         {"Instance", world.state.instances.at(slot.resource_type).at(slot.instance_index)}});
  }
  return out;
}

bool advance_delete_task(World& world, DeleteTask& task, bool poll, bool finish_now) {
  if (task.status != 0) return false;
  if (poll_stage(world, task, poll, finish_now) != Stage::Due) return false;
  task.cache_time = world.now();
  Certificate* cert = world.find_certificate(task.cert_id);
  if (!world.settings.service_role) {
    task.status = 3;
    task.error = "The service role SSL_QCSLinkedRoleInReplaceLoadCertificate is not authorised.";
  } else if (!cert) {
    task.status = 2;
    task.error = "证书不存在";
  } else if (certificate_is_bound(world, task.cert_id)) {
    task.status = 4;
    task.error = "有未解绑的云资源";
  } else {
    task.status = 1;
    task.error.clear();
    world.state.certificates.erase(task.cert_id);
    record_operation(world, task.cert_id, "delete");
  }
  return true;
}

bool advance_bind_task(World& world, BindTask& task, bool poll, bool finish_now) {
  if (task.status != 0) return false;
  if (poll_stage(world, task, poll, finish_now) != Stage::Due) return false;
  task.done_time = world.now();
  if (!world.settings.bind_query_authorised) {
    task.status = 2;
    task.error_code = "FailedOperation.RoleNotFoundAuthorization";
    task.error_message = "The service role is not authorised.";
    return true;
  }
  task.status = 1;
  task.result = bound_resources_snapshot(world, task.cert_id);
  return true;
}

void start_domain_validation(World& world, Certificate& cert, const std::string& method,
                             const std::string& algorithm) {
  const std::string& domain = cert.domain;
  cert.dv = DvState{};
  cert.has_dv = true;
  cert.dv.method = method;
  cert.dv.algorithm = algorithm;
  const std::string token = world.random_hex(32);
  if (method == "FILE") {
    cert.dv.path = "/.well-known/pki-validation/";
    cert.dv.key = "fileauth.txt";
    cert.dv.value = world.random_hex(48);
  } else if (world.settings.dns_record_type == "CNAME") {
    // The shape of the API's CNAME example (DescribeCertificate, DvAuthVerifyType CNAME).
    cert.dv.record_type = "CNAME";
    cert.dv.subdomain = "_" + token;
    cert.dv.key = cert.dv.subdomain + "." + domain;
    cert.dv.value = world.random_hex(32) + "." + world.random_hex(32) + "." + world.random_hex(7) +
                    ".trust-provider.com";
  } else {
    cert.dv.subdomain = "_dnsauth";
    cert.dv.key = "_dnsauth." + domain;
    cert.dv.value = token;
  }
  if (const FailureRule* f = take_failure(world.settings.dv_failures, domain)) {
    cert.dv.fail_message = f->message;
  }
  if (method == "DNS_AUTO") {  // Tencent adds the record itself: validation runs at once
    cert.status = 4;
    cert.status_msg = "PENDING-DCV";
    cert.dv.validated = true;
  } else {
    cert.status = 0;
    cert.status_msg = "PENDING-DCV";
  }
}

void issue_certificate(World& world, Certificate& cert) {
  const std::int64_t now = world.now();
  // Validity as free DV certificates have it: from midnight UTC, for three months.
  const std::int64_t start = now - now % 86400;
  // A paid certificate covers every submitted name for a year (a multi-year order is issued
  // year by year).
  std::vector<std::string> sans;
  if (cert.is_paid) sans.assign(cert.sans.begin(), cert.sans.end());
  const int days = cert.is_paid ? 365 : 90;
  std::string domain = cert.domain;
  if (!cert.csr_pem.empty()) {
    // With an uploaded CSR the certificate carries its key, which stays with its owner.
    load_certificate_content(cert,
                             make_certificate_for_csr(cert.csr_pem, domain, sans, start, days), "");
  } else {
    KeyPair kp = make_self_signed(domain, sans, start, days, cert.dv.algorithm);
    load_certificate_content(cert, kp.certificate_pem, kp.private_key_pem);
  }
  cert.domain = domain;
  cert.extra_auths = nlohmann::json::array();
  cert.status = 1;
  cert.status_msg.clear();  // WAIT-ISSUE was the state before issuance
  cert.validation_passed_time = now;
  record_operation(world, cert.id, "issued", /*by_ca=*/true);
}

bool advance_issuance(World& world, Certificate& cert, bool read, bool finish_now) {
  if (cert.status == 6) {  // a cancelled order: 6 for one read, then 7
    if (read) ++cert.cancel_reads;
    if (!finish_now && cert.cancel_reads <= 1) return false;
    cert.status = 7;
    return true;
  }
  if (!cert.has_dv || (cert.status != 0 && cert.status != 4)) return false;
  if (!cert.dv.validated && !finish_now) return false;
  if (read) ++cert.dv.reads_since_validated;
  // The first issue_polls reads after validation still show the pending status, with the
  // StatusMsg the API documents for it: WAIT-ISSUE, "domain validation passed, awaiting
  // issuance".
  if (!finish_now && cert.dv.reads_since_validated <= world.settings.issue_polls) {
    if (cert.dv.fail_message.empty() && cert.status_msg != "WAIT-ISSUE") {
      cert.status_msg = "WAIT-ISSUE";
      return true;
    }
    return false;
  }
  if (!cert.dv.fail_message.empty()) {
    cert.status = 2;
    cert.status_msg = cert.dv.fail_message;
    return true;
  }
  issue_certificate(world, cert);
  return true;
}

bool advance_revocation(World& world, Certificate& cert, bool read, bool finish_now) {
  if (cert.status != 9) return false;
  if (!cert.revoke_validated && !finish_now) return false;
  if (read) ++cert.revoke_reads;
  if (!finish_now && cert.revoke_reads <= world.settings.issue_polls) return false;
  cert.status = 10;
  cert.status_msg = "";
  cert.revoked_time = world.now();
  record_operation(world, cert.id, "revoked", /*by_ca=*/true);
  return true;
}

bool advance_all(World& world) {
  bool changed = false;
  for (auto& [id, r] : world.state.deploy_records)
    changed |= advance_deploy_record(world, r, false);
  for (auto& [id, r] : world.state.upload_update_records) {
    changed |= advance_upload_update_record(world, r, false);
  }
  for (auto& [id, t] : world.state.delete_tasks) changed |= advance_delete_task(world, t, false);
  for (auto& [id, t] : world.state.bind_tasks) changed |= advance_bind_task(world, t, false);
  return changed;
}

}  // namespace cloudssl::sim
