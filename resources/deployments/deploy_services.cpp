#include "resources/deployments/deploy_services.h"

#include <memory>
#include <stdexcept>

#include "resources/common/provider_data.h"

namespace cloudssl::deploy {

Services services(const framework::Context& ctx) {
  api::SslClient& client = require_ssl(ctx);
  const auto& data = ctx.provider<std::shared_ptr<ProviderData>>();
  if (!data->deploy_locks) throw std::logic_error("the cloudssl provider has no deploy locks");
  return {client, *data->deploy_locks};
}

}  // namespace cloudssl::deploy
