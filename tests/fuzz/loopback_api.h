// A loopback HTTP server for the API fuzz targets: it answers every GET and POST with the
// status and body the current input sets (the fuzzer runs one input at a time), so a real
// api::Client, its dialect and the typed actions read exactly what the fuzzer wrote.
// Not tests/support/fake_api_server.h: that one records every request for the test to
// inspect, and a fuzzer sends millions.
#pragma once

#include <httplib.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace cloudssl::fuzz {

class LoopbackApi {
 public:
  LoopbackApi() {
    // As the simulator does: without these, Nagle + delayed ACK stall each exchange ~40 ms and
    // connections are not reused.
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000000);
    const auto reply = [this](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      res.set_content(body, "application/json");
    };
    server_.Get("/", reply);
    server_.Post("/", reply);
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) std::abort();
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();  // cpp-httplib 0.11: no wait call
  }
  ~LoopbackApi() {
    server_.stop();
    thread_.join();
  }
  LoopbackApi(const LoopbackApi&) = delete;
  LoopbackApi& operator=(const LoopbackApi&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // The answer to every request until changed (set between calls, never during one).
  int status = 200;
  std::string body;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace cloudssl::fuzz
