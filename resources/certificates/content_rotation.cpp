// Same-id content rotation with retry and rollback (see the header).
#include "resources/certificates/content_rotation.h"

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

constexpr const char* kRecordKey = "rotation";

// "clb lb-1/lbl-2 (ap-guangzhou): error" for each failed item of a run.
std::vector<std::string> failed_items(const api::UploadUpdateRun& run) {
  std::vector<std::string> out;
  for (const auto& item : run.items) {
    if (item.status.value_or(0) != 2) continue;
    out.push_back(item.resource_type + " " + item.instance_id +
                  (item.listener_id.empty() ? "" : "/" + item.listener_id) +
                  (item.region.empty() ? "" : " (" + item.region + ")") +
                  (item.error_msg.empty() ? "" : ": " + item.error_msg));
  }
  return out;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += "\n  - " + i;
  return out;
}

// Run Status (§3.4): 0 waiting, 1 deployed, 2 failed, 3 deploying, 4 rolled back,
// 5 rollback failed; anything else is treated as still running. `rollback`: the latest run
// is the rollback (Type 1), done when rolled back.
api::PollResult classify(const std::vector<api::UploadUpdateRun>& runs, bool rollback) {
  api::PollResult r;
  if (runs.empty()) return r;
  const api::UploadUpdateRun& run = runs.back();  // the latest run is the current state
  const auto status = run.status.value_or(0);
  r.message = std::to_string(run.success_total_count) + " of " + std::to_string(run.total_count) +
              " targets " + (rollback ? "rolled back" : "updated");
  if (rollback) {
    if (run.type.value_or(0) != 1) return r;  // the rollback run is not listed yet
    if (status == 4) r.state = api::PollResult::State::Done;
    if (status == 5) r.state = api::PollResult::State::Failed;
    return r;
  }
  if (status == 1 && run.running_total_count == 0) {
    r.state = api::PollResult::State::Done;
  } else if (status == 2 || status == 4 || status == 5) {
    r.state = api::PollResult::State::Failed;
    const auto failed = failed_items(run);
    r.message = status == 2 ? "the update failed" : "the update was rolled back";
    // append, not `":" + lines(...)`: GCC 12 -O2 reports a false -Wrestrict on that insert.
    if (!failed.empty()) r.message.append(":").append(lines(failed));
  }
  return r;
}

struct Saved {
  std::int64_t record = 0;
  bool failed = false;  // its failed targets await a retry
};

Saved saved_rotation(const framework::PrivateState& private_state, const std::string& fingerprint) {
  auto saved = private_state.get(kRecordKey);
  if (!saved || saved->value("fingerprint", "") != fingerprint) return {};
  return {saved->value("record", std::int64_t{0}), saved->value("failed", false)};
}

void save_rotation(framework::PrivateState& private_state, const std::string& fingerprint,
                   std::int64_t record, bool failed) {
  private_state.set(kRecordKey,
                    {{"record", record}, {"fingerprint", fingerprint}, {"failed", failed}});
}

}  // namespace

bool rotation_awaits_retry(const framework::PrivateState& private_state,
                           const std::string& fingerprint_sha256) {
  const Saved saved = saved_rotation(private_state, fingerprint_sha256);
  return saved.record > 0 && saved.failed;
}

