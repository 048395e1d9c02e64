// fixture_secret: a write-only attribute (value_wo, Terraform >= 1.11) with the
// conventional version attribute: the value is sent to the store only on create and when
// value_wo_version changes. The store keeps a SHA-256 of what arrived, so tests can prove
// the provider received it while plan and state never hold it.
#include <openssl/evp.h>

#include <iomanip>
#include <sstream>

#include "provider/framework/optional_argument.h"
#include "tests/fixture_provider/stored_resource.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::ostringstream hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(digest[i]);
  }
  return hex.str();
}

class SecretResource final : public StoredResource {
 public:
  SecretResource() : StoredResource("secret") {}

  Schema schema() const override {
    return Schema{
        .block = {
            .attributes = {
                id_attribute(),
                {.name = "name", .type = Type::string(), .required = true},
                framework::write_only_argument("value_wo", Type::string(),
                                               "Sent on create and when value_wo_version changes."),
                {.name = "value_wo_version", .type = Type::number(), .optional = true},
            }}};
  }

  Value create(const CreateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return Value::null(implied_type(schema()));
    Value result = request.planned.with("id", Value::string(store->new_id(kind_)));
    save(*store, result, request.config);
    return result;
  }

  Value update(const UpdateRequest& request, Diagnostics& diagnostics) override {
    const Store* store = store_of(request.ctx, diagnostics);
    if (!store) return request.prior;
    const bool send_value =
        !(request.prior.at("value_wo_version") == request.planned.at("value_wo_version"));
    auto previous = store->get(kind_, *request.prior.get_string("id"));
    save(*store, request.planned, send_value ? request.config : Value(),
         previous ? previous->value("value_sha256", nlohmann::json()) : nlohmann::json());
    return request.planned;
  }

 private:
  // The stored object without the digest of what arrived (that is no state).
  Value load(const nlohmann::json& stored) const override {
    auto state = stored;
    state.erase("value_sha256");
    return StoredResource::load(state);
  }

  // `config` null: keep `previous_digest`.
  void save(const Store& store, const Value& state, const Value& config,
            nlohmann::json previous_digest = nullptr) const {
    auto json = to_plain_json(state);
    json.erase("value_wo");
    json["value_sha256"] = std::move(previous_digest);
    if (!config.is_null()) {
      if (auto value = config.get_string("value_wo")) json["value_sha256"] = sha256_hex(*value);
    }
    store.put(kind_, *state.get_string("id"), json);
  }
};

}  // namespace

std::shared_ptr<Resource> make_secret_resource() { return std::make_shared<SecretResource>(); }

}  // namespace cloudssl::fixture
