// Workspace: a test folder with a generated CLI configuration, and CLI commands run in it
// with every output kept in numbered files.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/utsname.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/acceptance/harness/acceptance.h"
#include "tests/acceptance/harness/process.h"
#include "tests/acceptance/harness/temp_dir.h"

namespace cloudssl::acceptance {
namespace fs = std::filesystem;

namespace {

std::string platform() {
  utsname u{};
  ::uname(&u);
  const std::string machine = u.machine;
  std::string arch = machine;
  if (machine == "x86_64" || machine == "amd64") arch = "amd64";
  if (machine == "aarch64" || machine == "arm64") arch = "arm64";
  return "linux_" + arch;
}

std::string provider_name(const Provider& p) {
  const auto slash = p.source.rfind('/');
  return slash == std::string::npos ? p.source : p.source.substr(slash + 1);
}

bool secret_name(const std::string& name) {
  static const std::regex secret("SECRET|TOKEN|PASSWORD|PRIVATE|_KEY$", std::regex::icase);
  return std::regex_search(name, secret);
}

// Subcommands that take -no-color.
bool takes_no_color(const std::vector<std::string>& args) {
  static const std::set<std::string> commands = {"init",   "plan",     "apply", "destroy",
                                                 "import", "validate", "show",  "refresh",
                                                 "output", "console",  "taint", "untaint"};
  return !args.empty() && commands.count(args.front()) > 0;
}

std::string fold_whitespace(const std::string& text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Box drawing characters around diagnostics: │ ╷ ╵ (UTF-8 E2 94 82 / E2 95 B7 / E2 95 B5).
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        (static_cast<unsigned char>(text[i + 1]) == 0x94 ||
         static_cast<unsigned char>(text[i + 1]) == 0x95)) {
      i += 2;
      space = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

Diagnostic parse_diagnostic(const nlohmann::json& d) {
  Diagnostic out;
  out.severity = d.value("severity", "");
  out.summary = d.value("summary", "");
  out.detail = d.value("detail", "");
  out.address = d.value("address", "");
  if (auto s = d.find("snippet"); s != d.end() && s->is_object())
    out.snippet = s->value("code", "");
  return out;
}

std::vector<Diagnostic> parse_diagnostics(const std::string& out) {
  std::vector<Diagnostic> diagnostics;
  // `validate -json`: one object with a diagnostics array.
  if (auto whole = nlohmann::json::parse(out, nullptr, false);
      !whole.is_discarded() && whole.is_object() && whole.contains("diagnostics")) {
    for (const auto& d : whole["diagnostics"]) diagnostics.push_back(parse_diagnostic(d));
    return diagnostics;
  }
  // plan/apply/destroy -json: one message per line.
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() != '{') continue;
    auto msg = nlohmann::json::parse(line, nullptr, false);
    if (msg.is_discarded() || msg.value("type", "") != "diagnostic") continue;
    if (auto d = msg.find("diagnostic"); d != msg.end())
      diagnostics.push_back(parse_diagnostic(*d));
  }
  return diagnostics;
}

// The last attribute name of "nested[0].value" / "nested.0.value" → "value".
std::string last_attribute_name(const std::string& path) {
  static const std::regex names("[A-Za-z_][A-Za-z0-9_-]*");
  std::string last;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), names);
       it != std::sregex_iterator(); ++it) {
    last = it->str();
  }
  return last;
}

}  // namespace

std::string CommandResult::text() const {
  if (diagnostics.empty()) return out + err;
  std::string s;
  for (const auto& d : diagnostics) {
    s += (d.severity == "error" ? "Error: " : "Warning: ") + d.summary + "\n";
    if (!d.address.empty()) s += "  with " + d.address + "\n";
    if (!d.snippet.empty()) s += "  at: " + d.snippet + "\n";
    if (!d.detail.empty()) s += "  " + d.detail + "\n";
  }
  return s + err;
}

