// The bound-resource query (see the header).
#include "resources/common/bound_resources.h"

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "resources/common/call_options.h"

namespace cloudssl::common {

BoundResources query_bound_resources(api::Client& ssl, const std::string& certificate_id,
                                     const framework::Context& ctx,
                                     const std::string& deadline_name, bool use_cache) {
  BoundResources out;
  try {
    auto tasks = api::create_certificate_bind_resource_sync_task(ssl, {certificate_id}, use_cache,
                                                                 call_options(ctx));
    std::string task;
    for (const auto& t : tasks)
      if (t.cert_id == certificate_id || tasks.size() == 1) task = t.task_id;
    if (task.empty()) {
      out.problem = "CreateCertificateBindResourceSyncTask returned no task.";
      return out;
    }
    api::BindResourceTaskDetail detail;
    api::PollReport report = api::poll_until_done(
        [&] {
          detail =
              api::describe_certificate_bind_resource_task_detail(ssl, task, call_options(ctx));
          api::PollResult r;
          if (detail.status == 1)
            r.state = api::PollResult::State::Done;
          else if (detail.status == 2)
            r.state = api::PollResult::State::Failed;
          return r;
        },
        poll_options(ctx, "bound-resource query " + task));
    switch (report.outcome) {
      case api::PollOutcome::Done:
        break;
      case api::PollOutcome::Failed:
        out.problem = "bound-resource query " + task + " failed (status 2).";
        return out;
      case api::PollOutcome::DeadlineExceeded:
        out.problem = "bound-resource query " + task + " was still running at the deadline (" +
                      deadline_name + ").";
        return out;
      case api::PollOutcome::Cancelled:
        out.problem = "bound-resource query " + task + " was cancelled.";
        return out;
    }
    out.resources = std::move(detail.resources);
    out.groups = std::move(detail.groups);
    out.unlisted = detail.unlisted;
    out.query_errors = std::move(detail.query_errors);
    if (!out.query_errors.empty()) {
      out.problem = "some resource lists could not be read:";
      for (const auto& e : out.query_errors) out.problem += "\n  - " + e;
      return out;
    }
    out.complete = true;
  } catch (const api::ApiError& e) {
    out.problem = e.code() + ": " + e.message() +
                  (e.request_id().empty() ? "" : " (RequestId " + e.request_id() + ")");
  }
  return out;
}

}  // namespace cloudssl::common
