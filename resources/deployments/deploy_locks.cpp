#include "resources/deployments/deploy_locks.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "resources/common/provider_data.h"

namespace cloudssl::deployments {

namespace {
// How often a waiter re-checks its cancellation token: the token has no callback, so a
// waiter wakes at least this often (it wakes at once when the lock is released).
constexpr auto kCancelCheck = std::chrono::milliseconds(50);
}  // namespace

DeployLocks::Guard& DeployLocks::Guard::operator=(Guard&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = std::exchange(other.owner_, nullptr);
    key_ = std::move(other.key_);
  }
  return *this;
}

void DeployLocks::Guard::release() {
  if (owner_) std::exchange(owner_, nullptr)->release(key_);
}

DeployLocks::Guard DeployLocks::acquire(const std::string& certificate_id,
                                        const std::string& resource_type,
                                        const CancellationToken& cancel,
                                        std::chrono::steady_clock::time_point deadline) {
  auto key = std::make_pair(certificate_id, resource_type);
  std::unique_lock lock(mutex_);
  while (held_.count(key)) {
    if (cancel.cancelled()) return {};
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return {};
    released_.wait_until(lock, std::min(deadline, now + kCancelCheck));
  }
  held_.insert(key);
  return Guard(this, std::move(key));
}

bool DeployLocks::held(const std::string& certificate_id, const std::string& resource_type) const {
  std::lock_guard lock(mutex_);
  return held_.count({certificate_id, resource_type}) > 0;
}

void DeployLocks::release(const std::pair<std::string, std::string>& key) {
  {
    std::lock_guard lock(mutex_);
    held_.erase(key);
  }
  released_.notify_all();
}

DeployLocks& deploy_locks(const framework::Context& ctx) {
  return common::provider_member(ctx, &common::ProviderData::deploy_locks, "deploy locks");
}

}  // namespace cloudssl::deployments
