// The SSL API client (the core Client with the Tencent dialect) against a scripted loopback
// server: the wire format (headers, signature, body), the envelope, and every retry path
// (throttle, 5xx, transport, deadline, cancellation).
#include <gtest/gtest.h>
#include <poll.h>

#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tc3_signer.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/loopback_listener.h"
#include "tests/support/stalling_server.h"

namespace cloudssl::api::tencent {
namespace {

using std::chrono::milliseconds;
using namespace testing;
using testing::error_of;
using Clock = std::chrono::steady_clock;

constexpr const char* kSecretId = "AKIDTESTING";
constexpr const char* kSecretKey = "test-secret-key";

ClientConfig config_for(const FakeApiServer& server) {
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.endpoint = server.endpoint();
  config.request_timeout = std::chrono::seconds(10);
  config.max_retries = 5;
  return config;
}

// Tiny backoff and no client-side limit: these tests are about the retry decisions.
ClientTuning quick() {
  ClientTuning tuning;
  tuning.backoff = {milliseconds(1), milliseconds(2), milliseconds(0)};
  tuning.rate_limits.enabled = false;
  return tuning;
}

// Blocks a test thread until the server has seen `n` requests.
class RequestGate {
 public:
  void arrived() {
    {
      std::lock_guard lock(mutex_);
      ++count_;
    }
    cv_.notify_all();
  }
  void wait_for(int n) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return count_ >= n; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int count_ = 0;
};

TEST(SslClient, SendsTheDocumentedHeadersSignedOverTheExactBody) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return ok({{"TotalCount", 0}, {"Certificates", nlohmann::json::array()}});
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  const nlohmann::json request = {{"Limit", 1}, {"SearchKey", "未命名"}};
  const auto response = client.call("DescribeCertificates", request);
  EXPECT_EQ(response["RequestId"], "req-ok");
  EXPECT_EQ(response["TotalCount"], 0);

  ASSERT_EQ(server.count(), 1u);
  const auto sent = server.requests()[0];
  EXPECT_EQ(sent.body, request.dump());
  EXPECT_EQ(sent.headers.at("host"), server.host());
  EXPECT_EQ(sent.headers.at("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(sent.headers.at("x-tc-action"), "DescribeCertificates");
  EXPECT_EQ(sent.headers.at("x-tc-version"), "2019-12-05");
  EXPECT_EQ(sent.headers.at("x-tc-language"), "en-US");
  EXPECT_EQ(sent.headers.count("x-tc-region"), 0u);
  EXPECT_EQ(sent.headers.count("x-tc-token"), 0u);

  // Verify as the server does: recompute from what arrived.
  const auto parts = tc3::parse_authorization(sent.headers.at("authorization"));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->secret_id, kSecretId);
  EXPECT_EQ(parts->service, "ssl");
  tc3::CanonicalInput input;
  for (const auto& name : parts->signed_headers) input.headers[name] = sent.headers.at(name);
  input.payload = sent.body;
  const auto timestamp = std::stoll(sent.headers.at("x-tc-timestamp"));
  EXPECT_EQ(parts->date, tc3::utc_date(timestamp));
  const auto expected = tc3::sign(input, kSecretId, kSecretKey, timestamp);
  EXPECT_EQ(sent.headers.at("authorization"), expected.authorization);
  EXPECT_EQ(expected.signed_headers, "content-type;host;x-tc-action");
}

TEST(SslClient, RegionAndTokenHeaders) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  ClientConfig config = config_for(server);
  config.region = "ap-guangzhou";
  config.credentials.security_token = "temporary-token";
  Client client = make_client(kSslApi, config, quick());
  client.call("DescribeCertificates", nlohmann::json::object());
  CallOptions options;
  options.region = "ap-shanghai";
  client.call("DeployCertificateInstance", nlohmann::json::object(), options);
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].headers.at("x-tc-region"), "ap-guangzhou");
  EXPECT_EQ(sent[0].headers.at("x-tc-token"), "temporary-token");
  EXPECT_EQ(sent[1].headers.at("x-tc-region"), "ap-shanghai");
}

