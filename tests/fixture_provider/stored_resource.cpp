// The fixture's store-backed resource operations (stored_resource.h).
#include "tests/fixture_provider/stored_resource.h"

#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

Value StoredResource::create(const CreateRequest& request, Diagnostics& diagnostics) {
  const Store* store = store_of(request.ctx, diagnostics);
  if (!store) return Value::null(implied_type(schema()));
  Value result = complete(request.planned.with("id", Value::string(store->new_id(kind_))));
  put(*store, result);
  return result;
}

std::optional<Value> StoredResource::read(const ReadRequest& request, Diagnostics& diagnostics) {
  const Store* store = store_of(request.ctx, diagnostics);
  if (!store) return request.state;
  const auto stored = store->get(kind_, request.state.get_string("id").value_or("-"));
  if (!stored) return std::nullopt;
  Value state = load(*stored);
  if (request.state.has("timeouts")) state = state.with("timeouts", request.state.at("timeouts"));
  return state;
}

Value StoredResource::update(const UpdateRequest& request, Diagnostics& diagnostics) {
  const Store* store = store_of(request.ctx, diagnostics);
  if (!store) return request.prior;
  Value result = complete(request.planned);
  put(*store, result);
  return result;
}

void StoredResource::remove(const DeleteRequest& request, Diagnostics& diagnostics) {
  if (const Store* store = store_of(request.ctx, diagnostics)) {
    store->remove(kind_, request.prior.get_string("id").value_or("-"));
  }
}

Value StoredResource::load(const nlohmann::json& stored) const {
  return from_plain_json(stored, implied_type(schema()));
}

void StoredResource::put(const Store& store, const Value& object) const {
  auto json = to_plain_json(object);
  json.erase("timeouts");
  store.put(kind_, *object.get_string("id"), json);
}

}  // namespace cloudssl::fixture
