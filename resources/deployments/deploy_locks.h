// One in-process lock per (certificate, resource type). The API allows one running deploy or
// update task per pair (docs/design/ssl-api.md §2.4) while Terraform applies up to ten resources at
// once, so two resources deploying the same certificate to the same product take turns here instead
// of racing into DeployStatus 0. Shared by every RPC of the process (a ProviderData member).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "provider/framework/resource.h"
#include "provider/util/cancellation.h"

namespace cloudssl::deployments {

class DeployLocks {
 public:
  // Holds one (certificate, type) pair until destroyed.
  class Guard {
   public:
    Guard() = default;
    Guard(Guard&& other) noexcept
        : owner_(std::exchange(other.owner_, nullptr)), key_(std::move(other.key_)) {}
    Guard& operator=(Guard&& other) noexcept;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard() { release(); }
    bool owns() const { return owner_ != nullptr; }
    void release();

   private:
    friend class DeployLocks;
    Guard(DeployLocks* owner, std::pair<std::string, std::string> key)
        : owner_(owner), key_(std::move(key)) {}
    DeployLocks* owner_ = nullptr;
    std::pair<std::string, std::string> key_;
  };

  // Waits for the pair; gives up (an empty Guard) when `cancel` fires or `deadline` passes.
  Guard acquire(const std::string& certificate_id, const std::string& resource_type,
                const CancellationToken& cancel,
                std::chrono::steady_clock::time_point deadline =
                    std::chrono::steady_clock::time_point::max());

  bool held(const std::string& certificate_id, const std::string& resource_type) const;

 private:
  void release(const std::pair<std::string, std::string>& key);

  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::set<std::pair<std::string, std::string>> held_;
};

// The configured provider's locks (ProviderData::deploy_locks); throws std::logic_error when the
// provider is not configured.
DeployLocks& deploy_locks(const framework::Context& ctx);

}  // namespace cloudssl::deployments
