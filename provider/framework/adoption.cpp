// Identity, moves and generated configuration (see adoption.h).
#include "provider/framework/adoption.h"

#include <nlohmann/json.hpp>
#include <set>

#include "provider/codec/json_codec.h"
#include "provider/framework/value_walk.h"

namespace cloudssl::framework {

Type implied_type(const IdentitySchema& schema) {
  std::map<std::string, Type> attributes;
  for (const IdentityAttribute& a : schema.attributes) attributes.emplace(a.name, a.type);
  return Type::object(std::move(attributes));
}

namespace {

bool identity_type_allowed(const Type& type) {
  if (type.is_primitive()) return true;
  return type.kind() == Type::Kind::List && type.element_type().is_primitive();
}

bool identifier(const std::string& name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

void invalid_identity(const std::string& detail, Diagnostics& diagnostics) {
  diagnostics.error("Provider produced invalid identity",
                    detail + " This is a bug in the provider.");
}

}  // namespace

std::vector<std::string> validate_identity_schema(const IdentitySchema& schema) {
  std::vector<std::string> problems;
  if (schema.attributes.empty()) problems.push_back("identity schema has no attributes");
  std::set<std::string> seen;
  for (const IdentityAttribute& a : schema.attributes) {
    if (!identifier(a.name))
      problems.push_back("identity attribute \"" + a.name + "\" is not a valid name");
    if (!seen.insert(a.name).second)
      problems.push_back("identity attribute \"" + a.name + "\" is declared twice");
    if (a.required_for_import == a.optional_for_import)
      problems.push_back("identity attribute \"" + a.name +
                         "\" must be exactly one of required_for_import and optional_for_import");
    if (!identity_type_allowed(a.type))
      problems.push_back("identity attribute \"" + a.name + "\" has type " +
                         a.type.friendly_name() +
                         "; identities hold strings, numbers, bools or lists of them");
  }
  return problems;
}

std::optional<Value> identity_for(const Resource& resource, const Value& state, const Context& ctx,
                                  bool allow_unknown, Diagnostics& diagnostics) {
  const auto* with_identity = dynamic_cast<const ResourceWithIdentity*>(&resource);
  if (!with_identity || state.is_null()) return std::nullopt;
  std::optional<Value> identity = with_identity->identity_of(state, ctx);
  if (!identity) return std::nullopt;
  const Type type = implied_type(with_identity->identity_schema());
  if (!(identity->type() == type) || identity->is_null()) {
    invalid_identity("The identity is not an object of the identity schema's type.", diagnostics);
    return std::nullopt;
  }
  if (!allow_unknown && !identity->is_wholly_known()) {
    std::optional<Path> unknown = first_unknown(*identity);
    invalid_identity("The identity attribute \"" + (unknown ? unknown->to_string() : "") +
                         "\" is unknown where it must be known.",
                     diagnostics);
    return std::nullopt;
  }
  return identity;
}

Value upgrade_resource_identity(const IdentitySchema& schema, std::int64_t version,
                                std::string_view raw_json, Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  if (version != schema.version) {
    diagnostics.error("Unsupported resource identity version",
                      "The stored identity has version " + std::to_string(version) +
                          " but this provider knows only version " +
                          std::to_string(schema.version) +
                          ". Use the provider version that wrote it, or remove the identity "
                          "from state (terraform state rm, then import again).");
    return Value::null(type);
  }
  if (raw_json.empty()) return Value::null(type);
  return codec::from_json(raw_json, type, /*ignore_extra=*/true);
}

std::string provider_without_host(std::string_view address) {
  // host/namespace/type: drop everything before the last two segments.
  const auto last = address.rfind('/');
  if (last == std::string_view::npos || last == 0) return std::string(address);
  const auto before = address.rfind('/', last - 1);
  if (before == std::string_view::npos) return std::string(address);
  return std::string(address.substr(before + 1));
}

std::optional<MoveResult> move_resource_state(const Resource& resource, const Schema& schema,
                                              const std::string& target_type, const MoveFrom& from,
                                              const Context& ctx, Diagnostics& diagnostics) {
  const std::string source = from.provider_address + " " + from.type_name;
  const auto* mover = dynamic_cast<const ResourceWithMoveState*>(&resource);
  const std::string provider = provider_without_host(from.provider_address);
  const MoveSource* match = nullptr;
  std::vector<MoveSource> sources;
  if (mover) sources = mover->move_sources();
  std::string accepted;
  for (const MoveSource& s : sources) {
    accepted += "\n  - " + s.type_name + " (" + s.provider + ")";
    if (s.provider == provider && s.type_name == from.type_name) match = &s;
  }
  if (!match) {
    diagnostics.error("Unsupported move to " + target_type,
                      target_type + " cannot take the state of " + from.type_name + " from " +
                          from.provider_address + "." +
                          (accepted.empty() ? " It accepts no moves from other resource types."
                                            : " It accepts moves from:" + accepted) +
                          "\nRemove the moved block, or import the object instead.");
    return std::nullopt;
  }
  if (from.state_json.empty()) {
    diagnostics.error("Missing source state",
                      "Terraform sent no JSON state for " + source +
                          " (state written by Terraform 0.11 or older cannot be moved; apply "
                          "it once with a newer Terraform first).");
    return std::nullopt;
  }
  nlohmann::json raw = nlohmann::json::parse(from.state_json, nullptr, false);
  if (raw.is_discarded() || !raw.is_object()) {
    diagnostics.error("Invalid source state",
                      "The stored state of " + source + " is not a JSON object.");
    return std::nullopt;
  }
  PrivateState private_state;
  Value state = mover->move_state(
      MoveStateRequest{*match, from.provider_address, from.schema_version, raw, private_state, ctx},
      diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  const Type type = implied_type(schema);
  if (state.is_null() || !(state.type() == type)) {
    diagnostics.error("Provider produced invalid object",
                      "Moving " + source + " returned no object of " + target_type +
                          "'s type. This is a bug in the provider.");
    return std::nullopt;
  }
  if (std::optional<Path> unknown = first_unknown(state)) {
    diagnostics.error("Provider produced invalid object",
                      "Moving " + source + " left \"" + unknown->to_string() +
                          "\" unknown. This is a bug in the provider.");
    return std::nullopt;
  }
  return MoveResult{normalize_blocks(schema.block, null_write_only(schema.block, state)),
                    private_state.serialize()};
}

namespace {

Value config_of_block(const Block& block, const Value& object);

Value config_of_attribute(const Attribute& a, const Value& value) {
  if (value.is_null()) return value;
  const bool computed_only = a.computed && !a.optional && !a.required;
  if (computed_only || a.write_only) return Value::null(value.type());
  if (a.optional && a.computed && a.default_value && *a.default_value == value)
    return Value::null(value.type());
  return value;
}

Value config_of_element(const Block& block, const Value& element) {
  return element.is_null() ? element : config_of_block(block, element);
}

Value config_of_nested_block(const NestedBlock& nb, const Value& value) {
  if (nb.type_name == "timeouts" || value.is_null() || !value.is_known())
    return nb.nesting == Nesting::Single || nb.nesting == Nesting::Group ? Value::null(value.type())
                                                                         : value;
  switch (nb.nesting) {
    case Nesting::Single:
    case Nesting::Group:
      return config_of_block(nb.block, value);
    case Nesting::List: {
      std::vector<Value> out;
      for (const Value& e : value.elements()) out.push_back(config_of_element(nb.block, e));
      return Value::list(value.type().element_type(), std::move(out));
    }
    case Nesting::Set: {
      std::vector<Value> out;
      for (const Value& e : value.elements()) out.push_back(config_of_element(nb.block, e));
      return Value::set(value.type().element_type(), std::move(out));
    }
    case Nesting::Map: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : value.entries()) out.emplace(k, config_of_element(nb.block, e));
      return Value::map(value.type().element_type(), std::move(out));
    }
  }
  return value;
}

Value config_of_block(const Block& block, const Value& object) {
  Value out = object;
  for (const Attribute& a : block.attributes)
    out = out.with(a.name, config_of_attribute(a, object.at(a.name)));
  for (const NestedBlock& nb : block.blocks)
    out = out.with(nb.type_name, config_of_nested_block(nb, object.at(nb.type_name)));
  return out;
}

}  // namespace

Value generate_resource_config(const Resource& resource, const Schema& schema, const Value& state,
                               Diagnostics& diagnostics) {
  const Type type = implied_type(schema);
  if (state.is_null()) {
    diagnostics.error("Missing resource state",
                      "Configuration can only be generated from an existing object.");
    return Value::null(type);
  }
  if (!(state.type() == type)) {
    diagnostics.error("Invalid resource state", "The state does not have the resource's type.");
    return Value::null(type);
  }
  Value config =
      normalize_blocks(schema.block, config_of_block(schema.block, unknown_as_null(state)));
  if (const auto* adjuster = dynamic_cast<const ResourceWithGenerateConfig*>(&resource)) {
    adjuster->adjust_generated_config(state, config, diagnostics);
    if (!(config.type() == type)) {
      diagnostics.error("Provider produced invalid configuration",
                        "The generated configuration does not have the resource's type. This "
                        "is a bug in the provider.");
      return Value::null(type);
    }
  }
  return config;
}

}  // namespace cloudssl::framework
