// A test fixture holding a started provider as Terraform >= 1.14 holds it after `init`: its
// schema and identity schemas read, then ConfigureProvider sent. The adoption protocol tests
// of the fixture provider and of cloudssl share it; each brings its own binary, environment
// and provider configuration.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/proto_values.h"
#include "tests/protocol/support/schema_objects.h"

namespace cloudssl::testing {

class ConfiguredProviderTest : public ::testing::Test {
 protected:
  // Starts `binary` with `env`, reads both schemas and configures it with the value
  // `provider_config` builds for the provider schema's type. A failure is fatal to the test
  // (callers wrap the call in ASSERT_NO_FATAL_FAILURE).
  void start_and_configure(const std::string& binary,
                           std::map<std::string, std::optional<std::string>> env,
                           const std::function<Value(const Type&)>& provider_config) {
    ASSERT_TRUE(session_.start(binary, std::move(env)));
    stub_ = std::make_unique<ProviderStub>(session_.channel);
    ASSERT_TRUE(call(*stub_, &ProviderStub::GetProviderSchema, {}, &schema_).ok());
    // Terraform >= 1.12 asks for identity schemas inside every schema request.
    const grpc::Status status =
        call(*stub_, &ProviderStub::GetResourceIdentitySchemas, {}, &identities_);
    ASSERT_TRUE(status.ok()) << status.error_message();
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.14.0");
    const Type provider_type = implied_type(schema_.provider().block());
    *req.mutable_config() = dynamic(provider_config(provider_type), provider_type);
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(call(*stub_, &ProviderStub::ConfigureProvider, req, &resp).ok());
    ASSERT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  }

  void TearDown() override {
    if (session_.process && session_.channel && session_.process->running()) {
      EXPECT_EQ(session_.shutdown(std::chrono::milliseconds(2000)), 0);
    }
  }

  PluginSession session_;
  std::unique_ptr<ProviderStub> stub_;
  tfplugin6::GetProviderSchema::Response schema_;
  tfplugin6::GetResourceIdentitySchemas::Response identities_;
};

}  // namespace cloudssl::testing
