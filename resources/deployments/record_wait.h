// Waiting for deploy and update records (docs/design/ssl-api.md §3.2, §3.3) through
// api::poll_until_done: the record is polled with its Describe*RecordDetail action until it is
// finished (§0.1), the operation's deadline passes or StopProvider cancels it. No sleeps here or in
// resources.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "api/core/task_poller.h"
#include "api/tencent/ssl/deployment_actions.h"
#include "provider/framework/resource.h"

namespace cloudssl::deployments {

enum class RecordKind { Deploy, Update };

// Poll cadence. Defaults keep the median delay between a task finishing and the provider
// noticing under a second (bench/deployments) while staying far below the 10/s action limit.
struct PollSettings {
  std::chrono::milliseconds first_interval = std::chrono::milliseconds(250);
  std::chrono::milliseconds max_interval = std::chrono::milliseconds(1500);
  double backoff = 1.5;
  int empty_polls_done = 3;  // a record that stays empty (TotalCount 0) this often is done
};

struct RecordWait {
  api::PollOutcome outcome = api::PollOutcome::Done;
  api::RecordProgress progress;  // the last observation
  int polls = 0;
};

// One observation of a record (no waiting).
api::RecordProgress observe_record(api::Client& client, RecordKind kind, std::int64_t record_id,
                                   const framework::Context& ctx);

// Told, in words, how a wait goes ("deploy record 12: 1 succeeded, 0 failed, 2 running of 3"),
// each time that changes: how an action streams progress while a task is polled.
using ProgressHook = std::function<void(const std::string&)>;

// Polls until the record is finished. Outcome Done means finished (items may have failed:
// read progress); DeadlineExceeded / Cancelled leave the record running on the server.
RecordWait wait_for_record(api::Client& client, RecordKind kind, std::int64_t record_id,
                           const framework::Context& ctx, const PollSettings& settings = {},
                           const ProgressHook& on_progress = {});

}  // namespace cloudssl::deployments
