// Tolerant readers for the loosely typed answers of cloud APIs: a field may be missing or
// null anywhere, numbers may come as numeric strings (and the reverse), booleans as 0/1 or
// "true"/"false", a list of one as a lone value. Typed actions read answers only through
// these, so every cloud's actions forgive the same things the same way.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudssl::api::fields {

using nlohmann::json;

// The field `name` of `object`; nullptr when `object` is no object or the field is absent
// or null.
const json* field(const json& object, std::string_view name);

// A scalar as text: strings as they are, numbers and booleans spelled out; "" otherwise.
std::string text_of(const json& value);
// A whole number from a number (fractions cut), a boolean (1/0) or a numeric string
// (optionally signed, surrounding blanks allowed); nullopt otherwise.
std::optional<std::int64_t> integer_of(const json& value);

// The field as text ("" when missing or null).
std::string text(const json& object, std::string_view name);
// The field as a whole number, nullopt when missing, null or not a number.
std::optional<std::int64_t> integer(const json& object, std::string_view name);
// The field as a whole number, `fallback` when it is none.
std::int64_t integer_or(const json& object, std::string_view name, std::int64_t fallback = 0);
// The field as a boolean: true/false, 1/0 (numbers or strings), "" is false; nullopt when
// missing, null or anything else.
std::optional<bool> boolean(const json& object, std::string_view name);
// The field as a list of non-empty strings: an array's scalars as text, or a lone scalar.
std::vector<std::string> strings(const json& object, std::string_view name);
// The field as a list of whole numbers (an array's items that are one).
std::vector<std::int64_t> integers(const json& object, std::string_view name);
// The field if it is an array, else an empty array.
const json& array(const json& object, std::string_view name);

// The objects of the array field `name` decoded with from_json(const json&, T&); non-object
// items are skipped.
template <class T>
std::vector<T> objects(const json& object, std::string_view name) {
  std::vector<T> out;
  for (const auto& item : array(object, name)) {
    if (item.is_object()) out.push_back(item.get<T>());
  }
  return out;
}

}  // namespace cloudssl::api::fields
