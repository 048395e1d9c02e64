// The store plumbing the fixture's store-backed resources share: objects of one kind kept as
// plain JSON by id (store.h). create stores the planned object under a new id, read loads it
// (nullopt once it is gone from the store), update stores the planned object, remove deletes
// it. Timeouts are configuration, not part of the stored object: a read keeps the state's. A
// resource completes computed values in `complete`, and overrides an operation whole where
// it does more.
#pragma once

#include <optional>
#include <string>

#include "tests/fixture_provider/fixture.h"

namespace cloudssl::fixture {

class StoredResource : public framework::Resource {
 public:
  explicit StoredResource(std::string kind) : kind_(std::move(kind)) {}

  codec::Value create(const framework::CreateRequest& request,
                      framework::Diagnostics& diagnostics) override;
  std::optional<codec::Value> read(const framework::ReadRequest& request,
                                   framework::Diagnostics& diagnostics) override;
  codec::Value update(const framework::UpdateRequest& request,
                      framework::Diagnostics& diagnostics) override;
  void remove(const framework::DeleteRequest& request,
              framework::Diagnostics& diagnostics) override;

 protected:
  // The planned object (id known) with what the "server" computes; by default as planned.
  virtual codec::Value complete(codec::Value object) const { return object; }
  // The stored object as state; by default all of it.
  virtual codec::Value load(const nlohmann::json& stored) const;
  // Stores `object` under its id, without its timeouts.
  void put(const Store& store, const codec::Value& object) const;

  const std::string kind_;
};

}  // namespace cloudssl::fixture
