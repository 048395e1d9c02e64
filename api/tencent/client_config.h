// How an API client (the SSL API's, or the Tag API's) is set up: credentials, endpoint, timeouts,
// retries. Built by the provider's ConfigureProvider from its configuration block and environment
// variables.
#pragma once

#include <chrono>
#include <string>

namespace cloudssl::api {

struct Credentials {
  std::string secret_id;
  std::string secret_key;      // secret: never logged
  std::string security_token;  // temporary credentials (X-TC-Token); secret
};

struct ClientConfig {
  Credentials credentials;
  std::string region;  // X-TC-Region; optional for the SSL API
  // Scheme, host and optional port. The simulator: "http://127.0.0.1:PORT"; the
  // international site: "https://ssl.intl.tencentcloudapi.com".
  std::string endpoint = "https://ssl.tencentcloudapi.com";
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds request_timeout = std::chrono::seconds(60);  // one HTTP exchange
  int max_retries = 10;            // for throttling and transient errors, within the deadline
  std::string ca_file;             // optional custom CA bundle; the system one otherwise
  std::string language = "en-US";  // X-TC-Language
  // Which Tencent Cloud API this client speaks: the TC3 credential scope's service and the
  // X-TC-Version header. The SSL API by default; the Tag API (tag_actions.h) is "tag" /
  // "2018-08-13", through the same signing, transport, retries and rate limits.
  std::string service = "ssl";
  std::string version = "2019-12-05";
};

}  // namespace cloudssl::api
