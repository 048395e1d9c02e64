#include "simulator/simulator.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>

#include "simulator/api_failure.h"
#include "simulator/operate_log.h"
#include "simulator/params.h"
#include "simulator/seed.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

constexpr const char* kVersion = "2019-12-05";
constexpr const char* kTagVersion = "2018-08-13";  // the Tag API, TC3 service "tag"

// Messages may quote what the request sent (an action name, a parameter): invalid UTF-8 there is
// replaced (U+FFFD) rather than thrown from dump(), which ended the process (found by
// tests/fuzz: an X-TC-Action of a byte 0xFF).
std::string envelope(json response, const std::string& request_id) {
  response["RequestId"] = request_id;
  return json{{"Response", std::move(response)}}.dump(-1, ' ', false,
                                                      json::error_handler_t::replace);
}

std::string error_envelope(const std::string& code, const std::string& message,
                           const std::string& request_id) {
  return envelope({{"Error", {{"Code", code}, {"Message", message}}}}, request_id);
}

// GET requests carry parameters in the query string; "Name.N" members become arrays. Malformed
// percent-escapes and a name given both as a list and as a single value are InvalidParameter
// (found by tests/fuzz: they ended in the internal-error catch-all).
json query_to_json(const std::string& query) {
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  auto decode = [&](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%') {
        const int hi = i + 2 < s.size() ? hex(s[i + 1]) : -1;
        const int lo = hi >= 0 ? hex(s[i + 2]) : -1;
        if (lo < 0) {
          throw ApiFailure("InvalidParameter", "The query string has a malformed percent-escape.");
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
      } else {
        out += s[i] == '+' ? ' ' : s[i];
      }
    }
    return out;
  };
  auto list_and_value = [](const std::string& name) {
    return ApiFailure("InvalidParameter",
                      "The parameter `" + name + "` is given both as a list and as one value.");
  };
  json out = json::object();
  std::size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    auto amp = query.find('&', pos);
    std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    auto eq = pair.find('=');
    std::string name = decode(pair.substr(0, eq));
    std::string value = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
    auto dot = name.find('.');
    if (dot != std::string::npos) {
      json& list = out[name.substr(0, dot)];
      if (!list.is_null() && !list.is_array()) throw list_and_value(name.substr(0, dot));
      list.push_back(value);
    } else if (!name.empty()) {
      if (out.contains(name) && out[name].is_array()) throw list_and_value(name);
      out[name] = value;
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return out;
}

}  // namespace

Simulator::Simulator(SimulatorOptions options)
    : options_(std::move(options)),
      actions_(make_action_table()),
      tag_actions_(make_tag_action_table()),
      limiter_(options_.rate_limits),
      faults_(options_.fault_seed),
      world_(clock_) {
  world_.settings = options_.settings;
  faults_.set_rules(options_.faults);
  load_initial_state();
}

void Simulator::load_initial_state() {
  if (!options_.state_file.empty() && std::filesystem::exists(options_.state_file)) {
    world_.state = read_json_file(options_.state_file).get<State>();
  }
  if (!options_.seed_file.empty() && world_.state.certificates.empty() &&
      world_.state.instances.empty() && world_.state.volcengine_certificates.empty()) {
    apply_seed(world_, read_json_file(options_.seed_file));
  }
  persist();
}

void Simulator::persist() {
  if (!options_.state_file.empty()) write_json_file(options_.state_file, world_.state);
}

std::string Simulator::new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::uint64_t a = rng(), b = rng();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

namespace {

// The Region values the SSL API documents (its region list); others are UnsupportedRegion.
bool known_region(const std::string& region) {
  static const std::set<std::string> kRegions = {
      "ap-bangkok",      "ap-beijing",       "ap-chengdu",   "ap-chongqing", "ap-guangzhou",
      "ap-hongkong",     "ap-jakarta",       "ap-nanjing",   "ap-seoul",     "ap-shanghai",
      "ap-shanghai-fsi", "ap-shenzhen-fsi",  "ap-singapore", "ap-tokyo",     "eu-frankfurt",
      "na-ashburn",      "na-siliconvalley", "sa-saopaulo"};
  return kRegions.count(region) != 0;
}

}  // namespace

json Simulator::run_action(const ActionTable& table, const std::string& action,
                           const IncomingRequest& req, const std::string& request_id,
                           const FaultDecision& fault) {
  auto it = table.find(action);
  if (it == table.end()) {
    throw ApiFailure("InvalidAction", "The action `" + action + "` is not valid.");
  }
  json body;
  if (req.method == "GET") {
    body = query_to_json(req.query);
  } else if (!req.body.empty()) {
    try {
      body = json::parse(req.body);
    } catch (const json::exception&) {
      throw ApiFailure("InvalidParameter", "The request body is not valid JSON.");
    }
  }
  std::lock_guard lock(mu_);
  for (const auto& patch : fault.settings) patch_settings(world_.settings, patch);
  Params params(std::move(body), world_.settings.strict_types);
  params.allow_only(it->second.params);
  // Project ids are never negative (InvalidParameterValue, the common code for a bad value).
  if (auto project = params.opt_int("ProjectId"); project && *project < 0) {
    throw ApiFailure("InvalidParameterValue",
                     "ProjectId " + std::to_string(*project) + " is not a valid project id.");
  }
  if (world_.settings.task_ms > 0) advance_all(world_);
  RequestMeta meta{action, req.header("x-tc-region"), request_id, req.header("host")};
  json result = it->second.run(world_, params, meta);
  record_action(world_, action, params, result);
  // Another client's change right after this call (a certificate the action deleted has none).
  for (const auto& patches : fault.certificate_patches)
    for (const auto& [id, patch] : patches.items())
      if (Certificate* cert = world_.find_certificate(id)) patch_certificate(*cert, patch);
  persist();
  return result;
}