TEST(SslClient, FinalErrorSurfacesWithCodeMessageAndRequestId) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return api_error("FailedOperation.CertificateNotFound", "rid-404");
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  const ApiError e = error_of([&] {
    client.call("DescribeCertificate", {{"CertificateId", "abcd1234"}});
  });
  EXPECT_EQ(e.action(), "DescribeCertificate");
  EXPECT_EQ(e.code(), "FailedOperation.CertificateNotFound");
  EXPECT_EQ(e.message(), "scripted FailedOperation.CertificateNotFound");
  EXPECT_EQ(e.request_id(), "rid-404");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_EQ(e.http_status(), 200);
  EXPECT_EQ(server.count(), 1u);  // final: not retried
  EXPECT_EQ(client.stats().failed_calls, 1);
}

// Found by tests/fuzz (api_response): members of the answer with other types than documented
// escaped as nlohmann type_error instead of an ApiError.
TEST(SslClient, ErrorWhoseCodeIsNotAStringIsStillAnApiError) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return Reply{200,
                 R"({"Response":{"Error":{"Code":["x"],"Message":{"m":1}},"RequestId":"rid-1"}})"};
  });
  ClientConfig config = config_for(server);
  config.max_retries = 0;
  Client client = make_client(kSslApi, config, quick());
  const ApiError e = error_of([&] {
    client.call("DescribeCertificate", {{"CertificateId", "abcd1234"}});
  });
  EXPECT_EQ(e.code(), "InternalError");  // as for an error without a Code
  EXPECT_EQ(e.message(), "");
  EXPECT_EQ(e.request_id(), "rid-1");
}

TEST(SslClient, SuccessWhoseRequestIdIsNotAStringIsReturned) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return Reply{200, R"({"Response":{"RequestId":5,"CertificateId":"abc"}})"};
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  const auto response = client.call("DescribeCertificate", {{"CertificateId", "abc"}});
  EXPECT_EQ(response.at("CertificateId"), "abc");
  EXPECT_EQ(client.stats().failed_calls, 0);
}

TEST(SslClient, ThrottlingIsRetriedThenSucceeds) {
  FakeApiServer server([](const RecordedRequest&, int index) {
    if (index == 0) return api_error("RequestLimitExceeded");
    if (index == 1) return api_error("LimitExceeded.RateLimitExceeded");
    return ok({{"TotalCount", 3}});
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  EXPECT_EQ(client.call("DescribeCertificates", {})["TotalCount"], 3);
  EXPECT_EQ(server.count(), 3u);
  EXPECT_EQ(client.stats().throttled_retries, 2);
  EXPECT_EQ(client.stats().attempts, 3);
}

TEST(SslClient, Http5xxAndInternalErrorsAreRetried) {
  FakeApiServer server([](const RecordedRequest&, int index) {
    if (index == 0) return Reply{503, "<html>Service Unavailable</html>"};
    if (index == 1) return api_error("InternalError.BackendResponseError");
    return ok({});
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  client.call("DescribeCertificates", {});
  EXPECT_EQ(server.count(), 3u);
  EXPECT_EQ(client.stats().transient_retries, 2);
}

TEST(SslClient, RetriesStopAtMaxRetries) {
  FakeApiServer server([](const RecordedRequest&, int) { return api_error("InternalError"); });
  ClientConfig config = config_for(server);
  config.max_retries = 3;
  Client client = make_client(kSslApi, config, quick());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}); });
  EXPECT_EQ(e.code(), "InternalError");
  EXPECT_EQ(e.error_class(), ErrorClass::Transient);
  EXPECT_EQ(server.count(), 4u);  // one attempt + three retries
}

