#include "api/core/task_poller.h"

#include <algorithm>

#include "provider/log/logger.h"

namespace cloudssl::api {
namespace {

using Clock = std::chrono::steady_clock;

long long millis(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

PollReport poll_until_done(const std::function<PollResult()>& poll, const PollOptions& options) {
  const auto started = Clock::now();
  PollReport report{PollOutcome::Done, {}, 0};
  auto interval = std::max(options.first_interval, std::chrono::milliseconds(1));
  const auto max_interval = std::max(options.max_interval, interval);
  std::string last_logged;
  auto last_info = started;

  const auto finish = [&](PollOutcome outcome) {
    report.outcome = outcome;
    static constexpr const char* kNames[] = {"done", "failed", "deadline exceeded", "cancelled"};
    log::info("finished waiting", {{"what", options.what},
                                   {"outcome", kNames[static_cast<int>(outcome)]},
                                   {"polls", report.polls},
                                   {"elapsed_ms", millis(Clock::now() - started)},
                                   {"message", report.message}});
    return report;
  };

  for (;;) {
    if (options.cancel.cancelled()) return finish(PollOutcome::Cancelled);
    if (Clock::now() >= options.deadline) return finish(PollOutcome::DeadlineExceeded);

    const PollResult result = poll();
    ++report.polls;
    report.message = result.message;
    if (result.state == PollResult::State::Done) return finish(PollOutcome::Done);
    if (result.state == PollResult::State::Failed) return finish(PollOutcome::Failed);

    // Progress: an info line at the first poll, when the status text changes and every
    // progress_interval; debug lines otherwise.
    const auto now = Clock::now();
    nlohmann::json fields = {{"what", options.what},
                             {"status", result.message},
                             {"polls", report.polls},
                             {"elapsed_ms", millis(now - started)},
                             {"next_poll_ms", interval.count()}};
    for (const auto& [name, count] : result.counts) fields[name] = count;
    if (result.message != last_logged || report.polls == 1 ||
        now - last_info >= options.progress_interval) {
      log::info("still waiting", fields);
      last_logged = result.message;
      last_info = now;
    } else {
      log::debug("still waiting", fields);
    }

    // Wait on the token, never plainly sleep: StopProvider ends the wait at once.
    const auto wake = Clock::now() + interval;
    if (options.cancel.wait_until(std::min(wake, options.deadline))) {
      return finish(PollOutcome::Cancelled);
    }
    if (wake >= options.deadline && Clock::now() >= options.deadline) {
      return finish(PollOutcome::DeadlineExceeded);
    }
    const auto next = std::chrono::duration_cast<std::chrono::milliseconds>(
        interval * std::max(1.0, options.backoff));
    interval = std::min(next, max_interval);
  }
}

}  // namespace cloudssl::api
