// A scripted stand-in for an API on loopback (cpp-httplib), for unit tests of the client:
// each request (POST or GET at "/") is recorded and answered by the test's handler. The real
// simulator is exercised by tests/integration.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace cloudssl::api::testing {

struct RecordedRequest {
  std::string method;                          // "POST", "GET"
  std::string query;                           // the raw text after '?' (GET)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct Reply {
  int status = 200;
  std::string body;
  bool hang = false;  // hold the answer until the server is released (timeouts)
};

inline Reply ok(nlohmann::json response) {
  response["RequestId"] = "req-ok";
  return {200, nlohmann::json{{"Response", response}}.dump()};
}

inline Reply api_error(const std::string& code, const std::string& request_id = "req-err") {
  return {200, nlohmann::json{{"Response",
                               {{"Error", {{"Code", code}, {"Message", "scripted " + code}}},
                                {"RequestId", request_id}}}}
                   .dump()};
}

class FakeApiServer {
 public:
  using Handler = std::function<Reply(const RecordedRequest&, int index)>;

  explicit FakeApiServer(Handler handler) : handler_(std::move(handler)) {
    const auto answer = [this](const httplib::Request& req, httplib::Response& res) {
      RecordedRequest recorded;
      recorded.method = req.method;
      if (const auto mark = req.target.find('?'); mark != std::string::npos) {
        recorded.query = req.target.substr(mark + 1);
      }
      for (const auto& [name, value] : req.headers) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        recorded.headers[lower] = value;
      }
      recorded.body = req.body;
      int index;
      {
        std::lock_guard lock(mutex_);
        index = static_cast<int>(requests_.size());
        requests_.push_back(recorded);
      }
      Reply reply = handler_(recorded, index);
      if (reply.hang) {
        std::unique_lock lock(mutex_);
        released_cv_.wait(lock, [this] { return released_; });
      }
      res.status = reply.status;
      res.set_content(reply.body, "application/json");
    };
    server_.Post("/", answer);
    server_.Get("/", answer);
    server_.set_tcp_nodelay(true);  // no Nagle/delayed-ACK stalls on loopback
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs, so wait for it (bounded).
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!server_.is_running() && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::yield();
    }
  }

  ~FakeApiServer() {
    release();
    server_.stop();
    thread_.join();
  }

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }

  // Lets hanging handlers answer (their clients have usually given up by then).
  void release() {
    {
      std::lock_guard lock(mutex_);
      released_ = true;
    }
    released_cv_.notify_all();
  }

 private:
  Handler handler_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable released_cv_;
  bool released_ = false;
  std::vector<RecordedRequest> requests_;
};

}  // namespace cloudssl::api::testing