TEST(SslClient, DeadlineBoundsRetries) {
  FakeApiServer server([](const RecordedRequest&, int) { return api_error("InternalError"); });
  ClientConfig config = config_for(server);
  config.max_retries = 1000;
  ClientTuning tuning = quick();
  tuning.backoff = {milliseconds(20), milliseconds(20), milliseconds(0)};
  Client client = make_client(kSslApi, config, tuning);
  CallOptions options;
  options.deadline = Clock::now() + milliseconds(200);
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}, options); });
  EXPECT_EQ(e.error_class(), ErrorClass::DeadlineExceeded);
  EXPECT_EQ(e.code(), "InternalError");  // the last error the API gave
  EXPECT_EQ(e.request_id(), "req-err");
  EXPECT_LT(server.count(), 1000u);
  EXPECT_GE(server.count(), 1u);
}

TEST(SslClient, TimeoutIsTransientAndBoundedByTheDeadline) {
  FakeApiServer server([](const RecordedRequest&, int) { return Reply{200, "", true}; });
  ClientConfig config = config_for(server);
  config.request_timeout = milliseconds(100);
  config.max_retries = 0;
  {
    Client client = make_client(kSslApi, config, quick());
    const ApiError e = error_of([&] { client.call("DescribeCertificates", {}); });
    EXPECT_EQ(e.code(), "Transport.Timeout");
    EXPECT_EQ(e.error_class(), ErrorClass::Transient);
    EXPECT_EQ(e.http_status(), 0);
  }
  config.max_retries = 100;
  config.request_timeout = std::chrono::seconds(30);
  Client client = make_client(kSslApi, config, quick());
  CallOptions options;
  options.deadline = Clock::now() + milliseconds(300);
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}, options); });
  EXPECT_EQ(e.error_class(), ErrorClass::DeadlineExceeded);
}

// A DescribeCertificates call cancelled (StopProvider) once the server received its first
// request: the error it ends with.
ApiError cancelled_call(Client& client, RequestGate& gate) {
  CallOptions options;
  std::thread stopper([&] {
    gate.wait_for(1);
    options.cancel.cancel();
  });
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}, options); });
  stopper.join();
  return e;
}

TEST(SslClient, CancellationInterruptsARetryWait) {
  RequestGate gate;
  FakeApiServer server([&](const RecordedRequest&, int) {
    gate.arrived();
    return api_error("RequestLimitExceeded");
  });
  ClientTuning tuning = quick();
  tuning.backoff = {std::chrono::hours(1), std::chrono::hours(1), std::chrono::hours(1)};
  Client client = make_client(kSslApi, config_for(server), tuning);
  EXPECT_EQ(cancelled_call(client, gate).error_class(), ErrorClass::Cancelled);
  EXPECT_EQ(server.count(), 1u);
}

TEST(SslClient, CancellationInterruptsAnExchange) {
  RequestGate gate;
  FakeApiServer server([&](const RecordedRequest&, int) {
    gate.arrived();
    return Reply{200, "", true};
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  EXPECT_EQ(cancelled_call(client, gate).error_class(), ErrorClass::Cancelled);
}

TEST(SslClient, ExpiredSignatureIsResignedOnce) {
  FakeApiServer server([](const RecordedRequest&, int index) {
    return index == 0 ? api_error("AuthFailure.SignatureExpire") : ok({});
  });
  Client client = make_client(kSslApi, config_for(server), quick());
  client.call("DescribeCertificates", {});
  EXPECT_EQ(server.count(), 2u);

  FakeApiServer always(
      [](const RecordedRequest&, int) { return api_error("AuthFailure.SignatureExpire"); });
  Client skewed = make_client(kSslApi, config_for(always), quick());
  EXPECT_THROW(skewed.call("DescribeCertificates", {}), ApiError);
  EXPECT_EQ(always.count(), 2u);
}

TEST(SslClient, AnswerOutsideTheEnvelopeIsAFinalError) {
  FakeApiServer server([](const RecordedRequest&, int) { return Reply{200, R"({"ok":true})"}; });
  Client client = make_client(kSslApi, config_for(server), quick());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}); });
  EXPECT_EQ(e.code(), "Transport.InvalidResponse");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_EQ(server.count(), 1u);
}