HttpReply Simulator::handle_download(const std::string& path) {
  // "/_download/<token>/<file name>"
  const std::string rest = path.substr(std::string("/_download/").size());
  const std::string token = rest.substr(0, rest.find('/'));
  HttpReply reply;
  std::lock_guard lock(mu_);
  auto it = world_.downloads.find(token);
  if (it == world_.downloads.end()) {
    reply.status = 404;
    reply.content_type = "text/plain";
    reply.body = "no such download\n";
    return reply;
  }
  reply.content_type = "application/zip";
  reply.body = it->second;
  return reply;
}

bool Simulator::apply_transport_fault(const FaultDecision& fault, HttpReply& reply,
                                      std::string& log_code) {
  if (fault.drop) {
    reply.drop = true;
    log_code = "(dropped)";
    return true;
  }
  if (fault.http_status != 0) {
    reply.status = fault.http_status;
    reply.content_type = "text/plain";
    reply.body = "injected HTTP " + std::to_string(fault.http_status) + "\n";
    log_code = "(http " + std::to_string(fault.http_status) + ")";
    return true;
  }
  return false;
}

HttpReply Simulator::handle_api(const IncomingRequest& req) {
  if (is_volcengine_request(req)) return handle_volcengine(req);
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = new_request_id();
  const std::string action = req.header("x-tc-action");
  HttpReply reply;
  LoggedRequest entry;
  entry.time = clock_.real_now();
  entry.action = action.empty() ? "(none)" : action;
  entry.request_id = request_id;

  const FaultDecision fault = faults_.decide(action);
  reply.latency_ms = fault.latency_ms;
  if (!apply_transport_fault(fault, reply, entry.code)) {
    try {
      const std::string content_type = req.header("content-type");
      if (req.method != "POST" && req.method != "GET") {
        throw ApiFailure("UnsupportedProtocol", "Only GET and POST are supported.");
      }
      if (content_type.rfind("application/x-www-form-urlencoded", 0) == 0 && req.method == "POST") {
        throw ApiFailure(
            "AuthFailure.InvalidAuthorization",
            "Signature v1 (form-encoded requests) is not supported; use TC3-HMAC-SHA256.");
      }
      // One port, two services: the Tag API's version selects it, and its signature must
      // then be scoped to service "tag" (as tag.tencentcloudapi.com requires).
      const std::string version = req.header("x-tc-version");
      const std::string region = req.header("x-tc-region");
      const bool tag_api = version == kTagVersion;
      const ActionTable& table = tag_api ? tag_actions_ : actions_;
      const std::string secret_id =
          verify_tc3(req, options_.credentials, clock_.signature_now(), tag_api ? "tag" : "ssl");
      if (action.empty()) {
        throw ApiFailure("MissingParameter",
                         "The request is missing a required parameter `Action`.");
      }
      if (version.empty()) {
        throw ApiFailure("MissingParameter",
                         "The request is missing a required parameter `Version`.");
      }
      if (version != kVersion && !tag_api) {
        throw ApiFailure("NoSuchVersion", "The API version `" + version + "` does not exist.");
      }
      if (!table.count(action)) {
        throw ApiFailure("InvalidAction", "The action `" + action + "` is not valid.");
      }
      if (req.method == "POST" && content_type.rfind("application/json", 0) != 0) {
        throw ApiFailure("InvalidParameter", "Content-Type must be application/json.");
      }
      if (!tag_api && !region.empty() && !known_region(region)) {
        throw ApiFailure("UnsupportedRegion", "The region `" + region + "` is not supported.");
      }
      if (!limiter_.allow(action, RateLimiter::access_region(req.header("host")), secret_id)) {
        throw ApiFailure("LimitExceeded.RateLimitExceeded",
                         "Your current request rate for " + action + " exceeds the limit of " +
                             std::to_string(limiter_.limit_for(action)) + " per second.");
      }
      if (!fault.code.empty() && !fault.code_after_run) throw ApiFailure(fault.code, fault.message);
      reply.body = envelope(run_action(table, action, req, request_id, fault), request_id);
      if (!fault.code.empty()) throw ApiFailure(fault.code, fault.message);  // acted, then failed
      if (fault.drop_reply) {
        reply.drop = true;
        entry.code = "(processed, reply dropped)";
      }
    } catch (const ApiFailure& e) {
      entry.code = e.code();
      reply.body = error_envelope(e.code(), e.what(), request_id);
    } catch (const std::exception& e) {
      entry.code = "InternalError";
      reply.body =
          error_envelope("InternalError", std::string("simulator: ") + e.what(), request_id);
    }
  }
  entry.http_status = reply.drop ? 0 : reply.status;
  entry.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  if (options_.log_requests) {
    std::fprintf(stderr, "cloudssl-sim: %s %s %s\n", entry.action.c_str(),
                 entry.code.empty() ? "ok" : entry.code.c_str(), request_id.c_str());
  }
  log_.record(std::move(entry));
  return reply;
}

}  // namespace cloudssl::sim
