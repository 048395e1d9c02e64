// Conversions between the framework's model and tfplugin6 messages: schemas, function
// signatures, diagnostics and attribute paths.
#pragma once

#include "provider/codec/path.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"
#include "tfplugin6.pb.h"

namespace cloudssl::framework {

tfplugin6::Schema to_proto(const Schema& schema);
tfplugin6::Schema::Block to_proto(const Block& block);
tfplugin6::Schema::Attribute to_proto(const Attribute& attribute);
tfplugin6::Function to_proto(const FunctionSignature& signature);

// Set elements cannot be addressed on the wire: the path is cut before the first one.
tfplugin6::AttributePath to_proto(const codec::Path& path);
codec::Path from_proto(const tfplugin6::AttributePath& path);

tfplugin6::Diagnostic to_proto(const Diagnostic& diagnostic);
// Appends every diagnostic to a repeated proto field (any response's `diagnostics`).
void append_diagnostics(const Diagnostics& diagnostics,
                        google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);

}  // namespace cloudssl::framework
