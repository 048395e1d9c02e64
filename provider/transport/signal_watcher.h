// Signals turned into ordinary events on a dedicated thread (sigwait), so that no work ever
// runs in a signal handler. SIGINT: Terraform's Ctrl-C reaches the provider too, and it must
// keep serving (Core sends StopProvider instead), so it is logged and ignored unless the
// caller wants it (debug mode). SIGTERM (also our parent-death signal) stops the server.
#pragma once

#include <pthread.h>

#include <functional>
#include <thread>

namespace cloudssl::transport {

class SignalWatcher {
 public:
  enum class Event { Interrupt, Terminate };

  // Blocks SIGINT, SIGTERM (and the internal wake-up signal) in the calling thread, so call it
  // before any other thread starts: threads inherit the mask and sigwait sees every signal.
  explicit SignalWatcher(std::function<void(Event)> on_signal);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void run();
  std::function<void(Event)> on_signal_;
  std::thread thread_;
};

}  // namespace cloudssl::transport
