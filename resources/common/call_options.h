// The one way an operation's API calls and waits get their options: the framework Context's
// deadline and cancellation (StopProvider), plus the region when a call is regional.
#pragma once

#include <string>

#include "api/core/call_options.h"
#include "api/core/task_poller.h"
#include "provider/framework/resource.h"

namespace cloudssl::common {

api::CallOptions call_options(const framework::Context& ctx, std::string region = {});

// A wait bounded by the operation's deadline and cancelled by StopProvider; `what` names it in
// progress log lines ("deploy record 1234"). Intervals keep the poller's defaults.
api::PollOptions poll_options(const framework::Context& ctx, std::string what = {});

}  // namespace cloudssl::common