bool matches_error(const CommandResult& result, const ErrorMatch& match) {
  const std::regex pattern(match.pattern);
  const auto attribute = last_attribute_name(match.attribute);
  const std::regex attribute_pattern("\\b" + attribute + "\\b");
  bool any_error_diagnostic = false;
  for (const auto& d : result.diagnostics) {
    if (d.severity != "error") continue;
    any_error_diagnostic = true;
    const auto text = fold_whitespace(d.summary + ": " + d.detail);
    if (!std::regex_search(text, pattern)) continue;
    if (attribute.empty() || std::regex_search(d.snippet, attribute_pattern)) return true;
  }
  if (any_error_diagnostic) return false;
  // Human output (terraform import has no -json): search the folded text.
  const auto text = fold_whitespace(result.out + "\n" + result.err);
  return std::regex_search(text, pattern) &&
         (attribute.empty() || std::regex_search(text, attribute_pattern));
}

// --- Workspace ------------------------------------------------------------------------

// "cloudssl-acc-<Suite>.<Test>-": kept folders say which test they belong to.
std::string folder_prefix() {
  std::string prefix = "cloudssl-acc-";
  if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    for (char c : std::string(info->test_suite_name()) + "." + info->name()) {
      prefix += std::isalnum(static_cast<unsigned char>(c)) || c == '.' ? c : '_';
    }
    prefix += '-';
  }
  return prefix;
}

struct Workspace::Impl {
  TempDir dir{folder_prefix()};
  Cli cli;
  std::vector<Provider> providers;
  std::map<std::string, std::string> env;
  std::chrono::seconds timeout;
  mutable int commands = 0;
  bool keep = false;
};

Workspace::Workspace(std::vector<Provider> providers, Installation installation,
                     std::map<std::string, std::string> env, std::chrono::seconds command_timeout)
    : impl_(std::make_unique<Impl>()) {
  const auto& found = find_cli();
  if (!found.cli) throw std::logic_error("Workspace without a CLI: " + found.why_not);
  impl_->cli = *found.cli;
  impl_->providers = providers;
  impl_->timeout = command_timeout;
  const fs::path& root = impl_->dir.path();
  fs::create_directories(root / "home");
  fs::create_directories(root / "logs");

  // The CLI configuration: only our providers, installed from the build or a local mirror;
  // no network installation method at all.
  std::ostringstream cfg;
  cfg << "# Generated by the acceptance harness.\nprovider_installation {\n";
  if (installation == Installation::DevOverrides) {
    cfg << "  dev_overrides {\n";
    for (const auto& p : providers) {
      cfg << "    " << hcl_string(p.source) << " = " << hcl_string(p.binary.parent_path().string())
          << "\n";
    }
    cfg << "  }\n";
  } else {
    for (const auto& p : providers) {
      fs::path mirror = p.mirror;
      if (mirror.empty()) {
        // Lay out what `cmake --install` would: <mirror>/<host>/<ns>/<name>/<ver>/<platform>/.
        mirror = root / "mirror";
        const auto name = provider_name(p);
        const auto target = mirror / "registry.terraform.io" / p.source / p.version / platform() /
                            ("terraform-provider-" + name + "_v" + p.version);
        fs::create_directories(target.parent_path());
        fs::copy_file(p.binary, target, fs::copy_options::overwrite_existing);
      }
      cfg << "  filesystem_mirror {\n    path    = " << hcl_string(mirror.string())
          << "\n    include = [" << hcl_string("registry.terraform.io/" + p.source) << "]\n  }\n";
    }
  }
  cfg << "}\n";
  write_text(root / "cli.tfrc", cfg.str());

  impl_->env = {
      {"HOME", (root / "home").string()},
      {"TF_CLI_CONFIG_FILE", (root / "cli.tfrc").string()},
      {"CHECKPOINT_DISABLE", "1"},
      {"TF_IN_AUTOMATION", "1"},
      {"TF_INPUT", "0"},
      {"TF_LOG_PROVIDER", "trace"},
  };
  for (const char* inherited : {"PATH", "TMPDIR", "LANG", "TZ"}) {
    if (const char* v = std::getenv(inherited)) impl_->env[inherited] = v;
  }
  for (const auto& [k, v] : env) impl_->env[k] = expand(v);
}

