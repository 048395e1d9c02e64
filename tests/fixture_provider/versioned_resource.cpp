// fixture_versioned: schema version 1. Version 0 stored the size in kibibytes (`size_kb`);
// version 1 stores bytes (`size_bytes`). upgrade_state converts old state, so a state file
// written under version 0 plans no changes.
#include "tests/fixture_provider/fixture.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

constexpr const char* kKind = "versioned";

class VersionedResource final : public Resource,
                                public ResourceWithUpgradeState,
                                public ResourceWithImport {
 public:
  Schema schema() const override {
    return Schema{.version = 1,
                  .block = {.attributes = {
                                {.name = "id",
                                 .type = Type::string(),
                                 .computed = true,
                                 .use_state_for_unknown = true},
                                {.name = "name", .type = Type::string(), .required = true},
                                {.name = "size_bytes", .type = Type::number(), .optional = true},
                            }}};
  }

  Value upgrade_state(std::int64_t from_version, const nlohmann::json& raw,
                      Diagnostics& diagnostics) const override {
    const Type type = implied_type(schema());
    if (from_version != 0) {
      diagnostics.error("Unexpected state version",
                        "fixture_versioned has no state version " + std::to_string(from_version));
      return Value::null(type);
    }
    nlohmann::json upgraded = {{"id", raw.value("id", nlohmann::json())},
                               {"name", raw.value("name", nlohmann::json())},
                               {"size_bytes", nullptr}};
    if (auto kb = raw.find("size_kb"); kb != raw.end() && kb->is_number_integer()) {
      upgraded["size_bytes"] = kb->get<std::int64_t>() * 1024;
    }
    return from_plain_json(upgraded, type);
  }

  Value create(const CreateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return Value::null(implied_type(schema()));
    Value result = request.planned.with("id", Value::string(store->new_id(kKind)));
    store->put(kKind, *result.get_string("id"), to_plain_json(result));
    return result;
  }

  std::optional<Value> read(const ReadRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.state;
    const auto stored = store->get(kKind, request.state.get_string("id").value_or("-"));
    if (!stored) return std::nullopt;
    return from_plain_json(*stored, implied_type(schema()));
  }

  Value update(const UpdateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.prior;
    store->put(kKind, *request.planned.get_string("id"), to_plain_json(request.planned));
    return request.planned;
  }

  void remove(const DeleteRequest& request, Diagnostics& diagnostics) override {
    if (const Store* store = store_of(request.ctx, diagnostics)) {
      store->remove(kKind, request.prior.get_string("id").value_or("-"));
    }
  }

  Value import_state(const ImportRequest& request, Diagnostics&) const override {
    return from_plain_json({{"id", request.id}}, implied_type(schema()));
  }
};

}  // namespace

std::shared_ptr<Resource> make_versioned_resource() {
  return std::make_shared<VersionedResource>();
}

}  // namespace cloudssl::fixture
