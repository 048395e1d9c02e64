// fixture_versioned: schema version 1. Version 0 stored the size in kibibytes (`size_kb`);
// version 1 stores bytes (`size_bytes`). upgrade_state converts old state, so a state file
// written under version 0 plans no changes.
#include "tests/fixture_provider/stored_resource.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

class VersionedResource final : public StoredResource,
                                public ResourceWithUpgradeState,
                                public ResourceWithImport {
 public:
  VersionedResource() : StoredResource("versioned") {}

  Schema schema() const override {
    return Schema{.version = 1,
                  .block = {.attributes = {
                                id_attribute(),
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

  Value import_state(const ImportRequest& request, Diagnostics&) const override {
    return from_plain_json({{"id", request.id}}, implied_type(schema()));
  }
};

}  // namespace

std::shared_ptr<Resource> make_versioned_resource() {
  return std::make_shared<VersionedResource>();
}

}  // namespace cloudssl::fixture
