// Data sources, functions, ephemeral resources, metadata and state upgrade through the service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "provider/codec/msgpack_codec.h"
#include "provider/framework/provider_service.h"
#include "provider/framework/read_only_fields.h"
#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

using testing::FakeProvider;
using ::testing::HasSubstr;
using testing::PlainResource;

const Schema kInfoSchema{
    .version = 0,
    .block = {.attributes = {{.name = "name", .type = Type::string(), .required = true},
                             framework::read_only("length", Type::number(), "")}}};
const Type kInfo = implied_type(kInfoSchema);

class LengthDataSource : public DataSource {
 public:
  Schema schema() const override { return kInfoSchema; }
  Value read(const DataSourceReadRequest& r, Diagnostics&) const override {
    auto name = r.config.get_string("name").value_or("");
    return r.config.with("length", Value::number(static_cast<std::int64_t>(name.size())));
  }
};

class ConcatFunction : public Function {
 public:
  FunctionSignature signature() const override {
    return {.parameters = {{.name = "first", .type = Type::string()}},
            .variadic = FunctionParameter{.name = "rest", .type = Type::string()},
            .return_type = Type::string()};
  }
  Value call(const std::vector<Value>& args) const override {
    std::string out;
    for (const Value& a : args) {
      if (a.as_string() == "bad") throw FunctionError("bad input", 1);
      out += a.as_string();
    }
    return Value::string(out);
  }
};

class TokenEphemeral : public EphemeralResource {
 public:
  mutable std::string closed_with;
  Schema schema() const override { return kInfoSchema; }
  EphemeralOpenResult open(const EphemeralOpenRequest& r, Diagnostics&) const override {
    EphemeralOpenResult out{r.config.with("length", Value::number(1)), {}, std::nullopt};
    out.private_state.set("lease", "l-1");
    return out;
  }
  void close(const PrivateState& p, const Context&, Diagnostics&) const override {
    closed_with = p.get("lease")->get<std::string>();
  }
};

tfplugin6::DynamicValue dv(const Value& v, const Type& t) {
  tfplugin6::DynamicValue out;
  out.set_msgpack(codec::to_msgpack(v, t));
  return out;
}

class ServiceExtrasTest : public ::testing::Test {
 protected:
  ServiceExtrasTest() : registry("demo", std::make_shared<FakeProvider>()) {
    registry.add_data_source("demo_info", std::make_shared<LengthDataSource>());
    registry.add_function("concat", std::make_shared<ConcatFunction>());
    registry.add_ephemeral_resource("demo_token", ephemeral);
    registry.add_resource("demo_plain", std::make_shared<PlainResource>(kInfoSchema));
    service = std::make_unique<ProviderService>(registry);
  }
  std::shared_ptr<TokenEphemeral> ephemeral = std::make_shared<TokenEphemeral>();
  Registry registry;
  std::unique_ptr<ProviderService> service;
  grpc::ServerContext ctx;
};

