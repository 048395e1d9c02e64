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
// the Host header). With an '@' past the host's end (in the query, or in a password holding a
// '?' or '#') nothing after the scheme is quoted: what follows that '@' may be a secret's tail.
TEST(Endpoint, AnAtInTheQueryOrFragmentIsNoCredentials) {
  for (const char* query : {"https://ssl.example.com?a=b@c", "https://ssl.example.com/?a=b@c",
                            "https://ssl.example.com?a=b", "http://127.0.0.1:8080?x"}) {
    EXPECT_EQ(endpoint_problem(query),
              "it has a query (the API is always served at /, without one)")
        << query;
    EXPECT_THROW(parse_endpoint(query), std::invalid_argument) << query;
  }
  EXPECT_EQ(quotable_endpoint("https://ssl.example.com?a=b"),
            "https://ssl.example.com(not quoted)");
  EXPECT_EQ(quotable_endpoint("https://ssl.example.com/?a=b@c"), "https://(not quoted)");
  const std::string shown = quotable_endpoint("https://ssl.tencentcloudapi.com/?SecretKey=ab@cd3f");
  EXPECT_EQ(shown, "https://(not quoted)");
  EXPECT_EQ(shown.find("cd3f"), std::string::npos) << shown;
  for (const char* fragment :
       {"https://ssl.example.com#me@x", "https://ssl.example.com//#@", "http://127.0.0.1#x"}) {
    EXPECT_EQ(endpoint_problem(fragment),
              "it has a fragment (the API is always served at /, without one)")
        << fragment;
  }
  EXPECT_EQ(quotable_endpoint("http://127.0.0.1#x"), "http://127.0.0.1(not quoted)");
}

