// cloudssl-sim: a local Tencent Cloud SSL API 3.0 simulator (see README.md).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "simulator/http_server.h"
#include "simulator/options.h"

namespace {
// SIGINT/SIGTERM end the process at once (_Exit is async-signal-safe). State is persisted
// atomically after every request, so nothing is lost; a graceful stop would instead wait
// for worker threads sitting in idle keep-alive reads (seconds per test).
void on_signal(int) { std::_Exit(0); }
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
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    server.run();
  } catch (const std::exception& e) {
    std::cerr << "cloudssl-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
