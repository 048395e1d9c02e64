// cpp-httplib front end: "/" goes to the API, "/_sim/..." to the admin endpoint.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "simulator/simulator.h"

namespace httplib {
class Server;
}

namespace cloudssl::sim {

class HttpServer {
 public:
  HttpServer(Simulator& simulator, int threads);
  ~HttpServer();
  // Binds host:port (0 = any free port) and returns the bound port; throws on failure.
  int bind(const std::string& host, int port);
  void run();  // blocks until stop()
  // stop() before run() has started listening would be lost: callers that stop soon after
  // starting (tests) wait for this first. False if not running before `timeout`.
  bool wait_until_running(std::chrono::milliseconds timeout) const;
  void stop();

 private:
  Simulator& simulator_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace cloudssl::sim
