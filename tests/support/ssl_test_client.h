// An SSL API client for unit tests, talking to a FakeApiServer: test credentials, no retries (a
// scripted failure is final) and no rate limiting, so each request the test scripts is answered
// once and at once. The one setup the resource and API tests share.
#pragma once

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::api::testing {

inline Client ssl_client_for(const FakeApiServer& server) {
  tencent::ClientConfig config;
  config.endpoint = server.endpoint();
  config.credentials = {"AKIDTEST", "test-secret", ""};
  config.max_retries = 0;
  ClientTuning tuning;
  tuning.rate_limits.enabled = false;
  return tencent::make_client(tencent::kSslApi, config, tuning);
}

}  // namespace cloudssl::api::testing
