// Test input for the layering check (tests/layering): a generic-layer header that includes a
// resource header, which the check must reject. Never compiled.
#pragma once

#include "provider/codec/value.h"
#include "resources/common/provider_data.h"
