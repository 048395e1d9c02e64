// fixture_record, its list resource and the fixture_touch action: the adoption features of
// the framework (identity, moves across types and providers, generated configuration, list
// streaming, actions with progress and cancellation) on store-backed objects, so protocol
// tests can drive every path, failures included, without a cloud API.
//
// Moves accepted: fixture_thing (this provider; name, zone, description → note) and
// legacy_record of the foreign provider example/legacy, whose schema version 0 called the
// name "label" and version 1 "title"; record_id is required in both.
#include <algorithm>

#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "tests/fixture_provider/stored_resource.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

constexpr const char* kKind = "record";
constexpr const char* kDefaultZone = "zone-a";

Schema record_schema() {
  return Schema{
      .version = 0,
      .block = {.attributes =
                    {
                        id_attribute(),
                        {.name = "name", .type = Type::string(), .required = true},
                        {.name = "zone",
                         .type = Type::string(),
                         .optional = true,
                         .computed = true,
                         .requires_replace = true,
                         .default_value = Value::string(kDefaultZone)},
                        {.name = "note", .type = Type::string(), .optional = true},
                        framework::read_only("touches", Type::number(),
                                             "How often fixture_touch ran on it."),
                        framework::write_only_argument("secret_wo", Type::string(), ""),
                    },
                .blocks = {timeouts_block({"create"})},
                .description = "A fixture object with an identity, moves and a list resource."}};
}

const Type& record_type() {
  static const Type type = implied_type(record_schema());
  return type;
}

// The stored object as state (timeouts and write-only stay null).
Value record_value(const nlohmann::json& stored) {
  nlohmann::json plain = stored;
  plain.erase("secret_wo");
  return from_plain_json(plain, record_type());
}

class RecordResource final : public StoredResource,
                             public ResourceWithImport,
                             public ResourceWithIdentity,
                             public ResourceWithMoveState,
                             public ResourceWithGenerateConfig {
 public:
  RecordResource() : StoredResource(kKind) {}

  Schema schema() const override { return record_schema(); }

  Value update(const UpdateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.prior;
    const std::string id = *request.prior.get_string("id");
    Value result = request.planned;
    if (const auto stored = store->get(kKind, id))
      result = result.with("touches", record_value(*stored).at("touches"));
    result = complete(result);
    put(*store, result);
    return result;
  }

  Value import_state(const ImportRequest& request, Diagnostics&) const override {
    return Value::object(record_type(), {{"id", Value::string(request.id)}});
  }

  // --- identity ---------------------------------------------------------------------
  IdentitySchema identity_schema() const override {
    return {.version = 0,
            .attributes = {
                {.name = "id", .required_for_import = true, .description = "The record's id."},
                {.name = "zone",
                 .optional_for_import = true,
                 .description = "Its zone (checked on import when given)."}}};
  }

  std::optional<Value> identity_of(const Value& state, const Context&) const override {
    return Value::object(implied_type(identity_schema()),
                         {{"id", state.at("id")}, {"zone", state.at("zone")}});
  }

  std::string import_id(const Value& identity, const Context& ctx,
                        Diagnostics& diagnostics) const override {
    const std::string id = identity.get_string("id").value_or("");
    if (id.empty()) {
      diagnostics.error("Missing identity attribute", "identity.id is required.", Path::root("id"));
      return {};
    }
    // A zone given must be the record's: an identity names one object.
    if (auto zone = identity.get_string("zone")) {
      const Store* store = store_of(ctx, diagnostics);
      if (!store) return {};
      if (auto stored = store->get(kKind, id);
          stored && stored->value("zone", std::string(kDefaultZone)) != *zone) {
        diagnostics.error("Identity does not match",
                          "Record " + id + " is in zone \"" +
                              stored->value("zone", std::string(kDefaultZone)) + "\", not \"" +
                              *zone + "\".",
                          Path::root("zone"));
        return {};
      }
    }
    return id;
  }

  // --- moves ------------------------------------------------------------------------
  std::vector<MoveSource> move_sources() const override {
    return {{.provider = "cloudssl/fixture", .type_name = "fixture_thing"},
            {.provider = "example/legacy", .type_name = "legacy_record"}};
  }

  Value move_state(const MoveStateRequest& request, Diagnostics& diagnostics) const override {
    const nlohmann::json& raw = request.source_state;
    auto text = [&](const char* name) -> std::optional<std::string> {
      auto it = raw.find(name);
      if (it == raw.end() || it->is_null()) return std::nullopt;
      if (!it->is_string()) {
        diagnostics.error("Cannot move " + request.source.type_name,
                          "Source attribute \"" + std::string(name) + "\" is not a string.");
        return std::nullopt;
      }
      return it->get<std::string>();
    };
    std::map<std::string, Value> out;
    if (request.source.type_name == "fixture_thing") {
      out["id"] = Value::string(text("id").value_or(""));
      out["name"] = Value::string(text("name").value_or(""));
      out["zone"] = Value::string(text("zone").value_or(kDefaultZone));
      if (auto d = text("description")) out["note"] = Value::string(*d);
    } else {
      if (request.source_schema_version > 1) {
        diagnostics.error("Cannot move legacy_record",
                          "Schema version " + std::to_string(request.source_schema_version) +
                              " of legacy_record is newer than this provider knows (0 and 1).");
        return Value::null(record_type());
      }
      const char* name_attribute = request.source_schema_version == 0 ? "label" : "title";
      out["id"] = Value::string(text("record_id").value_or(""));
      auto name = text(name_attribute);
      if (!name && !diagnostics.has_errors())
        diagnostics.error("Cannot move legacy_record",
                          "Source attribute \"" + std::string(name_attribute) +
                              "\" (schema version " +
                              std::to_string(request.source_schema_version) +
                              ") is missing: the record's name cannot be mapped.");
      out["name"] = Value::string(name.value_or(""));
      out["zone"] = Value::string(text("region").value_or(kDefaultZone));
    }
    if (out["id"].as_string().empty() && !diagnostics.has_errors())
      diagnostics.error("Cannot move " + request.source.type_name,
                        std::string("Source attribute \"") +
                            (request.source.type_name == "fixture_thing" ? "id" : "record_id") +
                            "\" is missing or empty.");
    if (diagnostics.has_errors()) return Value::null(record_type());
    out["touches"] = Value::number(0);
    request.private_state.set("moved_from", request.source_provider_address);
    return Value::object(record_type(), std::move(out));
  }

  // --- generated configuration --------------------------------------------------------
  void adjust_generated_config(const Value& state, Value& config,
                               Diagnostics& diagnostics) const override {
    if (state.at("note").is_null())
      diagnostics.warning("No note", "The record has no note; add one to describe it.",
                          Path::root("note"));
    (void)config;
  }

 private:
  // A new record has not been touched yet.
  Value complete(Value object) const override {
    if (object.at("touches").is_unknown()) object = object.with("touches", Value::number(0));
    return object;
  }
  Value load(const nlohmann::json& stored) const override { return record_value(stored); }
};

