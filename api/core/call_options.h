// Per-call options every API client takes, whatever the cloud: the deadline that bounds
// retries and waits, the cancellation token (StopProvider) and the call's region.
// Resources build them from a framework Context (resources/common/).
#pragma once

#include <chrono>
#include <string>

#include "provider/util/cancellation.h"

namespace cloudssl::api {

struct CallOptions {
  // Give up (ApiError DeadlineExceeded) rather than retry or wait past this point.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  CancellationToken cancel;  // a default token is never cancelled
  // The region for this call; empty = the client's (ClientSettings::region). Tencent
  // deployments to region-aware resource types (clb, waf, cos, tke, ...) need it per call.
  std::string region;
};

}  // namespace cloudssl::api
