// terraform-provider-fixture: a test-only provider (registry.terraform.io/cloudssl/fixture,
// prefix fixture_) whose types exercise every framework feature through the real CLI.
// Never installed; the real provider carries none of this.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "provider/framework/registry.h"
#include "tests/fixture_provider/store.h"

namespace cloudssl::fixture {

// What the fixture provider's configure returns (Context::provider_data).
struct FixtureData {
  std::optional<Store> store;  // nullopt: no store_dir / FIXTURE_STORE_DIR, or it is unknown
  std::string why_no_store;
};
using FixtureDataPtr = std::shared_ptr<const FixtureData>;

// The id of every fixture resource: computed at create, kept in later plans.
framework::Attribute id_attribute();

// The store, or nullptr with an error diagnostic saying why there is none.
const Store* store_of(const framework::Context& ctx, framework::Diagnostics& diagnostics);

std::shared_ptr<framework::Provider> make_fixture_provider();
std::shared_ptr<framework::Resource> make_thing_resource();
std::shared_ptr<framework::Resource> make_dependent_resource();
std::shared_ptr<framework::Resource> make_secret_resource();
std::shared_ptr<framework::Resource> make_versioned_resource();
std::shared_ptr<framework::Resource> make_slow_resource();
std::shared_ptr<framework::Resource> make_document_resource();
std::shared_ptr<framework::DataSource> make_echo_data_source();
std::shared_ptr<framework::DataSource> make_thing_data_source();
std::shared_ptr<framework::Function> make_shout_function();
std::shared_ptr<framework::EphemeralResource> make_token_ephemeral_resource();
// fixture_record: identity, moves (from fixture_thing and a foreign example/legacy
// provider's legacy_record), its list resource; fixture_touch: an action.
std::shared_ptr<framework::Resource> make_record_resource();
std::shared_ptr<framework::ListResource> make_record_list_resource();
std::shared_ptr<framework::Action> make_touch_action();

// Every fixture type, registered.
framework::Registry make_fixture_registry();

}  // namespace cloudssl::fixture
