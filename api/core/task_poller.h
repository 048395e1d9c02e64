// Waiting on the API's asynchronous tasks: call `poll` until the classifier says done or
// failed, with fast first polls then capped backoff, bounded by a deadline and interrupted by
// cancellation (StopProvider). Never sleeps blindly: waits on the cancellation token. Logs its
// progress at INFO at a steady interval, with the task's counts.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "provider/util/cancellation.h"

namespace cloudssl::api {

struct PollResult {
  enum class State { Pending, Done, Failed };
  State state = State::Pending;
  std::string message;  // progress text while pending; the reason when failed
  // Per-target counts of the task ("succeeded", "failed", "running", "total"), written as
  // fields of the progress lines.
  std::vector<std::pair<std::string, long long>> counts = {};
};

struct PollOptions {
  std::string what;  // for progress log lines: "deploy record 1234"
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  CancellationToken cancel;
  std::chrono::milliseconds first_interval = std::chrono::milliseconds(200);
  std::chrono::milliseconds max_interval = std::chrono::seconds(5);
  double backoff = 1.5;
  // Progress goes to INFO at the first poll, when the status text changes, and at least this
  // often while the wait lasts (as Terraform's own "Still creating..." lines); DEBUG otherwise.
  std::chrono::milliseconds progress_interval = std::chrono::seconds(10);
};

enum class PollOutcome { Done, Failed, DeadlineExceeded, Cancelled };

struct PollReport {
  PollOutcome outcome;
  std::string message;  // the classifier's last message
  int polls = 0;
};

// `poll` performs one status check (it may throw; ApiError propagates to the caller).
PollReport poll_until_done(const std::function<PollResult()>& poll, const PollOptions& options);

}  // namespace cloudssl::api
