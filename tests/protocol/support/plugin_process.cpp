#include "tests/protocol/support/plugin_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

extern char** environ;

namespace cloudssl::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> merged_environment(
    const std::map<std::string, std::optional<std::string>>& overrides) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : overrides) {
    if (value) {
      env[key] = *value;
    } else {
      env.erase(key);
    }
  }
  std::vector<std::string> out;
  for (const auto& [key, value] : env) out.push_back(key + "=" + value);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

PluginProcess::PluginProcess(Options options) {
  char stderr_template[] = "/tmp/plugin-stderr-XXXXXX";
  const int stderr_fd = mkstemp(stderr_template);
  if (stderr_fd < 0) throw std::runtime_error("mkstemp failed");
  stderr_path_ = stderr_template;

  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  std::vector<std::string> args{options.binary};
  args.insert(args.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env = merged_environment(options.env);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  const int rc =
      posix_spawn(&pid_, options.binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  close(stderr_fd);
  if (rc != 0) {
    close(pipe_fds[0]);
    throw std::runtime_error("posix_spawn " + options.binary + " failed: " + std::to_string(rc));
  }
  stdout_fd_ = pipe_fds[0];
}

PluginProcess::~PluginProcess() {
  if (running()) {
    kill(pid_, SIGKILL);
    wait_exit(std::chrono::seconds(10));
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
  unlink(stderr_path_.c_str());
}

std::optional<std::string> PluginProcess::read_stdout_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (const auto nl = stdout_buffer_.find('\n'); nl != std::string::npos) {
      std::string line = stdout_buffer_.substr(0, nl);
      stdout_buffer_.erase(0, nl + 1);
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return std::nullopt;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left)) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;  // EOF
    stdout_buffer_.append(buf, static_cast<std::size_t>(n));
  }
}

std::string PluginProcess::read_stdout_until_eof(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left)) <= 0) continue;
    char buf[4096];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) break;
    stdout_buffer_.append(buf, static_cast<std::size_t>(n));
  }
  return std::exchange(stdout_buffer_, {});
}

std::optional<int> PluginProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (exit_status_) return exit_status_;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    exit_status_ = decode_status(status);
    return exit_status_;
  }
  if (timeout.count() <= 0) return std::nullopt;
  // A pidfd becomes readable when the process exits: no polling loop needed.
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd < 0) throw std::runtime_error("pidfd_open failed");
  pollfd pfd{pidfd, POLLIN, 0};
  const int ready = poll(&pfd, 1, static_cast<int>(timeout.count()));
  close(pidfd);
  if (ready <= 0) return std::nullopt;
  if (waitpid(pid_, &status, 0) == pid_) exit_status_ = decode_status(status);
  return exit_status_;
}

bool PluginProcess::running() { return !wait_exit(std::chrono::milliseconds(0)).has_value(); }

void PluginProcess::send_signal(int signal) {
  if (running()) kill(pid_, signal);
}

std::string PluginProcess::stderr_text() const {
  std::ifstream in(stderr_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool PluginProcess::wait_for_stderr(const std::string& text,
                                    std::chrono::milliseconds timeout) const {
  const int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd < 0) throw std::runtime_error("inotify_init1 failed");
  inotify_add_watch(fd, stderr_path_.c_str(), IN_MODIFY);
  const auto deadline = Clock::now() + timeout;
  bool found = false;
  for (;;) {
    // Checked after the watch is in place, so no write can slip between check and wait.
    if (stderr_text().find(text) != std::string::npos) {
      found = true;
      break;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(left)) > 0) {
      char events[4096];
      while (read(fd, events, sizeof events) > 0) {
      }
    }
  }
  close(fd);
  return found;
}

std::map<std::string, std::optional<std::string>> go_plugin_environment(
    const std::string& client_cert_pem) {
  return {
      {"TF_PLUGIN_MAGIC_COOKIE",
       "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"},
      {"PLUGIN_PROTOCOL_VERSIONS", "5,6"},
      {"PLUGIN_MIN_PORT", "10000"},
      {"PLUGIN_MAX_PORT", "25000"},
      {"PLUGIN_CLIENT_CERT",
       client_cert_pem.empty() ? std::nullopt : std::optional<std::string>(client_cert_pem)},
      {"TF_LOG_PROVIDER", "debug"},
  };
}

}  // namespace cloudssl::testing
