// Cancellation for long operations. StopProvider cancels every in-flight operation's token;
// pollers wait on the token instead of sleeping, so cancellation interrupts a wait at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace cloudssl {

class CancellationToken {
 public:
  CancellationToken() : state_(std::make_shared<State>()) {}

  void cancel() const {
    {
      std::lock_guard lock(state_->mutex);
      state_->cancelled = true;
    }
    state_->cv.notify_all();
  }

  bool cancelled() const {
    std::lock_guard lock(state_->mutex);
    return state_->cancelled;
  }

  // Waits up to `duration`; returns true when the token was (or became) cancelled.
  template <class Rep, class Period>
  bool wait_for(std::chrono::duration<Rep, Period> duration) const {
    std::unique_lock lock(state_->mutex);
    return state_->cv.wait_for(lock, duration, [this] { return state_->cancelled; });
  }

  // Waits until `deadline`; returns true when cancelled before it.
  template <class Clock, class Duration>
  bool wait_until(std::chrono::time_point<Clock, Duration> deadline) const {
    std::unique_lock lock(state_->mutex);
    return state_->cv.wait_until(lock, deadline, [this] { return state_->cancelled; });
  }

 private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable cv;
    bool cancelled = false;
  };
  std::shared_ptr<State> state_;  // copies share one state
};

}  // namespace cloudssl
