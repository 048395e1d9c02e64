// fixture_dependent: takes another resource's computed value (source_id), so the value is
// unknown while planning a fresh configuration and propagates at apply. `echo` is computed at
// plan time (modify_plan) whenever source_id is known, and left unknown otherwise.
#include "tests/fixture_provider/fixture.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

constexpr const char* kKind = "dependent";

class DependentResource final : public Resource, public ResourceWithModifyPlan {
 public:
  Schema schema() const override {
    return Schema{
        .block = {.attributes = {
                      {.name = "id",
                       .type = Type::string(),
                       .computed = true,
                       .use_state_for_unknown = true},
                      {.name = "source_id",
                       .type = Type::string(),
                       .required = true,
                       .requires_replace = true},
                      {.name = "note", .type = Type::string(), .optional = true},
                      {.name = "echo",
                       .type = Type::string(),
                       .computed = true,
                       .description = "\"dep-of-\" + source_id, known at plan when source_id is."},
                  }}};
  }

  void modify_plan(PlanRequest& request, Diagnostics&) const override {
    if (request.planned.is_null()) return;
    const Value& source = request.planned.at("source_id");
    if (source.is_known() && !source.is_null()) {
      request.planned = request.planned.with("echo", Value::string(echo_of(source.as_string())));
    }
  }

  Value create(const CreateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return Value::null(implied_type(schema()));
    Value result = request.planned.with("id", Value::string(store->new_id(kKind)));
    result = result.with("echo", Value::string(echo_of(*result.get_string("source_id"))));
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
    Value result = request.planned.with(
        "echo", Value::string(echo_of(*request.planned.get_string("source_id"))));
    store->put(kKind, *result.get_string("id"), to_plain_json(result));
    return result;
  }

  void remove(const DeleteRequest& request, Diagnostics& diagnostics) override {
    if (const Store* store = store_of(request.ctx, diagnostics)) {
      store->remove(kKind, request.prior.get_string("id").value_or("-"));
    }
  }

 private:
  static std::string echo_of(const std::string& source) { return "dep-of-" + source; }
};

}  // namespace

std::shared_ptr<Resource> make_dependent_resource() {
  return std::make_shared<DependentResource>();
}

}  // namespace cloudssl::fixture
