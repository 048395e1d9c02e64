// The Tag API (tag.tencentcloudapi.com, Version 2018-08-13, TC3 service "tag"): the SSL API
// has no action that changes the tags of an existing certificate, so, like the Tencent Cloud
// provider (tencentcloud_ssl_certificate's update calls TagService.ModifyTags, i.e.
// ModifyResourceTags on the resource BuildTagResourceName("ssl", "certificate", region, id)),
// tags change through the Tag API. Reading them stays on the SSL API (DescribeCertificates and
// DescribeCertificateDetail return Tags).
//
// A Tag client is an SslClient configured with tag_client_config(): the same signer,
// transport, retries and rate limits, another credential scope and version.
#pragma once

#include <string>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"  // api::Tag
#include "api/tencent/ssl_client.h"

namespace cloudssl::api {

inline constexpr std::string_view kTagService = "tag";
inline constexpr std::string_view kTagVersion = "2018-08-13";
inline constexpr std::string_view kTagEndpoint = "https://tag.tencentcloudapi.com";

// `base` (credentials, timeouts, retries, region, CA file) speaking the Tag API at `endpoint`.
ClientConfig tag_client_config(ClientConfig base, std::string endpoint);

// Client-side rate limits for a Tag client: ModifyResourceTags at its documented 20 requests
// per second (Tag API doc "ModifyResourceTags", product 651 / 33012); every other Tag action
// falls into the client's default bucket (10/s, the SSL API's common limit), a safe choice
// for actions whose limit we have not checked. Overrides already in `base` win.
ClientTuning tag_client_tuning(ClientTuning base = {});

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
bool modify_resource_tags(SslClient& client, const std::string& resource,
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
