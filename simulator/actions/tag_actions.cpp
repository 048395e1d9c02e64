// The Tag API (Version 2018-08-13, TC3 service "tag") as far as cloudssl and the official
// Tencent Cloud provider use it on SSL certificates: ModifyResourceTags (both) and
// DescribeResourceTagsByResourceIds (the tencentcloud provider's tencentcloud_ssl_certificate
// reads tags with it after every upload and refresh). Its tags are the certificate's Tags
// that the SSL API's Describe* actions return, so a change here is what the next read sees.
//
// DescribeResourceTagsByResourceIds (Tag API doc, product 651) takes ServiceType,
// ResourcePrefix, ResourceIds.N, ResourceRegion, Offset (a multiple of Limit, default 0) and
// Limit (default 15); it answers TotalCount, Offset, Limit and Tags, a list of TagResource
// {TagKey, TagValue, ResourceId, TagKeyMd5, TagValueMd5, ServiceType, Category}. Resources
// it does not hold simply have no tags (the Tag API does not look resources up).
//
// Facts (Tag API doc, product 651): ModifyResourceTags (API 33012) takes Resource (six-segment
// description, qcs:project:service:region:account:resource), ReplaceTags.N {TagKey, TagValue}
// (upsert) and DeleteTags.N {TagKey}; at least one, neither an empty array, no key in both.
// Error codes are those the official SDKs list for the action (tag/v20180813 client):
// InvalidParameterValue.ResourceDescriptionError, .DeleteTagsParamError, .TagKeyEmpty,
// .TagKeyLengthExceeded, .TagKeyCharacterIllegal, .TagValueLengthExceeded,
// .TagValueCharacterIllegal, InvalidParameter.ReservedTagKey, InvalidParameter.Tag,
// LimitExceeded.ResourceAttachedTags. Use limits (doc 13354): keys 1-127 and values up to
// 255 Unicode characters, no leading/trailing space, ASCII punctuation + - = . _ : / @ ( ) [ ]
// , ; > < only, keys starting with "qcs:" or "project" reserved, at most 50 tags a resource.
// The doc also asks for values of at least one character; the simulator accepts "" (a map
// entry Terraform allows) rather than guess what the service answers.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "simulator/actions/action_table.h"
#include "simulator/actions/views.h"
#include "simulator/api_failure.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxKeyChars = 127;
constexpr std::size_t kMaxValueChars = 255;
constexpr std::size_t kMaxTagsPerResource = 50;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

[[noreturn]] void bad_resource(const std::string& resource, const std::string& why) {
  throw ApiFailure("InvalidParameterValue.ResourceDescriptionError",
                   "The resource description `" + resource + "` is invalid: " + why + ".");
}

// "qcs::ssl:<region>:uin/<uin>:certificate/<id>" → the certificate. The region and account
// are not checked: certificates are not regional and the account is the caller's.
Certificate& certificate_of(World& world, const std::string& resource) {
  const auto segments = split(resource, ':');
  if (segments.size() != 6 || segments[0] != "qcs")
    bad_resource(resource, "expected qcs:project:service:region:account:resource");
  if (segments[2] != "ssl") bad_resource(resource, "only service type ssl is served here");
  if (segments[4].rfind("uin/", 0) != 0) bad_resource(resource, "the account must be uin/...");
  const std::string prefix = "certificate/";
  if (segments[5].rfind(prefix, 0) != 0 || segments[5].size() == prefix.size())
    bad_resource(resource, "the resource must be certificate/<id>");
  Certificate* cert = world.find_certificate(segments[5].substr(prefix.size()));
  if (!cert) bad_resource(resource, "no such certificate");
  return *cert;
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool allowed_characters(const std::string& s) {
  static const std::string punctuation = " +-=._:/@()[],;><";
  if (!s.empty() && (s.front() == ' ' || s.back() == ' ')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u) || punctuation.find(c) != std::string::npos;
  });
}

void check_key(const std::string& key) {
  if (key.empty()) throw ApiFailure("InvalidParameterValue.TagKeyEmpty", "TagKey is empty.");
  if (utf8_length(key) > kMaxKeyChars)
    throw ApiFailure("InvalidParameterValue.TagKeyLengthExceeded",
                     "TagKey `" + key + "` is longer than 127 characters.");
  if (!allowed_characters(key))
    throw ApiFailure("InvalidParameterValue.TagKeyCharacterIllegal",
                     "TagKey `" + key + "` contains characters that are not allowed.");
  if (key.rfind("qcs:", 0) == 0 || key.rfind("project", 0) == 0)
    throw ApiFailure("InvalidParameter.ReservedTagKey",
                     "TagKey `" + key + "` is reserved by the system.");
}

void check_value(const std::string& value) {
  if (utf8_length(value) > kMaxValueChars)
    throw ApiFailure("InvalidParameterValue.TagValueLengthExceeded",
                     "TagValue is longer than 255 characters.");
  if (!allowed_characters(value))
    throw ApiFailure("InvalidParameterValue.TagValueCharacterIllegal",
                     "TagValue `" + value + "` contains characters that are not allowed.");
}