RotationOutcome rotate_content(api::Client& ssl, const ContentRotation& rotation,
                               const framework::Context& ctx,
                               framework::PrivateState& private_state,
                               framework::Diagnostics& diags) {
  const std::string& id = rotation.certificate_id;
  const std::string& fingerprint = rotation.fingerprint_sha256;
  Saved saved = saved_rotation(private_state, fingerprint);
  std::int64_t record = saved.record;
  api::PollOptions poll = common::poll_options(ctx);

  if (record > 0 && saved.failed) {
    // The same content failed on some targets last time: retry just those.
    try {
      api::upload_update_certificate_record_retry(ssl, record, common::call_options(ctx));
    } catch (const api::ApiError& e) {
      if (!api::nothing_to_retry(e)) throw;  // nothing failed any more: look at the record
    }
    save_rotation(private_state, fingerprint, record, false);
  } else if (record == 0) {
    api::UploadUpdateCertificateInstanceRequest request;
    request.old_certificate_id = id;
    request.resource_types = rotation.resource_types;
    request.certificate_public_key = rotation.certificate_pem;
    request.certificate_private_key = rotation.private_key_pem;
    for (const auto& type : rotation.resource_types)
      if (!rotation.regions.empty())
        request.resource_types_regions.push_back({type, rotation.regions});
    // Creation is asynchronous too: DeployRecordId 0 means "call again" (§0.2).
    poll.what = "same-id update of certificate " + id;
    api::PollReport created = api::poll_until_done(
        [&] {
          auto answer =
              api::upload_update_certificate_instance(ssl, request, common::call_options(ctx));
          api::PollResult r;
          if (answer.deploy_record_id > 0) {
            record = answer.deploy_record_id;
            r.state = api::PollResult::State::Done;
          }
          return r;
        },
        poll);
    if (created.outcome != api::PollOutcome::Done) {
      diags.error("Rotating certificate " + id + " in place did not start",
                  created.outcome == api::PollOutcome::Cancelled
                      ? "The operation was cancelled."
                      : "UploadUpdateCertificateInstance kept answering DeployRecordId 0 until "
                        "the deadline (timeouts.update).");
      return {};
    }
    save_rotation(private_state, fingerprint, record, false);
  }

  const std::string rec = "record " + std::to_string(record);
  const std::string name = "same-id update " + rec;
  std::vector<api::UploadUpdateRun> runs;
  poll.what = name;
  api::PollReport report = api::poll_until_done(
      [&] {
        runs =
            api::describe_host_upload_update_record_detail(ssl, record, common::call_options(ctx));
        return classify(runs, false);
      },
      poll);
  switch (report.outcome) {
    case api::PollOutcome::Done:
      private_state.erase(kRecordKey);
      return {.done = true, .failed_targets = {}};
    case api::PollOutcome::DeadlineExceeded:
      diags.error("Timed out rotating certificate " + id + " in place",
                  "Same-id update " + rec + " was still running at the deadline (" +
                      report.message + "). The next apply resumes waiting for the same record.");
      return {};
    case api::PollOutcome::Cancelled:
      diags.error("Rotating certificate " + id + " in place was interrupted",
                  "Same-id update " + rec +
                      " continues on the API side; the next apply resumes waiting for it.");
      return {};
    case api::PollOutcome::Failed:
      break;
  }

  const std::vector<std::string> failed =
      runs.empty() ? std::vector<std::string>{} : failed_items(runs.back());
  const bool rolled_back_by_api = !runs.empty() && runs.back().status.value_or(0) >= 4;
  if (!rotation.rollback_on_failure || rolled_back_by_api) {
    if (failed.empty() || rolled_back_by_api) {
      private_state.erase(kRecordKey);  // nothing to retry: the next apply starts afresh
      diags.error("Rotating certificate " + id + " in place failed",
                  "Same-id update " + rec + ": " + report.message);
      return {};
    }
    save_rotation(private_state, fingerprint, record, true);
    diags.error(std::to_string(failed.size()) + " target(s) of certificate " + id +
                    " did not get the new content",
                "Same-id update " + rec + " failed on:" + lines(failed) +
                    "\nThe next apply retries these targets on the same record "
                    "(UploadUpdateCertificateRecordRetry). To put every target back on the old "
                    "content instead, set rotate_in_place_on_failure = \"rollback\".");
    return {.done = false, .failed_targets = failed};
  }

  // Roll back what was updated, so that every target holds the old content again.
  private_state.erase(kRecordKey);
  try {
    api::upload_update_certificate_record_rollback(ssl, record, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    if (!api::nothing_to_roll_back(e)) throw;
    diags.error("Rotating certificate " + id + " in place failed",
                "Same-id update " + rec + " failed on every target:" + lines(failed) +
                    "\nNothing was updated, so nothing was rolled back; the next apply starts "
                    "a new rotation.");
    return {};
  }
  poll.what = "rollback of " + name;
  api::PollReport back = api::poll_until_done(
      [&] {
        return classify(
            api::describe_host_upload_update_record_detail(ssl, record, common::call_options(ctx)),
            true);
      },
      poll);
  diags.error(
      "Rotating certificate " + id + " in place failed and was rolled back",
      "Same-id update " + rec + " failed on:" + lines(failed) +
          (back.outcome == api::PollOutcome::Done
               ? "\nThe targets already updated were put back on the old content "
                 "(UploadUpdateCertificateRecordRollback); the next apply starts a new "
                 "rotation."
               : "\nRolling back the targets already updated did not finish (" + back.message +
                     "): check them in the console; the next apply starts a new "
                     "rotation."));
  return {};
}

}  // namespace cloudssl::certificates
