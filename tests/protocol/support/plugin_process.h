// Starts a provider binary the way go-plugin does (environment, stdout pipe for the handshake,
// stderr kept in a file for the failure report) and watches it exit. Test-only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cloudssl::testing {

class PluginProcess {
 public:
  struct Options {
    std::string binary;
    std::vector<std::string> args;
    // Added to (and overriding) this process's environment; a value of nullopt removes it.
    std::map<std::string, std::optional<std::string>> env;
  };

  explicit PluginProcess(Options options);
  ~PluginProcess();  // SIGKILLs the process if it still runs
  PluginProcess(const PluginProcess&) = delete;
  PluginProcess& operator=(const PluginProcess&) = delete;

  pid_t pid() const { return pid_; }

  // The next stdout line (without '\n'), or nullopt on EOF or when the deadline passes.
  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);
  // All stdout until EOF or the deadline.
  std::string read_stdout_until_eof(std::chrono::milliseconds timeout);

  // Waits for the exit; returns the exit status (WEXITSTATUS, or 128+signal) or nullopt when
  // still running at the deadline.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  bool running();

  void send_signal(int signal);
  std::string stderr_text() const;
  // Waits until stderr contains `text` (inotify on the capture file; no polling loop).
  bool wait_for_stderr(const std::string& text, std::chrono::milliseconds timeout) const;

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stdout_buffer_;
  std::string stderr_path_;
  std::optional<int> exit_status_;
};

// The environment Terraform gives a provider (§2.1), with `client_cert_pem` for AutoMTLS.
std::map<std::string, std::optional<std::string>> go_plugin_environment(
    const std::string& client_cert_pem);

}  // namespace cloudssl::testing