Workspace::~Workspace() {
  const char* keep_env = std::getenv("TF_ACC_KEEP");
  if (impl_->keep || ::testing::Test::HasFailure() || (keep_env && *keep_env && *keep_env != '0')) {
    impl_->dir.keep();
    std::cerr << "acceptance: test folder kept: " << impl_->dir.path().string() << "\n";
  }
}

const fs::path& Workspace::dir() const { return impl_->dir.path(); }
const Cli& Workspace::cli() const { return impl_->cli; }
void Workspace::keep() { impl_->keep = true; }

std::string Workspace::expand(std::string_view text) const {
  std::string out(text);
  const std::string token = "{{workdir}}";
  for (auto pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos)) {
    out.replace(pos, token.size(), dir().string());
  }
  return out;
}

void Workspace::write(const std::string& name, const std::string& text) const {
  write_text(dir() / name, expand(text));
}

void Workspace::write_providers_tf(const std::string& extra) const {
  std::ostringstream tf;
  tf << "terraform {\n  required_providers {\n";
  for (const auto& p : impl_->providers) {
    tf << "    " << p.local_name << " = {\n      source = " << hcl_string(p.source) << "\n";
    if (!p.version.empty()) tf << "      version = " << hcl_string(p.version) << "\n";
    tf << "    }\n";
  }
  tf << "  }\n}\n" << extra << "\n";
  write("providers.tf", tf.str());
}

void Workspace::copy_files(const fs::path& folder) const { acceptance::copy_files(folder, dir()); }

ProcessSpec Workspace::prepare(std::vector<std::string>& args,
                               const std::map<std::string, std::string>& extra_env,
                               const fs::path& cwd) const {
  if (takes_no_color(args) && std::find(args.begin(), args.end(), "-no-color") == args.end()) {
    args.insert(args.begin() + 1, "-no-color");
  }
  const int n = ++impl_->commands;
  std::ostringstream stem;
  stem << std::setw(2) << std::setfill('0') << n << "-" << (args.empty() ? "cli" : args.front());
  const fs::path logs = dir() / "logs";

  ProcessSpec spec;
  spec.argv.push_back(impl_->cli.path.string());
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = impl_->env;
  for (const auto& [k, v] : extra_env) spec.env[k] = expand(v);
  spec.env["TF_LOG_PATH"] = (logs / (stem.str() + ".provider.log")).string();
  spec.cwd = cwd.empty() ? dir() : cwd;
  spec.stdout_path = logs / (stem.str() + ".out");
  spec.stderr_path = logs / (stem.str() + ".err");

  // The command line and environment, secrets redacted, for whoever reads a kept folder.
  std::ostringstream cmd;
  cmd << "cwd: " << spec.cwd.string() << "\n";
  for (const auto& [k, v] : spec.env) {
    cmd << k << "=" << (secret_name(k) ? "<redacted>" : v) << "\n";
  }
  for (const auto& a : spec.argv) cmd << a << " ";
  cmd << "\n";
  write_text(logs / (stem.str() + ".cmd"), cmd.str());
  return spec;
}

namespace {

// Reads what a finished command left in its files.
void collect(const ProcessSpec& spec, CommandResult& result, std::chrono::seconds timeout) {
  std::error_code ignored;
  const fs::path log = spec.env.at("TF_LOG_PATH");
  if (fs::exists(log) && fs::file_size(log, ignored) == 0) fs::remove(log, ignored);
  result.out = read_file(spec.stdout_path);
  result.err = read_file(spec.stderr_path);
  if (result.timed_out) {
    result.err += "\n[acceptance: killed after " + std::to_string(timeout.count()) + "s]";
  }
  result.diagnostics = parse_diagnostics(result.out);
}

}  // namespace

