// Small conversions between Terraform values and the API's plain types, shared by the
// certificate resources and data sources.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl_client.h"
#include "provider/codec/value.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::resources {

using codec::Path;
using codec::Type;
using codec::Value;

Value string_list(const std::vector<std::string>& items);
Value string_set(const std::vector<std::string>& items);
Value number_list(const std::vector<std::int64_t>& items);
// Known, non-null string elements of a list or set (empty for null/unknown).
std::vector<std::string> strings_of(const Value& collection);

Value tags_value(const std::vector<api::Tag>& tags);
std::vector<api::Tag> tags_of(const Value& map);  // sorted by key

// A string attribute, or null when the API gave nothing.
Value string_or_null(const std::string& s);
Value int_or_null(const std::optional<std::int64_t>& n);
Value bool_or_null(const std::optional<bool>& b);

// True when the attribute is known and not null.
bool present(const Value& object, std::string_view attribute);

// The operation's deadline and cancellation for API calls.
api::CallOptions call_options(const framework::Context& ctx);

// The API's "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8) as RFC 3339 UTC; nullopt when the
// text is empty or malformed ("--", "0000-00-00 00:00:00").
std::optional<std::chrono::system_clock::time_point> parse_api_time(std::string_view text);
Value api_time_value(std::string_view text);

// Re-applies optional+computed defaults where the configuration is null, so that a change
// elsewhere never shows a defaulted value as "known after apply".
void keep_defaults(const framework::Block& block, const Value& config, Value& planned);

}  // namespace cloudssl::resources
