// Child processes for the harness: an explicit environment, output straight into files, a
// deadline after which the whole process group is killed (Terraform's provider children
// included). Waiting uses a pidfd with poll(), so there are no sleeps.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cloudssl::acceptance {

struct ProcessSpec {
  std::vector<std::string> argv = {};           // argv[0] is an absolute path
  std::map<std::string, std::string> env = {};  // the complete environment
  std::filesystem::path cwd = {};               // empty: inherit
  std::filesystem::path stdout_path = {};       // empty: /dev/null
  std::filesystem::path stderr_path = {};       // empty: /dev/null
};

// A started child in its own process group. The destructor kills the group if the child
// is still running.
class ChildProcess {
 public:
  explicit ChildProcess(const ProcessSpec& spec);  // throws std::runtime_error on spawn failure
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const { return pid_; }
  // Sends `signal` to the child only (not its group), e.g. SIGINT to terraform.
  void signal(int signal) const;
  // Waits until the child exits or `deadline` passes. Returns the exit code (128 + signal
  // number when killed by a signal), nullopt on timeout.
  std::optional<int> wait_until(std::chrono::steady_clock::time_point deadline);
  // Kills the whole process group and reaps the child.
  void kill_group();

 private:
  int pid_ = -1;
  int pidfd_ = -1;
  std::optional<int> exit_code_;
};

struct ProcessResult {
  int exit_code = -1;
  bool timed_out = false;
};

// Runs to completion or kills on the deadline.
ProcessResult run_process(const ProcessSpec& spec, std::chrono::milliseconds timeout);

// Reads a whole file ("" when missing).
std::string read_file(const std::filesystem::path& path);

}  // namespace cloudssl::acceptance
