// Fault injection per action: API error codes, HTTP 5xx, added latency, dropped connections
// (before the action runs, or after it ran: "processed, reply lost"), error codes answered after
// the action ran ("processed, then an internal error"), settings changed at that
// moment (as a console change would), each with a probability (seeded, so runs are repeatable)
// and an optional use count.
#pragma once

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace cloudssl::sim {

struct FaultRule {
  std::string action = "*";
  std::string code, message;
  double rate = 1.0;
  int count = 0;  // 0 = unlimited
  int used = 0;
  int skip = 0;  // the first `skip` requests of the action pass untouched
  int skipped = 0;
  int http_status = 0;
  int latency_ms = 0;
  bool drop = false;                  // cut the connection; the action does not run
  bool drop_reply = false;            // run the action, then cut the connection: the reply is lost
  bool code_after_run = false;        // with code: run the action, then answer the code
  nlohmann::json settings = nullptr;  // a /tasks/config patch applied when the rule fires
  // {"<certificate id>": admin patch (the body of POST /_sim/certificates/<id>)} applied just
  // after the action ran: another client's change landing between two calls of the provider
  // (an owner tag rewritten, a status changed by a concurrent cancel).
  nlohmann::json certificate_patches = nullptr;
};

struct FaultDecision {
  int latency_ms = 0;
  bool drop = false;
  bool drop_reply = false;
  bool code_after_run = false;  // the code answers after the action ran (it acted, then failed)
  int http_status = 0;
  std::string code, message;
  std::vector<nlohmann::json> settings;             // patches, in rule order
  std::vector<nlohmann::json> certificate_patches;  // applied after the action ran
};

class FaultInjector {
 public:
  explicit FaultInjector(std::uint64_t seed) : rng_(seed) {}
  FaultDecision decide(const std::string& action);
  void set_rules(std::vector<FaultRule> rules);
  void add_rule(FaultRule rule);
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  std::mt19937_64 rng_;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FaultRule, action, code, message, rate, count, used,
                                                skip, skipped, http_status, latency_ms, drop,
                                                drop_reply, code_after_run, settings,
                                                certificate_patches)

}  // namespace cloudssl::sim