// A port of this process's where every connection is refused, for the whole test binary.
const cloudssl::testing::RefusingPort& refusing_port() {
  static const cloudssl::testing::RefusingPort port;
  return port;
}

// A client of an endpoint where nothing listens: every connect is refused (the port is held, so
// no other process can be listening there instead).
ClientConfig refused_endpoint_config(int retries) {
  EXPECT_TRUE(refusing_port().ok());
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.endpoint = refusing_port().url();
  config.max_retries = retries;
  return config;
}

// The refused endpoint stays refused: no other socket can bind its port meanwhile (a freed
// port could be taken by another process, which would answer the client instead), and a
// connect there is refused.
TEST(SslClient, TheRefusedEndpointsPortIsHeld) {
  const cloudssl::testing::RefusingPort& held = refusing_port();
  ASSERT_TRUE(held.ok());
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(held.port()));
  const int other = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(other, 0);
  EXPECT_NE(::bind(other, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(errno, EADDRINUSE);
  ::close(other);
  const int client = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(client, 0);
  EXPECT_NE(::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(errno, ECONNREFUSED);
  ::close(client);
}

TEST(SslClient, ConnectionRefusedIsTransient) {
  Client client = make_client(kSslApi, refused_endpoint_config(2), quick());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}); });
  EXPECT_EQ(e.code(), "Transport.ConnectFailed");
  EXPECT_EQ(e.error_class(), ErrorClass::Transient);
  EXPECT_EQ(client.stats().attempts, 3);
}

// ApiError::sent: false only when no attempt can have reached the API (nothing to look up or
// undo), true once one may have.
TEST(SslClient, AnErrorSaysWhetherTheCallWasSent) {
  const ClientConfig config = refused_endpoint_config(1);
  Client refused = make_client(kSslApi, config, quick());
  EXPECT_FALSE(error_of([&] { refused.call("DescribeCertificates", {}); }).sent());

  FakeApiServer server([](const RecordedRequest&, int) { return api_error("FailedOperation"); });
  Client client = make_client(kSslApi, config_for(server), quick());
  CallOptions stopped;
  stopped.cancel.cancel();
  const ApiError cancelled = error_of([&] { client.call("DescribeCertificates", {}, stopped); });
  EXPECT_EQ(cancelled.error_class(), ErrorClass::Cancelled);
  EXPECT_FALSE(cancelled.sent());
  CallOptions late;
  late.deadline = Clock::now() - milliseconds(1);
  EXPECT_FALSE(error_of([&] { client.call("DescribeCertificates", {}, late); }).sent());
  EXPECT_EQ(server.count(), 0u);

  const ApiError answered = error_of([&] { client.call("DescribeCertificates", {}); });
  EXPECT_EQ(answered.code(), "FailedOperation");
  EXPECT_TRUE(answered.sent());
}

