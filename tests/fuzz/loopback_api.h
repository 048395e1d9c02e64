// A loopback HTTP server for the API fuzz targets: it answers every GET and POST with the
// status and body the current input sets (the fuzzer runs one input at a time), so a real
// api::Client, its dialect and the typed actions read exactly what the fuzzer wrote.
// Not tests/support/fake_api_server.h: that one records every request for the test to
// inspect, and a fuzzer sends millions.
#pragma once

#include <httplib.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "api/core/http_client.h"

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

  // Sets the answer from one fuzz input, the format both API targets' corpora share: byte 1
  // picks the HTTP status (mostly 200, so answers reach the typed readers), the bytes after it
  // are the body; byte 0 is the target's own (what to call). False for an input too short.
  bool answer_with(const std::uint8_t* data, std::size_t size) {
    static constexpr std::array<int, 8> kStatuses = {200, 200, 200, 200, 400, 403, 500, 503};
    if (size < 2) return false;
    status = kStatuses[data[1] % kStatuses.size()];
    body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
    return true;
  }

  // The answer as the HTTP layer hands it to a dialect's read().
  api::HttpResponse response() const {
    return api::HttpResponse{status, body, {{"content-type", "application/json"}}};
  }

  // The answer to every request until changed (set between calls, never during one).
  int status = 200;
  std::string body;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace cloudssl::fuzz
