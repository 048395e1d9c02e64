// What the deployment resources and data sources take from the configured provider: the
// shared API client and the process-wide deploy locks (both ProviderData members).
#pragma once

#include "api/tencent/ssl_client.h"
#include "provider/framework/resource.h"
#include "resources/deployments/deploy_locks.h"

namespace cloudssl::deploy {

struct Services {
  api::SslClient& client;
  DeployLocks& locks;
};

// Throws std::logic_error when the provider is not configured.
Services services(const framework::Context& ctx);

}  // namespace cloudssl::deploy
