// The poller: outcomes, adaptive intervals, deadline, cancellation from another thread.
#include "api/core/task_poller.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "api/core/api_error.h"

namespace cloudssl::api {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

PollOptions fast() {
  PollOptions options;
  options.what = "test task";
  options.first_interval = milliseconds(1);
  options.max_interval = milliseconds(4);
  return options;
}

// Polls, with `options`, a task that is done at the first call: the report, and how many
// calls were made.
std::pair<PollReport, int> poll_a_done_task(const PollOptions& options) {
  int calls = 0;
  const auto report = poll_until_done(
      [&] {
        ++calls;
        return PollResult{PollResult::State::Done, ""};
      },
      options);
  return {report, calls};
}

TEST(TaskPoller, DoneAfterSomePendingPolls) {
  int calls = 0;
  const auto report = poll_until_done(
      [&] {
        ++calls;
        return calls < 4 ? PollResult{PollResult::State::Pending, "running"}
                         : PollResult{PollResult::State::Done, "ok"};
      },
      fast());
  EXPECT_EQ(report.outcome, PollOutcome::Done);
  EXPECT_EQ(report.polls, 4);
  EXPECT_EQ(report.message, "ok");
}

TEST(TaskPoller, FailedCarriesTheReason) {
  const auto report = poll_until_done(
      [] {
        return PollResult{PollResult::State::Failed, "listener busy"};
      },
      fast());
  EXPECT_EQ(report.outcome, PollOutcome::Failed);
  EXPECT_EQ(report.message, "listener busy");
  EXPECT_EQ(report.polls, 1);
}

TEST(TaskPoller, PollErrorsPropagate) {
  EXPECT_THROW(poll_until_done(
                   []() -> PollResult {
                     throw ApiError("DescribeHostDeployRecordDetail", "InvalidParameter", "x", "r",
                                    ErrorClass::Final);
                   },
                   fast()),
               ApiError);
}

TEST(TaskPoller, IntervalsGrowThenCap) {
  PollOptions options;
  options.first_interval = milliseconds(2);
  options.max_interval = milliseconds(8);
  options.backoff = 2.0;
  std::vector<Clock::time_point> times;
  poll_until_done(
      [&] {
        times.push_back(Clock::now());
        return times.size() < 7 ? PollResult{PollResult::State::Pending, ""}
                                : PollResult{PollResult::State::Done, ""};
      },
      options);
  ASSERT_EQ(times.size(), 7u);
  // Waits are at least 2, 4, 8, 8, 8, 8 ms (lower bounds only: no timing upper bounds).
  const milliseconds expected[] = {milliseconds(2), milliseconds(4), milliseconds(8),
                                   milliseconds(8), milliseconds(8), milliseconds(8)};
  for (std::size_t i = 1; i < times.size(); ++i) {
    EXPECT_GE(times[i] - times[i - 1], expected[i - 1]) << i;
  }
}

TEST(TaskPoller, DeadlineEndsAPendingTask) {
  PollOptions options = fast();
  options.deadline = Clock::now() + milliseconds(30);
  const auto report = poll_until_done(
      [] {
        return PollResult{PollResult::State::Pending, "still 0/3"};
      },
      options);
  EXPECT_EQ(report.outcome, PollOutcome::DeadlineExceeded);
  EXPECT_EQ(report.message, "still 0/3");
  EXPECT_GE(report.polls, 1);
  EXPECT_GE(Clock::now(), options.deadline);
}

TEST(TaskPoller, DeadlineAlreadyPassedPollsNothing) {
  PollOptions options = fast();
  options.deadline = Clock::now() - milliseconds(1);
  const auto [report, calls] = poll_a_done_task(options);
  EXPECT_EQ(report.outcome, PollOutcome::DeadlineExceeded);
  EXPECT_EQ(calls, 0);
}

TEST(TaskPoller, CancelFromAnotherThreadInterruptsALongWait) {
  PollOptions options;
  options.first_interval = std::chrono::hours(1);  // only cancellation can end this wait
  std::mutex mutex;
  std::condition_variable cv;
  bool polled = false;
  std::thread stopper([&] {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return polled; });
    options.cancel.cancel();  // StopProvider
  });
  const auto report = poll_until_done(
      [&] {
        {
          std::lock_guard lock(mutex);
          polled = true;
        }
        cv.notify_all();
        return PollResult{PollResult::State::Pending, "running"};
      },
      options);
  stopper.join();
  EXPECT_EQ(report.outcome, PollOutcome::Cancelled);
  EXPECT_EQ(report.polls, 1);
}

TEST(TaskPoller, AlreadyCancelledPollsNothing) {
  PollOptions options = fast();
  options.cancel.cancel();
  const auto [report, calls] = poll_a_done_task(options);
  EXPECT_EQ(report.outcome, PollOutcome::Cancelled);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace cloudssl::api
