// fixture_thing: the everything-resource. Computed values unknown at plan (id, created_at,
// revision, endpoint.port), an optional+computed default (size), maps and sets, a sensitive
// attribute, requires-replace (zone), a nested single attribute (endpoint), a nested list
// attribute (listeners), list/set/single nested blocks (rule, member, settings), timeouts,
// private state (an etag that update insists on) and import by id.
#include <chrono>
#include <ctime>
#include <regex>

#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "tests/fixture_provider/stored_resource.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

constexpr const char* kKind = "thing";

std::string now_rfc3339() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class ThingResource final : public StoredResource, public ResourceWithImport {
 public:
  ThingResource() : StoredResource(kKind) {}

  Schema schema() const override {
    Block block{
        .attributes =
            {
                framework::read_only_kept("id", Type::string(), "Assigned by the store."),
                {.name = "name",
                 .type = Type::string(),
                 .required = true,
                 .description = "Lower-case letters, digits and dashes."},
                {.name = "description", .type = Type::string(), .optional = true},
                framework::optional_with_default("size", Type::number(), Value::number(1),
                                                 "Defaults to 1."),
                {.name = "tags", .type = Type::map(Type::string()), .optional = true},
                {.name = "labels", .type = Type::set(Type::string()), .optional = true},
                {.name = "secret", .type = Type::string(), .optional = true, .sensitive = true},
                {.name = "zone",
                 .type = Type::string(),
                 .optional = true,
                 .description = "Changing it replaces the thing.",
                 .requires_replace = true},
                framework::read_only_kept("created_at", Type::string(), ""),
                framework::read_only("revision", Type::number(), "Incremented by every update."),
                {.name = "endpoint",
                 .nested = {{.name = "host", .type = Type::string(), .required = true},
                            {.name = "port",
                             .type = Type::number(),
                             .optional = true,
                             .computed = true,
                             .description = "Defaults to 443 at apply."}},
                 .nesting = Nesting::Single,
                 .optional = true},
                {.name = "listeners",
                 .nested = {{.name = "port", .type = Type::number(), .required = true},
                            {.name = "protocol", .type = Type::string(), .optional = true}},
                 .nesting = Nesting::List,
                 .optional = true},
            },
        .blocks =
            {
                {.type_name = "rule",
                 .block = {.attributes =
                               {{.name = "name", .type = Type::string(), .required = true},
                                {.name = "priority", .type = Type::number(), .optional = true}}},
                 .nesting = Nesting::List},
                {.type_name = "member",
                 .block =
                     {.attributes = {{.name = "user", .type = Type::string(), .required = true},
                                     {.name = "role", .type = Type::string(), .optional = true}}},
                 .nesting = Nesting::Set},
                {.type_name = "settings",
                 .block = {.attributes =
                               {
                                   {.name = "mode", .type = Type::string(), .optional = true},
                                   {.name = "enabled", .type = Type::boolean(), .optional = true}}},
                 .nesting = Nesting::Single},
                timeouts_block({"create", "read", "update", "delete"}),
            },
        .description = "A fixture object with every kind of attribute."};
    return Schema{.version = 0, .block = std::move(block)};
  }

  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    static const std::regex valid("^[a-z0-9-]+$");
    if (auto name = request.config.get_string("name"); name && !std::regex_match(*name, valid)) {
      diagnostics.error("Invalid name",
                        "name \"" + *name + "\" may contain only a-z, 0-9 and dashes.",
                        Path::root("name"));
    }
  }

  Value create(const CreateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return Value::null(implied_type(schema()));
    Value result = request.planned.with("id", Value::string(store->new_id(kKind)))
                       .with("created_at", Value::string(now_rfc3339()))
                       .with("revision", Value::number(1));
    result = fill_computed(result);
    put(*store, result);
    request.private_state.set("etag", etag(result));
    return result;
  }

  std::optional<Value> read(const ReadRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.state;
    const auto id = request.state.get_string("id");
    if (!id) return std::nullopt;
    const auto stored = store->get(kKind, *id);
    if (!stored) return std::nullopt;  // deleted behind Terraform's back
    Value result = load(*stored).with("timeouts", request.state.at("timeouts"));
    request.private_state.set("etag", etag(result));
    return result;
  }

  Value update(const UpdateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.prior;
    // Private state must have travelled state → plan → apply.
    if (request.private_state.get("etag") != nlohmann::json(etag(request.prior))) {
      diagnostics.error("Private state lost",
                        "fixture_thing keeps an etag in private state; the update did not "
                        "receive the one its prior state was written with.");
      return request.prior;
    }
    const auto revision = request.prior.get_int("revision").value_or(0) + 1;
    Value result = fill_computed(request.planned.with("revision", Value::number(revision)));
    put(*store, result);
    request.private_state.set("etag", etag(result));
    return result;
  }

  Value import_state(const ImportRequest& request, Diagnostics& diagnostics) const override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return Value::null(implied_type(schema()));
    if (!store->get(kKind, request.id)) {
      diagnostics.error("Cannot import fixture_thing",
                        "No fixture_thing with id \"" + request.id + "\" exists.");
      return Value::null(implied_type(schema()));
    }
    request.private_state.set("imported", true);
    return from_plain_json({{"id", request.id},
                            {"rule", nlohmann::json::array()},
                            {"member", nlohmann::json::array()}},
                           implied_type(schema()));
  }

 private:
  static std::string etag(const Value& object) {
    return object.get_string("id").value_or("") + "/" +
           std::to_string(object.get_int("revision").value_or(0));
  }

  // What the "server" fills in: the endpoint's default port.
  static Value fill_computed(Value object) {
    const Value& endpoint = object.at("endpoint");
    if (!endpoint.is_null() && !endpoint.is_unknown() && endpoint.at("port").is_unknown()) {
      object = object.with("endpoint", endpoint.with("port", Value::number(443)));
    }
    return object;
  }
};

}  // namespace

std::shared_ptr<Resource> make_thing_resource() { return std::make_shared<ThingResource>(); }

}  // namespace cloudssl::fixture
