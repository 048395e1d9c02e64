// The fixture provider itself: `store_dir` (else FIXTURE_STORE_DIR) names the folder that
// plays the remote API. An unknown store_dir (from a resource not yet created) is accepted at
// plan time, as Terraform expects; only operations that need the store then fail.
#include <cstdlib>

#include "provider/framework/read_only_fields.h"
#include "tests/fixture_provider/fixture.h"

namespace cloudssl::fixture {
using namespace framework;

Attribute id_attribute() { return framework::read_only_kept("id", Type::string(), ""); }

const Store* store_of(const Context& ctx, Diagnostics& diagnostics) {
  const auto& data = ctx.provider<FixtureDataPtr>();
  if (data->store) return &*data->store;
  diagnostics.error("Fixture store unavailable", data->why_no_store);
  return nullptr;
}

namespace {

class FixtureProvider final : public Provider {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes =
                                {
                                    {.name = "store_dir",
                                     .type = Type::string(),
                                     .optional = true,
                                     .description = "Folder holding the fixture objects (one JSON "
                                                    "file each). Default: FIXTURE_STORE_DIR."},
                                },
                            .description = "Test-only provider exercising the framework."}};
  }

  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    if (auto dir = request.config.get_string("store_dir"); dir && dir->empty()) {
      diagnostics.error("Invalid store_dir", "store_dir must not be empty.",
                        Path::root("store_dir"));
    }
  }

  std::any configure(const ConfigureRequest& request, Diagnostics&) override {
    auto data = std::make_shared<FixtureData>();
    const Value& dir = request.config.is_null() ? Value() : request.config.at("store_dir");
    if (dir.is_unknown()) {
      data->why_no_store = "store_dir is not known until apply.";
    } else if (!dir.is_null()) {
      data->store.emplace(dir.as_string());
    } else if (const char* env = std::getenv("FIXTURE_STORE_DIR"); env && *env) {
      data->store.emplace(env);
    } else {
      data->why_no_store = "Set store_dir in the provider block or FIXTURE_STORE_DIR.";
    }
    return FixtureDataPtr(std::move(data));
  }
};

}  // namespace

std::shared_ptr<Provider> make_fixture_provider() { return std::make_shared<FixtureProvider>(); }

Registry make_fixture_registry() {
  Registry registry("fixture", make_fixture_provider());
  registry.add_resource("fixture_thing", make_thing_resource());
  registry.add_resource("fixture_dependent", make_dependent_resource());
  registry.add_resource("fixture_secret", make_secret_resource());
  registry.add_resource("fixture_versioned", make_versioned_resource());
  registry.add_resource("fixture_slow", make_slow_resource());
  registry.add_resource("fixture_document", make_document_resource());
  registry.add_data_source("fixture_echo", make_echo_data_source());
  registry.add_data_source("fixture_thing", make_thing_data_source());
  registry.add_function("shout", make_shout_function());
  registry.add_ephemeral_resource("fixture_token", make_token_ephemeral_resource());
  registry.add_resource("fixture_record", make_record_resource());
  registry.add_list_resource("fixture_record", make_record_list_resource());
  registry.add_action("fixture_touch", make_touch_action());
  return registry;
}

}  // namespace cloudssl::fixture