TEST_F(ServiceExtrasTest, ReadDataSource) {
  tfplugin6::ReadDataSource::Request req;
  req.set_type_name("demo_info");
  *req.mutable_config() = dv(Value::object(kInfo, {{"name", Value::string("abcd")}}), kInfo);
  tfplugin6::ReadDataSource::Response resp;
  ASSERT_TRUE(service->ReadDataSource(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0);
  Value state = codec::from_msgpack(resp.state().msgpack(), kInfo);
  EXPECT_EQ(state.at("length"), Value::number(4));
}

TEST_F(ServiceExtrasTest, JsonDynamicValueAccepted) {
  tfplugin6::ReadDataSource::Request req;
  req.set_type_name("demo_info");
  req.mutable_config()->set_json(R"({"name":"ab","length":null})");
  tfplugin6::ReadDataSource::Response resp;
  ASSERT_TRUE(service->ReadDataSource(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0);
  EXPECT_EQ(codec::from_msgpack(resp.state().msgpack(), kInfo).at("length"), Value::number(2));
}

TEST_F(ServiceExtrasTest, CallFunctionWithVariadicArguments) {
  tfplugin6::CallFunction::Request req;
  req.set_name("concat");
  for (const char* s : {"a", "b", "c"}) {
    *req.add_arguments() = dv(Value::string(s), Type::string());
  }
  tfplugin6::CallFunction::Response resp;
  ASSERT_TRUE(service->CallFunction(&ctx, &req, &resp).ok());
  EXPECT_FALSE(resp.has_error());
  EXPECT_EQ(codec::from_msgpack(resp.result().msgpack(), Type::string()), Value::string("abc"));
}

TEST_F(ServiceExtrasTest, FunctionErrorCarriesArgumentIndex) {
  tfplugin6::CallFunction::Request req;
  req.set_name("concat");
  *req.add_arguments() = dv(Value::string("a"), Type::string());
  *req.add_arguments() = dv(Value::string("bad"), Type::string());
  tfplugin6::CallFunction::Response resp;
  ASSERT_TRUE(service->CallFunction(&ctx, &req, &resp).ok());
  ASSERT_TRUE(resp.has_error());
  EXPECT_EQ(resp.error().text(), "bad input");
  EXPECT_EQ(resp.error().function_argument(), 1);

  tfplugin6::CallFunction::Request malformed;
  malformed.set_name("concat");
  malformed.add_arguments()->set_msgpack("\xc1");
  tfplugin6::CallFunction::Response malformed_resp;
  ASSERT_TRUE(service->CallFunction(&ctx, &malformed, &malformed_resp).ok());
  ASSERT_TRUE(malformed_resp.has_error());
  EXPECT_EQ(malformed_resp.error().function_argument(), 0);

  tfplugin6::CallFunction::Request unknown;
  unknown.set_name("nope");
  tfplugin6::CallFunction::Response unknown_resp;
  ASSERT_TRUE(service->CallFunction(&ctx, &unknown, &unknown_resp).ok());
  EXPECT_THAT(unknown_resp.error().text(), HasSubstr("no function named"));
}

TEST_F(ServiceExtrasTest, FunctionsInSchemaAndGetFunctions) {
  tfplugin6::GetProviderSchema::Request sreq;
  tfplugin6::GetProviderSchema::Response sresp;
  ASSERT_TRUE(service->GetProviderSchema(&ctx, &sreq, &sresp).ok());
  ASSERT_EQ(sresp.functions().count("concat"), 1u);
  EXPECT_EQ(sresp.ephemeral_resource_schemas().count("demo_token"), 1u);
  EXPECT_EQ(sresp.data_source_schemas().count("demo_info"), 1u);
  tfplugin6::GetFunctions::Request freq;
  tfplugin6::GetFunctions::Response fresp;
  ASSERT_TRUE(service->GetFunctions(&ctx, &freq, &fresp).ok());
  EXPECT_EQ(fresp.functions().count("concat"), 1u);
}

TEST_F(ServiceExtrasTest, Metadata) {
  tfplugin6::GetMetadata::Request req;
  tfplugin6::GetMetadata::Response resp;
  ASSERT_TRUE(service->GetMetadata(&ctx, &req, &resp).ok());
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  ASSERT_EQ(resp.resources_size(), 1);
  EXPECT_EQ(resp.resources(0).type_name(), "demo_plain");
  EXPECT_EQ(resp.data_sources(0).type_name(), "demo_info");
  EXPECT_EQ(resp.functions(0).name(), "concat");
  EXPECT_EQ(resp.ephemeral_resources(0).type_name(), "demo_token");
}

TEST_F(ServiceExtrasTest, EphemeralOpenAndClose) {
  tfplugin6::OpenEphemeralResource::Request req;
  req.set_type_name("demo_token");
  *req.mutable_config() = dv(Value::object(kInfo, {{"name", Value::string("x")}}), kInfo);
  tfplugin6::OpenEphemeralResource::Response resp;
  ASSERT_TRUE(service->OpenEphemeralResource(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0);
  EXPECT_EQ(codec::from_msgpack(resp.result().msgpack(), kInfo).at("length"), Value::number(1));
  ASSERT_TRUE(resp.has_private_());

  tfplugin6::CloseEphemeralResource::Request close;
  close.set_type_name("demo_token");
  close.set_private_(resp.private_());
  tfplugin6::CloseEphemeralResource::Response close_resp;
  ASSERT_TRUE(service->CloseEphemeralResource(&ctx, &close, &close_resp).ok());
  EXPECT_EQ(close_resp.diagnostics_size(), 0);
  EXPECT_EQ(ephemeral->closed_with, "l-1");
}

TEST_F(ServiceExtrasTest, UpgradeResourceStateEveryCall) {
  tfplugin6::UpgradeResourceState::Request req;
  req.set_type_name("demo_plain");
  req.set_version(0);
  req.mutable_raw_state()->set_json(R"({"name":"a","length":1,"dropped":true})");
  tfplugin6::UpgradeResourceState::Response resp;
  ASSERT_TRUE(service->UpgradeResourceState(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 0);
  Value v = codec::from_msgpack(resp.upgraded_state().msgpack(), kInfo);
  EXPECT_EQ(v.at("name"), Value::string("a"));

  req.set_version(5);
  tfplugin6::UpgradeResourceState::Response newer;
  ASSERT_TRUE(service->UpgradeResourceState(&ctx, &req, &newer).ok());
  ASSERT_EQ(newer.diagnostics_size(), 1);
  EXPECT_EQ(newer.diagnostics(0).summary(), "Resource instance managed by newer provider version");

  req.set_version(0);
  req.mutable_raw_state()->set_json("{not json");
  tfplugin6::UpgradeResourceState::Response malformed;
  ASSERT_TRUE(service->UpgradeResourceState(&ctx, &req, &malformed).ok());
  ASSERT_EQ(malformed.diagnostics_size(), 1);
  EXPECT_EQ(malformed.diagnostics(0).severity(), tfplugin6::Diagnostic::ERROR);
}

TEST_F(ServiceExtrasTest, UnconfiguredProviderIsADiagnosticNotACrash) {
  class NeedsConfig : public PlainResource {
   public:
    NeedsConfig() : PlainResource(kInfoSchema) {}
    Value create(const CreateRequest& r, Diagnostics&) override {
      r.ctx.provider<std::string>();
      return r.planned;
    }
  };
  Registry reg("demo", std::make_shared<FakeProvider>());
  reg.add_resource("demo_needs", std::make_shared<NeedsConfig>());
  ProviderService s(reg);
  tfplugin6::ApplyResourceChange::Request req;
  req.set_type_name("demo_needs");
  *req.mutable_prior_state() = dv(Value::null(kInfo), kInfo);
  Value planned =
      Value::object(kInfo, {{"name", Value::string("a")}, {"length", Value::number(1)}});
  *req.mutable_planned_state() = dv(planned, kInfo);
  *req.mutable_config() = dv(planned, kInfo);
  tfplugin6::ApplyResourceChange::Response resp;
  ASSERT_TRUE(s.ApplyResourceChange(&ctx, &req, &resp).ok());
  ASSERT_EQ(resp.diagnostics_size(), 1);
  EXPECT_THAT(resp.diagnostics(0).detail(), HasSubstr("not configured"));
}

}  // namespace
}  // namespace cloudssl::framework
