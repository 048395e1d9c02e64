// Builds msgpack objects for a tfplugin6 schema block, attribute by attribute, so protocol
// tests can send exactly what they mean (every attribute present unless told otherwise)
// without knowing a provider's schema in advance.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "tests/protocol/support/msgpack_bytes.h"
#include "tfplugin6.pb.h"

namespace cloudssl::testing {

struct ObjectSpec {
  std::map<std::string, std::string> values;  // attribute/block name → encoded value
  std::set<std::string> omit;                 // names left out of the map entirely
};

inline ObjectSpec with_values(std::map<std::string, std::string> values) {
  ObjectSpec spec;
  spec.values = std::move(values);
  return spec;
}
inline ObjectSpec omitting(std::set<std::string> names) {
  ObjectSpec spec;
  spec.omit = std::move(names);
  return spec;
}

// Every attribute null unless overridden; blocks as Terraform sends them when absent: SINGLE
// and GROUP null, LIST and SET an empty array, MAP an empty map.
inline std::string encode_object(const tfplugin6::Schema::Block& block,
                                 const ObjectSpec& spec = {}) {
  std::string body;
  std::size_t count = 0;
  auto add = [&](const std::string& name, const std::string& fallback) {
    if (spec.omit.count(name) != 0) return;
    const auto it = spec.values.find(name);
    body += mp::str(name) + (it != spec.values.end() ? it->second : fallback);
    ++count;
  };
  for (const auto& attribute : block.attributes()) add(attribute.name(), mp::nil());
  for (const auto& nested : block.block_types()) {
    using Mode = tfplugin6::Schema::NestedBlock;
    switch (nested.nesting()) {
      case Mode::LIST:
      case Mode::SET:
        add(nested.type_name(), mp::array_header(0));
        break;
      case Mode::MAP:
        add(nested.type_name(), mp::map_header(0));
        break;
      default:
        add(nested.type_name(), mp::nil());
        break;
    }
  }
  return mp::map_header(count) + body;
}

// The first attribute whose cty type JSON equals `type_json` (e.g. "\"number\""), if any.
inline std::optional<std::string> attribute_of_type(const tfplugin6::Schema::Block& block,
                                                    const std::string& type_json) {
  for (const auto& attribute : block.attributes()) {
    if (attribute.type() == type_json) return attribute.name();
  }
  return std::nullopt;
}

inline tfplugin6::DynamicValue msgpack_value(std::string bytes) {
  tfplugin6::DynamicValue v;
  v.set_msgpack(std::move(bytes));
  return v;
}

inline bool has_error(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags) {
  for (const auto& d : diags) {
    if (d.severity() == tfplugin6::Diagnostic::ERROR) return true;
  }
  return false;
}

inline std::string describe(
    const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) {
    out += (d.severity() == tfplugin6::Diagnostic::ERROR ? "ERROR: " : "WARNING: ") + d.summary() +
           ": " + d.detail() + "\n";
  }
  return out.empty() ? "(no diagnostics)" : out;
}

}  // namespace cloudssl::testing
