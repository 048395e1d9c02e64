// libcurl stays out of the provider process until the first API call: the binary is not
// linked against it (it opens libcurl.so.4 at run time), so a provider that only answered the
// handshake, GetProviderSchema and ConfigureProvider has no libcurl mapped (/proc/PID/maps);
// the first ReadDataSource against the simulator maps it, for Tencent's API and Volcengine's
// alike (one transport in api/core). And when libcurl cannot be loaded,
// the API call fails with a diagnostic that says how to install it, while schema and
// configuration still work.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/schema_objects.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::testing {
namespace {

// The shared objects mapped into a process whose path mentions `name`.
bool maps_library(pid_t pid, const std::string& name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(name) != std::string::npos) return true;
  }
  return false;
}

class LazyLibcurl : public ::testing::Test {
 protected:
  // Starts the provider (plus `env`), reads its schema and configures it for the simulator.
  void start(std::map<std::string, std::optional<std::string>> env = {}) {
    ASSERT_TRUE(session_.start(PROVIDER_BINARY_PATH, std::move(env)));
    auto stub = session_.provider();
    ASSERT_TRUE(call(stub, &ProviderStub::GetProviderSchema, {}, &schema_).ok());
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.11.4");
    *req.mutable_config() = msgpack_value(
        encode_object(schema_.provider().block(),
                      with_values({{"endpoint", mp::str(sim_.endpoint())},
                                   {"secret_id", mp::str("AKIDCLOUDSSLSIMULATOR")},
                                   {"secret_key", mp::str("cloudssl-sim-secret-key")}})));
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(call(stub, &ProviderStub::ConfigureProvider, req, &resp).ok());
    ASSERT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  }

  // Reads a data source with an empty configuration: data.cloudssl_certificates makes one
  // DescribeCertificates call, data.cloudssl_volcengine_certificates one CertificateGetInstance.
  tfplugin6::ReadDataSource::Response read_certificates(
      const std::string& type = "cloudssl_certificates") {
    const auto& block = schema_.data_source_schemas().at(type).block();
    auto stub = session_.provider();
    tfplugin6::ReadDataSource::Request req;
    req.set_type_name(type);
    *req.mutable_config() = msgpack_value(encode_object(block));
    tfplugin6::ReadDataSource::Response resp;
    EXPECT_TRUE(call(stub, &ProviderStub::ReadDataSource, req, &resp).ok());
    return resp;
  }

  void TearDown() override {
    if (session_.channel) {
      EXPECT_EQ(session_.shutdown(std::chrono::seconds(5)), 0);
    }
  }

  SimulatorProcess sim_;
  PluginSession session_;
  tfplugin6::GetProviderSchema::Response schema_;
};

TEST_F(LazyLibcurl, LoadedByTheFirstApiCallNotBefore) {
  start();
  const pid_t pid = session_.process->pid();
  // Sanity: the maps file is readable and shows the provider's own libraries.
  ASSERT_TRUE(maps_library(pid, "libc.so")) << "cannot read /proc/" << pid << "/maps";
  EXPECT_FALSE(maps_library(pid, "libcurl")) << "libcurl is loaded in an idle provider";

  const auto resp = read_certificates();
  EXPECT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  EXPECT_TRUE(maps_library(pid, "libcurl")) << "the API call did not load libcurl";
}

// Volcengine's client is the same api::Client over the same HTTP transport: its first call
// loads libcurl the same way, and fails the same way without it.
std::map<std::string, std::optional<std::string>> volcengine_env(const std::string& endpoint) {
  return {{"VOLCENGINE_ENDPOINT", endpoint},
          {"VOLCENGINE_ACCESS_KEY", "AKLTCLOUDSSLSIMULATOR"},
          {"VOLCENGINE_SECRET_KEY", "cloudssl-sim-volcengine-secret"}};
}

TEST_F(LazyLibcurl, VolcengineCallsLoadItThroughTheSameTransport) {
  start(volcengine_env(sim_.endpoint()));
  const pid_t pid = session_.process->pid();
  ASSERT_TRUE(maps_library(pid, "libc.so")) << "cannot read /proc/" << pid << "/maps";
  EXPECT_FALSE(maps_library(pid, "libcurl")) << "libcurl is loaded in an idle provider";

  const auto resp = read_certificates("cloudssl_volcengine_certificates");
  EXPECT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  EXPECT_TRUE(maps_library(pid, "libcurl")) << "the Volcengine call did not load libcurl";
}

TEST_F(LazyLibcurl, VolcengineWithoutLibcurlGetsTheSameDiagnostic) {
  auto env = volcengine_env(sim_.endpoint());
  env["CLOUDSSL_LIBCURL"] = "/nonexistent/libcurl.so.4";
  start(std::move(env));
  const auto resp = read_certificates("cloudssl_volcengine_certificates");
  ASSERT_TRUE(has_error(resp.diagnostics())) << "the Volcengine call worked without libcurl";
  const std::string text = describe(resp.diagnostics());
  EXPECT_NE(text.find("/nonexistent/libcurl.so.4"), std::string::npos) << text;
  EXPECT_NE(text.find("CLOUDSSL_LIBCURL"), std::string::npos) << text;
}

TEST_F(LazyLibcurl, MissingLibcurlIsADiagnosticSayingHowToInstallIt) {
  start({{"CLOUDSSL_LIBCURL", "/nonexistent/libcurl.so.4"}});
  const auto resp = read_certificates();
  ASSERT_TRUE(has_error(resp.diagnostics())) << "the API call worked without libcurl";
  const std::string text = describe(resp.diagnostics());
  EXPECT_NE(text.find("libcurl"), std::string::npos) << text;
  EXPECT_NE(text.find("/nonexistent/libcurl.so.4"), std::string::npos) << text;
  EXPECT_NE(text.find("CLOUDSSL_LIBCURL"), std::string::npos) << text;
  EXPECT_TRUE(session_.process->running());
}

}  // namespace
}  // namespace cloudssl::testing
