// A server on 127.0.0.1 that accepts connections, reads at most a given number of bytes of each
// (after a TLS handshake when asked), then holds it open without answering until the test
// releases it: for tests of a request that times out while it is being written. Released, it
// reads each connection to its end (the client must have closed it) and reports what arrived.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_certificates.h"

namespace cloudssl::testing {

struct StallingServerOptions {
  std::size_t read_limit = 0;  // bytes read from each connection before it stalls; 0: none
  // A receive buffer and a segment size as small as the kernel allows: the client's kernel then
  // takes only some tens of KB before its send would block (on loopback it takes MBs otherwise).
  bool narrow_window = false;
  bool tls = false;  // HTTPS with a leaf for "localhost"; ca_file() names its root
};

class StallingServer {
 public:
  // What reached the server: one entry per accepted connection, the bytes that arrived on it
  // (TLS records after the handshake, for TLS).
  struct Seen {
    std::vector<std::size_t> bytes;
  };

  explicit StallingServer(StallingServerOptions options) : options_(options) {
    if (::pipe(release_) != 0) return;
    if (options_.tls && !make_tls()) return;
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int small = 1;  // the kernel rounds both up to its minimum
    const int segment = 536;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ok_ = listener_ >= 0 &&
          (!options_.narrow_window ||
           (::setsockopt(listener_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small) == 0 &&
            ::setsockopt(listener_, IPPROTO_TCP, TCP_MAXSEG, &segment, sizeof segment) == 0)) &&
          ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
          ::listen(listener_, 4) == 0 &&
          ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    port_ = ntohs(addr.sin_port);
    if (ok_) thread_ = std::thread([this] { serve(); });
  }
  ~StallingServer() {
    release();
    if (listener_ >= 0) ::close(listener_);
    for (int fd : release_) {
      if (fd >= 0) ::close(fd);
    }
    if (ctx_) SSL_CTX_free(ctx_);
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }
  StallingServer(const StallingServer&) = delete;
  StallingServer& operator=(const StallingServer&) = delete;

  bool ok() const { return ok_; }
  std::string url() const {
    return (options_.tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_);
  }
  std::string ca_file() const { return options_.tls ? (dir_ / "ca.pem").string() : ""; }

  // Lets the stalled connections go: reads each to its end, within 10 s, and says what arrived.
  // Call it once the client has closed its connections (destroyed), or they are not ended.
  Seen release() {
    if (thread_.joinable()) {
      [[maybe_unused]] auto n = ::write(release_[1], "x", 1);
      thread_.join();
    }
    return seen_;
  }

 private:
  struct Connection {
    int fd = -1;
    SSL* ssl = nullptr;
    std::size_t bytes = 0;
  };

  void serve() {
    std::vector<Connection> connections;
    for (;;) {
      pollfd fds[2] = {{listener_, POLLIN, 0}, {release_[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0 || (fds[1].revents & POLLIN)) break;
      if (!(fds[0].revents & POLLIN)) continue;
      Connection c;
      c.fd = ::accept(listener_, nullptr, nullptr);
      if (c.fd < 0) continue;
      if (ctx_) {
        c.ssl = SSL_new(ctx_);
        SSL_set_fd(c.ssl, c.fd);
        if (SSL_accept(c.ssl) != 1) {
          SSL_free(c.ssl);
          c.ssl = nullptr;
        }
      }
      char buffer[4096];
      while (c.bytes < options_.read_limit) {
        const std::size_t want = std::min(sizeof buffer, options_.read_limit - c.bytes);
        const auto n =
            c.ssl ? SSL_read(c.ssl, buffer, static_cast<int>(want)) : ::recv(c.fd, buffer, want, 0);
        if (n <= 0) break;
        c.bytes += static_cast<std::size_t>(n);
      }
      connections.push_back(c);
    }
    for (auto& c : connections) {
      // The rest as it comes (raw bytes: TLS records are not decrypted), until the client's end.
      char buffer[65536];
      for (;;) {
        pollfd fd = {c.fd, POLLIN, 0};
        if (::poll(&fd, 1, 10000) <= 0) break;
        const auto n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        c.bytes += static_cast<std::size_t>(n);
      }
      seen_.bytes.push_back(c.bytes);
      if (c.ssl) SSL_free(c.ssl);
      ::close(c.fd);
    }
  }

  // A throw-away chain for "localhost": the server presents the leaf and the intermediate.
  bool make_tls() {
    CertSpec spec;
    spec.common_name = "localhost";
    spec.dns_names = {"localhost"};
    const TestChain chain = make_chain(spec);
    dir_ = std::filesystem::temp_directory_path() /
           ("cloudssl-stalling-" + std::to_string(::getpid()) + "-" +
            std::to_string(next_id().fetch_add(1)));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "ca.pem", std::ios::binary) << chain.root.pem;
    ctx_ = SSL_CTX_new(TLS_server_method());
    if (!ctx_) return false;
    X509* leaf = read_cert(chain.leaf.pem);
    X509* intermediate = read_cert(chain.intermediate.pem);
    BIO* bio =
        BIO_new_mem_buf(chain.leaf.key.pem.data(), static_cast<int>(chain.leaf.key.pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    const bool ok = leaf && intermediate && key && SSL_CTX_use_certificate(ctx_, leaf) == 1 &&
                    SSL_CTX_add1_chain_cert(ctx_, intermediate) == 1 &&
                    SSL_CTX_use_PrivateKey(ctx_, key) == 1;
    X509_free(leaf);
    X509_free(intermediate);
    EVP_PKEY_free(key);
    return ok;
  }
  static X509* read_cert(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return cert;
  }
  static std::atomic<int>& next_id() {
    static std::atomic<int> id{0};
    return id;
  }

  StallingServerOptions options_;
  int release_[2] = {-1, -1};
  int listener_ = -1;
  int port_ = 0;
  bool ok_ = false;
  SSL_CTX* ctx_ = nullptr;
  std::filesystem::path dir_;
  Seen seen_;
  std::thread thread_;
};

}  // namespace cloudssl::testing
