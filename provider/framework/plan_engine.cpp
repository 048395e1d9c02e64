// PlanResourceChange, in the order terraform-plugin-framework uses (docs/design/tfplugin6.md §3.5).
#include "provider/framework/plan_engine.h"

#include <algorithm>

#include "provider/framework/private_state_bytes.h"
#include "provider/framework/timeouts.h"
#include "provider/framework/value_helpers.h"
#include "provider/framework/value_walk.h"
#include "provider/log/logger.h"

namespace cloudssl::framework {

namespace {

ElementMatch config_match(ObjectShape shape) {
  return [shape](const Value& planned, const Value& config) {
    return similar(shape, config, planned, /*reference_is_config=*/true);
  };
}

ElementMatch prior_match(ObjectShape shape) {
  return [shape](const Value& planned, const Value& prior) {
    return similar(shape, planned, prior, /*reference_is_config=*/false);
  };
}

// Each pass walks the planned object together with the matching part of the configuration
// (and, where needed, the prior state), member by member.
class Planner {
 public:
  // Defaults, write-only nulling and empty collections for absent blocks.
  Value defaults(ObjectShape shape, const Value& planned, const Value& config) const {
    if (!present(planned)) return planned;
    std::map<std::string, Value> out = planned.entries();
    for (const Attribute& a : *shape.attributes) {
      Value& v = out.at(a.name);
      Value c = member(config, a.name, v.type());
      if (a.write_only) {
        v = Value::null(v.type());
      } else if (a.default_value && a.optional && a.computed && c.is_null()) {
        v = *a.default_value;
      } else if (!a.nested.empty()) {
        v = each(
            a.nesting, ObjectShape::of(a), v, c,
            [this](ObjectShape s, const Value& e, const Value& ce) { return defaults(s, e, ce); });
      }
    }
    for (const NestedBlock& b : *shape.blocks) {
      Value& v = out.at(b.type_name);
      Value c = member(config, b.type_name, v.type());
      v = empty_if_absent(b, v);
      v = each(
          b.nesting, ObjectShape::of(b.block), v, c,
          [this](ObjectShape s, const Value& e, const Value& ce) { return defaults(s, e, ce); });
    }
    return Value::object(planned.type(), std::move(out));
  }

  // Computed attributes whose configuration is null become unknown (known after apply).
  Value mark_unknown(ObjectShape shape, const Value& planned, const Value& config) const {
    if (!present(planned)) return planned;
    std::map<std::string, Value> out = planned.entries();
    for (const Attribute& a : *shape.attributes) {
      Value& v = out.at(a.name);
      Value c = member(config, a.name, v.type());
      // An attribute with a default already has its planned value.
      if (a.computed && !a.write_only && !a.default_value && c.is_null()) {
        // A dynamic attribute's future type is unknown too.
        v = Value::unknown(a.nested.empty() && a.type.is_dynamic() ? Type::dynamic() : v.type());
      } else if (!a.nested.empty()) {
        v = each(a.nesting, ObjectShape::of(a), v, c,
                 [this](ObjectShape s, const Value& e, const Value& ce) {
                   return mark_unknown(s, e, ce);
                 });
      }
    }
    for (const NestedBlock& b : *shape.blocks) {
      Value& v = out.at(b.type_name);
      Value c = member(config, b.type_name, v.type());
      v = each(b.nesting, ObjectShape::of(b.block), v, c,
               [this](ObjectShape s, const Value& e, const Value& ce) {
                 return mark_unknown(s, e, ce);
               });
    }
    return Value::object(planned.type(), std::move(out));
  }

  // use_state_for_unknown: an attribute planned unknown keeps its prior value, unless the
  // configuration itself is unknown.
  Value use_state(ObjectShape shape, const Value& planned, const Value& prior,
                  const Value& config) const {
    if (!present(planned)) return planned;
    std::map<std::string, Value> out = planned.entries();
    for (const Attribute& a : *shape.attributes) {
      Value& v = out.at(a.name);
      Value p = member(prior, a.name, v.type());
      Value c = member(config, a.name, v.type());
      if (a.use_state_for_unknown && v.is_unknown() && !p.is_null() && !c.is_unknown()) {
        v = p;
      } else if (!a.nested.empty()) {
        v = each2(a.nesting, ObjectShape::of(a), v, p, c);
      }
    }
    for (const NestedBlock& b : *shape.blocks) {
      Value& v = out.at(b.type_name);
      v = each2(b.nesting, ObjectShape::of(b.block), v, member(prior, b.type_name, v.type()),
                member(config, b.type_name, v.type()));
    }
    return Value::object(planned.type(), std::move(out));
  }

  // Paths whose value the user changed on a requires_replace attribute or block. Runs on
  // the plan before computed values are marked unknown, so a value only the provider
  // computes never forces a replacement by itself.
  void requires_replace(ObjectShape shape, const Value& planned, const Value& prior,
                        const Path& path, std::vector<Path>& out) const {
    if (!present(planned)) return;
    for (const Attribute& a : *shape.attributes) {
      const Value& v = planned.at(a.name);
      Value p = member(prior, a.name, v.type());
      Path here = path.attr(a.name);
      if (a.requires_replace && !(v == p)) {
        out.push_back(here);
      } else if (!a.nested.empty()) {
        collect_elements(a.nesting, ObjectShape::of(a), v, p, here, out);
      }
    }
    for (const NestedBlock& b : *shape.blocks) {
      const Value& v = planned.at(b.type_name);
      Value p = member(prior, b.type_name, v.type());
      Path here = path.attr(b.type_name);
      if (b.requires_replace && !(v == p)) {
        out.push_back(here);
      } else {
        collect_elements(b.nesting, ObjectShape::of(b.block), v, p, here, out);
      }
    }
  }

