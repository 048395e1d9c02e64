#include "api/tencent/tag/tag_actions.h"

#include <algorithm>

namespace cloudssl::api {

namespace tencent {

int tag_rate_limit(std::string_view action) { return action == "ModifyResourceTags" ? 20 : 10; }

}  // namespace tencent

std::string certificate_tag_resource(const std::string& region, const std::string& certificate_id) {
  return "qcs::ssl:" + region + ":uin/:certificate/" + certificate_id;
}

bool modify_resource_tags(Client& client, const std::string& resource,
                          const std::vector<Tag>& replace,
                          const std::vector<std::string>& delete_keys, const CallOptions& options) {
  if (replace.empty() && delete_keys.empty()) return false;
  nlohmann::json request = {{"Resource", resource}};
  if (!replace.empty()) {
    auto& items = request["ReplaceTags"] = nlohmann::json::array();
    for (const auto& tag : replace) items.push_back({{"TagKey", tag.key}, {"TagValue", tag.value}});
  }
  if (!delete_keys.empty()) {
    auto& items = request["DeleteTags"] = nlohmann::json::array();
    for (const auto& key : delete_keys) items.push_back({{"TagKey", key}});
  }
  client.call("ModifyResourceTags", request, options);
  return true;
}

TagChanges diff_tags(const std::vector<Tag>& from, const std::vector<Tag>& to) {
  TagChanges changes;
  for (const auto& tag : to) {
    auto old =
        std::find_if(from.begin(), from.end(), [&](const Tag& t) { return t.key == tag.key; });
    if (old == from.end() || old->value != tag.value) changes.replace.push_back(tag);
  }
  for (const auto& tag : from) {
    if (std::none_of(to.begin(), to.end(), [&](const Tag& t) { return t.key == tag.key; }))
      changes.delete_keys.push_back(tag.key);
  }
  return changes;
}

}  // namespace cloudssl::api
