// The fixture provider's fixture_slow (create waits delay_seconds on the cancellation token):
// StopProvider cancels a long operation while the server keeps serving, Shutdown during one
// still ends the process, and number edge cases reach a validator as numbers.
#include <gtest/gtest.h>

#include <future>
#include <limits>
#include <string>
#include <vector>

#include "tests/protocol/support/plugin_session.h"
#include "tests/protocol/support/schema_objects.h"

namespace cloudssl::testing {
namespace {

using namespace std::chrono_literals;

const std::string kSlow = "fixture_slow";

class FixtureProtocol : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(session_.start(FIXTURE_BINARY_PATH));
    auto stub = session_.provider();
    ASSERT_TRUE(call(stub, &ProviderStub::GetProviderSchema, {}, &schema_).ok());
    ASSERT_TRUE(schema_.resource_schemas().contains(kSlow));
    slow_ = schema_.resource_schemas().at(kSlow).block();
    // Terraform configures before any resource call; an all-null configuration will do.
    tfplugin6::ConfigureProvider::Request req;
    req.set_terraform_version("1.11.4");
    *req.mutable_config() = msgpack_value(encode_object(schema_.provider().block()));
    tfplugin6::ConfigureProvider::Response resp;
    ASSERT_TRUE(call(stub, &ProviderStub::ConfigureProvider, req, &resp).ok());
  }

  void TearDown() override {
    if (session_.process && session_.channel && session_.process->running()) {
      EXPECT_EQ(session_.shutdown(2000ms), 0);
    }
  }

  // An ApplyResourceChange that creates fixture_slow with the given delay.
  std::future<tfplugin6::ApplyResourceChange::Response> start_create(int delay_seconds) {
    tfplugin6::ApplyResourceChange::Request req;
    req.set_type_name(kSlow);
    *req.mutable_prior_state() = msgpack_value(mp::nil());
    *req.mutable_config() = msgpack_value(
        encode_object(slow_, with_values({{"delay_seconds", mp::fixint(delay_seconds)}})));
    *req.mutable_planned_state() = msgpack_value(encode_object(
        slow_, with_values({{"delay_seconds", mp::fixint(delay_seconds)}, {"id", mp::unknown()}})));
    return std::async(std::launch::async, [this, req] {
      auto stub = session_.provider();
      auto ctx = context_with_deadline(120s);
      tfplugin6::ApplyResourceChange::Response resp;
      const grpc::Status status = stub.ApplyResourceChange(ctx.get(), req, &resp);
      EXPECT_TRUE(status.ok()) << status.error_message();
      return resp;
    });
  }

  void stop_provider() {
    const auto error = session_.stop_provider();
    ASSERT_TRUE(error);
    EXPECT_EQ(*error, "");
  }

  tfplugin6::ValidateResourceConfig::Response validate_slow(const std::string& delay) {
    auto stub = session_.provider();
    tfplugin6::ValidateResourceConfig::Request req;
    req.set_type_name(kSlow);
    *req.mutable_config() =
        msgpack_value(encode_object(slow_, with_values({{"delay_seconds", delay}})));
    tfplugin6::ValidateResourceConfig::Response resp;
    EXPECT_TRUE(call(stub, &ProviderStub::ValidateResourceConfig, req, &resp).ok());
    return resp;
  }

  PluginSession session_;
  tfplugin6::GetProviderSchema::Response schema_;
  tfplugin6::Schema::Block slow_;
};

TEST_F(FixtureProtocol, StopProviderCancelsALongCreateAndTheServerKeepsServing) {
  auto create = start_create(60);
  // StopProvider cancels what is in flight; until the create has started there is nothing to
  // cancel, so repeat it while waiting for the create to return (each wait ends early when it
  // does).
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (create.wait_for(100ms) != std::future_status::ready &&
         std::chrono::steady_clock::now() < deadline) {
    stop_provider();
  }
  ASSERT_EQ(create.wait_for(0s), std::future_status::ready) << "StopProvider did not cancel";
  const auto resp = create.get();
  ASSERT_TRUE(has_error(resp.diagnostics()));
  EXPECT_EQ(resp.diagnostics(0).summary(), "operation cancelled") << describe(resp.diagnostics());

  // Still serving, and later operations are not poisoned by the earlier stop.
  EXPECT_TRUE(session_.process->running());
  EXPECT_EQ(health_check(session_.channel, "plugin"), 1);
  auto quick = start_create(0);
  ASSERT_EQ(quick.wait_for(30s), std::future_status::ready);
  const auto done = quick.get();
  EXPECT_FALSE(has_error(done.diagnostics())) << describe(done.diagnostics());
  EXPECT_FALSE(done.new_state().msgpack().empty());
}