// A password holding '/', '?' or '#' ends the authority early; the endpoint is still refused,
// and its password is never quoted (Volcengine secret keys are base64: '/' is common).
TEST(Endpoint, APasswordThatEndsTheHostEarlyIsNeverQuoted) {
  for (const char* url :
       {"https://AK:ab/cd@open.volcengineapi.com", "https://AK:ab?cd@open.volcengineapi.com",
        "https://AK:ab#cd@open.volcengineapi.com", "https://AK:a/b@c@x.com/"}) {
    ASSERT_TRUE(endpoint_problem(url).has_value()) << url;
    const std::string shown = quotable_endpoint(url);
    EXPECT_EQ(shown.find("ab"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("cd"), std::string::npos) << shown;
    try {
      parse_endpoint(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).find("cd"), std::string::npos) << e.what();
    }
  }
  // Without a scheme the value is refused for that, and not quoted at all.
  EXPECT_EQ(endpoint_problem("AKID:s3cret@ssl.tencentcloudapi.com"), "it has no scheme");
  EXPECT_EQ(quotable_endpoint("AKID:s3cret@ssl.tencentcloudapi.com"), "(not quoted)");
  EXPECT_EQ(quotable_endpoint("ssl.tencentcloudapi.com"), "(not quoted)");
  // What precedes the first "://" is a scheme only if it is one (RFC 3986: a letter, then
  // letters, digits, '+', '-' or '.'). Credentials before the scheme, or a password holding
  // "://", leave a value without one, not quoted at all.
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
            "(not quoted)",
            not_at_start,
            {"AKID", "s3cret"}},
           {"id:pa://ss@host", "(not quoted)", not_at_start, {"id", "pa", "ss"}},
           {"user@https://h", "(not quoted)", not_at_start, {"user"}},
           {"HTTPS://id:k@h", "HTTPS://(credentials removed)@h", not_http, {"id:k"}},
           {"a+b.c-d://id:k@h", "a+b.c-d://(credentials removed)@h", not_http, {"id:k"}}}) {
    EXPECT_EQ(quotable_endpoint(url), shown) << url;
    EXPECT_EQ(endpoint_problem(url), problem) << url;
    std::string error;
    try {
      parse_endpoint(url);
      ADD_FAILURE() << "accepted " << url;
    } catch (const std::invalid_argument& e) {
      error = e.what();
    }
    for (const auto& secret : secrets) {
      EXPECT_EQ(quotable_endpoint(url).find(secret), std::string::npos) << url << ": " << secret;
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
  EXPECT_EQ(quotable_endpoint("https://u:p@ssl.example.com"),
            "https://(credentials removed)@ssl.example.com");
  EXPECT_EQ(quotable_endpoint("https://u:p@w@ssl.example.com/"),
            "https://(credentials removed)@ssl.example.com/");
  try {
    parse_endpoint("http://user:s3cret@127.0.0.1:8080?a=b@c");
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
  }
}

// Whether `url` is refused by endpoint_problem and parse_endpoint, and quoted as `shown`, with
// none of `secrets` in the problem, the quote or parse_endpoint's error.
void expect_refused_without(const std::string& url, const std::string& shown,
                            const std::vector<std::string>& secrets) {
  SCOPED_TRACE(url);
  ASSERT_TRUE(endpoint_problem(url).has_value());
  EXPECT_EQ(quotable_endpoint(url), shown);
  std::string error;
  try {
    parse_endpoint(url);
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("\"" + shown + "\""), std::string::npos) << error;
  for (const auto& secret : secrets) {
    EXPECT_EQ(endpoint_problem(url)->find(secret), std::string::npos) << secret;
    EXPECT_EQ(error.find(secret), std::string::npos) << error << ": " << secret;
  }
}

// A "port" that is not one may be a secret: credentials with their "@host" left off, or a
// secret written where the port goes. Refused (it was accepted, logged at INFO by the
// provider's configure, and failed in libcurl), and not quoted; so is a '%' in the host
// (percent-encoded credentials), or a character no host name holds.
TEST(Endpoint, AnAuthorityThatIsNotHostAndPortIsRefusedAndNeverQuoted) {
  for (const char* url : {"https://AKID:s3cret", "https://host:s3cret",
                          "https://AKID:s3cret%40ssl.tencentcloudapi.com", "https://AKID:s3cret/",
                          "https://ssl.tencentcloudapi.com:443:s3cret", "https://AKID s3cret",
                          "https://AKID%3As3cret.tencentcloudapi.com"})
    expect_refused_without(url, "https://(not quoted)", {"s3cret", "AKID"});
  EXPECT_NE(
      endpoint_problem("https://AKID:s3cret%40ssl.tencentcloudapi.com").value_or("").find("'%'"),
      std::string::npos);
  EXPECT_NE(endpoint_problem("https://host:s3cret").value_or("").find("1 to 65535"),
            std::string::npos);
  for (const char* bad : {"http://127.0.0.1:0", "http://127.0.0.1:65536", "http://127.0.0.1:123456",
                          "http://127.0.0.1:", "http://:8080", "http://[]", "http://[::1]:",
                          "http://[::1]x", "http://[::1", "http://[::1]:8x", "http://[::1%25lo]:80",
                          "http://ssl tencentcloudapi.com", "http://ssl.example.com\\x"})
    expect_refused_without(bad, "http://(not quoted)", {});
  for (const char* good :
       {"http://127.0.0.1:1", "http://127.0.0.1:65535", "https://ssl.tencentcloudapi.com:443",
        "https://[::1]:8443", "https://[2001:db8::1]", "http://localhost:08080",
        "https://ssl.intl.tencentcloudapi.com/"}) {
    EXPECT_EQ(endpoint_problem(good), std::nullopt) << good;
    EXPECT_EQ(quotable_endpoint(good), good) << good;
  }
}

// A refused value is quoted only as far as it was recognised as scheme://host[:port]: no
// scheme token, and nothing is quoted ("AKID:s3cret https://..." with a space for the '@', a
// secret key pasted alone); a path, query or fragment is not quoted either.
TEST(Endpoint, ARefusedValueIsQuotedOnlyAsFarAsItWasRecognised) {
  expect_refused_without("AKID:s3cret https://ssl.tencentcloudapi.com", "(not quoted)",
                         {"AKID", "s3cret"});
  expect_refused_without("AKIDs3cretKEYabc", "(not quoted)", {"AKIDs3cret", "KEYabc"});
  expect_refused_without("https://ssl.tencentcloudapi.com/?SecretId=AKIDx&SecretKey=s3cretKEY",
                         "https://ssl.tencentcloudapi.com/(not quoted)",
                         {"AKIDx", "s3cretKEY", "SecretKey"});
  expect_refused_without("https://ssl.tencentcloudapi.com?SecretKey=s3cretKEY",
                         "https://ssl.tencentcloudapi.com(not quoted)", {"s3cretKEY"});
  expect_refused_without("http://127.0.0.1:8080//v1/s3cret#frag",
                         "http://127.0.0.1:8080//(not quoted)", {"s3cret", "frag"});
  expect_refused_without("ftp://ssl.example.com/s3cret", "ftp://ssl.example.com/(not quoted)",
                         {"s3cret"});
  // A usable endpoint is quoted whole, trailing slashes and all.
  for (const char* good : {"https://ssl.tencentcloudapi.com", "http://127.0.0.1:8080//"})
    EXPECT_EQ(quotable_endpoint(good), good);
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
