// The fixture provider's parts that need no CLI: the store, the plain-JSON value mapping,
// schemas that pass the framework's own validation, and fixture_slow's cancellation.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "provider/framework/provider_service.h"
#include "provider/framework/schema.h"
#include "tests/fixture_provider/fixture.h"
#include "tests/fixture_provider/value_json.h"

namespace fs = std::filesystem;
using namespace cloudssl;
using namespace cloudssl::framework;
using namespace std::chrono_literals;

namespace {

struct TempStore {
  fs::path dir =
      fs::temp_directory_path() / ("fixture-store-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  ~TempStore() { fs::remove_all(dir); }
};

// fixture_slow's create, planned with `delay_seconds`.
Value create_slow(std::int64_t delay_seconds, const Context& ctx, Diagnostics& diags) {
  auto registry = fixture::make_fixture_registry();
  Resource& slow = *registry.resource("fixture_slow");
  const Value planned = Value::object(
      implied_type(slow.schema()),
      {{"id", Value::unknown(Type::string())}, {"delay_seconds", Value::number(delay_seconds)}});
  PrivateState priv;
  return slow.create({planned, planned, priv, ctx}, diags);
}

}  // namespace

TEST(FixtureStore, PutGetRemove) {
  TempStore tmp;
  fixture::Store store(tmp.dir);
  const auto id = store.new_id("thing");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_FALSE(store.get("thing", id));
  store.put("thing", id, {{"name", "a"}});
  ASSERT_TRUE(store.get("thing", id));
  EXPECT_EQ((*store.get("thing", id))["name"], "a");
  EXPECT_TRUE(fs::exists(tmp.dir / "thing" / (id + ".json")));
  EXPECT_TRUE(store.remove("thing", id));
  EXPECT_FALSE(store.remove("thing", id));
  EXPECT_THROW(store.get("thing", "../etc"), std::invalid_argument);
}

TEST(FixtureValueJson, RoundTripsEveryKind) {
  const Type type = Type::object({{"s", Type::string()},
                                  {"n", Type::number()},
                                  {"f", Type::number()},
                                  {"b", Type::boolean()},
                                  {"l", Type::list(Type::string())},
                                  {"set", Type::set(Type::number())},
                                  {"m", Type::map(Type::string())},
                                  {"o", Type::object({{"x", Type::string()}})},
                                  {"missing", Type::string()}});
  const auto json = nlohmann::json::parse(
      R"({"s":"a","n":3,"f":1.5,"b":true,"l":["x","y"],"set":[2,1],"m":{"k":"v"},"o":{"x":null},"extra":1})");
  const Value v = fixture::from_plain_json(json, type);
  EXPECT_EQ(*v.get_string("s"), "a");
  EXPECT_EQ(*v.get_int("n"), 3);
  EXPECT_TRUE(v.at("missing").is_null());
  auto back = fixture::to_plain_json(v);
  EXPECT_EQ(back["f"], 1.5);
  EXPECT_EQ(back["set"].size(), 2u);
  EXPECT_TRUE(back["missing"].is_null());
  EXPECT_FALSE(back.contains("extra"));
  EXPECT_EQ(fixture::from_plain_json(back, type), v);
  EXPECT_THROW(fixture::from_plain_json(nlohmann::json::parse(R"({"s":1})"), type),
               codec::CodecError);
}

TEST(FixtureRegistry, EveryTypeHasAValidSchema) {
  auto registry = fixture::make_fixture_registry();
  // The provider does not check its schemas when it starts (issue 18): this does.
  for (const std::string& problem : schema_problems(registry)) ADD_FAILURE() << problem;
  EXPECT_TRUE(registry.function("shout"));
  EXPECT_EQ(registry.function("shout")->call({Value::string("hi")}), Value::string("HI!"));
  EXPECT_THROW(registry.function("shout")->call({Value::string("forbidden")}), FunctionError);
}

TEST(FixtureSlow, CancellationEndsCreateWithOperationCancelled) {
  Context ctx;
  Diagnostics diags;
  std::thread canceller([&] { ctx.cancel.cancel(); });
  const auto start = std::chrono::steady_clock::now();
  const Value result = create_slow(3600, ctx, diags);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
  EXPECT_TRUE(result.is_null());
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.all().front().summary, "operation cancelled");
}

TEST(FixtureSlow, DeadlineEndsCreateWithTimedOut) {
  Context ctx;
  ctx.deadline = std::chrono::steady_clock::now() + 10ms;
  Diagnostics diags;
  const Value result = create_slow(3600, ctx, diags);
  ASSERT_TRUE(diags.has_errors());
  EXPECT_EQ(diags.all().front().summary, "timed out");
}

TEST(FixtureSlow, ZeroDelayCreates) {
  Context ctx;
  Diagnostics diags;
  const Value result = create_slow(0, ctx, diags);
  EXPECT_FALSE(diags.has_errors());
  EXPECT_TRUE(result.get_string("id").has_value());
}

// fixture_document (bench/scale's plan reference): facts from the text at plan, the secret
// only as its SHA-256, the prior's remote fields kept, new content replacing the document.
TEST(FixtureDocument, PlansFactsKeepsRemoteFieldsAndReplacesOnNewContent) {
  auto registry = fixture::make_fixture_registry();
  Resource& document = *registry.resource("fixture_document");
  auto* planner = dynamic_cast<ResourceWithModifyPlan*>(&document);
  ASSERT_NE(planner, nullptr);
  const Type type = implied_type(document.schema());
  const std::string pem = "-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----\n";
  auto config_with = [&](const std::string& content) {
    return Value::object(
        type, {{"content", Value::string(content)}, {"secret_wo", Value::string("key")}});
  };
  Context ctx;
  Diagnostics diags;
  const Value config = config_with(pem);
  const Value none = Value::null(type);
  PlanRequest create{none, config, config, {}, {}, ctx};
  planner->modify_plan(create, diags);
  EXPECT_EQ(create.planned.get_string("first_line"), "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(create.planned.get_string("last_line"), "-----END CERTIFICATE-----");
  EXPECT_EQ(create.planned.get_string("encoding"), "pem");
  EXPECT_EQ(create.planned.get_string("secret_sha256"),
            "2c70e12b7a0646f92279f427c7b38e7334d8e5389cff167a1dc30e73f826b683");  // "key"
  EXPECT_TRUE(create.requires_replace.empty());

  const Value prior = create.planned.with("id", Value::string("d1"))
                          .with("status", Value::number(1))
                          .with("remote_ref", Value::string("kept"));
  PlanRequest same{prior, config, config, {}, {}, ctx};
  planner->modify_plan(same, diags);
  EXPECT_EQ(same.planned.get_string("remote_ref"), "kept");
  EXPECT_TRUE(same.requires_replace.empty());

  const Value changed = config_with("other text\n");
  PlanRequest replace{prior, changed, changed, {}, {}, ctx};
  planner->modify_plan(replace, diags);
  EXPECT_EQ(replace.planned.get_string("encoding"), "text");
  ASSERT_EQ(replace.requires_replace.size(), 1u);
  EXPECT_EQ(replace.requires_replace.front(), Path::root("content"));
  EXPECT_FALSE(diags.has_errors());
}