// ---------------------------------------------------------------------------------------

class RecordListResource final : public ListResource {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes = {
                                {.name = "name_prefix", .type = Type::string(), .optional = true},
                                {.name = "fail_after",
                                 .type = Type::number(),
                                 .optional = true,
                                 .description = "Test hook: an error after this many results."},
                                {.name = "warn_each",
                                 .type = Type::boolean(),
                                 .optional = true,
                                 .description = "Test hook: a warning with every result."},
                            }}};
  }

  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    if (auto n = request.config.get_int("fail_after"); n && *n < 0)
      diagnostics.error("Invalid fail_after", "fail_after must be 0 or more.",
                        Path::root("fail_after"));
  }

  void list(const ListRequest& request, ListSink& sink, Diagnostics& diagnostics) const override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return;
    const std::string prefix = request.config.get_string("name_prefix").value_or("");
    const auto fail_after = request.config.get_int("fail_after");
    const bool warn = request.config.get_bool("warn_each").value_or(false);
    const RecordResource resource;
    std::int64_t sent = 0;
    for (const std::string& id : store->ids(kKind)) {
      auto stored = store->get(kKind, id);
      if (!stored) continue;  // deleted meanwhile
      Value state = record_value(*stored);
      const std::string name = state.get_string("name").value_or("");
      if (name.rfind(prefix, 0) != 0) continue;
      ListResult result{.identity = *resource.identity_of(state, request.ctx),
                        .display_name = name};
      if (request.include_resource_object) result.resource_object = state;
      if (warn) result.diagnostics.warning("Listed " + id);
      if (fail_after && sent == *fail_after) {
        ListResult failure{.identity = result.identity, .display_name = name};
        failure.diagnostics.error("Listing failed", "fail_after = " + std::to_string(*fail_after));
        sink.emit(std::move(failure));
        return;
      }
      if (!sink.emit(std::move(result))) return;
      ++sent;
    }
  }
};

// ---------------------------------------------------------------------------------------

class TouchAction final : public Action {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes =
                                {
                                    {.name = "id", .type = Type::string(), .required = true},
                                    {.name = "steps", .type = Type::number(), .optional = true},
                                    {.name = "step_ms", .type = Type::number(), .optional = true},
                                },
                            .description = "Counts a touch on a fixture_record, in steps."}};
  }

  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    if (auto steps = request.config.get_int("steps"); steps && *steps < 1)
      diagnostics.error("Invalid steps", "steps must be at least 1.", Path::root("steps"));
  }

  void plan(const ActionRequest& request, Diagnostics& diagnostics) const override {
    auto id = request.config.get_string("id");
    if (!id) return;  // unknown until apply
    const Store* store = store_of(request.ctx, diagnostics);
    if (store && !store->get(kKind, *id))
      diagnostics.error("No such record", "fixture_record " + *id + " does not exist.",
                        Path::root("id"));
  }

  void invoke(const ActionRequest& request, ActionProgress& progress,
              Diagnostics& diagnostics) const override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return;
    const std::string id = *request.config.get_string("id");
    const auto steps = request.config.get_int("steps").value_or(3);
    const auto step = std::chrono::milliseconds(request.config.get_int("step_ms").value_or(0));
    for (std::int64_t i = 1; i <= steps; ++i) {
      progress.report("step " + std::to_string(i) + " of " + std::to_string(steps));
      if (request.ctx.cancel.wait_for(step)) {
        diagnostics.error("Touch cancelled", "Stopped after step " + std::to_string(i) + ".");
        // Left in the store so tests can see that the cancellation reached the action.
        if (auto stored = store->get(kKind, id)) {
          (*stored)["cancelled_at_step"] = i;
          store->put(kKind, id, *stored);
        }
        return;
      }
    }
    auto stored = store->get(kKind, id);
    if (!stored) {
      diagnostics.error("No such record", "fixture_record " + id + " does not exist.",
                        Path::root("id"));
      return;
    }
    (*stored)["touches"] = stored->value("touches", 0) + 1;
    store->put(kKind, id, *stored);
  }
};

}  // namespace

std::shared_ptr<Resource> make_record_resource() { return std::make_shared<RecordResource>(); }
std::shared_ptr<ListResource> make_record_list_resource() {
  return std::make_shared<RecordListResource>();
}
std::shared_ptr<Action> make_touch_action() { return std::make_shared<TouchAction>(); }

}  // namespace cloudssl::fixture
