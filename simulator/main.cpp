// cloudssl-sim: a local Tencent Cloud SSL API 3.0 simulator (see README.md).
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "simulator/http_server.h"
#include "simulator/options.h"

namespace {
// Signal handlers cannot capture; the running server is the one thing they need to reach.
cloudssl::sim::HttpServer* g_server = nullptr;
void on_signal(int) {
  if (g_server) g_server->stop();
}
}  // namespace

int main(int argc, char** argv) {
  using namespace cloudssl::sim;
  CommandLine cl;
  try {
    cl = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "cloudssl-sim: " << e.what() << "\n" << usage();
    return 2;
  }
  if (cl.help) {
    std::cout << usage();
    return 0;
  }
  try {
    Simulator simulator(cl.simulator);
    HttpServer server(simulator, cl.threads);
    const int port = server.bind(cl.host, cl.port);
    std::cout << cl.host << ":" << port << std::endl;  // first stdout line, flushed
    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    server.run();
    g_server = nullptr;
  } catch (const std::exception& e) {
    std::cerr << "cloudssl-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
