#include "simulator/faults.h"

namespace cloudssl::sim {

FaultDecision FaultInjector::decide(const std::string& action) {
  std::lock_guard lock(mu_);
  FaultDecision d;
  std::uniform_real_distribution<double> roll(0.0, 1.0);
  for (auto& rule : rules_) {
    if (rule.action != "*" && rule.action != action) continue;
    if (rule.count > 0 && rule.used >= rule.count) continue;
    if (rule.skipped < rule.skip) {
      ++rule.skipped;
      continue;
    }
    if (rule.rate < 1.0 && roll(rng_) >= rule.rate) continue;
    ++rule.used;
    d.latency_ms += rule.latency_ms;
    d.drop = d.drop || rule.drop;
    d.drop_reply = d.drop_reply || rule.drop_reply;
    if (rule.settings.is_object()) d.settings.push_back(rule.settings);
    if (rule.certificate_patches.is_object())
      d.certificate_patches.push_back(rule.certificate_patches);
    if (d.http_status == 0) d.http_status = rule.http_status;
    if (d.code.empty() && !rule.code.empty()) {
      d.code = rule.code;
      d.message = rule.message.empty() ? "Injected fault." : rule.message;
      d.code_after_run = rule.code_after_run;
    }
  }
  return d;
}

void FaultInjector::set_rules(std::vector<FaultRule> rules) {
  std::lock_guard lock(mu_);
  rules_ = std::move(rules);
}

void FaultInjector::add_rule(FaultRule rule) {
  std::lock_guard lock(mu_);
  rules_.push_back(std::move(rule));
}

nlohmann::json FaultInjector::to_json() const {
  std::lock_guard lock(mu_);
  return {{"rules", rules_}};
}

}  // namespace cloudssl::sim
