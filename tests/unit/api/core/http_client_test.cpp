// The transport on its own: keep-alive reuse, response headers, dropped connections.
#include "api/core/http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/fake_api_server.h"
#include "tests/support/loopback_listener.h"

namespace cloudssl::api {
namespace {

using namespace testing;

TEST(HttpClient, ReusesOneConnectionForSequentialRequests) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  HttpClient http;
  HttpRequest request;
  request.url = server.endpoint() + "/";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "{}";
  for (int i = 0; i < 5; ++i) {
    const auto response = http.send(request);
    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("req-ok"), std::string::npos);
    EXPECT_EQ(response.headers.at("content-type"), "application/json");
  }
  EXPECT_EQ(server.count(), 5u);
  EXPECT_EQ(http.connections_opened(), 1);
}

TEST(HttpClient, SendsHeadersAndBodyAsGiven) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  HttpClient http;
  HttpRequest request;
  request.url = server.endpoint() + "/";
  request.headers = {{"Host", "ssl.tencentcloudapi.com"}, {"X-TC-Action", "Foo"}};
  request.body = R"({"A": 1})";
  http.send(request);
  const auto sent = server.requests().at(0);
  EXPECT_EQ(sent.headers.at("host"), "ssl.tencentcloudapi.com");
  EXPECT_EQ(sent.headers.at("x-tc-action"), "Foo");
  EXPECT_EQ(sent.headers.count("expect"), 0u);
  EXPECT_EQ(sent.body, R"({"A": 1})");
  EXPECT_EQ(sent.method, "POST");
}

// A GET carries its parameters in the query string exactly as given and no body; the pooled
// handle then sends a POST with its body again (its options are reset between requests).
TEST(HttpClient, GetSendsTheQueryAndNoBodyThenPostStillPosts) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  HttpClient http;
  HttpRequest get;
  get.method = HttpMethod::Get;
  get.url = server.endpoint() + "/?Action=CertificateGetInstance&Version=2024-10-01&Name=a%20b";
  get.headers = {{"X-Date", "20240101T000000Z"}};
  EXPECT_EQ(http.send(get).status, 200);
  HttpRequest post;
  post.url = server.endpoint() + "/";
  post.body = R"({"B": 2})";
  EXPECT_EQ(http.send(post).status, 200);
  EXPECT_EQ(http.send(get).status, 200);

  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].query, "Action=CertificateGetInstance&Version=2024-10-01&Name=a%20b");
  EXPECT_EQ(sent[0].body, "");
  EXPECT_EQ(sent[0].headers.at("x-date"), "20240101T000000Z");
  EXPECT_EQ(sent[1].method, "POST");
  EXPECT_EQ(sent[1].body, R"({"B": 2})");
  EXPECT_EQ(sent[2].method, "GET");
  EXPECT_EQ(sent[2].body, "");
  EXPECT_EQ(http.connections_opened(), 1);
}

TEST(HttpClient, DroppedConnectionIsAConnectionReset) {
  // Reads the request and closes without answering.
  cloudssl::testing::OneShotServer server([](int client) {
    char buffer[4096];
    [[maybe_unused]] auto n = ::recv(client, buffer, sizeof buffer, 0);
  });
  HttpClient http;
  HttpRequest request;
  request.url = server.url() + "/";
  request.body = "{}";
  try {
    http.send(request);
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::ConnectionReset) << e.what();
    EXPECT_EQ(e.code(), "Transport.ConnectionReset");
  }
}

TEST(HttpClient, AlreadyCancelledSendsNothing) {
  FakeApiServer server([](const RecordedRequest&, int) { return ok({}); });
  HttpClient http;
  HttpRequest request;
  request.url = server.endpoint() + "/";
  CancellationToken cancel;
  cancel.cancel();
  try {
    http.send(request, cancel);
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::Cancelled);
  }
  EXPECT_EQ(server.count(), 0u);
}

}  // namespace
}  // namespace cloudssl::api
