// Coalesced DescribeDeleteCertificatesTaskResult polls (see the header).
#include "resources/certificates/delete_task_polls.h"

#include <algorithm>
#include <vector>

#include "resources/common/provider_data.h"

namespace cloudssl::certificates {

DeleteTaskPolls::Watch::~Watch() {
  if (owner_) owner_->unwatch(task_id_);
}

DeleteTaskPolls::Watch DeleteTaskPolls::watch(const std::string& task_id) {
  std::lock_guard lock(mutex_);
  ++tasks_[task_id].watchers;
  return Watch(this, task_id, last_call_ + 1);
}

void DeleteTaskPolls::unwatch(const std::string& task_id) {
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(task_id);
  if (it != tasks_.end() && --it->second.watchers <= 0) tasks_.erase(it);
}

std::optional<api::DeleteTaskResult> DeleteTaskPolls::poll(api::Client& client, Watch& watch,
                                                           const api::CallOptions& options) {
  std::unique_lock lock(mutex_);
  for (;;) {
    Task& task = tasks_[watch.task_id_];
    if (task.seen_by != 0 && task.seen_by >= watch.fresh_from_) {
      watch.fresh_from_ = last_call_ + 1;
      return task.result;
    }
    if (in_flight_) {  // it may carry this task; either way the next call will
      cv_.wait(lock);
      continue;
    }
    // This task first, then the others that waited longest for an answer.
    std::vector<std::pair<std::uint64_t, std::string>> others;
    for (const auto& [id, t] : tasks_)
      if (id != watch.task_id_) others.emplace_back(t.seen_by, id);
    std::sort(others.begin(), others.end());
    std::vector<std::string> ids{watch.task_id_};
    for (const auto& [seen, id] : others) {
      if (ids.size() >= kMaxTaskIds) break;
      ids.push_back(id);
    }
    const std::uint64_t number = ++last_call_;
    in_flight_ = true;
    lock.unlock();
    std::vector<api::DeleteTaskResult> answer;
    std::exception_ptr failure;
    try {
      answer = api::describe_delete_certificates_task_result(client, ids, options);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    in_flight_ = false;
    cv_.notify_all();
    if (failure) std::rethrow_exception(failure);  // the others poll again themselves
    for (const auto& id : ids) {
      auto it = tasks_.find(id);
      if (it == tasks_.end()) continue;  // its delete stopped waiting meanwhile
      it->second.seen_by = number;
      it->second.result.reset();
      for (const auto& r : answer)
        if (r.task_id == id) it->second.result = r;
    }
  }
}

long DeleteTaskPolls::calls() const {
  std::lock_guard lock(mutex_);
  return static_cast<long>(last_call_);
}

DeleteTaskPolls& delete_task_polls(const framework::Context& ctx) {
  return common::provider_member(ctx, &common::ProviderData::delete_task_polls,
                                 "delete-task poller");
}

}  // namespace cloudssl::certificates
