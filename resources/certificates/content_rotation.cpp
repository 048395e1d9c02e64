#include "resources/certificates/content_rotation.h"

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

constexpr const char* kRecordKey = "rotation";

// Run Status (§3.4): 0 waiting, 1 deployed, 2 failed, 3 deploying, 4 rolled back,
// 5 rollback failed; anything else is treated as still running.
api::PollResult classify(const std::vector<api::UploadUpdateRun>& runs) {
  api::PollResult r;
  if (runs.empty()) return r;
  const api::UploadUpdateRun& run = runs.back();  // the latest run is the current state
  const auto status = run.status.value_or(0);
  r.message = std::to_string(run.success_total_count) + " of " + std::to_string(run.total_count) +
              " targets updated";
  if (status == 1 && run.running_total_count == 0) {
    r.state = api::PollResult::State::Done;
  } else if (status == 2 || status == 4 || status == 5) {
    r.state = api::PollResult::State::Failed;
    std::string failed;
    for (const auto& item : run.items) {
      if (item.status.value_or(0) != 2) continue;
      failed += "\n  - " + item.resource_type + " " + item.instance_id +
                (item.listener_id.empty() ? "" : "/" + item.listener_id) +
                (item.region.empty() ? "" : " (" + item.region + ")") +
                (item.error_msg.empty() ? "" : ": " + item.error_msg);
    }
    r.message = (status == 2 ? "the update failed" : "the update was rolled back") +
                (failed.empty() ? std::string() : ":" + failed);
  }
  return r;
}

}  // namespace

bool rotate_content(api::Client& ssl, const ContentRotation& rotation,
                    const framework::Context& ctx, framework::PrivateState& private_state,
                    framework::Diagnostics& diags) {
  const std::string& id = rotation.certificate_id;
  std::int64_t record = 0;
  if (auto saved = private_state.get(kRecordKey);
      saved && saved->value("fingerprint", "") == rotation.fingerprint_sha256)
    record = saved->value("record", std::int64_t{0});

  api::PollOptions poll = common::poll_options(ctx);

  if (record == 0) {
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
      return false;
    }
    private_state.set(kRecordKey,
                      {{"record", record}, {"fingerprint", rotation.fingerprint_sha256}});
  }

  poll.what = "same-id update record " + std::to_string(record);
  api::PollReport report = api::poll_until_done(
      [&] {
        return classify(
            api::describe_host_upload_update_record_detail(ssl, record, common::call_options(ctx)));
      },
      poll);
  switch (report.outcome) {
    case api::PollOutcome::Done:
      private_state.erase(kRecordKey);
      return true;
    case api::PollOutcome::Failed:
      private_state.erase(kRecordKey);  // the next apply starts a fresh record
      diags.error("Rotating certificate " + id + " in place failed",
                  "Same-id update record " + std::to_string(record) + ": " + report.message);
      return false;
    case api::PollOutcome::DeadlineExceeded:
      diags.error("Timed out rotating certificate " + id + " in place",
                  "Same-id update record " + std::to_string(record) +
                      " was still running at the deadline (" + report.message +
                      "). The next apply resumes waiting for the same record.");
      return false;
    case api::PollOutcome::Cancelled:
      diags.error("Rotating certificate " + id + " in place was interrupted",
                  "Same-id update record " + std::to_string(record) +
                      " continues on the API side; the next apply resumes waiting for it.");
      return false;
  }
  return false;
}

}  // namespace cloudssl::certificates
