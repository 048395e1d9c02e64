#include "resources/volcengine/volcengine_calls.h"

#include "api/core/api_error.h"
#include "api/volcengine/volcengine_dialect.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"

namespace cloudssl::volcengine {

bool call_volcengine(const framework::Context& ctx, framework::Diagnostics& diagnostics,
                     const std::function<void(api::Client&, const api::CallOptions&)>& fn) {
  api::Client* client = nullptr;
  try {
    client = &common::volcengine_client(ctx);
  } catch (const std::exception& e) {
    diagnostics.error("Volcengine is not configured", e.what());
    return false;
  }
  try {
    fn(*client, common::call_options(ctx));
    return true;
  } catch (const api::ApiError& e) {
    std::string detail = std::string(e.what()) + ".";
    if (auto advice = api::volcengine::error_advice(e.code(), e.action()); !advice.empty()) {
      detail += " " + advice;
    }
    diagnostics.error("Volcengine certificate center: " + e.code(), detail);
    return false;
  }
}

}  // namespace cloudssl::volcengine
