// How the Volcengine types call the certificate center: the client from the provider data (an
// error naming VOLCENGINE_ACCESS_KEY / VOLCENGINE_SECRET_KEY when none is configured), the
// operation's deadline and cancellation, and the API's refusals as diagnostics that keep the
// error code and request id and say what to fix (api::volcengine::error_advice).
#pragma once

#include <functional>

#include "api/core/call_options.h"
#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"

namespace cloudssl::volcengine {

// Runs `fn` with the Volcengine client and the operation's call options; false (with an error
// diagnostic) when there is no client or the API refused.
bool call_volcengine(const framework::Context& ctx, framework::Diagnostics& diagnostics,
                     const std::function<void(api::Client&, const api::CallOptions&)>& fn);

}  // namespace cloudssl::volcengine
