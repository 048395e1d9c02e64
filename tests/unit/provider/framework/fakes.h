// Small resources and providers for driving the engine and the service in tests. Each
// behaviour is a std::function a test can replace.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "provider/framework/registry.h"
#include "provider/framework/resource.h"

namespace cloudssl::framework::testing {

class FakeProvider : public Provider {
 public:
  Schema provider_schema{
      .version = 0,
      .block = {
          .attributes = {
              {.name = "region", .type = Type::string(), .optional = true},
              {.name = "secret", .type = Type::string(), .optional = true, .sensitive = true}}}};
  std::function<std::any(const ConfigureRequest&, Diagnostics&)> on_configure =
      [](const ConfigureRequest& r, Diagnostics&) -> std::any {
    return r.config.get_string("region").value_or("default");
  };
  Schema schema() const override { return provider_schema; }
  std::any configure(const ConfigureRequest& r, Diagnostics& d) override {
    return on_configure(r, d);
  }
};

class FakeResource : public Resource, public ResourceWithModifyPlan, public ResourceWithImport {
 public:
  explicit FakeResource(Schema s) : schema_(std::move(s)) {}
  Schema schema_;
  std::function<Value(const CreateRequest&, Diagnostics&)> on_create;
  std::function<std::optional<Value>(const ReadRequest&, Diagnostics&)> on_read =
      [](const ReadRequest& r, Diagnostics&) { return std::optional<Value>(r.state); };
  std::function<Value(const UpdateRequest&, Diagnostics&)> on_update =
      [](const UpdateRequest& r, Diagnostics&) { return r.planned; };
  std::function<void(const DeleteRequest&, Diagnostics&)> on_delete = [](const DeleteRequest&,
                                                                         Diagnostics&) {};
  std::function<void(PlanRequest&, Diagnostics&)> on_modify_plan;
  std::function<Value(const ImportRequest&, Diagnostics&)> on_import;
  std::function<void(const ValidateRequest&, Diagnostics&)> on_validate;
  Timeouts timeouts;

  Schema schema() const override { return schema_; }
  Timeouts default_timeouts() const override { return timeouts; }
  void validate(const ValidateRequest& r, Diagnostics& d) const override {
    if (on_validate) on_validate(r, d);
  }
  Value create(const CreateRequest& r, Diagnostics& d) override { return on_create(r, d); }
  std::optional<Value> read(const ReadRequest& r, Diagnostics& d) override { return on_read(r, d); }
  Value update(const UpdateRequest& r, Diagnostics& d) override { return on_update(r, d); }
  void remove(const DeleteRequest& r, Diagnostics& d) override { on_delete(r, d); }
  void modify_plan(PlanRequest& r, Diagnostics& d) const override {
    if (on_modify_plan) on_modify_plan(r, d);
  }
  Value import_state(const ImportRequest& r, Diagnostics& d) const override {
    return on_import(r, d);
  }
};

// Only the required parts: no modify_plan, import or upgrade.
class PlainResource : public Resource {
 public:
  explicit PlainResource(Schema s) : schema_(std::move(s)) {}
  Schema schema_;
  Schema schema() const override { return schema_; }
  Value create(const CreateRequest& r, Diagnostics&) override { return r.planned; }
  std::optional<Value> read(const ReadRequest& r, Diagnostics&) override { return r.state; }
  Value update(const UpdateRequest& r, Diagnostics&) override { return r.planned; }
  void remove(const DeleteRequest&, Diagnostics&) override {}
};

}  // namespace cloudssl::framework::testing
