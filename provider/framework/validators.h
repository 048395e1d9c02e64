// Declarative attribute rules, modelled on terraform-plugin-framework-validators. A schema
// lists them on the attribute they constrain:
//
//   {.name = "on_destroy", .type = Type::string(), .optional = true, ...,
//    .validators = {validators::one_of({"keep", "rollback"})}},
//
// The engine runs them over every known, non-null configuration value (validate_attributes,
// called before the resource's own validate()), reporting a diagnostic on the attribute's
// path; the docs generator renders each rule's description() next to the attribute. Values
// not known yet are skipped: Terraform validates again once they are.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "provider/framework/schema.h"
#include "provider/framework/validator.h"

namespace cloudssl::framework {

namespace validators {

// --- strings ---
// One of the listed values. `explanation` (optional) is added to the diagnostic: why the
// others are refused and what to do instead (not rendered in the docs).
Validator one_of(std::vector<std::string> allowed, std::string explanation = {});
Validator length_at_least(std::size_t minimum);  // in characters (UTF-8 code points)
Validator length_at_most(std::size_t maximum);
Validator length_between(std::size_t minimum, std::size_t maximum);
Validator non_empty();  // length_at_least(1), worded for ids and names
// The whole string matches `pattern` (ECMAScript). `what` completes "Must be …" in the
// diagnostic and the docs ("a domain name: letters, digits, '-' and '.'").
Validator matches(std::string pattern, std::string what);
// A Go duration ("30s", "1h30m"), optionally bounded.
struct DurationBounds {
  std::optional<std::chrono::milliseconds> at_least = std::nullopt;
  std::optional<std::chrono::milliseconds> at_most = std::nullopt;
};
Validator duration(DurationBounds bounds = {});

// --- numbers (each also refuses fractions and values outside int64) ---
Validator whole_number();
Validator int_at_least(std::int64_t minimum);
Validator int_at_most(std::int64_t maximum);
Validator int_between(std::int64_t minimum, std::int64_t maximum);
Validator int_one_of(std::vector<std::int64_t> allowed);

// --- lists, sets, maps ---
Validator size_at_least(std::size_t minimum);
Validator size_at_most(std::size_t maximum);
Validator size_between(std::size_t minimum, std::size_t maximum);
// `rule` applied to every element (list, set) or every value (map).
Validator each(Validator rule);
// `rule` applied to every key of a map (as a string value).
Validator keys(Validator rule);

// --- siblings (attributes of the same object) ---
Validator conflicts_with(std::vector<std::string> siblings);
Validator also_requires(std::vector<std::string> siblings);
// This attribute must be set (and not empty) when `sibling` equals `value`.
Validator required_if(std::string sibling, codec::Value value);

}  // namespace validators

// Runs every attribute's validators over `config` (an object of the block's type), through
// nested attributes and nested blocks.
void validate_attributes(const Block& block, const codec::Value& config, Diagnostics& diagnostics);

// The markdown sentences of an attribute's validators, joined by spaces ("" when none).
std::string describe_validators(const Attribute& attribute);

// Go duration text for a whole number of milliseconds: 720h, 1h30m, 90s, 500ms.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace cloudssl::framework
