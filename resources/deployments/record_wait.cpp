#include "resources/deployments/record_wait.h"

#include "api/core/api_error.h"
#include "resources/common/call_options.h"

namespace cloudssl::deployments {

api::RecordProgress observe_record(api::Client& client, RecordKind kind, std::int64_t record_id,
                                   const framework::Context& ctx) {
  return kind == RecordKind::Deploy
             ? api::describe_host_deploy_record_detail(client, record_id, common::call_options(ctx))
             : api::describe_host_update_record_detail(client, record_id,
                                                       common::call_options(ctx));
}

RecordWait wait_for_record(api::Client& client, RecordKind kind, std::int64_t record_id,
                           const framework::Context& ctx, const PollSettings& settings,
                           const ProgressHook& on_progress) {
  RecordWait wait;
  int empty_in_a_row = 0;
  const std::string what = std::string(kind == RecordKind::Deploy ? "deploy" : "update") +
                           " record " + std::to_string(record_id);
  api::PollOptions options = common::poll_options(ctx, what);
  std::string last_told;
  auto tell = [&](const std::string& text) {
    if (!on_progress || text == last_told) return;
    last_told = text;
    on_progress(what + ": " + text);
  };
  options.first_interval = settings.first_interval;
  options.max_interval = settings.max_interval;
  options.backoff = settings.backoff;

  api::PollReport report{api::PollOutcome::Done, {}, 0};
  try {
    report = api::poll_until_done(
        [&]() -> api::PollResult {
          wait.progress = observe_record(client, kind, record_id, ctx);
          const auto& p = wait.progress;
          const std::string counts = std::to_string(p.success_total_count) + " succeeded, " +
                                     std::to_string(p.failed_total_count) + " failed, " +
                                     std::to_string(p.running_total_count) + " running of " +
                                     std::to_string(p.total_count);
          tell(counts);
          if (p.total_count == 0 && p.details.empty() && p.running_total_count == 0) {
            // The doc gives no rule for an empty record; do not wait on it forever.
            if (++empty_in_a_row >= settings.empty_polls_done)
              return {api::PollResult::State::Done, "empty record"};
            return {api::PollResult::State::Pending, "no items yet"};
          }
          empty_in_a_row = 0;
          if (api::record_finished(p)) return {api::PollResult::State::Done, counts};
          return {api::PollResult::State::Pending, counts,
                  {{"succeeded", p.success_total_count},
                   {"failed", p.failed_total_count},
                   {"running", p.running_total_count},
                   {"total", p.total_count}}};
        },
        options);
  } catch (const api::ApiError& e) {
    // A call cut short by StopProvider or the deadline ends the wait like the poller would.
    if (e.error_class() == api::ErrorClass::Cancelled)
      report.outcome = api::PollOutcome::Cancelled;
    else if (e.error_class() == api::ErrorClass::DeadlineExceeded)
      report.outcome = api::PollOutcome::DeadlineExceeded;
    else
      throw;
  }
  wait.outcome = report.outcome;
  wait.polls = report.polls;
  return wait;
}

}  // namespace cloudssl::deployments