// Reads one HTTP request (headers, then Content-Length bytes of body) from `socket`; false when
// the connection ends first.
bool read_request(int socket) {
  std::string seen;
  char buffer[4096];
  std::size_t end = std::string::npos;
  while ((end = seen.find("\r\n\r\n")) == std::string::npos) {
    const auto n = ::recv(socket, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  std::size_t length = 0;
  if (const auto at = seen.find("Content-Length: "); at != std::string::npos && at < end)
    length = std::stoul(seen.substr(at + 16));
  while (seen.size() < end + 4 + length) {
    const auto n = ::recv(socket, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    seen.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// An answer to one request, kept alive.
void answer_ok(int socket) {
  const std::string body = R"({"Response":{"TotalCount":0,"Certificates":[],"RequestId":"r1"}})";
  const std::string answer =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  [[maybe_unused]] auto n = ::send(socket, answer.data(), answer.size(), MSG_NOSIGNAL);
}

// A server whose connection kept from an answered call dies once the next request is written
// to it, and then nothing listens any more: libcurl reconnects by itself, and that connect is
// refused (the port stays held, so no other process can answer it instead). `requests` counts
// the requests it read.
class VanishingServer {
 public:
  VanishingServer() : listener_(std::make_unique<cloudssl::testing::LoopbackListener>(held_)) {
    endpoint_ = "http://127.0.0.1:" + std::to_string(listener_->port());
    ok_ = listener_->ok();
    thread_ = std::thread([this] {
      const int client = ::accept(listener_->fd(), nullptr, nullptr);
      if (client < 0) return;
      if (read_request(client)) {
        ++requests_;
        answer_ok(client);
        if (read_request(client)) ++requests_;
      }
      listener_.reset();  // nothing listens (held_ keeps the port): libcurl's reconnect is refused
      ::close(client);
    });
  }
  ~VanishingServer() { join(); }
  VanishingServer(const VanishingServer&) = delete;
  VanishingServer& operator=(const VanishingServer&) = delete;
  bool ok() const { return ok_; }  // listening on the held port
  const std::string& endpoint() const { return endpoint_; }
  int requests() {
    join();
    return requests_;
  }

 private:
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  cloudssl::testing::RefusingPort held_;  // before listener_: it shares held_'s port
  std::unique_ptr<cloudssl::testing::LoopbackListener> listener_;
  std::string endpoint_;
  bool ok_ = false;
  int requests_ = 0;
  std::thread thread_;
};

// The API may have processed the request written before the connection died, so the error
// says it was sent, and is a lost answer (a reset connection), not a connection never made.
TEST(SslClient, ARequestWrittenBeforeTheServerVanishedWasSent) {
  VanishingServer server;
  ASSERT_TRUE(server.ok());
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.endpoint = server.endpoint();
  config.max_retries = 0;
  Client client = make_client(kSslApi, config, quick());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {}));
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {}); });
  ASSERT_EQ(server.requests(), 2);
  EXPECT_EQ(e.code(), "Transport.ConnectionReset") << e.message();
  EXPECT_TRUE(e.sent());
}

// A retry of a request that may have been processed first asks whether it landed (a second
// UploadCertificate would be a second certificate): here the server reads the request and
// closes the connection without an answer.
TEST(SslClient, AWrittenRequestWhoseConnectionDiedIsLookedForBeforeARetry) {
  int requests = 0;
  nlohmann::json result;
  int looked = 0;
  {
    cloudssl::testing::OneShotServer server([&](int socket) {
      if (read_request(socket)) ++requests;
    });
    ClientConfig config;
    config.credentials = {kSecretId, kSecretKey, ""};
    config.endpoint = server.url();
    config.max_retries = 2;
    Client client = make_client(kSslApi, config, quick());
    CallOptions options;
    options.find_landed = [&]() -> std::optional<nlohmann::json> {
      ++looked;
      return nlohmann::json{{"CertificateId", "landed"}};
    };
    EXPECT_NO_THROW(result = client.call("UploadCertificate", {}, options));
  }
  EXPECT_EQ(looked, 1);
  EXPECT_EQ(result.value("CertificateId", ""), "landed");
  EXPECT_EQ(requests, 1);
}

