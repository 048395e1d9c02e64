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

// For a call that must outlive the operation's Context: one that undoes what an interrupted or
// failed operation left half done (after Ctrl-C, or once the operation's deadline passed,
// call_options' token and deadline refuse every call at once). It ignores StopProvider and is
// bounded by `timeout` from now instead (short: Terraform waits for the provider after Stop).
api::CallOptions detached_call_options(std::chrono::seconds timeout, std::string region = {});

// A wait bounded by the operation's deadline and cancelled by StopProvider; `what` names it in
// progress log lines ("deploy record 1234"). Intervals keep the poller's defaults.
api::PollOptions poll_options(const framework::Context& ctx, std::string what = {});

}  // namespace cloudssl::common
