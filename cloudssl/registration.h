// Registration of every cloudssl resource, data source, ephemeral resource and function with
// the framework registry: one line per type in cloudssl/register_<kind>.cpp.
#pragma once

#include "provider/framework/registry.h"

namespace cloudssl {

void register_resources(framework::Registry& registry);
void register_data_sources(framework::Registry& registry);
void register_functions(framework::Registry& registry);
void register_ephemeral_resources(framework::Registry& registry);

}  // namespace cloudssl
