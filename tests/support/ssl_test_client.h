// An SSL API client for unit tests, talking to a FakeApiServer: test credentials, no retries (a
// scripted failure is final) and no rate limiting, so each request the test scripts is answered
// once and at once. The one setup the resource and API tests share, with what they read back
// from the server (the actions called, the request bodies). Also the page a scripted paged
// action answers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
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

// The action a recorded request called (its X-TC-Action header).
inline std::string action_of(const RecordedRequest& request) {
  return request.headers.at("x-tc-action");
}

// How many of the requests the server recorded called `action`.
inline int calls_to(const FakeApiServer& server, std::string_view action) {
  int n = 0;
  for (const auto& r : server.requests())
    if (action_of(r) == action) ++n;
  return n;
}

// The bodies of the requests the server recorded, in order, parsed.
inline std::vector<nlohmann::json> request_bodies(const FakeApiServer& server) {
  std::vector<nlohmann::json> bodies;
  for (const auto& r : server.requests()) bodies.push_back(nlohmann::json::parse(r.body));
  return bodies;
}

// A server answering with the test's script and an SSL client talking to it.
struct ScriptedSslApi {
  explicit ScriptedSslApi(FakeApiServer::Handler handler)
      : server(std::move(handler)), client(ssl_client_for(server)) {}
  int calls(std::string_view action) const { return calls_to(server, action); }

  FakeApiServer server;
  Client client;
};

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
