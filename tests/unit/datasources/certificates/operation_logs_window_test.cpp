// data "cloudssl_certificate_operation_logs": the time window is checked at validate, each bad
// bound an error on its own attribute saying how to fix it: malformed text, a time outside
// what the provider's clock holds (after 2262 the nanosecond time_point would overflow), a
// window in the future, a reversed window, and an end_time before the default start.
#include <gtest/gtest.h>

#include <chrono>

#include "datasources/certificates/factories.h"
#include "lib/pem/pem.h"
#include "provider/codec/json_codec.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {
namespace {

using nlohmann::json;

framework::Diagnostics validate(const json& config) {
  const auto source = make_certificate_operation_logs_data_source();
  const auto type = framework::implied_type(source->schema());
  const codec::Value value = codec::from_json(config.dump(), type);
  framework::Context ctx;
  framework::Diagnostics d;
  source->validate(framework::ValidateRequest{value, ctx}, d);
  return d;
}

std::string days_from_now(int days) {
  return pem::rfc3339(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
}

// The one error, on `attribute`, its detail containing `text`.
void expect_error(const framework::Diagnostics& d, const std::string& attribute,
                  const std::string& text) {
  ASSERT_EQ(d.all().size(), 1u) << (d.empty() ? "no diagnostic" : d.all().front().detail);
  const auto& e = d.all().front();
  EXPECT_EQ(e.severity, framework::Severity::Error);
  ASSERT_TRUE(e.attribute);
  EXPECT_EQ(*e.attribute, codec::Path::root(attribute));
  EXPECT_NE(e.detail.find(text), std::string::npos) << e.detail;
}

TEST(OperationLogsWindow, PastWindowAndNoWindowAreAccepted) {
  EXPECT_TRUE(validate(json::object()).empty());
  EXPECT_TRUE(
      validate({{"start_time", days_from_now(-3)}, {"end_time", days_from_now(-1)}}).empty());
  // An end in the future is "up to now".
  EXPECT_TRUE(
      validate({{"start_time", days_from_now(-3)}, {"end_time", days_from_now(30)}}).empty());
  EXPECT_TRUE(validate({{"end_time", days_from_now(-2)}}).empty());
}

TEST(OperationLogsWindow, MalformedTimeNamesTheFormat) {
  expect_error(validate({{"start_time", "yesterday"}}), "start_time",
               "\"yesterday\" is not an RFC 3339 time in UTC. Write it like");
  expect_error(validate({{"end_time", "2026-12-01T08:00:00+08:00"}}), "end_time",
               "Write it like 2026-12-01T00:00:00Z");
}

TEST(OperationLogsWindow, TimesBeyondTheClockAreRefusedNotOverflowed) {
  expect_error(validate({{"end_time", "2999-01-01T00:00:00Z"}}), "end_time",
               "outside the times the provider handles");
  expect_error(validate({{"end_time", "2999-01-01T00:00:00Z"}}), "end_time",
               "2262-04-11T23:47:16Z");
  expect_error(validate({{"start_time", "1500-01-01T00:00:00Z"}}), "start_time",
               "outside the times the provider handles");
}

TEST(OperationLogsWindow, WindowInTheFutureIsAnErrorOnStartTime) {
  expect_error(validate({{"start_time", days_from_now(2)}}), "start_time",
               "is later than now: the log holds only what already happened");
  expect_error(validate({{"start_time", "2100-01-01T00:00:00Z"}}), "start_time",
               "leave start_time unset");
}

TEST(OperationLogsWindow, ReversedWindowIsAnErrorOnStartTime) {
  expect_error(validate({{"start_time", days_from_now(-1)}, {"end_time", days_from_now(-3)}}),
               "start_time", "start_time is after end_time: swap them.");
}

TEST(OperationLogsWindow, EndBeforeTheDefaultStartNeedsStartTime) {
  expect_error(validate({{"end_time", days_from_now(-20)}}), "end_time",
               "before the default start_time (15 days ago), so the window is empty. Set "
               "start_time too.");
}

}  // namespace
}  // namespace cloudssl::certificates
