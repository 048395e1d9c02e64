// Small conversions between Terraform values and plain C++ types, and the re-application of
// schema defaults to a plan: Terraform-generic gap-fillers any provider's resources use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provider/codec/value.h"
#include "provider/framework/schema.h"

namespace cloudssl::framework {

codec::Value string_list(const std::vector<std::string>& items);
codec::Value string_set(const std::vector<std::string>& items);
codec::Value number_list(const std::vector<std::int64_t>& items);
// Known, non-null string elements of a list or set (empty for null/unknown).
std::vector<std::string> strings_of(const codec::Value& collection);

// A string attribute, or null when there is nothing (the empty string).
codec::Value string_or_null(const std::string& s);
codec::Value int_or_null(const std::optional<std::int64_t>& n);
codec::Value bool_or_null(const std::optional<bool>& b);

// True when the value is known and not null.
bool present(const codec::Value& value);
// True when the attribute is known and not null.
bool present(const codec::Value& object, std::string_view attribute);

// Re-applies optional+computed defaults where the configuration is null, so that a change
// elsewhere never shows a defaulted value as "known after apply".
void keep_defaults(const Block& block, const codec::Value& config, codec::Value& planned);

// The object an import by `id` starts from: `id` and every attribute's default, the rest null
// (the read that follows fills it in).
codec::Value import_stub(const Schema& schema, const std::string& id);

}  // namespace cloudssl::framework
