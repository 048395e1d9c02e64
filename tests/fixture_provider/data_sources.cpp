// Data sources: fixture_echo (output = input, no store needed) and fixture_thing (reads a
// thing from the store by id: deferred to apply while the id is unknown).
#include "provider/framework/read_only_fields.h"
#include "tests/fixture_provider/fixture.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

class EchoDataSource final : public DataSource {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes = {
                                {.name = "input", .type = Type::string(), .required = true},
                                framework::read_only("output", Type::string(), ""),
                            }}};
  }
  Value read(const DataSourceReadRequest& request, Diagnostics&) const override {
    return request.config.with("output", request.config.at("input"));
  }
};

class ThingDataSource final : public DataSource {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes = {
                                {.name = "id", .type = Type::string(), .required = true},
                                framework::read_only("name", Type::string(), ""),
                                framework::read_only("size", Type::number(), ""),
                                framework::read_only("tags", Type::map(Type::string()), ""),
                            }}};
  }
  Value read(const DataSourceReadRequest& request, Diagnostics& diagnostics) const override {
    const Store* store = store_of(request.ctx, diagnostics);
    const auto id = *request.config.get_string("id");
    if (!store) return Value::null(implied_type(schema()));
    const auto stored = store->get("thing", id);
    if (!stored) {
      diagnostics.error("fixture_thing not found", "No fixture_thing with id \"" + id + "\".",
                        Path::root("id"));
      return Value::null(implied_type(schema()));
    }
    return from_plain_json({{"id", id},
                            {"name", stored->value("name", nlohmann::json())},
                            {"size", stored->value("size", nlohmann::json())},
                            {"tags", stored->value("tags", nlohmann::json())}},
                           implied_type(schema()));
  }
};

}  // namespace

std::shared_ptr<DataSource> make_echo_data_source() { return std::make_shared<EchoDataSource>(); }
std::shared_ptr<DataSource> make_thing_data_source() { return std::make_shared<ThingDataSource>(); }

}  // namespace cloudssl::fixture
