// The upload's chain check (seed 004 CheckCertificateChain, 20 requests per second): a chain
// the API finds incomplete, or not issued by a CA it trusts, is a warning on certificate_pem
// naming the certificates the API read. A warning, not an error: private CAs and self-signed
// certificates are legitimate uploads; clients must then be told to trust them.
#pragma once

#include <string>

#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

// Checks `certificate_pem` (leaf first) and adds the warning to `diags`. A failed check (the
// API unreachable, the chain refused as unparseable) adds nothing: the upload itself decided.
void warn_about_chain(api::Client& ssl, const std::string& certificate_pem,
                      const framework::Context& ctx, framework::Diagnostics& diags);

}  // namespace cloudssl::certificates
