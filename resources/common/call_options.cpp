#include "resources/common/call_options.h"

#include <algorithm>
#include <utility>

namespace cloudssl::common {

api::CallOptions call_options(const framework::Context& ctx, std::string region) {
  api::CallOptions options;
  options.deadline = ctx.deadline;
  options.cancel = ctx.cancel;
  options.region = std::move(region);
  return options;
}

api::CallOptions detached_call_options(std::chrono::seconds timeout, std::string region) {
  api::CallOptions options;  // a token of its own, never cancelled
  options.deadline = std::chrono::steady_clock::now() + std::min(timeout, kMaxDetachedTimeout);
  options.region = std::move(region);
  return options;
}

api::PollOptions poll_options(const framework::Context& ctx, std::string what) {
  api::PollOptions options;
  options.what = std::move(what);
  options.deadline = ctx.deadline;
  options.cancel = ctx.cancel;
  return options;
}

}  // namespace cloudssl::common
