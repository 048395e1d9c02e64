// Finding the terraform/tofu CLI and its version.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <sstream>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/process.h"
#include "tests/acceptance/harness/temp_dir.h"

namespace cloudssl::acceptance {
namespace fs = std::filesystem;

std::optional<Version> Version::parse(std::string_view text) {
  if (!text.empty() && text.front() == 'v') text.remove_prefix(1);
  Version v;
  int* parts[] = {&v.major, &v.minor, &v.patch};
  std::size_t i = 0;
  for (int* part : parts) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    int n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') n = n * 10 + (text[i++] - '0');
    *part = n;
    if (part != parts[2]) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  return v;  // anything after the patch number (-beta1, +meta) is ignored
}

std::string Version::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

namespace {

std::optional<fs::path> on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

CliLookup probe(const fs::path& path) {
  CliLookup result;
  TempDir probe_dir("cloudssl-acc-cli-");
  write_text(probe_dir.path() / "cli.tfrc", "");
  ProcessSpec spec;
  spec.argv = {path.string(), "version", "-json"};
  spec.env = {{"HOME", probe_dir.path().string()},
              {"CHECKPOINT_DISABLE", "1"},
              {"TF_CLI_CONFIG_FILE", (probe_dir.path() / "cli.tfrc").string()}};
  if (const char* p = std::getenv("PATH")) spec.env["PATH"] = p;
  spec.cwd = probe_dir.path();
  spec.stdout_path = probe_dir.path() / "version.json";
  spec.stderr_path = probe_dir.path() / "version.err";
  ProcessResult run;
  try {
    run = run_process(spec, std::chrono::seconds(60));
  } catch (const std::exception& e) {
    result.why_not = e.what();
    return result;
  }
  if (run.timed_out || run.exit_code != 0) {
    result.why_not =
        path.string() + " version -json failed: " + read_file(probe_dir.path() / "version.err");
    return result;
  }
  try {
    const auto json = nlohmann::json::parse(read_file(probe_dir.path() / "version.json"));
    const auto version = Version::parse(json.at("terraform_version").get<std::string>());
    if (!version) throw std::runtime_error("unparsable terraform_version");
    Cli cli;
    cli.path = path;
    cli.version = *version;
    cli.is_tofu = path.filename().string().find("tofu") != std::string::npos;
    result.cli = cli;
  } catch (const std::exception& e) {
    result.why_not = path.string() + " version -json gave unexpected output: " + e.what();
  }
  return result;
}

CliLookup lookup() {
  if (const char* explicit_path = std::getenv("TF_ACC_TERRAFORM_PATH");
      explicit_path && *explicit_path) {
    if (::access(explicit_path, X_OK) != 0) {
      return {std::nullopt,
              std::string("TF_ACC_TERRAFORM_PATH=") + explicit_path + " is not an executable file"};
    }
    return probe(explicit_path);
  }
  for (const char* name : {"terraform", "tofu"}) {
    if (auto path = on_path(name)) return probe(*path);
  }
  return {std::nullopt,
          "no terraform or tofu on PATH and TF_ACC_TERRAFORM_PATH is not set (install Terraform "
          ">= 1.0 or OpenTofu, or point TF_ACC_TERRAFORM_PATH at the binary)"};
}

}  // namespace

const CliLookup& find_cli() {
  static const CliLookup found = lookup();
  return found;
}

std::optional<std::string> skip_reason(Version minimum) {
  const auto& found = find_cli();
  if (!found.cli) return "acceptance test skipped: " + found.why_not;
  if (found.cli->version < minimum) {
    return "acceptance test skipped: needs " + found.cli->name() + " >= " + minimum.to_string() +
           ", found " + found.cli->version.to_string() + " at " + found.cli->path.string();
  }
  return std::nullopt;
}

void announce_skip(const std::string& why) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::cerr << "\n*** " << why << " ***\n" << std::flush;
}

}  // namespace cloudssl::acceptance
