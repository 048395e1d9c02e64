// A request that times out while it is being written counts as written (TransportError::
// request_written): a send-once call must then not be sent again. The servers here take only a
// part of the request, or none of it, and never answer. Over TLS this rests on libcurl's
// pre-request callback (7.80+), else on its pre-transfer time: each TLS case runs both ways,
// the second with a copy of the process's libcurl that says it lacks the callback.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "api/core/curl_library.h"
#include "api/core/http_client.h"
#include "tests/support/loopback_listener.h"
#include "tests/support/stalling_server.h"

namespace cloudssl::api {
namespace {

using cloudssl::testing::StallingServer;
using cloudssl::testing::StallingServerOptions;

enum class Callback { Used, Unavailable };

// The process's libcurl, or a copy of it as a libcurl before 7.80 would be (no
// CURLOPT_PREREQFUNCTION).
CurlLibrary libcurl(Callback callback) {
  CurlLibrary lib = curl_library();
  if (callback == Callback::Unavailable) lib.prereq_function = false;
  return lib;
}

// Sends `body` to `url` with a `limit` on connecting and in all; the TransportError it ends
// with, if any.
std::optional<TransportError> send_to(const std::string& url, const std::string& ca_file,
                                      const std::string& body, Callback callback,
                                      std::chrono::milliseconds limit = std::chrono::seconds(1)) {
  const CurlLibrary lib = libcurl(callback);
  HttpClient http(ca_file, &lib);
  HttpRequest request;
  request.url = url + "/";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = body;
  request.connect_timeout = limit;
  request.total_timeout = limit;
  request.fresh_connection = true;
  try {
    http.send(request);
  } catch (const TransportError& e) {
    return e;
  }
  return std::nullopt;  // the client (and its connection) is gone when this returns
}
std::optional<TransportError> send_to(const StallingServer& server, const std::string& body,
                                      Callback callback = Callback::Used) {
  return send_to(server.url(), server.ca_file(), body, callback);
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
void expect_a_blocked_tls_write_written(Callback callback) {
  StallingServer server(StallingServerOptions{.narrow_window = true, .tls = true});
  ASSERT_TRUE(server.ok());
  const auto error = send_to(server, std::string(60000, 'x'), callback);
  const auto seen = server.release();
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind(), TransportError::Kind::Timeout) << error->what();
  EXPECT_TRUE(error->request_written()) << error->what();
  ASSERT_EQ(seen.bytes.size(), 1u);
  EXPECT_GT(seen.bytes[0], 0u);  // records of the request arrived
  EXPECT_LT(seen.bytes[0], 60000u);
}

TEST(HttpClientPartialWrite, ATlsRequestWhoseFirstWriteBlockedWasWritten) {
  if (!curl_library().prereq_function) {
    GTEST_SKIP() << curl_library().path << " lacks CURLOPT_PREREQFUNCTION (libcurl < 7.80)";
  }
  expect_a_blocked_tls_write_written(Callback::Used);
}

// A libcurl before 7.80: the pre-transfer time, taken after that first write, tells.
TEST(HttpClientPartialWrite,
     ATlsRequestWhoseFirstWriteBlockedWasWrittenWithoutThePreRequestCallback) {
  expect_a_blocked_tls_write_written(Callback::Unavailable);
}

// A TLS handshake that times out (the listener completes TCP connects in its backlog and never
// answers) wrote nothing of the request, whichever of the two tells.
TEST(HttpClientPartialWrite, ATlsHandshakeThatTimedOutWroteNothing) {
  for (const Callback callback : {Callback::Used, Callback::Unavailable}) {
    cloudssl::testing::LoopbackListener silent(8);
    ASSERT_TRUE(silent.ok());
    const auto error = send_to("https://127.0.0.1:" + std::to_string(silent.port()), "", "{}",
                               callback, std::chrono::milliseconds(150));
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind(), TransportError::Kind::Timeout) << error->what();
    EXPECT_FALSE(error->request_written()) << error->what();
  }
}

}  // namespace
}  // namespace cloudssl::api
