// Typed deployment targets: one block kind per resource type of DeployCertificateInstance
// (docs/design/ssl-api.md §2.4), their schema, plan-time validation, and the mapping to the API's
// pipe-separated InstanceIdList entries, to record details and to listed host instances.
// Users write `clb { load_balancer_id = "lb-1" listener_id = "lbl-2" }`, never "lb-1|lbl-2".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/tencent/ssl/deployment_actions.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"

namespace cloudssl::deployments {

enum class FieldFormat {
  Id,      // an identifier: non-empty, no '|' and no whitespace (optionally a prefix)
  Domain,  // a host name, optionally a leading "*."
  Port,    // a number 1..65535
  Choice,  // one of `choices`
  Switch,  // a bool sent as on/off
};

struct FieldSpec {
  std::string name;
  FieldFormat format = FieldFormat::Id;
  bool required = true;
  std::string description;
  std::string prefix = {};                // Id: required prefix ("lb-"), empty = any
  std::vector<std::string> choices = {};  // Choice
};

struct TargetKind {
  std::string type;  // the block name and the API's ResourceType
  std::string description;
  std::vector<FieldSpec> fields;
  bool region_required = false;  // the common Region parameter is required for this type
};

// The 13 kinds in the documented order (clb, cdn, ddos, live, vod, waf, teo, apigateway, tke,
// cos, lighthouse, tse, tcb).
const std::vector<TargetKind>& target_kinds();
const TargetKind* find_kind(std::string_view type);
bool region_required(std::string_view type);

// One configured target: its kind and the block element as the user wrote it (kept whole, so
// state reproduces the configuration exactly, nulls included).
struct Target {
  std::string type;
  codec::Value element;

  // A field as text ("" when null): bools as "true"/"false", numbers in decimal.
  std::string field(std::string_view name) const;
};

// The InstanceIdList entry (format per type, §2.4).
std::string instance_id(const Target& target, std::string_view region);
// The parts that identify the target, in api::HostInstance::id_parts order (no deploy-only
// switches such as cdn's https billing).
std::vector<std::string> identity(const Target& target, std::string_view region);
// "type:identity|parts": the key of per-target maps in state.
std::string target_key(const Target& target, std::string_view region);
// Human wording for diagnostics: `clb lb-1/lbl-2 (www.example.com)`.
std::string describe(const Target& target);

// Whether a deploy/update record item is about this target.
bool detail_matches(const Target& target, std::string_view region, const api::RecordDetail& detail);
// Whether a listed host instance is this target.
bool instance_matches(const Target& target, std::string_view region, const api::HostInstance& inst);

// --- schema and values ---------------------------------------------------------------------

framework::NestedBlock target_block(const TargetKind& kind);
std::vector<framework::NestedBlock> target_blocks();

// Every known element of every target block of `object` (a resource value), kinds in
// target_kinds() order, elements in set order.
std::vector<Target> read_targets(const codec::Value& object);
// `object` with each target block set to exactly the given targets (kinds absent from the
// list become empty sets).
codec::Value with_targets(const codec::Value& object, const std::vector<Target>& targets);
// The resource types that have at least one target, in target_kinds() order.
std::vector<std::string> types_of(const std::vector<Target>& targets);

// Plan-time validation of what the fields' own rules (declarative validators on each target
// block attribute, see target_block) cannot see: the resource's region for region-aware
// types, required fields, errors on the block's path. `region`: the resource's region when
// known (nullopt: unknown, region checks skipped; "" = not set).
void validate_targets(const codec::Value& config, const std::optional<std::string>& region,
                      framework::Diagnostics& diagnostics);

// Format checks, exposed for tests: the problem, or "" when fine.
std::string check_domain(std::string_view domain);
std::string check_id(std::string_view value, std::string_view prefix);

}  // namespace cloudssl::deployments
