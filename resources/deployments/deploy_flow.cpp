#include "resources/deployments/deploy_flow.h"

#include <algorithm>
#include <set>

#include "api/core/api_error.h"
#include "provider/log/logger.h"
#include "resources/common/call_options.h"

namespace cloudssl::deployments {

namespace {

bool is_success(std::int64_t status) {
  return status == api::record_status::kSuccess || status == api::record_status::kNoResource;
}
bool is_failure(std::int64_t status) {
  return status == api::record_status::kFailed || status == api::record_status::kRollbackFailed;
}

// The newest item of the record about this target (a retried item may appear again).
const api::RecordDetail* detail_for(const Target& t, std::string_view region,
                                    const api::RecordProgress& progress) {
  const api::RecordDetail* found = nullptr;
  for (const auto& d : progress.details)
    if (detail_matches(t, region, d) && (!found || d.id >= found->id)) found = &d;
  return found;
}

void tell(const DeploySession& s, const std::string& text) {
  if (s.on_progress) s.on_progress(text);
}

class TypeRun {
 public:
  TypeRun(const DeploySession& s, const std::string& type, const std::vector<Target>& targets)
      : s_(s) {
    out_.type = type;
    for (const auto& t : targets) {
      TargetResult r;
      r.target = t;
      out_.results.push_back(std::move(r));
    }
  }

  std::vector<std::size_t> pending() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < out_.results.size(); ++i)
      if (out_.results[i].state == TargetState::Pending) out.push_back(i);
    return out;
  }

  // Waits for a record; false when interrupted (pending targets then wait on it).
  bool wait(std::int64_t record_id, api::RecordProgress& progress) {
    out_.record_id = record_id;
    auto w =
        wait_for_record(s_.client, RecordKind::Deploy, record_id, s_.ctx, s_.poll, s_.on_progress);
    progress = std::move(w.progress);
    if (w.outcome == api::PollOutcome::Done) return true;
    interrupt(record_id, w.outcome == api::PollOutcome::Cancelled);
    return false;
  }

  void interrupt(std::int64_t record_id, bool cancelled) {
    out_.interrupted = true;
    out_.cancelled = cancelled;
    for (auto i : pending()) out_.results[i].record_id = record_id;
  }

  // Takes the results of a finished record for the targets still pending. `ours`: the record
  // was created for exactly these targets, so a target it does not list is judged by the
  // record's totals.
  void absorb(std::int64_t record_id, const api::RecordProgress& progress, bool ours) {
    for (auto i : pending()) {
      auto& r = out_.results[i];
      if (const auto* d = detail_for(r.target, s_.region, progress)) {
        if (is_success(d->status)) {
          r = {r.target, TargetState::Deployed, record_id, d->id, {}};
        } else if (is_failure(d->status)) {
          r = {r.target, TargetState::Failed, record_id, d->id,
               d->error_msg.empty() ? "deployment failed" : d->error_msg};
        }
      } else if (ours) {
        if (progress.failed_total_count == 0)
          r = {r.target, TargetState::Deployed, record_id, 0, {}};
        else
          r = {r.target, TargetState::Failed, record_id, 0,
               "the deploy record did not report this target"};
      }
    }
  }

  void fail_pending(const std::string& message) {
    for (auto i : pending()) {
      auto& r = out_.results[i];
      r.state = TargetState::Failed;
      r.message = message;
    }
  }

  TypeOutcome& outcome() { return out_; }
  const DeploySession& session() const { return s_; }

 private:
  const DeploySession& s_;
  TypeOutcome out_;
};

// The unfinished record of this certificate and type, found through DescribeHostDeployRecord
// (for CertificateDeployHasPendingRecord, which carries no record id).
std::int64_t running_record(const DeploySession& s, const std::string& type) {
  auto list = api::describe_host_deploy_record(s.client, s.certificate_id, type, 0, 10,
                                               common::call_options(s.ctx));
  for (const auto& r : list.records)
    if (r.status == 0 && (r.resource_type.empty() || r.resource_type == type)) return r.id;
  return 0;
}

}  // namespace

std::vector<std::optional<bool>> held_by(const DeploySession& s, const std::string& type,
                                         const std::vector<Target>& targets) {
  std::vector<std::optional<bool>> out(targets.size());
  if (api::host_instance_list_action(type).empty() || targets.empty()) return out;
  api::HostInstanceListRequest request;
  request.resource_type = type;
  request.certificate_id = s.certificate_id;
  request.use_cache = false;  // drift detection needs the truth, not a 30-minute snapshot
  const auto listing =
      api::describe_host_instance_list(s.client, request, common::call_options(s.ctx));
  const auto instances = api::flatten_host_instances(type, listing.instances);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto it = std::find_if(instances.begin(), instances.end(), [&](const api::HostInstance& h) {
      return instance_matches(targets[i], s.region, h);
    });
    if (it == instances.end())
      out[i] = false;  // not listed: gone, or no longer matching the certificate
    else if (it->cert_known)
      out[i] = it->cert_id == s.certificate_id;
  }
  return out;
}

