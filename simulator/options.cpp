#include "simulator/options.h"

#include <stdexcept>

namespace cloudssl::sim {

namespace {

std::vector<std::string> split(const std::string& s, char sep, std::size_t max_parts) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (out.size() + 1 < max_parts) {
    auto next = s.find(sep, pos);
    if (next == std::string::npos) break;
    out.push_back(s.substr(pos, next - pos));
    pos = next + 1;
  }
  out.push_back(s.substr(pos));
  return out;
}

int to_int(const std::string& flag, const std::string& v) {
  try {
    std::size_t used = 0;
    int n = std::stoi(v, &used);
    if (used == v.size() && n >= 0) return n;
  } catch (...) {
  }
  throw std::invalid_argument(flag + ": expected a non-negative integer, got `" + v + "`");
}

double to_rate(const std::string& flag, const std::string& v) {
  try {
    double r = std::stod(v);
    if (r >= 0 && r <= 1) return r;
  } catch (...) {
  }
  throw std::invalid_argument(flag + ": expected a rate between 0 and 1, got `" + v + "`");
}

FailureRule failure_rule(const std::string& flag, const std::string& v) {
  auto eq = v.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw std::invalid_argument(flag + ": expected SUBSTR=MESSAGE");
  }
  FailureRule rule;
  rule.match = v.substr(0, eq);
  rule.message = v.substr(eq + 1);
  return rule;
}

}  // namespace

std::string usage() {
  return "usage: cloudssl-sim [--listen HOST:PORT] [--secret-id ID] [--secret-key KEY]\n"
         "  [--token TOKEN] [--volcengine-access-key AK] [--volcengine-secret-key SK]\n"
         "  [--volcengine-session-token TOKEN] [--state FILE] [--seed FILE] [--no-rate-limit] "
         "[--strict-types]\n"
         "  [--duplicate-upload return-existing|error] [--mask-private-key]\n"
         "  [--pending-polls N] [--running-polls N]\n"
         "  [--task-ms MS] [--creation-calls N] [--issue-polls N]\n"
         "  [--fail-target SUBSTR=MESSAGE]... [--fail-domain SUBSTR=MESSAGE]...\n"
         "  [--fault ACTION:CODE[:RATE]]... [--fault-http ACTION:STATUS[:RATE]]...\n"
         "  [--latency ACTION:MS]... [--drop ACTION[:RATE]]... [--drop-reply ACTION[:RATE]]...\n"
         "  [--fault-seed N]\n"
         "  [--threads N] [--quiet]\n"
         "Prints the bound HOST:PORT as its first stdout line. See simulator/README.md.\n";
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine cl;
  SimulatorOptions& o = cl.simulator;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    if (flag == "-h" || flag == "--help") {
      cl.help = true;
    } else if (flag == "--listen") {
      const std::string v = value();
      auto colon = v.rfind(':');
      if (colon == std::string::npos) throw std::invalid_argument("--listen: expected HOST:PORT");
      cl.host = v.substr(0, colon);
      cl.port = to_int(flag, v.substr(colon + 1));
    } else if (flag == "--secret-id") {
      o.credentials.secret_id = value();
    } else if (flag == "--secret-key") {
      o.credentials.secret_key = value();
    } else if (flag == "--token") {
      o.credentials.token = value();
    } else if (flag == "--volcengine-access-key") {
      o.volcengine_credentials.access_key = value();
    } else if (flag == "--volcengine-secret-key") {
      o.volcengine_credentials.secret_key = value();
    } else if (flag == "--volcengine-session-token") {
      o.volcengine_credentials.session_token = value();
    } else if (flag == "--state") {
      o.state_file = value();
    } else if (flag == "--seed") {
      o.seed_file = value();
    } else if (flag == "--no-rate-limit") {
      o.rate_limits = false;
    } else if (flag == "--strict-types") {
      o.settings.strict_types = true;
    } else if (flag == "--duplicate-upload") {
      const std::string v = value();
      if (v != "return-existing" && v != "error") {
        throw std::invalid_argument("--duplicate-upload: return-existing or error");
      }
      o.settings.duplicate_upload_error = v == "error";
    } else if (flag == "--mask-private-key") {
      o.settings.mask_private_key = true;
    } else if (flag == "--pending-polls") {
      o.settings.pending_polls = to_int(flag, value());
    } else if (flag == "--running-polls") {
      o.settings.running_polls = to_int(flag, value());
    } else if (flag == "--task-ms") {
      o.settings.task_ms = to_int(flag, value());
    } else if (flag == "--creation-calls") {
      o.settings.creation_calls = to_int(flag, value());
    } else if (flag == "--issue-polls") {
      o.settings.issue_polls = to_int(flag, value());
    } else if (flag == "--fail-target") {
      o.settings.failures.push_back(failure_rule(flag, value()));
    } else if (flag == "--fail-domain") {
      o.settings.dv_failures.push_back(failure_rule(flag, value()));
    } else if (flag == "--fault" || flag == "--fault-http" || flag == "--latency" ||
               flag == "--drop" || flag == "--drop-reply") {
      auto parts = split(value(), ':', 3);
      FaultRule rule;
      rule.action = parts[0];
      if (flag == "--drop" || flag == "--drop-reply") {
        (flag == "--drop" ? rule.drop : rule.drop_reply) = true;
        if (parts.size() > 1) rule.rate = to_rate(flag, parts[1]);
      } else {
        if (parts.size() < 2) throw std::invalid_argument(flag + ": expected ACTION:VALUE");
        if (flag == "--fault") rule.code = parts[1];
        if (flag == "--fault-http") rule.http_status = to_int(flag, parts[1]);
        if (flag == "--latency") rule.latency_ms = to_int(flag, parts[1]);
        if (parts.size() > 2) rule.rate = to_rate(flag, parts[2]);
      }
      o.faults.push_back(rule);
    } else if (flag == "--fault-seed") {
      o.fault_seed = static_cast<std::uint64_t>(to_int(flag, value()));
    } else if (flag == "--threads") {
      cl.threads = std::max(1, to_int(flag, value()));
    } else if (flag == "--quiet") {
      o.log_requests = false;
    } else {
      throw std::invalid_argument("unknown flag " + flag);
    }
  }
  return cl;
}

}  // namespace cloudssl::sim
