#include "provider/transport/signal_watcher.h"

#include <csignal>

namespace cloudssl::transport {
namespace {

// Sent by the destructor to end the sigwait loop.
constexpr int kWakeSignal = SIGUSR2;

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, kWakeSignal);
  return set;
}

}  // namespace

SignalWatcher::SignalWatcher(std::function<void(Event)> on_signal)
    : on_signal_(std::move(on_signal)) {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] { run(); });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), kWakeSignal);
  thread_.join();
}

void SignalWatcher::run() {
  const sigset_t set = watched_signals();
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (signal == kWakeSignal) return;
    on_signal_(signal == SIGINT ? Event::Interrupt : Event::Terminate);
  }
}

}  // namespace cloudssl::transport
