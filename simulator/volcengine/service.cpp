// The Volcengine side of cloudssl-sim: requests carrying Action/Version in the query string (and
// no X-TC-Action) come here. Signature verification, the documented 20 requests/s per access
// key, the same fault injection and request log as the Tencent side, and the
// ResponseMetadata/Result envelope (errors: ResponseMetadata.Error with the HTTP status).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include "simulator/simulator.h"
#include "simulator/volcengine/auth.h"
#include "simulator/volcengine/certificate_get_instance.h"
#include "simulator/volcengine/failure.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;
namespace signer = cloudssl::api::volcengine;

constexpr const char* kService = "certificate_service";
constexpr const char* kAction = "CertificateGetInstance";
constexpr const char* kVolcengineVersion = "2021-06-01";

// "20230118181712F40954516F4ACD0335B7": the time, then 20 upper-case hex digits.
std::string volcengine_request_id(std::int64_t now) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string digits = beijing_time(now);
  digits.erase(std::remove_if(digits.begin(), digits.end(),
                              [](char c) { return c == '-' || c == ' ' || c == ':'; }),
               digits.end());
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::uniform_int_distribution<int> pick(0, 15);
  for (int i = 0; i < 20; ++i) digits += kHex[pick(rng)];
  return digits;
}

std::string param(const signer::QueryParams& query, const std::string& name) {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return {};
}

// HTTP status of an injected error code, as the gateway would send it.
int injected_status(const std::string& code) {
  if (code == "FlowLimitExceeded") return 429;
  if (code == "InternalError") return 500;
  if (code == "ServiceUnavailableTemp") return 503;
  if (code == "InternalServiceTimeout") return 504;
  return 400;
}

}  // namespace

bool Simulator::is_volcengine_request(const IncomingRequest& req) {
  if (req.has_header("x-tc-action")) return false;
  const auto query = signer::parse_query(req.query);
  return query && !param(*query, "Action").empty();
}

HttpReply Simulator::handle_volcengine(const IncomingRequest& req) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = volcengine_request_id(clock_.real_now());
  const auto query = signer::parse_query(req.query).value_or(signer::QueryParams{});
  const std::string action = param(query, "Action");
  const std::string version = param(query, "Version");
  std::string region;
  if (auto parts = signer::parse_authorization(req.header("authorization"))) region = parts->region;

  json metadata = {{"RequestId", request_id},
                   {"Action", action},
                   {"Version", version},
                   {"Service", kService},
                   {"Region", region}};
  HttpReply reply;
  LoggedRequest entry;
  entry.time = clock_.real_now();
  entry.action = action;
  entry.request_id = request_id;

  const FaultDecision fault = faults_.decide(action);
  reply.latency_ms = fault.latency_ms;
  if (!apply_transport_fault(fault, reply, entry.code)) {
    try {
      if (!signer::parse_query(req.query)) {
        throw volcengine::invalid_parameter("The query string is not validly percent-encoded.");
      }
      const std::string access_key = volcengine::verify(req, query, options_.volcengine_credentials,
                                                        clock_.signature_now(), kService);
      if (version.empty()) {
        throw volcengine::Failure(400, "MissingParameter", 100002,
                                  "The request is missing Version parameter.");
      }
      if (action != kAction || version != kVolcengineVersion) {
        throw volcengine::Failure(
            404, "InvalidActionOrVersion", 100008,
            "Could not find operation " + action + " for version " + version + ".");
      }
      if (req.method != "GET") {
        throw volcengine::Failure(405, "MethodNotAllowed", 0,
                                  "CertificateGetInstance is called with GET.");
      }
      // Volcengine documents its limit per account and action; there is no access region.
      if (!limiter_.allow(action, /*access_region=*/"", access_key)) {
        throw volcengine::Failure(429, "FlowLimitExceeded", 100018,
                                  "Request Has Been Throttled: more than " +
                                      std::to_string(limiter_.limit_for(action)) +
                                      " requests per second.");
      }
      if (!fault.code.empty()) {
        throw volcengine::Failure(injected_status(fault.code), fault.code, 0, fault.message);
      }
      json result;
      {
        std::lock_guard lock(mu_);
        result = volcengine::certificate_get_instance(world_.state.volcengine_certificates, query,
                                                      world_.now());
      }
      reply.body = json{{"ResponseMetadata", metadata}, {"Result", std::move(result)}}.dump();
    } catch (const volcengine::Failure& e) {
      entry.code = e.code();
      reply.status = e.http_status();
      json error = {{"Code", e.code()}, {"Message", e.what()}};
      if (e.code_n() != 0) error["CodeN"] = e.code_n();
      metadata["Error"] = std::move(error);
      reply.body = json{{"ResponseMetadata", metadata}}.dump();
    } catch (const std::exception& e) {
      entry.code = "InternalError";
      reply.status = 500;
      metadata["Error"] = {{"CodeN", 100014},
                           {"Code", "InternalError"},
                           {"Message", std::string("simulator: ") + e.what()}};
      reply.body = json{{"ResponseMetadata", metadata}}.dump();
    }
  }
  entry.http_status = reply.drop ? 0 : reply.status;
  entry.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
  if (options_.log_requests) {
    std::fprintf(stderr, "cloudssl-sim: volcengine %s %s %s\n", entry.action.c_str(),
                 entry.code.empty() ? "ok" : entry.code.c_str(), request_id.c_str());
  }
  log_.record(std::move(entry));
  return reply;
}

}  // namespace cloudssl::sim
