// The simulator's HTTP answers: JSON is sent uncompressed even to a client that accepts
// brotli and gzip (as libcurl does), so that the simulator's own compression never becomes
// the cost a benchmark measures.
#include <httplib.h>

#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using HttpAnswerTest = SimTest;

TEST_F(HttpAnswerTest, JsonIsNotCompressedForAClientAcceptingBrotliAndGzip) {
  for (int i = 0; i < 20; ++i) upload(make_pem("answer" + std::to_string(i) + ".example.com"));
  httplib::Client http("127.0.0.1", server->port());
  http.set_decompress(false);  // see the answer as it travelled
  const auto answer = http.Get("/_sim/requests", {{"Accept-Encoding", "br, gzip, deflate"}});
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_FALSE(answer->has_header("Content-Encoding"))
      << answer->get_header_value("Content-Encoding");
  EXPECT_EQ(answer->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_TRUE(nlohmann::json::parse(answer->body).contains("counters"));
}

}  // namespace
}  // namespace cloudssl::sim::test
