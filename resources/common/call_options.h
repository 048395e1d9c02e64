// The one way an operation's API calls and waits get their options: the framework Context's
// deadline and cancellation (StopProvider), plus the region when a call is regional.
#pragma once

#include <chrono>
#include <string>

#include "api/core/call_options.h"
#include "api/core/task_poller.h"
#include "provider/framework/resource.h"

namespace cloudssl::common {

api::CallOptions call_options(const framework::Context& ctx, std::string region = {});

// The longest a detached call may run: 30 s. It runs while the user who pressed Ctrl-C waits
// (Terraform waits for the provider after StopProvider) and nothing can interrupt it short of a
// second Ctrl-C, which kills the provider before it reports what it left undone. 30 s holds
// three attempts that each meet the 10 s connect timeout, or the client's first seven retries
// with their backoff (at most 22.6 s) against an API that answers; past that the API is not
// answering, and saying what is left to undo serves the user better than waiting on.
inline constexpr std::chrono::seconds kMaxDetachedTimeout{30};

// For a call that must outlive the operation's Context: one that undoes what an interrupted or
// failed operation left half done (after Ctrl-C, or once the operation's deadline passed,
// call_options' token and deadline refuse every call at once). It ignores StopProvider and is
// bounded by `timeout` from now instead, at most kMaxDetachedTimeout.
api::CallOptions detached_call_options(std::chrono::seconds timeout, std::string region = {});

// A wait bounded by the operation's deadline and cancelled by StopProvider; `what` names it in
// progress log lines ("deploy record 1234"). Intervals keep the poller's defaults.
api::PollOptions poll_options(const framework::Context& ctx, std::string what = {});

}  // namespace cloudssl::common
