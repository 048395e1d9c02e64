// Per-call options every API client takes, whatever the cloud: the deadline that bounds
// retries and waits, the cancellation token (StopProvider) and the call's region.
// Resources build them from a framework Context (resources/common/).
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
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
  // For an action that is not safe to send twice (Tencent's UploadCertificate with
  // Repeatable = true makes a second certificate): after an attempt whose answer was lost
  // (timeout, reset connection, a gateway's 5xx: the API may have processed it), this is asked
  // whether that attempt landed, before any retry and before giving up. A result it returns
  // ends the call as if the lost answer had arrived. Such a call goes on a connection of its
  // own, as a send_once call does (libcurl's own resend on a dead kept connection is not asked).
  std::function<std::optional<nlohmann::json>()> find_landed = {};
  // For an action whose second request would repeat its effect (a purchase buys again): once
  // an attempt may have been processed (a lost answer, or an answer the dialect classes as
  // transient: the API's "internal error, try later" may come after it acted), the request is
  // never sent again. find_landed (when set) is asked; when it finds nothing (its index may
  // lag) or cannot be asked, the call fails, Final, and the caller's next run looks again
  // first. Answers that say the request was not processed (throttled, a stale signature) are
  // still retried.
  bool send_once = false;
};

}  // namespace cloudssl::api
