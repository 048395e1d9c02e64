// What the client logs at trace level: every call line with action, attempts and request id,
// bodies with secrets redacted, and never a secret (key, signature, token, private key); and
// the task poller's progress lines.
#include <gtest/gtest.h>

#include <cstdlib>

#include "api/core/client.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/ssl_api.h"
#include "provider/log/request_context.h"
#include "tests/support/fake_api_server.h"

namespace {
// The log threshold is read once, on first use: set it before anything logs.
const bool kTraceEnabled = [] { return ::setenv("TF_LOG_PROVIDER", "trace", 1) == 0; }();
}  // namespace

namespace cloudssl::api::tencent {
namespace {

using testing::FakeApiServer;
using testing::RecordedRequest;

// The captured JSON log lines, one object each.
std::vector<nlohmann::json> json_lines(const std::string& logs) {
  std::vector<nlohmann::json> lines;
  for (std::size_t begin = 0, end; begin < logs.size(); begin = end + 1) {
    end = logs.find('\n', begin);
    if (end == std::string::npos) end = logs.size();
    lines.push_back(nlohmann::json::parse(logs.substr(begin, end - begin)));
  }
  return lines;
}

TEST(ClientLogging, TraceLinesRedactSecrets) {
  ASSERT_TRUE(kTraceEnabled);
  FakeApiServer server([](const RecordedRequest&, int index) {
    if (index == 0) return testing::api_error("InternalError");
    return testing::ok({{"CertificatePrivateKey", "-----BEGIN PRIVATE KEY-----RESPONSEKEY"},
                        {"CertificateId", "abcd1234"}});
  });
  ClientConfig config;
  config.credentials = {"AKIDLOGTEST", "SUPERSECRETKEY", "SESSIONTOKEN"};
  config.endpoint = server.endpoint();
  ClientTuning tuning;
  tuning.backoff = {std::chrono::milliseconds(1), std::chrono::milliseconds(1),
                    std::chrono::milliseconds(0)};
  Client client = make_client(kSslApi, config, tuning);

  ::testing::internal::CaptureStderr();
  {
    // As ProviderService serves an RPC: the API call's lines carry the request's fields.
    log::RequestScope scope({.req_id = "req-under-test",
                             .rpc = "ApplyResourceChange",
                             .resource_type = "cloudssl_certificate"});
    client.call("UploadCertificate", {{"CertificatePublicKey", "PUBLICPART"},
                                      {"CertificatePrivateKey", "REQUESTKEY"},
                                      {"KeyPassword", "PASSWORD1"}});
  }
  const std::string logs = ::testing::internal::GetCapturedStderr();
  int lines = 0;
  for (const auto& line : json_lines(logs)) {
    ++lines;
    EXPECT_EQ(line.value("tf_req_id", ""), "req-under-test") << line.dump();
    EXPECT_EQ(line.value("tf_rpc", ""), "ApplyResourceChange") << line.dump();
    EXPECT_EQ(line.value("tf_resource_type", ""), "cloudssl_certificate") << line.dump();
  }
  EXPECT_GE(lines, 3) << logs;  // request, retry, call at least

  for (const char* secret : {"SUPERSECRETKEY", "SESSIONTOKEN", "REQUESTKEY", "RESPONSEKEY",
                             "PASSWORD1", "Signature=", "TC3-HMAC-SHA256"}) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << secret << " leaked:\n" << logs;
  }
  EXPECT_NE(logs.find("<redacted>"), std::string::npos);
  EXPECT_NE(logs.find("PUBLICPART"), std::string::npos);  // the rest of the body is there
  EXPECT_NE(logs.find(R"("@message":"SSL API call")"), std::string::npos);
  EXPECT_NE(logs.find(R"("action":"UploadCertificate")"), std::string::npos);
  EXPECT_NE(logs.find(R"("attempts":2)"), std::string::npos);
  EXPECT_NE(logs.find(R"("request_id":"req-ok")"), std::string::npos);
  EXPECT_NE(logs.find(R"("@message":"SSL API retry")"), std::string::npos);
}

// Poller options for a wait on `what` that polls within milliseconds.
PollOptions quick_poll(std::string what, std::chrono::milliseconds max_interval) {
  PollOptions options;
  options.what = std::move(what);
  options.first_interval = std::chrono::milliseconds(1);
  options.max_interval = max_interval;
  return options;
}

TEST(ClientLogging, PollerLogsProgressAndTheOutcome) {
  ASSERT_TRUE(kTraceEnabled);
  const PollOptions options = quick_poll("deploy record 1234", std::chrono::milliseconds(2));
  int polls = 0;
  ::testing::internal::CaptureStderr();
  const PollReport report = poll_until_done(
      [&] {
        ++polls;
        if (polls == 1) return PollResult{PollResult::State::Pending, "pending"};
        if (polls < 4) return PollResult{PollResult::State::Pending, "running"};
        return PollResult{PollResult::State::Done, "success"};
      },
      options);
  const std::string logs = ::testing::internal::GetCapturedStderr();
  ASSERT_EQ(report.outcome, PollOutcome::Done);

  int info_progress = 0;
  int debug_progress = 0;
  bool finished = false;
  for (const auto& line : json_lines(logs)) {
    if (line.value("what", "") != "deploy record 1234") continue;
    if (line["@message"] == "still waiting") {
      (line["@level"] == "info" ? info_progress : debug_progress) += 1;
      EXPECT_TRUE(line.contains("status") && line.contains("polls") &&
                  line.contains("elapsed_ms") && line.contains("next_poll_ms"))
          << line.dump();
    } else if (line["@message"] == "finished waiting") {
      finished = true;
      EXPECT_EQ(line["@level"], "info");
      EXPECT_EQ(line["outcome"], "done");
      EXPECT_EQ(line["polls"], 4);
      EXPECT_EQ(line["message"], "success");
    }
  }
  // An info line whenever the status text changes (pending, running), debug lines between.
  EXPECT_EQ(info_progress, 2) << logs;
  EXPECT_EQ(debug_progress, 1) << logs;
  EXPECT_TRUE(finished) << logs;
}

// Long waits report at INFO at a steady interval, not only when the status text changes,
// with the task's per-target counts (an interval of 0: every poll is an INFO line).
TEST(ClientLogging, PollerReportsProgressAtTheIntervalWithCounts) {
  ASSERT_TRUE(kTraceEnabled);
  PollOptions options = quick_poll("deploy record 77", std::chrono::milliseconds(1));
  options.progress_interval = std::chrono::milliseconds(0);
  int polls = 0;
  ::testing::internal::CaptureStderr();
  poll_until_done(
      [&] {
        if (++polls == 5) return PollResult{PollResult::State::Done, "2 succeeded"};
        return PollResult{PollResult::State::Pending,
                          "1 succeeded, 0 failed, 1 running of 2",
                          {{"succeeded", 1}, {"failed", 0}, {"running", 1}, {"total", 2}}};
      },
      options);
  const std::string logs = ::testing::internal::GetCapturedStderr();
  int info_progress = 0;
  for (const auto& line : json_lines(logs)) {
    if (line.value("what", "") != "deploy record 77" || line["@message"] != "still waiting")
      continue;
    EXPECT_EQ(line["@level"], "info") << line.dump();
    EXPECT_EQ(line.value("succeeded", -1), 1) << line.dump();
    EXPECT_EQ(line.value("running", -1), 1) << line.dump();
    EXPECT_EQ(line.value("failed", -1), 0) << line.dump();
    EXPECT_EQ(line.value("total", -1), 2) << line.dump();
    ++info_progress;
  }
  // The same status text four times: an INFO line for each, as the interval has passed.
  EXPECT_EQ(info_progress, 4) << logs;
}

}  // namespace
}  // namespace cloudssl::api::tencent
