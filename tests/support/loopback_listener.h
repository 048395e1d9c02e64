// A TCP socket listening on 127.0.0.1 at a port the kernel picks, closed when destroyed: for
// tests that hold a port busy or answer on it by hand (a dropped connection, a proxy); and
// OneShotServer, which answers one connection on it by hand.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <thread>
#include <utility>

namespace cloudssl::testing {

class LoopbackListener {
 public:
  explicit LoopbackListener(int backlog = 4) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
          ::listen(fd_, backlog) == 0;
    socklen_t len = sizeof addr;
    if (ok_) ok_ = ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    port_ = ntohs(addr.sin_port);
  }
  ~LoopbackListener() {
    if (fd_ >= 0) ::close(fd_);
  }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  bool ok() const { return ok_; }  // bound and listening
  int fd() const { return fd_; }
  int port() const { return port_; }
  // Wakes a thread blocked in accept() on this socket (accept then fails).
  void shutdown() const { ::shutdown(fd_, SHUT_RDWR); }

 private:
  int fd_ = -1;
  int port_ = 0;
  bool ok_ = false;
};

// Accepts one connection on a thread of its own and hands the socket to `serve`, then closes
// it. Destroying the server unblocks an accept() nobody connected to and joins the thread, so
// what `serve` wrote is visible to the test afterwards.
class OneShotServer {
 public:
  explicit OneShotServer(std::function<void(int socket)> serve)
      : thread_([this, serve = std::move(serve)] {
          const int client = ::accept(listener_.fd(), nullptr, nullptr);
          if (client < 0) return;
          serve(client);
          ::close(client);
        }) {}
  ~OneShotServer() {
    listener_.shutdown();
    thread_.join();
  }
  OneShotServer(const OneShotServer&) = delete;
  OneShotServer& operator=(const OneShotServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(listener_.port()); }

 private:
  LoopbackListener listener_;  // declared before thread_: listening before the thread starts
  std::thread thread_;
};

}  // namespace cloudssl::testing
