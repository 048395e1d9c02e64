// One-shot "please stop" shared by the threads that can ask for it (the GRPCController
// handler, the signal watcher) and the thread that performs the stop.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>

namespace cloudssl::transport {

class ShutdownLatch {
 public:
  // The first reason wins; later requests are ignored.
  void request(std::string reason) {
    {
      std::lock_guard lock(mutex_);
      if (requested_) return;
      requested_ = true;
      reason_ = std::move(reason);
    }
    cv_.notify_all();
  }

  // Blocks until request() was called; returns its reason.
  std::string wait() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return requested_; });
    return reason_;
  }

  bool requested() const {
    std::lock_guard lock(mutex_);
    return requested_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool requested_ = false;
  std::string reason_;
};

}  // namespace cloudssl::transport