TypeOutcome deploy_type(const DeploySession& s, const std::string& type,
                        const std::vector<Target>& targets, const Carried& carried) {
  TypeRun run(s, type, targets);
  if (targets.empty()) return std::move(run.outcome());

  auto guard = s.locks.acquire(s.certificate_id, type, s.ctx.cancel, s.ctx.deadline);
  if (!guard.owns()) {
    run.interrupt(carried.running_record_id, s.ctx.cancel.cancelled());
    return std::move(run.outcome());
  }
  api::RecordProgress progress;

  // 1. A record an interrupted apply left running: wait for it instead of deploying again.
  if (carried.running_record_id > 0) {
    tell(s, type + ": waiting for deploy record " + std::to_string(carried.running_record_id) +
                " left running by an earlier run");
    if (!run.wait(carried.running_record_id, progress)) return std::move(run.outcome());
    run.absorb(carried.running_record_id, progress, false);
  }

  // 2. Targets that already hold the certificate need nothing (and the API would refuse them).
  {
    auto pending = run.pending();
    std::vector<Target> ask;
    for (auto i : pending) ask.push_back(targets[i]);
    const auto held = held_by(s, type, ask);
    for (std::size_t k = 0; k < pending.size(); ++k) {
      if (held[k].value_or(false)) {
        auto& r = run.outcome().results[pending[k]];
        tell(s, describe(r.target) + ": already holds the certificate");
        r.state = TargetState::Deployed;
        r.message.clear();
      }
    }
  }

  // 3. Failed items of an earlier record: rerun them in place (DeployCertificateRecordRetry).
  std::map<std::int64_t, std::vector<std::int64_t>> retries;  // record → detail ids
  for (auto i : run.pending()) {
    auto it = carried.failed.find(target_key(targets[i], s.region));
    if (it != carried.failed.end() && it->second.first > 0 && it->second.second > 0)
      retries[it->second.first].push_back(it->second.second);
  }
  for (const auto& [record_id, details] : retries) {
    bool retried = false;
    for (auto detail_id : details) {
      try {
        api::deploy_certificate_record_retry(s.client, std::nullopt, detail_id,
                                             common::call_options(s.ctx));
        retried = true;
      } catch (const api::ApiError& e) {
        if (e.error_class() == api::ErrorClass::Cancelled ||
            e.error_class() == api::ErrorClass::DeadlineExceeded)
          throw;
        // The record moved on (or is gone): a fresh deployment below covers the target.
        log::info("deploy retry refused; deploying afresh",
                  {{"record", record_id}, {"detail", detail_id}, {"code", e.code()}});
      }
    }
    if (!retried) continue;
    tell(s, type + ": retrying " + std::to_string(details.size()) +
                " failed item(s) of deploy record " + std::to_string(record_id));
    if (!run.wait(record_id, progress)) return std::move(run.outcome());
    run.absorb(record_id, progress, false);
  }

  // 4. One task for the rest. DeployStatus 0: another task runs for this certificate and type;
  // wait for it (it may have been deploying our targets), then issue ours.
  constexpr int kAttempts = 4;
  for (int attempt = 0; attempt < kAttempts && !run.pending().empty(); ++attempt) {
    api::DeployCertificateInstanceRequest request;
    request.certificate_id = s.certificate_id;
    request.resource_type = type;
    if (region_required(type)) request.region = s.region;
    for (auto i : run.pending())
      request.instance_id_list.push_back(instance_id(targets[i], s.region));

    api::DeployCertificateInstanceResponse created;
    try {
      created = api::deploy_certificate_instance(s.client, request,
                                                 common::call_options(s.ctx, request.region));
    } catch (const api::ApiError& e) {
      if (api::deploy_has_pending_record(e)) {
        if (auto running = running_record(s, type); running > 0) {
          tell(s, type + ": another task (deploy record " + std::to_string(running) +
                      ") runs for this certificate; waiting for it");
          if (!run.wait(running, progress)) return std::move(run.outcome());
          run.absorb(running, progress, false);
          continue;
        }
      }
      if (e.error_class() == api::ErrorClass::Cancelled ||
          e.error_class() == api::ErrorClass::DeadlineExceeded)
        throw;
      // Refused at creation (domain mismatch, listener without rules...): every target of
      // this task carries the API's reason.
      run.fail_pending(e.code() + ": " + e.message());
      break;
    }
    const bool ours = created.deploy_status == 1;
    tell(s, type + ": deploy record " + std::to_string(created.deploy_record_id) + " created for " +
                std::to_string(request.instance_id_list.size()) + " target(s)");
    if (!run.wait(created.deploy_record_id, progress)) return std::move(run.outcome());
    run.absorb(created.deploy_record_id, progress, ours);
  }
  run.fail_pending("another deployment task for this certificate and resource type kept running");
  return std::move(run.outcome());
}

