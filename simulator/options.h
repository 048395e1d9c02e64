// Command-line flags of cloudssl-sim (README "Flags").
#pragma once

#include <string>
#include <vector>

#include "simulator/simulator.h"

namespace cloudssl::sim {

struct CommandLine {
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = 32;  // a keep-alive connection holds a worker thread while open
  SimulatorOptions simulator;
  bool help = false;
};

// Throws std::invalid_argument with a message naming the bad flag.
CommandLine parse_command_line(const std::vector<std::string>& args);
std::string usage();

}  // namespace cloudssl::sim
