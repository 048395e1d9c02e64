// How a Tencent Cloud API client (the SSL API's, the Tag API's) is set up: the core's
// connection settings (endpoint, region, timeouts, retries, CA file) plus Tencent's
// credentials and answer language. Built by the provider's ConfigureProvider from its
// configuration block and environment variables.
#pragma once

#include <string>

#include "api/core/client.h"

namespace cloudssl::api::tencent {

struct Credentials {
  std::string secret_id;
  std::string secret_key;      // secret: never logged
  std::string security_token;  // temporary credentials (X-TC-Token); secret
};

// `endpoint` empty = the service's default (Service::default_endpoint); `region` is
// X-TC-Region, optional for the SSL API.
struct ClientConfig : ClientSettings {
  Credentials credentials;
  std::string language = "en-US";  // X-TC-Language
};

}  // namespace cloudssl::api::tencent
