// Registration of every cloudssl resource, data source and function with the framework registry.
// One line per type in cloudssl/register_{resources,data_sources,functions}.cpp.
#pragma once

#include "provider/framework/registry.h"

namespace cloudssl {

void register_resources(framework::Registry& registry);
void register_data_sources(framework::Registry& registry);
void register_functions(framework::Registry& registry);

}  // namespace cloudssl