 private:
  template <class F>
  Value each(Nesting nesting, ObjectShape shape, const Value& value, const Value& config,
             F fn) const {
    if (!present(value)) return value;
    std::vector<Value> configs = partners(nesting, value, config, config_match(shape));
    std::vector<Value> out;
    std::size_t i = 0;
    for (auto& [unused, element] : elements_of(nesting, value, {})) {
      out.push_back(fn(shape, element, configs[i++]));
    }
    return rebuild(nesting, value, std::move(out));
  }

  Value each2(Nesting nesting, ObjectShape shape, const Value& value, const Value& prior,
              const Value& config) const {
    if (!present(value)) return value;
    std::vector<Value> priors = partners(nesting, value, prior, prior_match(shape));
    std::vector<Value> configs = partners(nesting, value, config, config_match(shape));
    std::vector<Value> out;
    std::size_t i = 0;
    for (auto& [unused, element] : elements_of(nesting, value, {})) {
      out.push_back(use_state(shape, element, priors[i], configs[i]));
      ++i;
    }
    return rebuild(nesting, value, std::move(out));
  }

  void collect_elements(Nesting nesting, ObjectShape shape, const Value& value, const Value& prior,
                        const Path& path, std::vector<Path>& out) const {
    std::vector<Value> priors = partners(nesting, value, prior, prior_match(shape));
    std::size_t i = 0;
    for (auto& [element_path, element] : elements_of(nesting, value, path)) {
      requires_replace(shape, element, priors[i++], element_path, out);
    }
  }
};

std::vector<Path> normalize_paths(std::vector<Path> paths) {
  for (Path& p : paths) p = p.until_set_element();
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

}  // namespace

PlanResult plan_resource_change(const Resource& resource, const Schema& schema, const Value& prior,
                                const Value& proposed, const Value& config,
                                const std::string& prior_private, const Context& ctx,
                                Diagnostics& diagnostics, const std::string& earlier_plan_private) {
  const Type type = implied_type(schema);
  // 1. Destroy: nothing to plan; the private bytes stay as they were.
  if (proposed.is_null()) return {Value::null(type), {}, prior_private};

  std::optional<PrivateState> private_state = parse_private_state(prior_private, diagnostics);
  if (!private_state) return {proposed, {}, prior_private};

  const ObjectShape shape = ObjectShape::of(schema.block);
  const Value prior_n = normalize_blocks(schema.block, prior);
  Planner planner;

  // 2–4. planned := proposed, with defaults, write-only nulled and absent blocks empty.
  Value planned = planner.defaults(shape, proposed, config);

  std::vector<Path> replace;
  if (!prior_n.is_null()) planner.requires_replace(shape, planned, prior_n, {}, replace);

  // 5. Only a create or a real change makes computed values unknown; otherwise the plan
  // equals the prior state and Terraform sees no change. A change to the timeouts alone
  // (e.g. after an import) is applied locally and changes nothing remote.
  const bool changing = prior_n.is_null() || !(without_timeouts(schema.block, planned) ==
                                               without_timeouts(schema.block, prior_n));
  if (changing && !prior_n.is_null() && log::enabled(log::Level::Trace)) {
    // Names only, never values: why this plan is an update.
    nlohmann::json changed = nlohmann::json::array();
    for (const auto& [name, value] : planned.entries()) {
      if (!(value == prior_n.at(name))) changed.push_back(name);
    }
    log::trace("Planned state differs from prior state", {{"changed_attributes", changed}});
  }
  if (changing) planned = planner.mark_unknown(shape, planned, config);
  // 6. Values that never change after create keep their prior value.
  if (!prior_n.is_null()) planned = planner.use_state(shape, planned, prior_n, config);

  // 7. The resource's own logic.
  if (const auto* modifier = dynamic_cast<const ResourceWithModifyPlan*>(&resource)) {
    std::optional<PrivateState> earlier = parse_private_state(earlier_plan_private, diagnostics);
    if (!earlier) return {proposed, {}, prior_private};
    PlanRequest request{prior_n,
                        config,
                        planned,
                        std::move(replace),
                        std::move(*private_state),
                        ctx,
                        std::move(*earlier)};
    modifier->modify_plan(request, diagnostics);
    if (!(request.planned.type() == type)) {
      diagnostics.error("Invalid plan from the resource",
                        "modify_plan returned a value of type " +
                            request.planned.type().friendly_name() +
                            " instead of the schema's object type. This is a bug in the provider.");
      return {proposed, {}, prior_private};
    }
    planned = null_write_only(schema.block, request.planned);
    replace = std::move(request.requires_replace);
    private_state = std::move(request.private_state);
  }
  // Core ignores requires_replace on create; we send none.
  if (prior_n.is_null()) replace.clear();
  return {planned, normalize_paths(std::move(replace)), private_state->serialize()};
}

}  // namespace cloudssl::framework
