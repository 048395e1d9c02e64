// What the provider configuration tests share: an environment made of a map, and the
// provider data ConfigureProvider hands to the resources.
#pragma once

#include <any>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cloudssl/cloudssl_provider.h"
#include "resources/common/provider_data.h"

namespace cloudssl {

inline Environment fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

inline std::shared_ptr<common::ProviderData> configure_provider(CloudsslProvider& provider,
                                                                const codec::Value& config,
                                                                framework::Diagnostics& d) {
  framework::Context ctx;
  framework::ConfigureRequest request{config, ctx};
  return std::any_cast<std::shared_ptr<common::ProviderData>>(provider.configure(request, d));
}

}  // namespace cloudssl
