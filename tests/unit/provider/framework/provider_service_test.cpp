#include "provider/framework/provider_service.h"

#include <gmock/gmock.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iterator>
#include <stdexcept>
#include <thread>

#include "provider/codec/msgpack_codec.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/log/request_context.h"
#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

using testing::FakeProvider;
using testing::FakeResource;
using ::testing::HasSubstr;

Schema thing_schema() {
  return Schema{
      .version = 1,
      .block = {
          .attributes =
              {framework::read_only_kept("id", Type::string(), ""),
               {.name = "name", .type = Type::string(), .required = true, .requires_replace = true},
               {.name = "note", .type = Type::string(), .optional = true},
               framework::write_only_argument("token", Type::string(), "")},
          .blocks = {timeouts_block({"create"})}}};
}

const Type kThing = implied_type(thing_schema());

tfplugin6::DynamicValue dv(const Value& v, const Type& t = kThing) {
  tfplugin6::DynamicValue out;
  out.set_msgpack(codec::to_msgpack(v, t));
  return out;
}
Value from(const tfplugin6::DynamicValue& d, const Type& t = kThing) {
  return codec::from_msgpack(d.msgpack(), t);
}
Value thing(std::map<std::string, Value> attrs) { return Value::object(kThing, std::move(attrs)); }

class ProviderServiceTest : public ::testing::Test {
 protected:
  ProviderServiceTest() {
    provider = std::make_shared<FakeProvider>();
    resource = std::make_shared<FakeResource>(thing_schema());
    resource->on_create = [this](const CreateRequest& r, Diagnostics&) {
      created_with_region = r.ctx.provider<std::string>();
      return r.planned.with("id", Value::string("t-1"));
    };
    resource->on_import = [](const ImportRequest& r, Diagnostics&) {
      return thing({{"id", Value::string(r.id)}});
    };
    Registry registry("demo", provider);
    registry.add_resource("demo_thing", resource);
    service = std::make_unique<ProviderService>(registry);
  }

  void configure(const std::string& region) {
    tfplugin6::ConfigureProvider::Request req;
    Type pt = implied_type(provider->provider_schema);
    *req.mutable_config() = dv(Value::object(pt, {{"region", Value::string(region)}}), pt);
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(service->ConfigureProvider(&ctx, &req, &resp).ok());
    ASSERT_EQ(resp.diagnostics_size(), 0);
  }

  tfplugin6::PlanResourceChange::Response plan(const Value& prior, const Value& config) {
    tfplugin6::PlanResourceChange::Request req;
    req.set_type_name("demo_thing");
    *req.mutable_prior_state() = dv(prior);
    // Core's proposed value: config plus computed values from prior.
    Value proposed = config;
    if (!prior.is_null() && !config.is_null()) proposed = config.with("id", prior.at("id"));
    *req.mutable_proposed_new_state() = dv(proposed);
    *req.mutable_config() = dv(config);
    req.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
    tfplugin6::PlanResourceChange::Response resp;
    EXPECT_TRUE(service->PlanResourceChange(&ctx, &req, &resp).ok());
    return resp;
  }

  tfplugin6::ApplyResourceChange::Response apply(const Value& prior,
                                                 const tfplugin6::DynamicValue& planned,
                                                 const Value& config) {
    tfplugin6::ApplyResourceChange::Request req;
    req.set_type_name("demo_thing");
    *req.mutable_prior_state() = dv(prior);
    *req.mutable_planned_state() = planned;
    *req.mutable_config() = dv(config);
    tfplugin6::ApplyResourceChange::Response resp;
    EXPECT_TRUE(service->ApplyResourceChange(&ctx, &req, &resp).ok());
    return resp;
  }

  grpc::ServerContext ctx;
  std::shared_ptr<FakeProvider> provider;
  std::shared_ptr<FakeResource> resource;
  std::unique_ptr<ProviderService> service;
  std::string created_with_region;
};

