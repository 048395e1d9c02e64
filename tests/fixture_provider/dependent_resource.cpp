// fixture_dependent: takes another resource's computed value (source_id), so the value is
// unknown while planning a fresh configuration and propagates at apply. `echo` is computed at
// plan time (modify_plan) whenever source_id is known, and left unknown otherwise.
#include "provider/framework/read_only_fields.h"
#include "tests/fixture_provider/stored_resource.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

class DependentResource final : public StoredResource, public ResourceWithModifyPlan {
 public:
  DependentResource() : StoredResource("dependent") {}

  Schema schema() const override {
    return Schema{.block = {.attributes = {
                                id_attribute(),
                                {.name = "source_id",
                                 .type = Type::string(),
                                 .required = true,
                                 .requires_replace = true},
                                {.name = "note", .type = Type::string(), .optional = true},
                                framework::read_only(
                                    "echo", Type::string(),
                                    "\"dep-of-\" + source_id, known at plan when source_id is."),
                            }}};
  }

  void modify_plan(PlanRequest& request, Diagnostics&) const override {
    if (request.planned.is_null()) return;
    const Value& source = request.planned.at("source_id");
    if (source.is_known() && !source.is_null()) {
      request.planned = request.planned.with("echo", Value::string(echo_of(source.as_string())));
    }
  }

 private:
  Value complete(Value object) const override {
    return object.with("echo", Value::string(echo_of(*object.get_string("source_id"))));
  }

  static std::string echo_of(const std::string& source) { return "dep-of-" + source; }
};

}  // namespace

std::shared_ptr<Resource> make_dependent_resource() {
  return std::make_shared<DependentResource>();
}

}  // namespace cloudssl::fixture
