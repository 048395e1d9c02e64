// The transport's outward options: HTTPS verified against the system bundle or a custom CA
// file, and the proxy taken from the usual environment variable (libcurl's default).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "api/core/http_client.h"
#include "tests/support/loopback_listener.h"
#include "tests/support/test_certificates.h"

namespace cloudssl::api {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// An HTTPS server on 127.0.0.1 presenting a leaf for "localhost" issued by a throw-away CA.
class TlsServer {
 public:
  TlsServer() {
    dir_ = fs::temp_directory_path() / ("cloudssl-tls-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    cloudssl::testing::CertSpec spec;
    spec.common_name = "localhost";
    spec.dns_names = {"localhost"};
    const auto chain = cloudssl::testing::make_chain(spec);
    write_file(dir_ / "server.pem", chain.leaf_and_chain());
    write_file(dir_ / "server.key", chain.leaf.key.pem);
    write_file(dir_ / "ca.pem", chain.root.pem);
    server_.emplace((dir_ / "server.pem").c_str(), (dir_ / "server.key").c_str());
    server_->Post("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"Response":{"RequestId":"tls-ok"}})", "application/json");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!server_->is_running() && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::yield();
    }
  }
  ~TlsServer() {
    server_->stop();
    thread_.join();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  bool valid() const { return server_->is_valid() && port_ > 0; }
  std::string url() const { return "https://localhost:" + std::to_string(port_) + "/"; }
  std::string ca_file() const { return (dir_ / "ca.pem").string(); }

 private:
  fs::path dir_;
  std::optional<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
};

HttpRequest request_to(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "{}";
  request.connect_timeout = std::chrono::seconds(5);
  request.total_timeout = std::chrono::seconds(10);
  return request;
}

TEST(HttpClientOptions, CustomCaFileIsTrusted) {
  TlsServer server;
  ASSERT_TRUE(server.valid());
  HttpClient http(server.ca_file());
  const auto response = http.send(request_to(server.url()));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("tls-ok"), std::string::npos);
}

TEST(HttpClientOptions, UntrustedServerIsATlsErrorWithTheSystemBundle) {
  TlsServer server;
  ASSERT_TRUE(server.valid());
  HttpClient http;  // the system CA bundle does not know the throw-away CA
  try {
    http.send(request_to(server.url()));
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::Tls) << e.what();
    EXPECT_EQ(e.code(), "Transport.TlsError");
  }
}

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(HttpClientOptions, ProxyFromTheEnvironment) {
  // A one-shot HTTP proxy: records the request head and answers one JSON body. `head` is only
  // read after the exchange finished (the reply is sent after the head is complete).
  std::string head;
  cloudssl::testing::OneShotServer proxy([&head](int client) {
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
      const auto n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      head.append(buffer, static_cast<std::size_t>(n));
    }
    const std::string body = R"({"Response":{"RequestId":"via-proxy"}})";
    const std::string reply =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        "Connection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    [[maybe_unused]] auto sent = ::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
  });
  ScopedEnv no_proxy_lower("no_proxy", nullptr);
  ScopedEnv no_proxy_upper("NO_PROXY", nullptr);
  ScopedEnv http_proxy("http_proxy", proxy.url().c_str());
  HttpClient http;
  // A host that cannot resolve: only the proxy can answer it.
  const auto response = http.send(request_to("http://ssl.cloudssl-proxy-test.invalid/"));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("via-proxy"), std::string::npos);
  EXPECT_EQ(head.rfind("POST http://ssl.cloudssl-proxy-test.invalid/ HTTP/1.1\r\n", 0), 0u) << head;
}

}  // namespace
}  // namespace cloudssl::api
