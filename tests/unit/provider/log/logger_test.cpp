// The logger writes what go-plugin parses as go-hclog JSON (one object per line with @level,
// @message, @module, @timestamp), at the threshold TF_LOG_PROVIDER sets, else TF_LOG.
#include "provider/log/logger.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <string>
#include <thread>

#include "provider/log/request_context.h"

namespace {
// The threshold is read once, on first use: set both variables before anything logs, so the
// test shows TF_LOG_PROVIDER winning over TF_LOG.
const bool kEnvironmentSet = [] {
  return ::setenv("TF_LOG_PROVIDER", "Debug", 1) == 0 && ::setenv("TF_LOG", "error", 1) == 0;
}();
}  // namespace

namespace cloudssl::log {
namespace {

TEST(Logger, LevelNamesAsTerraformWritesThem) {
  EXPECT_EQ(parse_level("TRACE"), Level::Trace);
  EXPECT_EQ(parse_level("JSON"), Level::Trace);  // TF_LOG=JSON is trace in JSON form
  EXPECT_EQ(parse_level("debug"), Level::Debug);
  EXPECT_EQ(parse_level("Info"), Level::Info);
  EXPECT_EQ(parse_level("WARN"), Level::Warn);
  EXPECT_EQ(parse_level("error"), Level::Error);
  EXPECT_EQ(parse_level("off"), Level::Off);
  EXPECT_EQ(parse_level("loud"), Level::Off);
}

TEST(Logger, LineIsOneHclogJsonObject) {
  const std::string line =
      format_line(Level::Warn, "two\nlines", {{"action", "UploadCertificate"}, {"attempts", 2}},
                  "provider.cloudssl");
  EXPECT_EQ(line.find('\n'), std::string::npos);  // go-plugin splits stderr on newlines
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["@level"], "warn");
  EXPECT_EQ(json["@message"], "two\nlines");
  EXPECT_EQ(json["@module"], "provider.cloudssl");
  EXPECT_EQ(json["action"], "UploadCertificate");
  EXPECT_EQ(json["attempts"], 2);
  // hclog's layout 2006-01-02T15:04:05.000000Z07:00, always UTC here.
  EXPECT_TRUE(std::regex_match(json["@timestamp"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)")))
      << json["@timestamp"];
}

TEST(Logger, FieldsCannotOverrideTheReservedKeys) {
  const auto json = nlohmann::json::parse(format_line(
      Level::Info, "real", {{"@level", "error"}, {"@message", "fake"}, {"@module", "x"}},
      "provider.cloudssl"));
  EXPECT_EQ(json["@level"], "info");
  EXPECT_EQ(json["@message"], "real");
  EXPECT_EQ(json["@module"], "provider.cloudssl");
}

TEST(Logger, LinesCarryTheThreadsRequestContext) {
  const auto plain = nlohmann::json::parse(format_line(Level::Info, "m", {}, "provider.cloudssl"));
  EXPECT_FALSE(plain.contains("tf_req_id"));
  {
    RequestScope outer({.req_id = "id-1", .rpc = "ReadResource", .resource_type = "t_one"});
    auto line = nlohmann::json::parse(
        format_line(Level::Info, "m", {{"action", "DescribeCertificates"}}, "provider.cloudssl"));
    EXPECT_EQ(line["tf_req_id"], "id-1");
    EXPECT_EQ(line["tf_rpc"], "ReadResource");
    EXPECT_EQ(line["tf_resource_type"], "t_one");
    EXPECT_EQ(line["action"], "DescribeCertificates");
    {
      // A provider-level RPC has no resource type: the key is left out, not emptied.
      RequestScope inner({.req_id = "id-2", .rpc = "ConfigureProvider", .resource_type = {}});
      line = nlohmann::json::parse(format_line(Level::Info, "m", {}, "provider.cloudssl"));
      EXPECT_EQ(line["tf_req_id"], "id-2");
      EXPECT_FALSE(line.contains("tf_resource_type"));
    }
    line = nlohmann::json::parse(format_line(Level::Info, "m", {}, "provider.cloudssl"));
    EXPECT_EQ(line["tf_req_id"], "id-1");  // restored
    // Another thread serves another request.
    std::string other;
    std::thread([&] { other = current_request().req_id; }).join();
    EXPECT_EQ(other, "");
  }
  EXPECT_EQ(current_request().req_id, "");
  EXPECT_NE(new_request_id(), new_request_id());
}

TEST(Logger, InvalidUtf8DoesNotThrow) {
  std::string line;
  EXPECT_NO_THROW(line = format_line(Level::Error, "bad \xff\xfe bytes", {{"body", "\xc3"}},
                                     "provider.cloudssl"));
  EXPECT_TRUE(nlohmann::json::accept(line)) << line;
}

TEST(Logger, ThresholdFromTfLogProviderBeforeTfLog) {
  ASSERT_TRUE(kEnvironmentSet);
  EXPECT_EQ(threshold(), Level::Debug);
  EXPECT_FALSE(enabled(Level::Trace));
  EXPECT_TRUE(enabled(Level::Debug));
  EXPECT_TRUE(enabled(Level::Error));
  EXPECT_FALSE(enabled(Level::Off));
}

TEST(Logger, WritesWholeLinesAtOrAboveTheThreshold) {
  ASSERT_TRUE(kEnvironmentSet);
  ::testing::internal::CaptureStderr();
  trace("below the threshold");
  debug("at the threshold", {{"n", 1}});
  const std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(out.find("below the threshold"), std::string::npos);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1);  // exactly one line
  const auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["@level"], "debug");
  EXPECT_EQ(json["@message"], "at the threshold");
  EXPECT_EQ(json["n"], 1);
}

}  // namespace
}  // namespace cloudssl::log