std::vector<std::string> delete_keys_from(const json& items) {
  std::vector<std::string> out;
  if (items.is_null()) return out;
  if (!items.is_array()) throw ApiFailure("InvalidParameter.Tag", "DeleteTags must be an array.");
  for (const auto& item : items) {
    if (!item.is_object() || !item.contains("TagKey") || !item["TagKey"].is_string())
      throw ApiFailure("InvalidParameter.Tag", "Each DeleteTags item needs a String TagKey.");
    out.push_back(item["TagKey"].get<std::string>());
  }
  return out;
}

json modify_resource_tags(World& world, const Params& p, const RequestMeta&) {
  const std::string resource = p.str("Resource");
  const json& replace_json = p.raw("ReplaceTags");
  const json& delete_json = p.raw("DeleteTags");
  if ((replace_json.is_array() && replace_json.empty()) ||
      (delete_json.is_array() && delete_json.empty()))
    throw ApiFailure("InvalidParameter.Tag", "ReplaceTags and DeleteTags cannot be empty arrays.");
  if (replace_json.is_null() && delete_json.is_null())
    throw ApiFailure("InvalidParameter.Tag", "Either ReplaceTags or DeleteTags is required.");
  const auto replace = tags_from(replace_json);
  const auto deletes = delete_keys_from(delete_json);
  for (const auto& tag : replace) {
    check_key(tag.key);
    check_value(tag.value);
    if (std::find(deletes.begin(), deletes.end(), tag.key) != deletes.end())
      throw ApiFailure("InvalidParameterValue.DeleteTagsParamError",
                       "TagKey `" + tag.key + "` is in both ReplaceTags and DeleteTags.");
  }
  for (const auto& key : deletes) check_key(key);

  Certificate& cert = certificate_of(world, resource);
  std::vector<Tag> tags = cert.tags;
  for (const auto& tag : replace) {
    auto it =
        std::find_if(tags.begin(), tags.end(), [&](const Tag& t) { return t.key == tag.key; });
    if (it != tags.end())
      it->value = tag.value;
    else
      tags.push_back(tag);
  }
  std::erase_if(tags, [&](const Tag& t) {
    return std::find(deletes.begin(), deletes.end(), t.key) != deletes.end();
  });
  if (tags.size() > kMaxTagsPerResource)
    throw ApiFailure("LimitExceeded.ResourceAttachedTags", "A resource can have at most 50 tags.");
  // The view lags behind the last call only: with no lag now, an older call's view is gone.
  if (world.settings.tag_lag_reads > 0)
    world.lagging_tags[cert.id] = {cert.tags, world.settings.tag_lag_reads};
  else
    world.lagging_tags.erase(cert.id);
  cert.tags = std::move(tags);
  return json::object();
}

std::string md5_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  std::string out;
  char hex[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", digest[i]);
    out += hex;
  }
  return out;
}

constexpr std::int64_t kDefaultTagPageSize = 15;
constexpr std::size_t kMaxResourceIds = 50;

json describe_resource_tags_by_resource_ids(World& world, const Params& p, const RequestMeta&) {
  const std::string service = p.str("ServiceType");
  const std::string prefix = p.str("ResourcePrefix");
  const std::vector<std::string> ids = p.str_list("ResourceIds", /*required=*/true);
  // ResourceRegion is required by the doc but certificates are not regional: any value.
  (void)p.str_or("ResourceRegion", "");
  if (ids.empty() || ids.size() > kMaxResourceIds)
    throw ApiFailure("InvalidParameterValue", "ResourceIds must list 1 to 50 resource ids.");
  const std::int64_t limit = p.int_or("Limit", kDefaultTagPageSize);
  const std::int64_t offset = p.int_or("Offset", 0);
  if (limit <= 0 || offset < 0)
    throw ApiFailure("InvalidParameterValue", "Limit must be positive and Offset not negative.");
  if (offset % limit != 0)
    throw ApiFailure("InvalidParameterValue", "Offset must be an integral multiple of Limit.");

  json all = json::array();
  if (service == "ssl" && prefix == "certificate") {
    for (const std::string& id : ids) {
      const Certificate* cert = world.find_certificate(id);
      if (!cert) continue;
      for (const Tag& tag : cert->tags)
        all.push_back({{"TagKey", tag.key},
                       {"TagValue", tag.value},
                       {"ResourceId", id},
                       {"TagKeyMd5", md5_hex(tag.key)},
                       {"TagValueMd5", md5_hex(tag.value)},
                       {"ServiceType", service},
                       {"Category", "Custom"}});
    }
  }
  json page = json::array();
  for (std::int64_t i = offset; i < static_cast<std::int64_t>(all.size()) && i < offset + limit;
       ++i)
    page.push_back(all[static_cast<std::size_t>(i)]);
  return {{"TotalCount", all.size()}, {"Offset", offset}, {"Limit", limit}, {"Tags", page}};
}

}  // namespace

void register_tag_actions(ActionTable& table) {
  table["ModifyResourceTags"] = {{"Resource", "ReplaceTags", "DeleteTags"}, modify_resource_tags};
  table["DescribeResourceTagsByResourceIds"] = {
      {"ServiceType", "ResourcePrefix", "ResourceIds", "ResourceRegion", "Offset", "Limit"},
      describe_resource_tags_by_resource_ids,
      /*mutates=*/false};
}

ActionTable make_tag_action_table() {
  ActionTable table;
  register_tag_actions(table);
  return table;
}

}  // namespace cloudssl::sim
