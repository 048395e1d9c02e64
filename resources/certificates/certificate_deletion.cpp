#include "resources/certificates/certificate_deletion.h"

#include <algorithm>

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

bool is_bound(const api::ApiError& e) {
  return e.is("FailedOperation.DeleteResourceFailed") || e.is("FailedOperation.BoundResources");
}

bool is_too_young(const api::ApiError& e) {
  return e.is("FailedOperation.CannotBeDeletedWithinHour") ||
         e.is("FailedOperation.DeleteFailedTimeNotUp");
}

std::string api_detail(const api::ApiError& e) {
  return e.code() + ": " + e.message() +
         (e.request_id().empty() ? "" : " (RequestId " + e.request_id() + ")");
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  - " + l;
  return out;
}

void report_bound(api::Client& ssl, const std::string& id, const framework::Context& ctx,
                  const std::vector<std::string>& fallback, framework::Diagnostics& diags) {
  std::vector<std::string> bound = bound_resources(ssl, id, ctx, fallback);
  diags.error("Certificate " + id + " is still bound to cloud resources",
              "The API refuses to delete a certificate that cloud resources still use." +
                  (bound.empty() ? std::string() : "\nBound resources:" + join_lines(bound)) +
                  "\nMove them to another certificate first (cloudssl_certificate_replacement, "
                  "or a deployment of the new certificate with create_before_destroy on this "
                  "resource), or set keep_on_destroy = true to leave the certificate in place.");
}

// The plain, unchecked delete: used when the service role for checked deletes is missing.
void delete_unchecked(api::Client& ssl, const std::string& id, const framework::Context& ctx,
                      framework::Diagnostics& diags) {
  try {
    api::delete_certificate(ssl, id, /*is_check_resource=*/false, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    if (api::certificate_gone(e)) return;
    if (is_bound(e)) return report_bound(ssl, id, ctx, {}, diags);
    throw;
  }
}

}  // namespace

std::vector<std::string> bound_resources(api::Client& ssl, const std::string& certificate_id,
                                         const framework::Context& ctx,
                                         const std::vector<std::string>& fallback) {
  std::vector<std::string> out;
  try {
    auto tasks = api::create_certificate_bind_resource_sync_task(ssl, {certificate_id},
                                                                 /*use_cache=*/false,
                                                                 common::call_options(ctx));
    if (tasks.empty() || tasks.front().task_id.empty()) return fallback;
    const std::string task = tasks.front().task_id;
    api::BindResourceTaskDetail detail;
    api::PollOptions poll = common::poll_options(ctx, "bound-resource query " + task);
    // A listing is a courtesy in an error message: never wait long for it.
    poll.deadline =
        std::min(ctx.deadline, std::chrono::steady_clock::now() + std::chrono::minutes(1));
    api::PollReport report = api::poll_until_done(
        [&] {
          detail = api::describe_certificate_bind_resource_task_detail(ssl, task,
                                                                       common::call_options(ctx));
          api::PollResult r;
          if (detail.status == 1)
            r.state = api::PollResult::State::Done;
          else if (detail.status == 2)
            r.state = api::PollResult::State::Failed;
          return r;
        },
        poll);
    if (report.outcome != api::PollOutcome::Done) return fallback;
    for (const auto& r : detail.resources)
      out.push_back(r.resource_type + " " + r.description +
                    (r.region.empty() ? "" : " (" + r.region + ")"));
  } catch (const api::ApiError&) {
    return fallback;
  }
  return out.empty() ? fallback : out;
}

void delete_certificate_checked(api::Client& ssl, const std::string& id,
                                const framework::Context& ctx, framework::Diagnostics& diags) {
  api::DeleteCertificateResponse started;
  try {
    started =
        api::delete_certificate(ssl, id, /*is_check_resource=*/true, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    if (api::certificate_gone(e)) return;
    if (is_bound(e)) return report_bound(ssl, id, ctx, {}, diags);
    if (is_too_young(e)) {
      diags.error("Certificate " + id + " cannot be deleted yet",
                  "A free certificate cannot be deleted within one hour of its application. "
                  "Run the destroy again later.\n" +
                      api_detail(e));
      return;
    }
    if (e.is("FailedOperation.RoleNotFoundAuthorization")) {
      diags.warning("Deleting certificate " + id + " without the bound-resource check",
                    "The service role SSL_QCSLinkedRoleInReplaceLoadCertificate is not "
                    "authorised, so the API cannot check for bound resources first.");
      return delete_unchecked(ssl, id, ctx, diags);
    }
    throw;
  }
  if (started.delete_result) return;
  if (started.task_id.empty()) {
    diags.error("Certificate " + id + " was not deleted",
                "DeleteCertificate answered neither a deletion nor a task to follow.");
    return;
  }

  api::DeleteTaskResult last;
  api::PollOptions poll = common::poll_options(ctx, "delete task " + started.task_id);
  api::PollReport report = api::poll_until_done(
      [&] {
        api::PollResult r;
        for (auto& t : api::describe_delete_certificates_task_result(ssl, {started.task_id},
                                                                     common::call_options(ctx)))
          if (t.task_id == started.task_id) last = t;
        const auto status = last.status.value_or(0);
        if (status == 1)
          r.state = api::PollResult::State::Done;
        else if (status >= 2)
          r.state = api::PollResult::State::Failed;
        r.message = last.error;
        return r;
      },
      poll);

  switch (report.outcome) {
    case api::PollOutcome::Done:
      return;
    case api::PollOutcome::DeadlineExceeded:
      diags.error("Timed out deleting certificate " + id,
                  "Delete task " + started.task_id +
                      " was still running at the deadline (timeouts.delete). It may still "
                      "finish; run the destroy again to check.");
      return;
    case api::PollOutcome::Cancelled:
      diags.error("Deleting certificate " + id + " was cancelled",
                  "Delete task " + started.task_id + " may still finish on the API side.");
      return;
    case api::PollOutcome::Failed:
      break;
  }
  switch (last.status.value_or(2)) {
    case 3:
      diags.warning("Deleting certificate " + id + " without the bound-resource check",
                    "The delete task failed because the service role "
                    "SSL_QCSLinkedRoleInReplaceLoadCertificate is not authorised.");
      return delete_unchecked(ssl, id, ctx, diags);
    case 4:
      return report_bound(ssl, id, ctx, last.domains, diags);
    case 5:
      diags.error("Certificate " + id + " was not deleted",
                  "The API timed out while checking which cloud resources use it (delete task " +
                      started.task_id + "). Run the destroy again.");
      return;
    default:
      diags.error("Certificate " + id + " was not deleted",
                  "Delete task " + started.task_id + " failed" +
                      (last.error.empty() ? "." : ": " + last.error));
  }
}

}  // namespace cloudssl::certificates
