// Certificate deletion that never removes a certificate still in use (see the header).
#include "resources/certificates/certificate_deletion.h"

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "resources/certificates/delete_task_polls.h"
#include "resources/common/bound_resources.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

constexpr const char* kRole = "SSL_QCSLinkedRoleInReplaceLoadCertificate";

std::string api_detail(const api::ApiError& e) {
  return e.code() + ": " + e.message() +
         (e.request_id().empty() ? "" : " (RequestId " + e.request_id() + ")");
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  - " + l;
  return out;
}

constexpr const char* kMoveAdvice =
    "\nMove them to another certificate first (cloudssl_certificate_replacement, or a "
    "deployment of the new certificate with create_before_destroy on this resource), or set "
    "keep_on_destroy = true to leave the certificate in place.";

void refuse_bound(const std::string& id, const BindingCheck& check, framework::Diagnostics& diags) {
  std::string listing;
  if (!check.resources.empty()) listing = "\nBound resources:" + join_lines(check.resources);
  if (check.unlisted > 0)
    listing += "\n  (and " + std::to_string(check.unlisted) + " more not listed)";
  diags.error("Certificate " + id + " is still bound to cloud resources",
              "Deleting a certificate that cloud resources still use would break them." + listing +
                  kMoveAdvice);
}

// What the API's own refusal names: the bound-resource query's listing when it answers.
void report_bound(api::Client& ssl, const std::string& id, const framework::Context& ctx,
                  framework::Diagnostics& diags) {
  BindingCheck check = check_bindings(ssl, id, ctx);
  if (!check.complete) check = {};
  refuse_bound(id, check, diags);
}

// The plain delete: the API checks nothing (DeleteCertificate's IsCheckResource defaults to no
// check), so callers either verified the bindings just before or were told to skip that.
void delete_unchecked(api::Client& ssl, const std::string& id, const framework::Context& ctx,
                      framework::Diagnostics& diags) {
  try {
    api::delete_certificate(ssl, id, /*is_check_resource=*/false, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    if (api::certificate_gone(e)) return;
    if (api::delete_refused_bound(e)) return report_bound(ssl, id, ctx, diags);
    throw;
  }
}

// The checked delete is unavailable (`why`): prove the certificate unused with the
// bound-resource query, then delete it plainly; refuse when it is used or cannot be proven
// unused.
void delete_after_binding_check(api::Client& ssl, const std::string& id, const std::string& why,
                                const framework::Context& ctx, framework::Diagnostics& diags) {
  BindingCheck check = check_bindings(ssl, id, ctx);
  if (check.complete && check.in_use()) return refuse_bound(id, check, diags);
  if (!check.complete) {
    diags.error("Certificate " + id + " was not deleted: its bound resources could not be checked",
                why +
                    " The bound-resource query that replaces the checked delete did not give a "
                    "complete answer either: " +
                    check.problem + "\nAuthorise the service role " + kRole +
                    " and run the destroy again, or set keep_on_destroy = true to leave the "
                    "certificate in place. Only if you are sure nothing uses the certificate, "
                    "set force_delete = true: it is then deleted without any check, and a "
                    "load balancer or CDN still using it would lose its certificate.");
    return;
  }
  diags.warning("Certificate " + id + " deleted after checking its bound resources separately",
                why +
                    " The bound-resource query found no cloud resource using the "
                    "certificate, so it was deleted with the plain DeleteCertificate.");
  delete_unchecked(ssl, id, ctx, diags);
}

// Whether the certificate still exists (a delete task that failed may have lost a race with
// another delete of the same id).
bool still_exists(api::Client& ssl, const std::string& id, const framework::Context& ctx) {
  try {
    api::describe_certificate(ssl, id, common::call_options(ctx));
    return true;
  } catch (const api::ApiError& e) {
    if (api::certificate_gone(e)) return false;
    throw;
  }
}

}  // namespace

BindingCheck check_bindings(api::Client& ssl, const std::string& certificate_id,
                            const framework::Context& ctx) {
  common::BoundResources found =
      common::query_bound_resources(ssl, certificate_id, ctx, "timeouts.delete");
  BindingCheck out;
  for (const auto& r : found.resources)
    out.resources.push_back(r.resource_type + " " + r.description +
                            (r.region.empty() ? "" : " (" + r.region + ")"));
  out.unlisted = found.unlisted;
  out.problem = found.problem;
  // A binding found is proof enough; an unread list elsewhere only leaves the answer incomplete.
  out.complete = found.complete || (!found.query_errors.empty() && out.in_use());
  return out;
}

void delete_certificate_checked(api::Client& ssl, const std::string& id,
                                const framework::Context& ctx, framework::Diagnostics& diags,
                                const CertificateDeletion& how) {
  if (how.force) {
    diags.warning("Deleting certificate " + id + " without any bound-resource check",
                  "force_delete is true: cloud resources still using the certificate are not "
                  "looked for and would lose it.");
    return delete_unchecked(ssl, id, ctx, diags);
  }

  api::DeleteCertificateResponse started;
  try {
    started =
        api::delete_certificate(ssl, id, /*is_check_resource=*/true, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    if (api::certificate_gone(e)) return;
    if (api::delete_refused_bound(e)) return report_bound(ssl, id, ctx, diags);
    if (api::delete_refused_too_young(e)) {
      diags.error("Certificate " + id + " cannot be deleted yet",
                  "A free certificate cannot be deleted within one hour of its application. "
                  "Run the destroy again later.\n" +
                      api_detail(e));
      return;
    }
    if (api::service_role_missing(e))
      return delete_after_binding_check(ssl, id,
                                        std::string("The checked delete needs the service role ") +
                                            kRole + ", which is not authorised.",
                                        ctx, diags);
    throw;
  }
  if (started.delete_result) return;
  if (started.task_id.empty()) {
    diags.error("Certificate " + id + " was not deleted",
                "DeleteCertificate answered neither a deletion nor a task to follow.");
    return;
  }

  api::DeleteTaskResult last;
  DeleteTaskPolls alone;
  DeleteTaskPolls& polls = how.polls ? *how.polls : alone;
  DeleteTaskPolls::Watch watch = polls.watch(started.task_id);
  api::PollOptions poll = common::poll_options(ctx, "delete task " + started.task_id);
  api::PollReport report = api::poll_until_done(
      [&] {
        api::PollResult r;
        if (auto seen = polls.poll(ssl, watch, common::call_options(ctx))) last = std::move(*seen);
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
      return delete_after_binding_check(ssl, id,
                                        "Delete task " + started.task_id +
                                            " failed because the service role " + kRole +
                                            " is not authorised.",
                                        ctx, diags);
    case 4:
      // The task's Domains are the certificate's own domains, not what uses it: list the
      // bindings from the bound-resource query instead.
      return report_bound(ssl, id, ctx, diags);
    case 5:
      diags.error("Certificate " + id + " was not deleted",
                  "The API timed out while checking which cloud resources use it (delete task " +
                      started.task_id + "). Run the destroy again.");
      return;
    default:
      // Another delete of the same id (two resources on one certificate) may have won.
      if (!still_exists(ssl, id, ctx)) return;
      diags.error("Certificate " + id + " was not deleted",
                  "Delete task " + started.task_id + " failed" +
                      (last.error.empty() ? "." : ": " + last.error));
  }
}

}  // namespace cloudssl::certificates
