// The names every resource and data source file uses unqualified: the codec's value types, the
// framework's schema and diagnostic types and its validators (as `v`). A file brings them in
// with `using namespace common::schema_names;` instead of repeating the same using-declarations.
#pragma once

#include "provider/codec/path.h"
#include "provider/codec/type.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"
#include "provider/framework/validators.h"

namespace cloudssl::common::schema_names {

using codec::Path;
using codec::Type;
using codec::Value;
using framework::Attribute;
using framework::Diagnostics;
using framework::Nesting;
namespace v = framework::validators;

}  // namespace cloudssl::common::schema_names
