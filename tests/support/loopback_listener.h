// A TCP socket listening on 127.0.0.1 at a port the kernel picks, closed when destroyed: for
// tests that hold a port busy or answer on it by hand (a dropped connection, a proxy).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

}  // namespace cloudssl::testing
