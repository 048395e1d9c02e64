#include "simulator/settings.h"

#include <stdexcept>

namespace cloudssl::sim {

nlohmann::json settings_to_json(const Settings& s) {
  return {{"pending_polls", s.pending_polls},
          {"running_polls", s.running_polls},
          {"task_ms", s.task_ms},
          {"creation_calls", s.creation_calls},
          {"issue_polls", s.issue_polls},
          {"failures", s.failures},
          {"dv_failures", s.dv_failures},
          {"review_failures", s.review_failures},
          {"service_role", s.service_role},
          {"bind_query_authorised", s.bind_query_authorised},
          {"strict_types", s.strict_types},
          {"duplicate_upload_error", s.duplicate_upload_error},
          {"mask_private_key", s.mask_private_key},
          {"dns_record_type", s.dns_record_type},
          {"untrusted_issuers", s.untrusted_issuers}};
}

void patch_settings(Settings& s, const nlohmann::json& patch) {
  if (!patch.is_object()) throw std::invalid_argument("settings must be a JSON object");
  for (const auto& [key, value] : patch.items()) {
    if (key == "pending_polls")
      s.pending_polls = value.get<int>();
    else if (key == "running_polls")
      s.running_polls = value.get<int>();
    else if (key == "task_ms")
      s.task_ms = value.get<std::int64_t>();
    else if (key == "creation_calls")
      s.creation_calls = value.get<int>();
    else if (key == "issue_polls")
      s.issue_polls = value.get<int>();
    else if (key == "failures")
      s.failures = value.get<std::vector<FailureRule>>();
    else if (key == "dv_failures")
      s.dv_failures = value.get<std::vector<FailureRule>>();
    else if (key == "review_failures")
      s.review_failures = value.get<std::vector<FailureRule>>();
    else if (key == "service_role")
      s.service_role = value.get<bool>();
    else if (key == "bind_query_authorised")
      s.bind_query_authorised = value.get<bool>();
    else if (key == "strict_types")
      s.strict_types = value.get<bool>();
    else if (key == "duplicate_upload_error")
      s.duplicate_upload_error = value.get<bool>();
    else if (key == "mask_private_key")
      s.mask_private_key = value.get<bool>();
    else if (key == "dns_record_type") {
      const auto type = value.get<std::string>();
      if (type != "TXT" && type != "CNAME")
        throw std::invalid_argument("dns_record_type is \"TXT\" or \"CNAME\"");
      s.dns_record_type = type;
    } else if (key == "untrusted_issuers")
      s.untrusted_issuers = value.get<std::vector<std::string>>();
    else
      throw std::invalid_argument("unknown setting: " + key);
  }
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
