#include "simulator/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace cloudssl::sim {

namespace {

IncomingRequest to_incoming(const httplib::Request& req) {
  IncomingRequest in;
  in.method = req.method;
  in.path = req.path;
  auto q = req.target.find('?');
  if (q != std::string::npos) in.query = req.target.substr(q + 1);
  in.body = req.body;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    in.headers.emplace(lower, value);
  }
  return in;
}

void send(const HttpReply& reply, httplib::Response& res) {
  if (reply.latency_ms > 0) {  // injected latency: the answer really is late
    std::this_thread::sleep_for(std::chrono::milliseconds(reply.latency_ms));
  }
  if (reply.drop) {
    // Announce a body, then fail to produce it: httplib closes the connection mid-response.
    res.set_content_provider(64, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  res.status = reply.status;
  res.set_content(reply.body, reply.content_type.c_str());
}

}  // namespace

HttpServer::HttpServer(Simulator& simulator, int threads)
    : simulator_(simulator), server_(std::make_unique<httplib::Server>()) {
  const int n = std::max(1, threads);
  server_->new_task_queue = [n] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
  server_->set_payload_max_length(10 * 1024 * 1024);  // the v3 POST limit (§1.2)
  // Small request/response pairs on keep-alive connections: without this, Nagle's algorithm
  // and delayed ACKs add ~40 ms to every exchange.
  server_->set_tcp_nodelay(true);
  // Clients keep pooled connections (libcurl); do not force a reconnect every 5 requests.
  server_->set_keep_alive_max_count(10000);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/_sim/", 0) == 0) {
      std::map<std::string, std::string> query(req.params.begin(), req.params.end());
      send(simulator_.handle_admin(req.method, req.path.substr(5), query, req.body), res);
    } else if (req.path.rfind("/_download/", 0) == 0 && req.method == "GET") {
      send(simulator_.handle_download(req.path), res);
    } else if (req.path == "/") {
      send(simulator_.handle_api(to_incoming(req)), res);
    } else {
      res.status = 404;
      res.set_content("not found\n", "text/plain");
    }
  };
  // Without TCP_NODELAY, Nagle + delayed ACK stall every small response by ~30 ms on loopback.
  server_->set_tcp_nodelay(true);
  // Clients keep pooled connections (libcurl); do not force a reconnect every 5 requests.
  server_->set_keep_alive_max_count(10000);
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Delete(".*", handler);
  server_->Put(".*", handler);
}

HttpServer::~HttpServer() = default;

int HttpServer::bind(const std::string& host, int port) {
  const int bound =
      port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port));
  return bound;
}

void HttpServer::run() { server_->listen_after_bind(); }

bool HttpServer::wait_until_running(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!server_->is_running()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

void HttpServer::stop() { server_->stop(); }

}  // namespace cloudssl::sim
