// How the SSL API client is set up: credentials, endpoint, timeouts, retries. Built by the
// provider's ConfigureProvider from its configuration block and environment variables.
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
  int max_retries = 10;           // for throttling and transient errors, within the deadline
  std::string ca_file;            // optional custom CA bundle; the system one otherwise
  std::string language = "en-US"; // X-TC-Language
};

}  // namespace cloudssl::api
