// An SSL API client for unit tests, talking to a FakeApiServer: test credentials, no retries (a
// scripted failure is final) and no rate limiting, so each request the test scripts is answered
// once and at once. The one setup the resource and API tests share. Also the page a scripted
// paged action answers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

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

// The ids ("c<index>") of the items a paged request asks for out of `size`, cut as the API
// does: from Offset (default 0), at most Limit (default `default_limit`, capped at 1000).
inline std::vector<std::string> requested_page(const nlohmann::json& body, std::int64_t size,
                                               std::int64_t default_limit) {
  const std::int64_t offset = body.value("Offset", std::int64_t{0});
  const std::int64_t limit = std::min<std::int64_t>(body.value("Limit", default_limit), 1000);
  std::vector<std::string> ids;
  for (std::int64_t i = offset; i < offset + limit && i < size; ++i) {
    // Appended, not "c" + to_string(): GCC 12 warns falsely (-Wrestrict) on the latter.
    std::string id = "c";
    id += std::to_string(i);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace cloudssl::api::testing