TEST_F(ProviderServiceTest, SchemaAndCapabilities) {
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  ASSERT_TRUE(service->GetProviderSchema(&ctx, &req, &resp).ok());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  EXPECT_TRUE(resp.server_capabilities().get_provider_schema_optional());
  ASSERT_EQ(resp.resource_schemas().count("demo_thing"), 1u);
  const tfplugin6::Schema& s = resp.resource_schemas().at("demo_thing");
  EXPECT_EQ(s.version(), 1);
  ASSERT_EQ(s.block().attributes_size(), 4);
  EXPECT_EQ(s.block().attributes(0).name(), "id");
  EXPECT_EQ(s.block().attributes(0).type(), "\"string\"");
  EXPECT_TRUE(s.block().attributes(3).write_only());
  EXPECT_TRUE(s.block().attributes(3).sensitive());
  ASSERT_EQ(s.block().block_types_size(), 1);
  EXPECT_EQ(s.block().block_types(0).nesting(), tfplugin6::Schema::NestedBlock::SINGLE);
  EXPECT_EQ(resp.provider().block().attributes_size(), 2);
}

// Schema problems are reported by schema_problems(), which each provider's tests run over its
// registry; the service builds no schema before it is used, so it starts anyway.
TEST_F(ProviderServiceTest, InvalidSchemaIsAProblemNamingItsType) {
  Registry registry("demo", provider);
  Schema bad;
  bad.block.attributes = {{.name = "x", .type = Type::string()}};
  registry.add_resource("demo_bad", std::make_shared<FakeResource>(bad));
  registry.add_resource("demo_thing", resource);
  const std::vector<std::string> problems = schema_problems(registry);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("resource demo_bad: x: must set one of"));
  EXPECT_NO_THROW(ProviderService s(registry));
}

TEST_F(ProviderServiceTest, ValidSchemasHaveNoProblem) {
  Registry registry("demo", provider);
  registry.add_resource("demo_thing", resource);
  EXPECT_TRUE(schema_problems(registry).empty());
}

// A resource that counts how many times its schema is built.
class CountingResource : public FakeResource {
 public:
  CountingResource() : FakeResource(thing_schema()) {}
  Schema schema() const override {
    ++schema_calls;
    return FakeResource::schema();
  }
  mutable std::atomic<int> schema_calls{0};
};

// A provider bug: its schema() throws.
class ThrowingResource : public FakeResource {
 public:
  ThrowingResource() : FakeResource(thing_schema()) {}
  Schema schema() const override {
    ++schema_calls;
    throw std::logic_error("attribute 'name' is declared twice");
  }
  mutable std::atomic<int> schema_calls{0};
};

tfplugin6::ValidateResourceConfig::Response validate_thing(ProviderService& service,
                                                           const std::string& type_name) {
  grpc::ServerContext ctx;
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(type_name);
  *req.mutable_config() = dv(thing({{"name", Value::string("a")}}));
  tfplugin6::ValidateResourceConfig::Response resp;
  EXPECT_TRUE(service.ValidateResourceConfig(&ctx, &req, &resp).ok());
  return resp;
}

// Issue 18: most provider processes Terraform starts answer a few calls about a few types
// (Terraform >= 1.6 may skip GetProviderSchema), so start-up builds no schema: each type's
// on its first use, the whole answer (every type's) on the first GetProviderSchema.
TEST_F(ProviderServiceTest, SchemasAreBuiltWhenFirstUsed) {
  auto used = std::make_shared<CountingResource>();
  auto unused = std::make_shared<CountingResource>();
  Registry registry("demo", provider);
  registry.add_resource("demo_used", used);
  registry.add_resource("demo_unused", unused);
  ProviderService lazy(registry);
  EXPECT_EQ(used->schema_calls.load(), 0);
  EXPECT_EQ(unused->schema_calls.load(), 0);

  tfplugin6::GetMetadata::Request mreq;
  tfplugin6::GetMetadata::Response mresp;
  ASSERT_TRUE(lazy.GetMetadata(&ctx, &mreq, &mresp).ok());
  EXPECT_EQ(mresp.resources_size(), 2);
  EXPECT_EQ(validate_thing(lazy, "demo_used").diagnostics_size(), 0);
  EXPECT_EQ(validate_thing(lazy, "demo_used").diagnostics_size(), 0);
  EXPECT_EQ(used->schema_calls.load(), 1);  // built once, kept
  EXPECT_EQ(unused->schema_calls.load(), 0) << "the schema answer was built without a call";

  tfplugin6::GetProviderSchema::Request sreq;
  for (int i = 0; i < 3; ++i) {
    tfplugin6::GetProviderSchema::Response sresp;
    ASSERT_TRUE(lazy.GetProviderSchema(&ctx, &sreq, &sresp).ok());
    EXPECT_EQ(sresp.resource_schemas().size(), 2u);
  }
  EXPECT_EQ(unused->schema_calls.load(), 1);  // the answer, built once
}

