// The endpoint URL rules every client and the provider's configuration share
// (api/core/endpoint.h): what is usable, how it is quoted, which endpoints are loopback ones.
#include "api/core/endpoint.h"

#include <gtest/gtest.h>

namespace cloudssl::api {
namespace {

// The test settings' gate fails closed: only a loopback host (localhost, 127.0.0.0/8, [::1]),
// whatever its port, case or trailing dots, is the simulator's.
TEST(Endpoint, LoopbackHostsAreLocalhost127Slash8AndV6One) {
  for (const char* local :
       {"http://127.0.0.1:8080", "http://127.0.0.1", "http://127.8.9.10:1/", "http://127.255.0.1//",
        "http://localhost:80", "http://LocalHost.:8080", "http://localhost.", "http://localhost..",
        "https://[::1]:8443", "http://[::1]"})
    EXPECT_TRUE(loopback_endpoint(local)) << local;
  for (const char* elsewhere :
       {"https://ssl.tencentcloudapi.com", "https://ssl.tencentcloudapi.com.",
        "http://10.0.0.1:8080", "http://128.0.0.1", "http://126.0.0.1", "http://0.0.0.0",
        "http://127.0.0.1.example.com", "http://localhost.example.com", "http://localhostx",
        "http://[::2]:8080", "http://[::ffff:127.0.0.1]", "http://127.1", "http://2130706433"})
    EXPECT_FALSE(loopback_endpoint(elsewhere)) << elsewhere;
}

// Credentials before the host are refused (endpoint_problem: they would be logged), whichever
// side of the '@' the loopback name is on.
TEST(Endpoint, AnEndpointWithUserinfoIsNoLoopbackOne) {
  for (const char* userinfo :
       {"http://u:p@127.0.0.1:8080", "http://u@localhost",
        "https://127.0.0.1@ssl.tencentcloudapi.com", "https://u:p@ssl.tencentcloudapi.com",
        "http://localhost:8080@[::1]"})
    EXPECT_FALSE(loopback_endpoint(userinfo)) << userinfo;
}

// What does not parse as scheme://host[:port] is not loopback, even when it names 127.0.0.1.
TEST(Endpoint, AnUnparsableEndpointIsNoLoopbackOne) {
  for (const char* unparsable :
       {"", "not a url", "127.0.0.1:8080", "ftp://127.0.0.1", "http://", "http://127.0.0.1/v1",
        "http://127.0.0.1:", "http://127.0.0.1:80x", "http://127.0.0.1:-1", "http://[::1",
        "http://[::1]x", "http://127.0.0.1#x", "http://ssl.tencentcloudapi.com#@127.0.0.1"})
    EXPECT_FALSE(loopback_endpoint(unparsable)) << unparsable;
}

}  // namespace
}  // namespace cloudssl::api