CommandResult Workspace::terraform(std::vector<std::string> args,
                                   const std::map<std::string, std::string>& extra_env,
                                   const fs::path& cwd) const {
  const ProcessSpec spec = prepare(args, extra_env, cwd);
  CommandResult result;
  result.args = args;
  try {
    const auto run = run_process(spec, impl_->timeout);
    result.exit_code = run.exit_code;
    result.timed_out = run.timed_out;
  } catch (const std::exception& e) {
    result.err = e.what();
    return result;
  }
  collect(spec, result, impl_->timeout);
  return result;
}

// --- RunningCommand ---------------------------------------------------------------------

struct RunningCommand::Impl {
  ProcessSpec spec;
  std::unique_ptr<ChildProcess> child;
  std::vector<std::string> args;
  std::chrono::seconds timeout;
};

RunningCommand::RunningCommand(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunningCommand::~RunningCommand() = default;

void RunningCommand::interrupt() const { impl_->child->signal(SIGINT); }

bool RunningCommand::wait_for_output(std::string_view needle,
                                     std::chrono::milliseconds timeout) const {
  // Poll the output file until the text shows up, the command ends or the deadline passes.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (read_file(impl_->spec.stdout_path).find(needle) != std::string::npos) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    if (impl_->child->wait_until(std::min(deadline, now + std::chrono::milliseconds(50)))) {
      return read_file(impl_->spec.stdout_path).find(needle) != std::string::npos;
    }
  }
}

CommandResult RunningCommand::wait(std::chrono::milliseconds timeout) const {
  CommandResult result;
  result.args = impl_->args;
  if (auto code = impl_->child->wait_until(std::chrono::steady_clock::now() + timeout)) {
    result.exit_code = *code;
  } else {
    impl_->child->kill_group();
    result.timed_out = true;
  }
  collect(impl_->spec, result, std::chrono::duration_cast<std::chrono::seconds>(timeout));
  return result;
}

std::unique_ptr<RunningCommand> Workspace::start(
    std::vector<std::string> args, const std::map<std::string, std::string>& extra_env,
    const fs::path& cwd) const {
  auto impl = std::make_unique<RunningCommand::Impl>();
  impl->spec = prepare(args, extra_env, cwd);
  impl->args = args;
  impl->timeout = impl_->timeout;
  impl->child = std::make_unique<ChildProcess>(impl->spec);
  return std::unique_ptr<RunningCommand>(new RunningCommand(std::move(impl)));
}

nlohmann::json Workspace::show_json(const std::string& plan_file, const fs::path& cwd) const {
  std::vector<std::string> args = {"show", "-json"};
  if (!plan_file.empty()) args.push_back(plan_file);
  const auto r = terraform(args, {}, cwd);
  if (!r.ok()) {
    ADD_FAILURE() << "terraform show -json " << plan_file << " failed (" << r.exit_code << "):\n"
                  << r.text() << "\nfolder: " << dir().string();
    return nlohmann::json::object();
  }
  auto json = nlohmann::json::parse(r.out, nullptr, false);
  if (json.is_discarded()) {
    ADD_FAILURE() << "terraform show -json printed no JSON; folder: " << dir().string();
    return nlohmann::json::object();
  }
  return json;
}

std::string hcl_string(const std::string& text) {
  std::string quoted = nlohmann::json(text).dump();
  std::string out;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    out += quoted[i];
    if ((quoted[i] == '$' || quoted[i] == '%') && i + 1 < quoted.size() && quoted[i + 1] == '{') {
      out += quoted[i];
    }
  }
  return out;
}

}  // namespace cloudssl::acceptance
