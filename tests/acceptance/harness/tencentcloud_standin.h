// The test-only stand-in for the official Tencent Cloud provider (tests/tencentcloud_standin),
// registered as tencentcloudstack/tencentcloud: acceptance tests use it to write the states
// that move to cloudssl. Its binary path is empty when the stand-in was not built.
#pragma once

#include "tests/acceptance/harness/acceptance.h"

namespace cloudssl::acceptance {

Provider tencentcloud_standin_provider();

}  // namespace cloudssl::acceptance
