// The endpoint URL rules every client and the provider's configuration share
// (api/core/endpoint.h): what is usable, how it is quoted, which endpoints are loopback ones.
#include "api/core/endpoint.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace cloudssl::api {
namespace {

TEST(Endpoint, SchemeAndHostWithTrailingSlashesAreUsable) {
  EXPECT_EQ(endpoint_problem("https://ssl.tencentcloudapi.com"), std::nullopt);
  const Endpoint local = parse_endpoint("http://127.0.0.1:8080//");
  EXPECT_EQ(local.scheme, "http");
  EXPECT_EQ(local.host, "127.0.0.1:8080");
  EXPECT_EQ(local.url(), "http://127.0.0.1:8080/");
  EXPECT_EQ(endpoint_problem("ssl.tencentcloudapi.com"), "it has no scheme");
  EXPECT_EQ(endpoint_problem("https:///"), "it has no host");
  EXPECT_EQ(endpoint_problem("https://x/v1"), "it has a path (the API is always served at /)");
}

// The host ends at the first '/', '?' or '#' (RFC 3986's authority): an '@' after it is in the
// query or fragment, not credentials. Such an endpoint is refused for its query or fragment
// (the clients send every request to "/", and a query kept in the host would reach libcurl and
// the Host header). It is quoted without what precedes its last '@' (a password may hold a
// '?' or '#'), and as it is without one.
TEST(Endpoint, AnAtInTheQueryOrFragmentIsNoCredentials) {
  for (const char* query : {"https://ssl.example.com?a=b@c", "https://ssl.example.com/?a=b@c",
                            "https://ssl.example.com?a=b", "http://127.0.0.1:8080?x"}) {
    EXPECT_EQ(endpoint_problem(query),
              "it has a query (the API is always served at /, without one)")
        << query;
    EXPECT_THROW(parse_endpoint(query), std::invalid_argument) << query;
  }
  EXPECT_EQ(without_userinfo("https://ssl.example.com?a=b"), "https://ssl.example.com?a=b");
  EXPECT_EQ(without_userinfo("https://ssl.example.com/?a=b@c"), "https://(credentials removed)@c");
  for (const char* fragment :
       {"https://ssl.example.com#me@x", "https://ssl.example.com//#@", "http://127.0.0.1#x"}) {
    EXPECT_EQ(endpoint_problem(fragment),
              "it has a fragment (the API is always served at /, without one)")
        << fragment;
  }
  EXPECT_EQ(without_userinfo("http://127.0.0.1#x"), "http://127.0.0.1#x");
}

// A password holding '/', '?' or '#' ends the authority early; the endpoint is still refused,
// and its password is never quoted (Volcengine secret keys are base64: '/' is common).
TEST(Endpoint, APasswordThatEndsTheHostEarlyIsNeverQuoted) {
  for (const char* url :
       {"https://AK:ab/cd@open.volcengineapi.com", "https://AK:ab?cd@open.volcengineapi.com",
        "https://AK:ab#cd@open.volcengineapi.com", "https://AK:a/b@c@x.com/"}) {
    ASSERT_TRUE(endpoint_problem(url).has_value()) << url;
    const std::string shown = without_userinfo(url);
    EXPECT_EQ(shown.find("ab"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("cd"), std::string::npos) << shown;
    try {
      parse_endpoint(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("cd"), std::string::npos) << e.what();
    }
  }
  // Without a scheme the value is refused for that, and quoted without its credentials too.
  EXPECT_EQ(endpoint_problem("AKID:s3cret@ssl.tencentcloudapi.com"), "it has no scheme");
  EXPECT_EQ(without_userinfo("AKID:s3cret@ssl.tencentcloudapi.com"),
            "(credentials removed)@ssl.tencentcloudapi.com");
  EXPECT_EQ(without_userinfo("ssl.tencentcloudapi.com"), "ssl.tencentcloudapi.com");
  // What precedes the first "://" is a scheme only if it is one (RFC 3986: a letter, then
  // letters, digits, '+', '-' or '.'). Credentials before the scheme, or a password holding
  // "://", leave a value without one, quoted without whatever precedes its last '@'.
  struct Case {
    const char* url;
    const char* shown;
    const char* problem;
    std::vector<std::string> secrets;
  };
  const char* const not_at_start = "it does not start with a scheme (https:// or http://)";
  const char* const not_http = "its scheme must be https or http";
  for (const auto& [url, shown, problem, secrets] : std::vector<Case>{
           {"AKID:s3cret@https://ssl.tencentcloudapi.com",
            "(credentials removed)@https://ssl.tencentcloudapi.com",
            not_at_start,
            {"AKID", "s3cret"}},
           {"id:pa://ss@host", "(credentials removed)@host", not_at_start, {"id", "pa", "ss"}},
           {"user@https://h", "(credentials removed)@https://h", not_at_start, {"user"}},
           {"HTTPS://id:k@h", "HTTPS://(credentials removed)@h", not_http, {"id:k"}},
           {"a+b.c-d://id:k@h", "a+b.c-d://(credentials removed)@h", not_http, {"id:k"}}}) {
    EXPECT_EQ(without_userinfo(url), shown) << url;
    EXPECT_EQ(endpoint_problem(url), problem) << url;
    std::string error;
    try {
      parse_endpoint(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const std::invalid_argument& e) {
      error = e.what();
    }
    for (const auto& secret : secrets) {
      EXPECT_EQ(without_userinfo(url).find(secret), std::string::npos) << url << ": " << secret;
      EXPECT_EQ(endpoint_problem(url).value_or("").find(secret), std::string::npos)
          << url << ": " << secret;
      EXPECT_EQ(error.find(secret), std::string::npos) << error << ": " << secret;
    }
  }
  EXPECT_EQ(endpoint_problem("://host"), not_at_start);
  EXPECT_NE(endpoint_problem("https://AK:ab/cd@open.volcengineapi.com")->find("credentials"),
            std::string::npos);
  EXPECT_NE(endpoint_problem("https://ssl.example.com/a@b")->find("or a path"), std::string::npos);
}

// Credentials before the host are refused, and quoted without them, whatever follows the host.
TEST(Endpoint, CredentialsBeforeTheHostAreRefusedAndNeverQuoted) {
  EXPECT_NE(endpoint_problem("https://u:p@ssl.example.com")->find("credentials before its host"),
            std::string::npos);
  EXPECT_EQ(without_userinfo("https://u:p@ssl.example.com"),
            "https://(credentials removed)@ssl.example.com");
  EXPECT_EQ(without_userinfo("https://u:p@w@ssl.example.com/"),
            "https://(credentials removed)@ssl.example.com/");
  try {
    parse_endpoint("http://user:s3cret@127.0.0.1:8080?a=b@c");
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
}

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