// Terraform runs up to ten operations at once (-parallelism=10), and the provider must run them
// at the same time, whatever its gRPC thread options (docs/benchmarks.md: pollers bound idle
// threads, not calls in flight). Ten creates that wait until cancelled are all started (each
// logs its "Received" line when a server thread takes it) while none has returned, an
// eleventh call is answered beside them, and one StopProvider ends them all.
TEST_F(FixtureProtocol, TenSlowCallsRunAtTheSameTime) {
  constexpr int kCalls = 10;
  const std::string received = "Received ApplyResourceChange request";
  std::vector<std::future<tfplugin6::ApplyResourceChange::Response>> creates;
  for (int i = 0; i < kCalls; ++i) creates.push_back(start_create(120));
  auto started = [&] {
    const std::string text = session_.process->stderr_text();
    int count = 0;
    for (auto at = text.find(received); at != std::string::npos; at = text.find(received, at + 1))
      ++count;
    return count;
  };
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  // Polled between 50 ms waits on the first create, which must not return meanwhile.
  while (started() < kCalls && std::chrono::steady_clock::now() < deadline) {
    ASSERT_EQ(creates.front().wait_for(50ms), std::future_status::timeout)
        << "a create returned before StopProvider";
  }
  ASSERT_EQ(started(), kCalls) << "only " << started() << " of " << kCalls
                               << " calls started in 30 s: the server serialises them";
  EXPECT_FALSE(has_error(validate_slow("1").diagnostics()));

  stop_provider();
  for (auto& create : creates) {
    ASSERT_EQ(create.wait_for(30s), std::future_status::ready) << "StopProvider did not end it";
    const auto resp = create.get();
    ASSERT_TRUE(has_error(resp.diagnostics()));
    EXPECT_EQ(resp.diagnostics(0).summary(), "operation cancelled") << describe(resp.diagnostics());
  }
}

TEST_F(FixtureProtocol, ShutdownDuringALongCreateEndsTheProcess) {
  auto create = start_create(60);
  ASSERT_EQ(create.wait_for(300ms), std::future_status::timeout) << "create returned at once";
  const auto exit_code = session_.shutdown(2000ms);
  ASSERT_TRUE(exit_code.has_value()) << "still running 2 s after Shutdown";
  EXPECT_EQ(*exit_code, 0);
  ASSERT_EQ(create.wait_for(30s), std::future_status::ready);
}

TEST_F(FixtureProtocol, NumbersReachTheValidatorAsNumbers) {
  // Decimal strings and uint64 decode as numbers: "-1" is caught by the validator as negative.
  for (const std::string& ok : {mp::str("0.1"), mp::str("5"), mp::uint64(7),
                                mp::uint64(std::numeric_limits<std::uint64_t>::max())}) {
    const auto resp = validate_slow(ok);
    EXPECT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
  }
  const auto negative = validate_slow(mp::str("-1"));
  ASSERT_TRUE(has_error(negative.diagnostics()));
  EXPECT_EQ(negative.diagnostics(0).summary(), "Invalid delay");
  ASSERT_GT(negative.diagnostics(0).attribute().steps_size(), 0);
  EXPECT_EQ(negative.diagnostics(0).attribute().steps(0).attribute_name(), "delay_seconds");
}

TEST_F(FixtureProtocol, RefinedUnknownNumbersAreTolerated) {
  // Not null, lower bound 0 inclusive, upper bound 10 exclusive (cty refinement keys 1, 3, 4).
  const std::string refinements = mp::map_header(3) + mp::fixint(1) + mp::boolean(true) +
                                  mp::fixint(3) + mp::array_header(2) + mp::fixint(0) +
                                  mp::boolean(true) + mp::fixint(4) + mp::array_header(2) +
                                  mp::fixint(10) + mp::boolean(false);
  const auto resp = validate_slow(mp::refined_unknown(refinements));
  EXPECT_FALSE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
}

TEST_F(FixtureProtocol, ObjectMissingAnAttributeIsRejected) {
  auto stub = session_.provider();
  tfplugin6::ValidateResourceConfig::Request req;
  req.set_type_name(kSlow);
  *req.mutable_config() = msgpack_value(encode_object(slow_, omitting({"delay_seconds"})));
  tfplugin6::ValidateResourceConfig::Response resp;
  ASSERT_TRUE(call(stub, &ProviderStub::ValidateResourceConfig, req, &resp).ok());
  EXPECT_TRUE(has_error(resp.diagnostics())) << describe(resp.diagnostics());
}

}  // namespace
}  // namespace cloudssl::testing
