// Registration of every cloudssl resource and data source type with the framework registry.
// One line per type in register_resources.cpp / cloudssl/register_data_sources.cpp.
#pragma once

#include "provider/framework/registry.h"

namespace cloudssl {

void register_resources(framework::Registry& registry);
void register_data_sources(framework::Registry& registry);

}  // namespace cloudssl
