// A TCP socket listening on 127.0.0.1 at a port the kernel picks, closed when destroyed: for
// tests that hold a port busy or answer on it by hand (a dropped connection, a proxy);
// RefusingPort, a port where connections are refused; and OneShotServer, which answers one
// connection by hand.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <utility>

namespace cloudssl::testing {

// A port on 127.0.0.1 where a connection is refused and that nobody else can take while this
// lives: a socket bound to it that never listens (the kernel answers a connect with a reset).
// A server closed to free its port would race other processes for that port. A
// LoopbackListener built on it listens on the same port meanwhile; once that listener closes,
// connections are refused again. Both set SO_REUSEPORT, which lets only this user's sockets
// that set it too and bind that port on purpose share it (the kernel never hands it out).
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ok_ = fd_ >= 0 && ::setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == 0 &&
          ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
          ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    port_ = ntohs(addr.sin_port);
  }
  ~RefusingPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  bool ok() const { return ok_; }  // bound, the port held
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
  bool ok_ = false;
};

class LoopbackListener {
 public:
  explicit LoopbackListener(int backlog = 4) { open(0, false, backlog); }
  // Listens on `held`'s port, which refuses connections again once this closes.
  explicit LoopbackListener(const RefusingPort& held, int backlog = 4) {
    open(held.port(), true, backlog);
    ok_ = ok_ && held.ok();
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
  void open(int port, bool reuse_port, int backlog) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    ok_ = fd_ >= 0 &&
          (!reuse_port || ::setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == 0) &&
          ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
          ::listen(fd_, backlog) == 0;
    socklen_t len = sizeof addr;
    if (ok_) ok_ = ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    port_ = ntohs(addr.sin_port);
  }

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
