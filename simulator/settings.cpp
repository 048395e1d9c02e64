#include "simulator/settings.h"

#include <stdexcept>

namespace cloudssl::sim {

nlohmann::json settings_to_json(const Settings& s) { return s; }

void patch_settings(Settings& s, const nlohmann::json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("settings must be a JSON object");
  nlohmann::json merged = s;
  for (const auto& [key, value] : patch.items()) {
    if (!merged.contains(key)) throw std::invalid_argument("unknown setting: " + key);
    merged[key] = value;
  }
  Settings patched = merged.get<Settings>();
  if (patched.dns_record_type != "TXT" && patched.dns_record_type != "CNAME")
    throw std::invalid_argument("dns_record_type is \"TXT\" or \"CNAME\"");
  s = std::move(patched);
}

const FailureRule* take_failure(std::vector<FailureRule>& rules, const std::string& subject,
                                const std::string& resource_type) {
  for (auto& rule : rules) {
    if (!rule.resource_type.empty() && rule.resource_type != resource_type) continue;
    if (subject.find(rule.match) == std::string::npos) continue;
    if (rule.times > 0 && rule.used >= rule.times) continue;
    ++rule.used;
    return &rule;
  }
  return nullptr;
}

}  // namespace cloudssl::sim
