// Apply, read, import, state upgrade, validation and data source checks of the engine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "provider/framework/plan_engine.h"
#include "provider/framework/read_only_fields.h"
#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

using testing::FakeResource;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

Schema ops_schema() {
  return Schema{
      .version = 2,
      .block = {
          .attributes =
              {framework::read_only("id", Type::string(), ""),
               {.name = "name", .type = Type::string(), .required = true},
               framework::read_only("fingerprint", Type::string(), ""),
               {.name = "secret", .type = Type::string(), .optional = true, .write_only = true}},
          .blocks = {
              {.type_name = "item",
               .block = {.attributes = {{.name = "v", .type = Type::string(), .optional = true}}},
               .nesting = Nesting::List},
              timeouts_block({"create", "read", "update", "delete"})}}};
}

const Schema kOps = ops_schema();
const Type kOpsType = implied_type(kOps);
Value ops(std::map<std::string, Value> attrs) { return Value::object(kOpsType, std::move(attrs)); }
Value str(const char* s) { return Value::string(s); }
Value unknown() { return Value::unknown(Type::string()); }
Value with_timeout(const Value& v, const char* op, const char* duration) {
  const Type& t = kOpsType.attribute_types().at("timeouts");
  return v.with("timeouts", Value::object(t, {{op, str(duration)}}));
}

