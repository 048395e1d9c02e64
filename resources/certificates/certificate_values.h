// Conversions between Terraform values and the SSL API's types that the certificate resources
// and data sources share: tags, and the API's Beijing-time timestamps as RFC 3339.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"
#include "provider/codec/value.h"

namespace cloudssl::certificates {

codec::Value tags_value(const std::vector<api::Tag>& tags);
std::vector<api::Tag> tags_of(const codec::Value& map);  // sorted by key

// The API's "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8) as RFC 3339 UTC; nullopt when the
// text is empty or malformed ("--", "0000-00-00 00:00:00").
std::optional<std::chrono::system_clock::time_point> parse_api_time(std::string_view text);
codec::Value api_time_value(std::string_view text);

}  // namespace cloudssl::certificates