// GetProviderSchema's answer takes a used type's schema from its first build instead of
// building it again; a type not used yet is built for the answer only (not kept: holding
// every type's schema and value type cost 0.5 MB of idle RSS), so its first use builds again.
TEST_F(ProviderServiceTest, TheSchemaAnswerUsesTheSchemasAlreadyBuilt) {
  auto used = std::make_shared<CountingResource>();
  auto unused = std::make_shared<CountingResource>();
  Registry registry("demo", provider);
  registry.add_resource("demo_used", used);
  registry.add_resource("demo_unused", unused);
  ProviderService lazy(registry);
  EXPECT_EQ(validate_thing(lazy, "demo_used").diagnostics_size(), 0);
  ASSERT_EQ(used->schema_calls.load(), 1);

  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  ASSERT_TRUE(lazy.GetProviderSchema(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.resource_schemas().size(), 2u);
  EXPECT_EQ(resp.resource_schemas().at("demo_used").SerializeAsString(),
            resp.resource_schemas().at("demo_unused").SerializeAsString());
  EXPECT_EQ(used->schema_calls.load(), 1) << "the answer built a used type's schema again";
  EXPECT_EQ(unused->schema_calls.load(), 1);

  EXPECT_EQ(validate_thing(lazy, "demo_unused").diagnostics_size(), 0);
  EXPECT_EQ(unused->schema_calls.load(), 2);  // the answer's build was not kept
}

// `message` serialized with its map entries in key order (otherwise in each copy's hash order).
std::string deterministic(const google::protobuf::MessageLite& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return out;
}

// Whether the thread `tid` of this process is asleep (state S: blocked, e.g. on a futex).
bool thread_is_asleep(pid_t tid) {
  std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto end_of_name = stat.rfind(')');  // "tid (name) S ..."
  return end_of_name != std::string::npos && stat.size() > end_of_name + 2 &&
         stat[end_of_name + 2] == 'S';
}

// A resource whose first schema build holds on until a second GetProviderSchema caller has
// either started a build of its own (the answer is not guarded) or is asleep waiting for this
// one (it is), within a deadline against a hang; counts the builds.
class FirstBuildWaitsForASecondCaller : public FakeResource {
 public:
  FirstBuildWaitsForASecondCaller() : FakeResource(thing_schema()) {}
  Schema schema() const override {
    if (++builds == 1) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (builds.load() < 2) {
        const pid_t second = second_caller.load();
        if (second != 0 && thread_is_asleep(second)) break;
        if (std::chrono::steady_clock::now() > deadline) {
          ADD_FAILURE() << "the second caller neither built the schema nor waited";
          break;
        }
        std::this_thread::yield();
      }
    }
    return FakeResource::schema();
  }
  mutable std::atomic<int> builds{0};
  std::atomic<pid_t> second_caller{0};  // its thread id, once it is about to call
};

