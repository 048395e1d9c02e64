// The test-only stand-in for the official Tencent Cloud provider (see standin.cpp).
#pragma once

#include "provider/framework/registry.h"

namespace cloudssl::standin {

framework::Registry make_standin_registry();

}  // namespace cloudssl::standin
