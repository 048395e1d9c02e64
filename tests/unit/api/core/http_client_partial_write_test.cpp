// A request that times out while it is being written counts as written (TransportError::
// request_written): a send-once call must then not be sent again. The servers here take only a
// part of the request, or none of it, and never answer.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "api/core/http_client.h"
#include "tests/support/stalling_server.h"

namespace cloudssl::api {
namespace {

using cloudssl::testing::StallingServer;
using cloudssl::testing::StallingServerOptions;

// Sends `body` to `server` with a 1 s limit; the TransportError it ends with, if any.
std::optional<TransportError> send_to(const StallingServer& server, const std::string& body) {
  HttpClient http(server.ca_file());
  HttpRequest request;
  request.url = server.url() + "/";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = body;
  request.connect_timeout = std::chrono::seconds(1);
  request.total_timeout = std::chrono::seconds(1);
  request.fresh_connection = true;
  try {
    http.send(request);
  } catch (const TransportError& e) {
    return e;
  }
  return std::nullopt;  // the client (and its connection) is gone when this returns
}

// Several MB: more than the loopback socket buffers take, so the write cannot finish.
const std::string kLargeBody(16 << 20, 'x');

// The server reads the request's first 300 bytes (its headers, partly) and stalls: the body
// fills the socket buffers and the timeout fires mid-write.
TEST(HttpClientPartialWrite, ARequestPartlyWrittenWhenTheTimeoutFiresWasWritten) {
  StallingServer server(StallingServerOptions{.read_limit = 300});
  ASSERT_TRUE(server.ok());
  const auto error = send_to(server, kLargeBody);
  const auto seen = server.release();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), TransportError::Kind::Timeout) << error->what();
  EXPECT_TRUE(error->request_written()) << error->what();
  ASSERT_EQ(seen.bytes.size(), 1u);
  EXPECT_GT(seen.bytes[0], 300u);
  EXPECT_LT(seen.bytes[0], kLargeBody.size());  // partly: the client could not write it all
}

// The server never reads: only the kernel's buffers took bytes, which left the process.
TEST(HttpClientPartialWrite, ARequestTheServerNeverReadWasWritten) {
  StallingServer server(StallingServerOptions{});
  ASSERT_TRUE(server.ok());
  const auto error = send_to(server, kLargeBody);
  const auto seen = server.release();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), TransportError::Kind::Timeout) << error->what();
  EXPECT_TRUE(error->request_written()) << error->what();
  ASSERT_EQ(seen.bytes.size(), 1u);
  EXPECT_GT(seen.bytes[0], 0u);
  EXPECT_LT(seen.bytes[0], kLargeBody.size());
}

// Over TLS, libcurl hands a request under 64 KB to OpenSSL in one SSL_write, which reports
// nothing written until every record has left: when the socket takes only some of them
// (a narrow window here), CURLINFO_REQUEST_SIZE stays 0 although records reached the server.
TEST(HttpClientPartialWrite, ATlsRequestWhoseFirstWriteBlockedWasWritten) {
  StallingServer server(StallingServerOptions{.narrow_window = true, .tls = true});
  ASSERT_TRUE(server.ok());
  const auto error = send_to(server, std::string(60000, 'x'));
  const auto seen = server.release();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), TransportError::Kind::Timeout) << error->what();
  EXPECT_TRUE(error->request_written()) << error->what();
  ASSERT_EQ(seen.bytes.size(), 1u);
  EXPECT_GT(seen.bytes[0], 0u);  // records of the request arrived
  EXPECT_LT(seen.bytes[0], 60000u);
}

}  // namespace
}  // namespace cloudssl::api