TEST(Apply, CreateCopiesKnownPlannedValuesAndNullsWriteOnly) {
  FakeResource r(kOps);
  r.on_create = [](const CreateRequest& req, Diagnostics&) {
    EXPECT_EQ(req.config.at("secret"), str("pw"));  // write-only only in config
    // The API normalised the name; the planned (user's) form must win.
    return ops({{"id", str("c-1")},
                {"name", str("WEB")},
                {"fingerprint", str("ab")},
                {"secret", str("pw")}});
  };
  Value planned = ops({{"id", unknown()}, {"name", str("web")}, {"fingerprint", unknown()}});
  Value config = ops({{"name", str("web")}, {"secret", str("pw")}});
  Diagnostics d;
  ApplyResult result =
      apply_resource_change(r, kOps, Value::null(kOpsType), planned, config, "", Context{}, d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(result.new_state.at("name"), str("web"));
  EXPECT_EQ(result.new_state.at("id"), str("c-1"));
  EXPECT_TRUE(result.new_state.at("secret").is_null());
  EXPECT_EQ(result.new_state.at("item"),
            Value::list(kOpsType.attribute_types().at("item").element_type(), {}));
}

TEST(Apply, UnknownLeftAfterCreateIsAnErrorNamingTheAttribute) {
  FakeResource r(kOps);
  r.on_create = [](const CreateRequest& req, Diagnostics&) {
    return req.planned.with("id", str("c-1"));  // forgot fingerprint
  };
  Value planned = ops({{"id", unknown()}, {"name", str("web")}, {"fingerprint", unknown()}});
  Diagnostics d;
  ApplyResult result =
      apply_resource_change(r, kOps, Value::null(kOpsType), planned, planned, "", Context{}, d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_THAT(d.all()[0].detail, HasSubstr("\"fingerprint\" unknown"));
  EXPECT_EQ(d.all()[0].attribute, Path::root("fingerprint"));
  EXPECT_TRUE(result.new_state.at("fingerprint").is_null());
  EXPECT_EQ(result.new_state.at("id"), str("c-1"));  // what exists is still recorded
}

TEST(Apply, PartialStateOnCreateErrorIsKept) {
  FakeResource r(kOps);
  r.on_create = [](const CreateRequest& req, Diagnostics& d) {
    d.error("deploy failed");
    return req.planned.with("id", str("c-1"));
  };
  Value planned = ops({{"id", unknown()}, {"name", str("web")}, {"fingerprint", unknown()}});
  Diagnostics d;
  ApplyResult result =
      apply_resource_change(r, kOps, Value::null(kOpsType), planned, planned, "", Context{}, d);
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(result.new_state.at("id"), str("c-1"));
}

TEST(Apply, NullResultWithoutErrorIsReported) {
  FakeResource r(kOps);
  r.on_create = [](const CreateRequest&, Diagnostics&) { return Value::null(kOpsType); };
  Value planned = ops({{"name", str("web")}});
  Diagnostics d;
  apply_resource_change(r, kOps, Value::null(kOpsType), planned, planned, "", Context{}, d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.all()[0].summary, "Missing resource state after create");
}

TEST(Apply, DispatchesUpdateAndDelete) {
  FakeResource r(kOps);
  int updates = 0, deletes = 0;
  r.on_update = [&](const UpdateRequest& req, Diagnostics&) {
    ++updates;
    return req.planned;
  };
  r.on_delete = [&](const DeleteRequest&, Diagnostics&) { ++deletes; };
  Value state = ops({{"id", str("c-1")}, {"name", str("a")}, {"fingerprint", str("f")}});
  Diagnostics d;
  ApplyResult updated =
      apply_resource_change(r, kOps, state, state.with("name", str("b")), state, "", Context{}, d);
  EXPECT_EQ(updated.new_state.at("name"), str("b"));
  ApplyResult deleted = apply_resource_change(r, kOps, state, Value::null(kOpsType),
                                              Value::null(kOpsType), "{\"k\":1}", Context{}, d);
  EXPECT_TRUE(deleted.new_state.is_null());
  EXPECT_EQ(deleted.private_state, "");
  EXPECT_EQ(updates, 1);
  EXPECT_EQ(deletes, 1);
  EXPECT_FALSE(d.has_errors());
}

TEST(Apply, TimeoutsOnlyChangeDoesNotCallUpdate) {
  FakeResource r(kOps);
  int updates = 0;
  r.on_update = [&](const UpdateRequest& req, Diagnostics&) {
    ++updates;
    return req.planned;
  };
  Value state = ops({{"id", str("c-1")}, {"name", str("a")}, {"fingerprint", str("f")}});
  Value planned = with_timeout(state, "update", "1m");
  Diagnostics d;
  ApplyResult result = apply_resource_change(r, kOps, state, planned, planned, "", Context{}, d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(updates, 0);
  EXPECT_EQ(result.new_state.at("timeouts"), planned.at("timeouts"));
}

TEST(Apply, FailedDeleteKeepsPriorState) {
  FakeResource r(kOps);
  r.on_delete = [](const DeleteRequest&, Diagnostics& d) { d.error("still in use"); };
  Value state = ops({{"id", str("c-1")}, {"name", str("a")}, {"fingerprint", str("f")}});
  Diagnostics d;
  ApplyResult result = apply_resource_change(r, kOps, state, Value::null(kOpsType),
                                             Value::null(kOpsType), "", Context{}, d);
  EXPECT_EQ(result.new_state, state);
}

TEST(Apply, DeadlineFromTimeoutsBlockElseDefault) {
  FakeResource r(kOps);
  r.timeouts.create = 7min;
  std::chrono::steady_clock::time_point seen;
  r.on_create = [&](const CreateRequest& req, Diagnostics&) {
    seen = req.ctx.deadline;
    return req.planned.with("id", str("c")).with("fingerprint", str("f"));
  };
  Value planned = ops({{"id", unknown()}, {"name", str("web")}, {"fingerprint", unknown()}});
  Diagnostics d;
  auto before = std::chrono::steady_clock::now();
  apply_resource_change(r, kOps, Value::null(kOpsType), with_timeout(planned, "create", "90s"),
                        planned, "", Context{}, d);
  EXPECT_GE(seen, before + 90s);
  EXPECT_LT(seen, before + 100s);
  before = std::chrono::steady_clock::now();
  apply_resource_change(r, kOps, Value::null(kOpsType), planned, planned, "", Context{}, d);
  EXPECT_GE(seen, before + 7min);
  EXPECT_LT(seen, before + 8min);

  // Deletes read the timeout from the prior state (there is no configuration).
  r.on_delete = [&](const DeleteRequest& req, Diagnostics&) { seen = req.ctx.deadline; };
  Value state = with_timeout(ops({{"id", str("c")}, {"name", str("a")}, {"fingerprint", str("f")}}),
                             "delete", "1h");
  before = std::chrono::steady_clock::now();
  apply_resource_change(r, kOps, state, Value::null(kOpsType), Value::null(kOpsType), "", Context{},
                        d);
  EXPECT_GE(seen, before + 1h);
  EXPECT_FALSE(d.has_errors());
}

TEST(Read, ResultChecks) {
  FakeResource r(kOps);
  Value state = ops({{"id", str("c-1")}, {"name", str("a")}, {"fingerprint", str("f")}});
  r.on_read = [](const ReadRequest& req, Diagnostics&) {
    req.private_state.set("seen", 1);
    return std::optional<Value>(req.state.with("secret", str("leak")));
  };
  Diagnostics d;
  ReadResult result = read_resource(r, kOps, state, "", Context{}, d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_TRUE(result.new_state.at("secret").is_null());
  EXPECT_EQ(result.private_state, "{\"seen\":1}");

  r.on_read = [](const ReadRequest& req, Diagnostics&) {
    return std::optional<Value>(req.state.with("fingerprint", unknown()));
  };
  Diagnostics unknown_diags;
  result = read_resource(r, kOps, state, "", Context{}, unknown_diags);
  EXPECT_TRUE(unknown_diags.has_errors());
  EXPECT_TRUE(result.new_state.at("fingerprint").is_null());
}

TEST(Read, GoneOnlyWithoutErrors) {
  FakeResource r(kOps);
  Value state = ops({{"id", str("c-1")}, {"name", str("a")}});
  r.on_read = [](const ReadRequest&, Diagnostics&) { return std::optional<Value>(); };
  Diagnostics d;
  EXPECT_TRUE(read_resource(r, kOps, state, "{\"a\":1}", Context{}, d).new_state.is_null());
  r.on_read = [](const ReadRequest&, Diagnostics& diags) {
    diags.error("API unreachable");
    return std::optional<Value>();
  };
  ReadResult kept = read_resource(r, kOps, state, "{\"a\":1}", Context{}, d);
  EXPECT_EQ(kept.new_state, state);
  EXPECT_EQ(kept.private_state, "{\"a\":1}");
}

TEST(Import, StubAndPrivateState) {
  FakeResource r(kOps);
  r.on_import = [](const ImportRequest& req, Diagnostics&) {
    req.private_state.set("imported", true);
    return ops({{"id", Value::string(req.id)}});
  };
  Diagnostics d;
  auto result = import_resource_state(r, kOps, "c-7", Context{}, d);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->state.at("id"), str("c-7"));
  EXPECT_EQ(result->private_state, "{\"imported\":true}");

  r.on_import = [](const ImportRequest&, Diagnostics&) { return Value::null(kOpsType); };
  Diagnostics missing;
  EXPECT_FALSE(import_resource_state(r, kOps, "c-7", Context{}, missing));
  EXPECT_EQ(missing.all().at(0).summary, "Missing resource import state");
}

TEST(Import, NotSupportedWithoutCapability) {
  testing::PlainResource r(kOps);
  Diagnostics d;
  EXPECT_FALSE(import_resource_state(r, kOps, "x", Context{}, d));
  EXPECT_EQ(d.all().at(0).summary, "Resource import not implemented");
}

class Upgrading : public testing::PlainResource, public ResourceWithUpgradeState {
 public:
  Upgrading() : PlainResource(kOps) {}
  mutable std::int64_t seen_version = -1;
  Value upgrade_state(std::int64_t from, const nlohmann::json& raw, Diagnostics&) const override {
    seen_version = from;
    return ops({{"id", Value::string(raw.at("cert_id").get<std::string>())},
                {"name", Value::string(raw.at("name").get<std::string>())},
                {"fingerprint", str("")}});
  }
};

// The summary of the first error an upgrade of `json` from `version` leaves ("" when none).
std::string upgrade_error(const Resource& r, std::int64_t version, std::string_view json,
                          bool flatmap = false) {
  Diagnostics d;
  upgrade_resource_state(r, kOps, version, json, flatmap, d);
  return d.has_errors() ? d.all()[0].summary : std::string();
}

TEST(UpgradeState, SameVersionDecodesTolerantly) {
  Upgrading r;
  Diagnostics d;
  // "removed_attr" no longer exists; "fingerprint" and blocks are missing.
  Value v =
      upgrade_resource_state(r, kOps, 2, R"({"id":"c-1","name":"a","removed_attr":5})", false, d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(v.at("id"), str("c-1"));
  EXPECT_TRUE(v.at("fingerprint").is_null());
  EXPECT_EQ(v.at("item").length(), 0u);  // absent list block → empty
  EXPECT_EQ(r.seen_version, -1);
}

TEST(UpgradeState, OlderVersionUsesTheResourceUpgrader) {
  Upgrading r;
  Diagnostics d;
  Value v = upgrade_resource_state(r, kOps, 0, R"({"cert_id":"c-1","name":"a"})", false, d);
  EXPECT_FALSE(d.has_errors());
  EXPECT_EQ(r.seen_version, 0);
  EXPECT_EQ(v.at("id"), str("c-1"));
}

TEST(UpgradeState, OlderVersionWithoutUpgraderIsAnError) {
  testing::PlainResource r(kOps);
  EXPECT_EQ(upgrade_error(r, 1, R"({"id":"c-1"})"), "Unable to upgrade resource state");
}

TEST(UpgradeState, NewerVersionIsAnError) {
  Upgrading r;
  EXPECT_EQ(upgrade_error(r, 3, R"({"id":"c-1"})"),
            "Resource instance managed by newer provider version");
}

TEST(UpgradeState, FlatmapIsRejected) {
  Upgrading r;
  EXPECT_EQ(upgrade_error(r, 0, "", /*flatmap=*/true), "Unsupported state format");
}

TEST(UpgradeState, WriteOnlyNulled) {
  Upgrading r;
  Diagnostics d;
  Value v = upgrade_resource_state(r, kOps, 2, R"({"id":"c-1","secret":"x"})", false, d);
  EXPECT_TRUE(v.at("secret").is_null());
}

TEST(Validate, TimeoutsAndResourceValidation) {
  FakeResource r(kOps);
  r.on_validate = [](const ValidateRequest& req, Diagnostics& d) {
    if (req.config.get_string("name") == "bad") d.error("bad name", "", Path::root("name"));
  };
  Diagnostics d;
  Context ctx;
  ctx.client.write_only_attributes_allowed = true;
  validate_resource_config(r, kOps, with_timeout(ops({{"name", str("bad")}}), "create", "soon"),
                           ctx, d);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].summary, "Invalid timeout");
  EXPECT_EQ(d.all()[1].summary, "bad name");
}

class FixedDataSource : public DataSource {
 public:
  Value result;
  Schema schema() const override { return kOps; }
  Value read(const DataSourceReadRequest&, Diagnostics&) const override { return result; }
};

TEST(DataSourceRead, MustBeKnownAndNonNull) {
  FixedDataSource ds;
  ds.result = Value::null(kOpsType);
  Diagnostics d;
  read_data_source(ds, kOps, ops({}), Context{}, d);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.all()[0].summary, "Provider produced null object");

  ds.result = ops({{"id", unknown()}});
  Diagnostics u;
  read_data_source(ds, kOps, ops({}), Context{}, u);
  EXPECT_TRUE(u.has_errors());

  ds.result = ops({{"id", str("x")}});
  Diagnostics ok;
  Value v = read_data_source(ds, kOps, ops({}), Context{}, ok);
  EXPECT_FALSE(ok.has_errors());
  EXPECT_EQ(v.at("id"), str("x"));
}

}  // namespace
}  // namespace cloudssl::framework
