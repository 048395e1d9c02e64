// The declarative schema model. A resource's schema reads as a table of designated
// initializers; the fields after `deprecation_message` are plan behaviour the engine applies
// and validation rules (they never reach the wire). Field order matters for designated
// initializers.
//
//   {.name = "alias", .type = Type::string(), .optional = true,
//    .description = "Display name of the certificate."},
//   {.name = "id", .type = Type::string(), .computed = true, .use_state_for_unknown = true},
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "provider/codec/type.h"
#include "provider/codec/value.h"
#include "provider/framework/validator.h"

namespace cloudssl::framework {

using codec::Path;
using codec::Type;
using codec::Value;

enum class Nesting { Single, List, Set, Map, Group };  // Group: blocks only

struct Attribute {
  std::string name;
  Type type = Type::string();  // ignored when `nested` is non-empty
  // Nested attributes (protocol 6 Schema.Object): non-empty makes this a nested attribute
  // whose shape is given by `nesting` (Single, List, Set or Map).
  std::vector<Attribute> nested = {};
  Nesting nesting = Nesting::Single;
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;       // Terraform >= 1.11; always null in plan, state and results
  std::string description = {};  // plain text
  std::string markdown_description = {};  // preferred over `description` when set
  std::string deprecation_message = {};   // non-empty marks the attribute deprecated

  // --- plan behaviour (engine) ---
  bool requires_replace = false;       // a change to this attribute replaces the resource
  bool use_state_for_unknown = false;  // computed value never changes after create
  std::optional<Value> default_value = std::nullopt;  // only for optional+computed
  // Declarative rules on the configured value (validators.h); checked before the resource's
  // validate() and rendered in the generated docs.
  std::vector<Validator> validators = {};
};

struct NestedBlock;

struct Block {
  std::vector<Attribute> attributes = {};
  std::vector<NestedBlock> blocks = {};
  std::string description = {};
  std::string markdown_description = {};
  std::string deprecation_message = {};
};

struct NestedBlock {
  std::string type_name;
  Block block;
  Nesting nesting = Nesting::List;
  std::int64_t min_items = 0;
  std::int64_t max_items = 0;
  bool requires_replace = false;  // any change inside the block replaces the resource
};

struct Schema {
  std::int64_t version = 0;
  Block block;
};

// The object type a block's values have (docs/design/tfplugin6.md §4.2).
Type implied_type(const Block& block);
Type implied_type(const Attribute& attribute);
inline Type implied_type(const Schema& schema) { return implied_type(schema.block); }

// Looks up the attribute definition a value path leads to (through nested blocks and
// nested attributes; list indexes, map keys and set elements are skipped over).
const Attribute* find_attribute(const Block& block, const Path& path);

// The checks Terraform applies when it loads a schema (docs/design/tfplugin6.md §1.3), plus ours
// (defaults only on optional+computed, no write-only inside sets). Returns the problems,
// each naming the attribute; empty means valid. `kind` is "resource", "data source",
// "provider" or "ephemeral resource" (write-only is allowed in resources only).
std::vector<std::string> validate_schema(const Schema& schema, std::string_view kind);

// The conventional `timeouts` block (SINGLE, optional string attributes per operation,
// Go duration syntax such as "30s", "10m", "1h30m").
NestedBlock timeouts_block(const std::vector<std::string>& operations);

// Parses a Go duration string ("75m", "1h30m", "500ms"); nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace cloudssl::framework
