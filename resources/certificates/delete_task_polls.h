// Shares the polls of concurrent checked deletes: DescribeDeleteCertificatesTaskResult takes up
// to 100 task ids, so every call carries all the delete tasks this process is waiting on, and a
// delete whose turn to poll comes finds its answer already fetched by a call made since its
// previous poll instead of calling again. Destroying N certificates then costs N deletes and
// about one poll call per poll interval, not one per certificate per interval.
//
// Thread-safe; one instance per configured provider (ProviderData::delete_task_polls).
// Deterministic: no timers, each delete keeps its own poll schedule (api::poll_until_done).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

class DeleteTaskPolls {
 public:
  static constexpr std::size_t kMaxTaskIds = 100;  // DescribeDeleteCertificatesTaskResult TaskIds

  // One delete waiting on its task: the task is carried by every call while it is watched.
  class Watch {
   public:
    Watch(Watch&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)),
          task_id_(std::move(other.task_id_)),
          fresh_from_(other.fresh_from_) {}
    Watch& operator=(Watch&&) = delete;
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    ~Watch();
    const std::string& task_id() const { return task_id_; }

   private:
    friend class DeleteTaskPolls;
    Watch(DeleteTaskPolls* owner, std::string task_id, std::uint64_t fresh_from)
        : owner_(owner), task_id_(std::move(task_id)), fresh_from_(fresh_from) {}
    DeleteTaskPolls* owner_;
    std::string task_id_;
    std::uint64_t fresh_from_;  // calls numbered from here on were sent after the last poll
  };

  Watch watch(const std::string& task_id);

  // The task as a call sent after this watch's previous poll saw it (nullopt: the API did not
  // list it). Joins the call in flight, or sends one for every watched task. Throws
  // api::ApiError when the call this poll made fails.
  std::optional<api::DeleteTaskResult> poll(api::Client& client, Watch& watch,
                                            const api::CallOptions& options = {});

  long calls() const;

 private:
  struct Task {
    int watchers = 0;
    std::uint64_t seen_by = 0;  // number of the last call that carried it (0: none yet)
    std::optional<api::DeleteTaskResult> result;
  };
  void unwatch(const std::string& task_id);

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, Task> tasks_;
  std::uint64_t last_call_ = 0;  // number of the last call sent
  bool in_flight_ = false;
};

// The configured provider's delete-task polls (ProviderData::delete_task_polls); throws
// std::logic_error when the provider is not configured.
DeleteTaskPolls& delete_task_polls(const framework::Context& ctx);

}  // namespace cloudssl::certificates
