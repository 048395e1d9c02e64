// Fuzz target: the simulator's request handling (Simulator::handle_api after the HTTP layer:
// signature check, version/action routing, body or query parsing, Params, every action's
// parameter checks; and the /_sim admin endpoint). Each input is a short session against a
// fresh simulator holding simulator/seed.example.json, so requests can refer to what an earlier
// one created. The harness signs each request correctly: the input reaches the parsers behind
// the signature check. Input text, requests separated by a line "===":
//
//   POST DescribeCertificates        (POST <action> | GET <action> | TAG <action> |
//   {"Limit": 5}                      ADMIN-GET|ADMIN-POST|ADMIN-DELETE <path>[?k=v&...])
//   ===
//   GET DescribeCertificateDetail
//   CertificateId=Seed0001           (GET: the query string; otherwise the body)
//
// Properties: every API answer is an HTTP 200 JSON envelope with a RequestId, and hostile input
// never reaches the catch-all ("InternalError" with "simulator: ..."): each refusal carries one
// of the API's documented error codes. Every admin answer is JSON.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/tencent/tc3_signer.h"
#include "simulator/simulator.h"

namespace {

using nlohmann::json;
namespace sim = cloudssl::sim;
namespace tc3 = cloudssl::api::tencent::tc3;

constexpr std::size_t kMaxRequests = 16;

[[noreturn]] void fail(const std::string& what, const std::string& body) {
  std::fprintf(stderr, "sim_request_fuzz: %s: %s\n", what.c_str(), body.c_str());
  std::abort();
}

sim::IncomingRequest signed_request(const sim::SimulatorOptions& options, bool get, bool tag,
                                    const std::string& action, std::string payload) {
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  sim::IncomingRequest req;
  req.method = get ? "GET" : "POST";
  // Not `= "/"`: GCC 12 at -O2 reports a false -Wrestrict on that inlined literal assignment.
  req.path.assign(1, '/');
  if (get) {
    req.query = std::move(payload);
  } else {
    req.body = std::move(payload);
  }
  const std::string content_type =
      get ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8";
  tc3::CanonicalInput in;
  in.method = req.method;
  in.query = req.query;
  in.payload = req.body;
  in.headers = {{"content-type", content_type}, {"host", "127.0.0.1"}, {"x-tc-action", action}};
  const auto s = tc3::sign(in, options.credentials.secret_id, options.credentials.secret_key, now,
                           tag ? "tag" : "ssl");
  req.headers = {{"authorization", s.authorization},
                 {"content-type", content_type},
                 {"host", "127.0.0.1"},
                 {"x-tc-action", action},
                 {"x-tc-region", "ap-guangzhou"},
                 {"x-tc-timestamp", std::to_string(now)},
                 {"x-tc-version", tag ? "2018-08-13" : "2019-12-05"}};
  return req;
}

void check_api_reply(const sim::HttpReply& reply) {
  if (reply.drop || reply.status != 200) return;  // injected through the admin endpoint
  const json envelope = json::parse(reply.body, nullptr, false);
  if (!envelope.is_object() || !envelope.contains("Response") ||
      !envelope["Response"].is_object() || !envelope["Response"].contains("RequestId")) {
    fail("not an API envelope", reply.body);
  }
  const json& response = envelope["Response"];
  if (response.contains("Error")) {
    const std::string message = response["Error"].value("Message", "");
    if (message.rfind("simulator: ", 0) == 0) fail("internal error on hostile input", reply.body);
  }
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    out[std::string(pair.substr(0, eq))] =
        eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

void run_one(sim::Simulator& simulator, const sim::SimulatorOptions& options,
             std::string_view text) {
  const auto newline = text.find('\n');
  const std::string_view head = text.substr(0, newline);
  const std::string payload(newline == std::string_view::npos ? "" : text.substr(newline + 1));
  const auto space = head.find(' ');
  if (space == std::string_view::npos) return;
  const std::string_view kind = head.substr(0, space);
  const std::string name(head.substr(space + 1));

  if (kind.rfind("ADMIN-", 0) == 0) {
    const std::string method(kind.substr(6));
    const auto q = name.find('?');
    const std::string path = name.substr(0, q);
    const auto query = q == std::string::npos ? std::map<std::string, std::string>{}
                                              : parse_query(std::string_view(name).substr(q + 1));
    const sim::HttpReply reply = simulator.handle_admin(method, path, query, payload);
    if (json::parse(reply.body, nullptr, false).is_discarded()) fail("admin answer", reply.body);
    return;
  }
  const bool get = kind == "GET";
  const bool tag = kind == "TAG";
  if (!get && !tag && kind != "POST") return;
  check_api_reply(simulator.handle_api(signed_request(options, get, tag, name, payload)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sim::SimulatorOptions options;
  options.seed_file = CLOUDSSL_SIM_SEED_FILE;
  options.rate_limits = false;  // a session is a burst: the limiter would refuse most of it
  options.log_requests = false;
  sim::Simulator simulator(options);

  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t n = 0; n < kMaxRequests && !input.empty(); ++n) {
    const auto separator = input.find("\n===\n");
    run_one(simulator, options, input.substr(0, separator));
    if (separator == std::string_view::npos) break;
    input.remove_prefix(separator + 5);
  }
  return 0;
}