// Where the second of two calls arrives, "kept" (the first call's connection) or "fresh" (a
// connection of its own); the second call is made with `options`.
std::string where_the_second_call_went(const CallOptions& options) {
  cloudssl::testing::LoopbackListener listener;
  if (!listener.ok()) return "no listener";
  std::string second_on;
  std::thread server([&] {
    const int first = ::accept(listener.fd(), nullptr, nullptr);
    if (first < 0) return;
    if (read_request(first)) answer_ok(first);
    pollfd fds[2] = {{listener.fd(), POLLIN, 0}, {first, POLLIN, 0}};
    if (::poll(fds, 2, 20000) > 0) {
      if (fds[1].revents & POLLIN) {
        if (read_request(first)) {
          second_on = "kept";
          answer_ok(first);
        }
      } else if (fds[0].revents & POLLIN) {
        const int fresh = ::accept(listener.fd(), nullptr, nullptr);
        if (fresh >= 0 && read_request(fresh)) {
          second_on = "fresh";
          answer_ok(fresh);
        }
        if (fresh >= 0) ::close(fresh);
      }
    }
    ::close(first);
  });
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.endpoint = "http://127.0.0.1:" + std::to_string(listener.port());
  config.max_retries = 0;
  Client client = make_client(kSslApi, config, quick());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {}));
  EXPECT_NO_THROW(client.call("UploadCertificate", {}, options));
  server.join();
  return second_on;
}

// A call that must not land twice never goes on a kept connection: libcurl would write it
// again by itself if that connection turned out dead after the write. Other calls keep theirs.
TEST(SslClient, ACallThatMustNotLandTwiceGoesOnAConnectionOfItsOwn) {
  CallOptions once;
  once.send_once = true;
  EXPECT_EQ(where_the_second_call_went(once), "fresh");
  CallOptions looked_for;  // UploadCertificate with Repeatable = true, ReplaceCertificate
  looked_for.find_landed = [] { return std::optional<nlohmann::json>(); };
  EXPECT_EQ(where_the_second_call_went(looked_for), "fresh");
  EXPECT_EQ(where_the_second_call_went({}), "kept");
}

// A TLS handshake that times out before the request is written cannot have reached the API: a
// send-once call is retried (not failed as "may have been processed"), and the error says it
// was not sent. The listener completes TCP connects in its backlog and never answers.
TEST(SslClient, ATimeoutBeforeTheRequestWasWrittenWasNotSent) {
  cloudssl::testing::LoopbackListener silent(8);
  ASSERT_TRUE(silent.ok());
  ClientConfig config;
  config.credentials = {kSecretId, kSecretKey, ""};
  config.endpoint = "https://127.0.0.1:" + std::to_string(silent.port());
  config.connect_timeout = milliseconds(150);
  config.request_timeout = milliseconds(150);
  config.max_retries = 1;
  Client client = make_client(kSslApi, config, quick());
  CallOptions once;
  once.send_once = true;
  int looked = 0;
  once.find_landed = [&] {
    ++looked;
    return std::optional<nlohmann::json>();
  };
  const ApiError e = error_of([&] { client.call("CreateCertificate", {}, once); });
  EXPECT_EQ(e.code(), "Transport.Timeout") << e.message();
  EXPECT_FALSE(e.sent());
  EXPECT_EQ(e.error_class(), ErrorClass::Transient) << e.message();
  EXPECT_EQ(e.message().find("may have been processed"), std::string::npos) << e.message();
  EXPECT_EQ(looked, 0);
  EXPECT_EQ(client.stats().attempts, 2);  // retried: nothing can have landed
}

// How a send-once UploadCertificate whose request `server` takes only partly (and never
// answers) ends, with a 1 s limit per attempt and retries allowed.
struct StalledCall {
  ApiError error;
  int looked = 0;    // find_landed calls
  int attempts = 0;  // the client's
  cloudssl::testing::StallingServer::Seen seen;
};
StalledCall send_once_to(cloudssl::testing::StallingServer& server, std::size_t key_bytes) {
  int looked = 0;
  int attempts = 0;
  std::optional<ApiError> error;
  {
    ClientConfig config;
    config.credentials = {kSecretId, kSecretKey, ""};
    config.endpoint = server.url();
    config.ca_file = server.ca_file();
    config.connect_timeout = milliseconds(1000);
    config.request_timeout = milliseconds(1000);
    config.max_retries = 2;
    Client client = make_client(kSslApi, config, quick());
    CallOptions once;
    once.send_once = true;
    once.find_landed = [&] {
      ++looked;
      return std::optional<nlohmann::json>();
    };
    error = error_of([&] {
      client.call("UploadCertificate", {{"CertificatePublicKey", std::string(key_bytes, 'x')}},
                  once);
    });
    attempts = static_cast<int>(client.stats().attempts);
  }  // the client's connections closed: the server reads them to their end
  return {*error, looked, attempts, server.release()};
}