TypeOutcome deploy_type_guarded(const DeploySession& s, const std::string& type,
                                const std::vector<Target>& targets, const Carried& carried) {
  try {
    return deploy_type(s, type, targets, carried);
  } catch (const api::ApiError& e) {
    TypeOutcome out{type, carried.running_record_id, {}, false, false};
    const bool stopped = e.error_class() == api::ErrorClass::Cancelled ||
                         e.error_class() == api::ErrorClass::DeadlineExceeded;
    out.interrupted = stopped;
    out.cancelled = e.error_class() == api::ErrorClass::Cancelled;
    for (const auto& t : targets) {
      TargetResult r;
      r.target = t;
      r.state = stopped ? TargetState::Pending : TargetState::Failed;
      r.record_id = carried.running_record_id;
      r.message = e.code() + ": " + e.message();
      out.results.push_back(std::move(r));
    }
    return out;
  }
}

namespace {

// What a record's item deploys to: enough to tell whether another record covers the same
// targets (an update record also names its type).
std::string item_identity(const api::RecordDetail& d) {
  std::string key = d.instance_id + "|" + d.listener_id + "|" + d.namespace_name + "|" +
                    d.secret_name + "|" + d.bucket + "|" + d.env_id + "|" + d.port;
  for (const auto& domain : d.domains) key += "|" + domain;
  return key;
}

// Whether `running` rolls back `original`: its items are the original's successful ones.
bool rolls_back(const api::RecordProgress& original, const api::RecordProgress& running) {
  std::multiset<std::string> deployed, rolled;
  for (const auto& d : original.details)
    if (d.status == api::record_status::kSuccess) deployed.insert(item_identity(d));
  for (const auto& d : running.details) rolled.insert(item_identity(d));
  return !deployed.empty() && deployed == rolled;
}

}  // namespace

RollbackOutcome rollback_records(const DeploySession& s,
                                 const std::vector<std::pair<std::string, std::int64_t>>& records) {
  RollbackOutcome out;
  for (const auto& [type, record_id] : records) {
    auto guard = s.locks.acquire(s.certificate_id, type, s.ctx.cancel, s.ctx.deadline);
    if (!guard.owns()) {
      out.interrupted = true;
      return out;
    }
    std::int64_t rollback_id = 0;
    std::optional<RecordWait> adopted;
    std::string problem;
    // CertificateDeployHasPendingRecord: a record of this certificate and type runs. It is
    // waited out; if it is the rollback an interrupted destroy started, it is adopted, else
    // ours is asked for again.
    constexpr int kAttempts = 4;
    for (int attempt = 0; attempt < kAttempts && rollback_id == 0; ++attempt) {
      try {
        rollback_id = api::deploy_certificate_record_rollback(s.client, record_id,
                                                              common::call_options(s.ctx));
      } catch (const api::ApiError& e) {
        if (e.error_class() == api::ErrorClass::Cancelled ||
            e.error_class() == api::ErrorClass::DeadlineExceeded)
          throw;
        problem =
            type + " record " + std::to_string(record_id) + ": " + e.code() + ": " + e.message();
        if (!api::deploy_has_pending_record(e)) break;
        const std::int64_t running = running_record(s, type);
        if (running == 0) continue;  // finished meanwhile: ask again
        auto w = wait_for_record(s.client, RecordKind::Deploy, running, s.ctx, s.poll);
        if (w.outcome != api::PollOutcome::Done) {
          out.interrupted = true;
          return out;
        }
        if (rolls_back(observe_record(s.client, RecordKind::Deploy, record_id, s.ctx),
                       w.progress)) {
          rollback_id = running;
          adopted = std::move(w);
        }
      }
    }
    if (rollback_id == 0) {
      out.problems.push_back(problem);
      continue;
    }
    out.rollback_record_ids.push_back(rollback_id);
    auto w = adopted ? std::move(*adopted)
                     : wait_for_record(s.client, RecordKind::Deploy, rollback_id, s.ctx, s.poll);
    if (w.outcome != api::PollOutcome::Done) {
      out.interrupted = true;
      return out;
    }
    for (const auto& d : api::failed_details(w.progress))
      out.problems.push_back(type + " rollback record " + std::to_string(rollback_id) + ": " +
                             (d.instance_id.empty() ? "" : d.instance_id + " ") +
                             (d.domains.empty() ? "" : d.domains.front() + " ") + d.error_msg);
  }
  return out;
}

}  // namespace cloudssl::deployments