// The first GetProviderSchema calls, arriving together, get the same answer, built once: the
// second arrives while the first is building (the build waits for it), every time.
TEST_F(ProviderServiceTest, FirstSchemaCallsAtOnceGetTheSameBytes) {
  auto waiting = std::make_shared<FirstBuildWaitsForASecondCaller>();
  Registry registry("demo", provider);
  registry.add_resource("demo_thing", resource);
  registry.add_resource("demo_waiting", waiting);
  ProviderService fresh(registry);
  auto call = [&fresh] {
    grpc::ServerContext local;
    tfplugin6::GetProviderSchema::Request req;
    tfplugin6::GetProviderSchema::Response resp;
    return fresh.GetProviderSchema(&local, &req, &resp).ok() ? deterministic(resp) : "";
  };
  auto first = std::async(std::launch::async, call);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (waiting->builds.load() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();  // until the first call is building
  }
  ASSERT_EQ(waiting->builds.load(), 1) << "the first call did not build the answer";
  auto second = std::async(std::launch::async, [&] {
    waiting->second_caller = static_cast<pid_t>(::syscall(SYS_gettid));
    return call();
  });
  const std::string answer = first.get();
  const std::string other = second.get();
  EXPECT_EQ(waiting->builds.load(), 1);
  ASSERT_FALSE(answer.empty());
  EXPECT_EQ(other, answer);
  tfplugin6::GetProviderSchema::Response parsed;
  ASSERT_TRUE(parsed.ParseFromString(answer));
  EXPECT_EQ(parsed.resource_schemas().size(), 2u);
  EXPECT_TRUE(parsed.server_capabilities().get_provider_schema_optional());
}

TEST_F(ProviderServiceTest, CreateReadNoOpPlanDestroyCycle) {
  configure("ap-guangzhou");
  Value config = thing({{"name", Value::string("a")}, {"token", Value::string("s3cret")}});

  auto planned = plan(Value::null(kThing), config);
  ASSERT_EQ(planned.diagnostics_size(), 0);
  Value p = from(planned.planned_state());
  EXPECT_TRUE(p.at("id").is_unknown());
  EXPECT_TRUE(p.at("token").is_null());

  auto applied = apply(Value::null(kThing), planned.planned_state(), config);
  ASSERT_EQ(applied.diagnostics_size(), 0);
  Value state = from(applied.new_state());
  EXPECT_EQ(state.at("id"), Value::string("t-1"));
  EXPECT_EQ(created_with_region, "ap-guangzhou");

  tfplugin6::ReadResource::Request read_req;
  read_req.set_type_name("demo_thing");
  *read_req.mutable_current_state() = applied.new_state();
  tfplugin6::ReadResource::Response read_resp;
  ASSERT_TRUE(service->ReadResource(&ctx, &read_req, &read_resp).ok());
  EXPECT_EQ(from(read_resp.new_state()), state);

  auto again = plan(state, config);
  EXPECT_EQ(from(again.planned_state()), state);  // no perpetual diff
  EXPECT_EQ(again.requires_replace_size(), 0);

  auto renamed = plan(state, config.with("name", Value::string("b")));
  ASSERT_EQ(renamed.requires_replace_size(), 1);
  EXPECT_EQ(renamed.requires_replace(0).steps(0).attribute_name(), "name");

  auto destroy = plan(state, Value::null(kThing));
  EXPECT_TRUE(from(destroy.planned_state()).is_null());
  auto deleted = apply(state, destroy.planned_state(), Value::null(kThing));
  EXPECT_EQ(deleted.diagnostics_size(), 0);
  EXPECT_TRUE(from(deleted.new_state()).is_null());
}

// Every line logged while an RPC is served carries terraform-plugin-log's SDK fields: the
// resource code (and the API calls and waits it makes) runs under the RPC's request context.
TEST_F(ProviderServiceTest, ResourceCodeRunsUnderTheRpcsLogContext) {
  configure("ap-guangzhou");
  std::vector<log::RequestContext> seen;
  resource->on_modify_plan = [&](PlanRequest&, Diagnostics&) {
    seen.push_back(log::current_request());
  };
  resource->on_create = [&](const CreateRequest& r, Diagnostics&) {
    seen.push_back(log::current_request());
    return r.planned.with("id", Value::string("t-1"));
  };
  const Value config = thing({{"name", Value::string("a")}});
  auto planned = plan(Value::null(kThing), config);
  ASSERT_EQ(planned.diagnostics_size(), 0);
  apply(Value::null(kThing), planned.planned_state(), config);
  plan(Value::null(kThing), config);

  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].rpc, "PlanResourceChange");
  EXPECT_EQ(seen[1].rpc, "ApplyResourceChange");
  for (const auto& request : seen) {
    EXPECT_EQ(request.resource_type, "demo_thing");
    EXPECT_THAT(request.req_id,
                ::testing::MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                        "[0-9a-f]{12}"));
  }
  // One id per RPC.
  EXPECT_NE(seen[0].req_id, seen[1].req_id);
  EXPECT_NE(seen[0].req_id, seen[2].req_id);
  // Outside an RPC the thread has no request context.
  EXPECT_TRUE(log::current_request().req_id.empty());
  EXPECT_TRUE(log::current_request().rpc.empty());
}