// A request partly written when its timeout fires may have been processed: the send-once call
// looks for what it did and is not sent again. Here the server reads 300 bytes of a 16 MB
// request, which the socket buffers cannot hold.
TEST(SslClient, ASendOnceCallPartlyWrittenWhenItTimedOutIsNotSentAgain) {
  cloudssl::testing::StallingServer server({.read_limit = 300});
  ASSERT_TRUE(server.ok());
  const StalledCall call = send_once_to(server, 16 << 20);
  EXPECT_EQ(call.error.code(), "Transport.Timeout") << call.error.message();
  EXPECT_TRUE(call.error.sent());
  EXPECT_NE(call.error.message().find("may have been processed"), std::string::npos)
      << call.error.message();
  EXPECT_EQ(call.looked, 1);
  EXPECT_EQ(call.attempts, 1);
  ASSERT_EQ(call.seen.bytes.size(), 1u);  // one request reached the server
  EXPECT_LT(call.seen.bytes[0], std::size_t{16 << 20});
}

// The same over TLS with a request under 64 KB, which libcurl hands to OpenSSL in one write:
// the server completes the handshake, never reads, and its narrow window stops that write
// partway, after records of the request have reached it. With libcurl 7.80+ the pre-request
// callback tells that the write began, with an older one the pre-transfer time
// (http_client_partial_write_test.cpp runs both against one libcurl).
TEST(SslClient, ASendOnceTlsCallWhoseWriteBlockedPartwayIsNotSentAgain) {
  cloudssl::testing::StallingServer server({.narrow_window = true, .tls = true});
  ASSERT_TRUE(server.ok());
  const StalledCall call = send_once_to(server, 60000);
  EXPECT_EQ(call.error.code(), "Transport.Timeout") << call.error.message();
  EXPECT_TRUE(call.error.sent());
  EXPECT_NE(call.error.message().find("may have been processed"), std::string::npos)
      << call.error.message();
  EXPECT_EQ(call.looked, 1);
  EXPECT_EQ(call.attempts, 1);
  ASSERT_EQ(call.seen.bytes.size(), 1u);
  EXPECT_GT(call.seen.bytes[0], 0u);
}

TEST(SslClient, RejectsEndpointsWithoutSchemeOrWithAPath) {
  ClientConfig config;
  config.endpoint = "ssl.tencentcloudapi.com";
  EXPECT_THROW(make_client(kSslApi, config), std::invalid_argument);
  config.endpoint = "ftp://ssl.tencentcloudapi.com";
  EXPECT_THROW(make_client(kSslApi, config), std::invalid_argument);
  config.endpoint = "https://ssl.tencentcloudapi.com/v3";
  EXPECT_THROW(make_client(kSslApi, config), std::invalid_argument);
  config.endpoint = "https://ssl.intl.tencentcloudapi.com/";
  EXPECT_NO_THROW(make_client(kSslApi, config));
}

TEST(SslClient, ConcurrentCallsShareTheClient) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  Client client = make_client(kSslApi, config_for(server), quick());
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) client.call("DescribeCertificates", {});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(server.count(), 80u);
  EXPECT_EQ(client.stats().calls, 80);
  EXPECT_EQ(client.stats().failed_calls, 0);
}

}  // namespace
}  // namespace cloudssl::api::tencent
