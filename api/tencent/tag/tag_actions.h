// The Tag API (tag.tencentcloudapi.com, Version 2018-08-13, TC3 service "tag"): the SSL API
// has no action that changes the tags of an existing certificate, so, like the Tencent Cloud
// provider (tencentcloud_ssl_certificate's update calls TagService.ModifyTags, i.e.
// ModifyResourceTags on the resource BuildTagResourceName("ssl", "certificate", region, id)),
// tags change through the Tag API. Reading them stays on the SSL API (DescribeCertificates and
// DescribeCertificateDetail return Tags).
//
// A Tag client is make_client(kTagApi, config): the same core client and Tencent dialect as
// the SSL API's, with the Tag API's credential scope, version and rate limits.
#pragma once

#include <string>
#include <vector>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"  // api::Tag
#include "api/tencent/tencent_dialect.h"

namespace cloudssl::api {

namespace tencent {

// The documented requests-per-second limit of a Tag API action: ModifyResourceTags 20 (Tag
// API doc "ModifyResourceTags", product 651 / 33012); every other 10 (the SSL API's common
// limit), a safe choice for actions whose limit we have not checked.
int tag_rate_limit(std::string_view action);

inline constexpr Service kTagApi = {.name = "tag",
                                    .version = "2018-08-13",
                                    .default_endpoint = "https://tag.tencentcloudapi.com",
                                    .rate_limit = &tag_rate_limit};

}  // namespace tencent

// "qcs::ssl:<region>:uin/:certificate/<id>", the six-segment resource description the
// Tencent Cloud provider builds for SSL certificates (tccommon.BuildTagResourceName: segments
// qcs, project (empty), service type, region, account ("uin/" = the caller's), resource).
// `region` is the provider's region and may be empty: certificates are not regional.
std::string certificate_tag_resource(const std::string& region, const std::string& certificate_id);

// ModifyResourceTags: upserts `replace` (ReplaceTags.N {TagKey, TagValue}) and removes
// `delete_keys` (DeleteTags.N {TagKey}) on `resource`. The API refuses empty arrays ("may be
// omitted but cannot be empty") and a request with neither, so empty lists are left out and
// a call with nothing to do is not made at all (returns false). Throws ApiError, e.g.
// InvalidParameterValue.ResourceDescriptionError for a resource it does not know,
// InvalidParameterValue.TagKeyCharacterIllegal / TagKeyLengthExceeded for a bad key.
bool modify_resource_tags(Client& client, const std::string& resource,
                          const std::vector<Tag>& replace,
                          const std::vector<std::string>& delete_keys,
                          const CallOptions& options = {});

// What changes `from` → `to`: new or changed values to replace, removed keys to delete.
struct TagChanges {
  std::vector<Tag> replace;
  std::vector<std::string> delete_keys;
  bool empty() const { return replace.empty() && delete_keys.empty(); }
};
TagChanges diff_tags(const std::vector<Tag>& from, const std::vector<Tag>& to);

}  // namespace cloudssl::api