TEST_F(ProviderServiceTest, MalformedValueIsAnErrorDiagnostic) {
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("demo_thing");
  req.mutable_prior_state()->set_msgpack("\xc1garbage");
  tfplugin6::PlanResourceChange::Response resp;
  ASSERT_TRUE(service->PlanResourceChange(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_THAT(resp.diagnostics(0).summary(), HasSubstr("Invalid value"));
}

TEST_F(ProviderServiceTest, ExceptionInResourceBecomesDiagnosticAndKeepsPrior) {
  configure("r");
  resource->on_update = [](const UpdateRequest&, Diagnostics&) -> Value {
    throw std::runtime_error("API said no");
  };
  Value state = thing({{"id", Value::string("t-1")}, {"name", Value::string("a")}});
  Value config = thing({{"name", Value::string("a")}, {"note", Value::string("n")}});
  auto resp = apply(state, dv(config.with("id", Value::string("t-1"))), config);
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).detail(), "API said no");
  EXPECT_EQ(from(resp.new_state()), state);
}

TEST_F(ProviderServiceTest, ReadNeverUnsetsStateOnError) {
  resource->on_read = [](const ReadRequest&, Diagnostics&) -> std::optional<Value> {
    throw std::runtime_error("boom");
  };
  Value state = thing({{"id", Value::string("t-1")}, {"name", Value::string("a")}});
  tfplugin6::ReadResource::Request req;
  req.set_type_name("demo_thing");
  *req.mutable_current_state() = dv(state);
  tfplugin6::ReadResource::Response resp;
  ASSERT_TRUE(service->ReadResource(&ctx, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(from(resp.new_state()), state);
}

TEST_F(ProviderServiceTest, ReadGoneReturnsNull) {
  resource->on_read = [](const ReadRequest&, Diagnostics&) -> std::optional<Value> {
    return std::nullopt;
  };
  tfplugin6::ReadResource::Request req;
  req.set_type_name("demo_thing");
  *req.mutable_current_state() = dv(thing({{"id", Value::string("t-1")}}));
  tfplugin6::ReadResource::Response resp;
  ASSERT_TRUE(service->ReadResource(&ctx, &req, &resp).ok());
  EXPECT_TRUE(from(resp.new_state()).is_null());
  EXPECT_FALSE(resp.new_state().msgpack().empty());  // explicitly null, not unset
}

TEST_F(ProviderServiceTest, ImportReturnsOneTypedObject) {
  tfplugin6::ImportResourceState::Request req;
  req.set_type_name("demo_thing");
  req.set_id("t-9");
  tfplugin6::ImportResourceState::Response resp;
  ASSERT_TRUE(service->ImportResourceState(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.imported_resources_size(), 1);
  EXPECT_EQ(resp.imported_resources(0).type_name(), "demo_thing");
  EXPECT_EQ(from(resp.imported_resources(0).state()).at("id"), Value::string("t-9"));
}

TEST_F(ProviderServiceTest, UnknownTypeIsAnErrorDiagnostic) {
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name("demo_nope");
  tfplugin6::ValidateResourceConfig::Response resp;
  ASSERT_TRUE(service->ValidateResourceConfig(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_THAT(resp.diagnostics(0).summary(), HasSubstr("Unknown resource type"));
}

TEST_F(ProviderServiceTest, WriteOnlyRejectedWhenClientLacksSupport) {
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name("demo_thing");
  *req.mutable_config() =
      dv(thing({{"name", Value::string("a")}, {"token", Value::string("s3cret")}}));
  tfplugin6::ValidateResourceConfig::Response resp;
  ASSERT_TRUE(service->ValidateResourceConfig(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "token");
  EXPECT_THAT(resp.diagnostics(0).detail(), Not(HasSubstr("s3cret")));

  req.mutable_client_capabilities()->set_write_only_attributes_allowed(true);
  tfplugin6::ValidateResourceConfig::Response ok;
  ASSERT_TRUE(service->ValidateResourceConfig(&ctx, &req, &ok).ok());
  EXPECT_EQ(ok.diagnostics_size(), 0);
}

TEST_F(ProviderServiceTest, StopProviderCancelsInFlightOperationsOnly) {
  configure("r");
  std::mutex m;
  std::condition_variable cv;
  bool started = false;
  resource->on_create = [&](const CreateRequest& r, Diagnostics& d) {
    {
      std::lock_guard lock(m);
      started = true;
    }
    cv.notify_all();
    if (r.ctx.cancel.wait_for(std::chrono::seconds(30))) d.error("operation cancelled");
    return Value::null(kThing);
  };
  Value config = thing({{"name", Value::string("a")}});
  tfplugin6::ApplyResourceChange::Response resp;
  std::thread worker([&] { resp = apply(Value::null(kThing), dv(config), config); });
  {
    std::unique_lock lock(m);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return started; }));
  }
  tfplugin6::StopProvider::Request stop_req;
  tfplugin6::StopProvider::Response stop_resp;
  ASSERT_TRUE(service->StopProvider(&ctx, &stop_req, &stop_resp).ok());
  worker.join();
  ASSERT_GE(resp.diagnostics_size(), 1);
  EXPECT_EQ(resp.diagnostics(0).summary(), "operation cancelled");

  // A later operation gets a fresh token.
  bool cancelled_later = true;
  resource->on_create = [&](const CreateRequest& r, Diagnostics&) {
    cancelled_later = r.ctx.cancel.cancelled();
    return r.planned.with("id", Value::string("t-2"));
  };
  apply(Value::null(kThing), dv(config.with("id", Value::unknown(Type::string()))), config);
  EXPECT_FALSE(cancelled_later);
}

TEST_F(ProviderServiceTest, RepeatedConfigureReplacesProviderData) {
  configure("first");
  configure("second");
  Value config = thing({{"name", Value::string("a")}});
  apply(Value::null(kThing), dv(config.with("id", Value::unknown(Type::string()))), config);
  EXPECT_EQ(created_with_region, "second");
}

// Protocol 6.11: the apply-time re-plan carries the plan's private state in planned_private,
// and the client says so with store_planned_private; both reach modify_plan.
TEST_F(ProviderServiceTest, PlannedPrivateOfA611ClientReachesModifyPlan) {
  configure("r");
  bool stores = false;
  std::optional<nlohmann::json> earlier;
  resource->on_modify_plan = [&](PlanRequest& req, Diagnostics&) {
    stores = req.ctx.client.store_planned_private;
    earlier = req.earlier_plan_private.get("from_plan");
  };
  Value config = thing({{"name", Value::string("a")}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("demo_thing");
  *req.mutable_prior_state() = dv(Value::null(kThing));
  *req.mutable_proposed_new_state() = dv(config);
  *req.mutable_config() = dv(config);
  req.mutable_client_capabilities()->set_store_planned_private(true);
  req.set_planned_private("{\"from_plan\":\"x\"}");
  tfplugin6::PlanResourceChange::Response resp;
  ASSERT_TRUE(service->PlanResourceChange(&ctx, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  EXPECT_TRUE(stores);
  EXPECT_EQ(earlier, nlohmann::json("x"));

  // An older client: neither.
  req.clear_client_capabilities();
  req.clear_planned_private();
  ASSERT_TRUE(service->PlanResourceChange(&ctx, &req, &resp).ok());
  EXPECT_FALSE(stores);
  EXPECT_FALSE(earlier);
}

// A schema built on first use that throws is the same error on every use, built once, and
// GetProviderSchema answers it as a status naming the bug. Never let out of call_once: whether
// its flag is reset then depends on the platform (later calls hang on some, GCC PR 66146).
TEST_F(ProviderServiceTest, ASchemaThatFailsToBuildIsTheSameErrorOnEveryCall) {
  auto broken = std::make_shared<ThrowingResource>();
  Registry registry("demo", provider);
  registry.add_resource("demo_broken", broken);
  ProviderService lazy(registry);
  // Each call runs on its own thread with a deadline, so a call that hangs fails the test.
  auto within_deadline = [](auto call) {
    auto result = std::async(std::launch::async, call);
    if (result.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
      ADD_FAILURE() << "the call did not return";
      std::abort();  // the thread cannot be joined: stop here rather than hang
    }
    return result.get();
  };
  for (int attempt = 0; attempt < 2; ++attempt) {
    const auto validated = within_deadline([&] { return validate_thing(lazy, "demo_broken"); });
    ASSERT_EQ(validated.diagnostics_size(), 1) << "attempt " << attempt;
    EXPECT_NE(validated.diagnostics(0).detail().find("declared twice"), std::string::npos)
        << validated.diagnostics(0).detail();
    const grpc::Status status = within_deadline([&] {
      grpc::ServerContext context;
      tfplugin6::GetProviderSchema::Request req;
      tfplugin6::GetProviderSchema::Response resp;
      return lazy.GetProviderSchema(&context, &req, &resp);
    });
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL) << "attempt " << attempt;
    EXPECT_NE(status.error_message().find("declared twice"), std::string::npos)
        << status.error_message();
  }
  // Once: the answer uses the type's own (failed) build rather than building it again.
  EXPECT_EQ(broken->schema_calls.load(), 1);
}

}  // namespace
}  // namespace cloudssl::framework

namespace cloudssl::framework {
namespace {

// Terraform runs up to 10 operations at once; configure and stop may interleave with them.
TEST_F(ProviderServiceTest, ConcurrentOperationsAreSafe) {
  configure("r");
  resource->on_create = [](const CreateRequest& r, Diagnostics&) {
    return r.planned.with("id", Value::string(r.planned.at("name").as_string()));
  };
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        grpc::ServerContext local;
        // Appended, not `"n" + std::to_string(..)`: GCC 12 -O3 -Wrestrict false positive.
        std::string name = "n";
        name += std::to_string(t * 100 + i);
        Value config = thing({{"name", Value::string(name)}});
        tfplugin6::PlanResourceChange::Request preq;
        preq.set_type_name("demo_thing");
        *preq.mutable_prior_state() = dv(Value::null(kThing));
        *preq.mutable_proposed_new_state() = dv(config);
        *preq.mutable_config() = dv(config);
        tfplugin6::PlanResourceChange::Response presp;
        service->PlanResourceChange(&local, &preq, &presp);
        tfplugin6::ApplyResourceChange::Request areq;
        areq.set_type_name("demo_thing");
        *areq.mutable_prior_state() = dv(Value::null(kThing));
        *areq.mutable_planned_state() = presp.planned_state();
        *areq.mutable_config() = dv(config);
        tfplugin6::ApplyResourceChange::Response aresp;
        service->ApplyResourceChange(&local, &areq, &aresp);
        if (aresp.diagnostics_size() != 0 ||
            from(aresp.new_state()).at("id") != config.at("name")) {
          ++failures;
        }
        if (i % 5 == 0) {
          tfplugin6::StopProvider::Request sreq;
          tfplugin6::StopProvider::Response sresp;
          service->StopProvider(&local, &sreq, &sresp);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(ProviderServiceTest, InvalidFunctionParameterNameIsAProblem) {
  class BadFunction : public Function {
   public:
    FunctionSignature signature() const override {
      return {.parameters = {{.name = "1st", .type = Type::string()}},
              .return_type = Type::string()};
    }
    Value call(const std::vector<Value>&) const override { return Value::string(""); }
  };
  Registry registry("demo", provider);
  registry.add_function("f", std::make_shared<BadFunction>());
  EXPECT_THAT(schema_problems(registry),
              ::testing::ElementsAre(HasSubstr("function f: parameter name \"1st\"")));
}

}  // namespace
}  // namespace cloudssl::framework
