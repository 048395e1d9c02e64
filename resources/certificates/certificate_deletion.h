// Deleting a certificate safely (docs/design/ssl-api.md §3.5): DeleteCertificate with
// IsCheckResource, the resulting task polled with DescribeDeleteCertificatesTaskResult to a
// terminal status, and every failure turned into a diagnostic a user can act on. A certificate that
// is already gone counts as deleted; one still bound to cloud resources is refused with the list of
// them.
#pragma once

#include <string>
#include <vector>

#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

void delete_certificate_checked(api::Client& ssl, const std::string& certificate_id,
                                const framework::Context& ctx, framework::Diagnostics& diags);

// "clb lb-1/lbl-2 (ap-guangzhou)" lines for what holds the certificate, from a fresh
// bound-resource query; `fallback` (e.g. the delete task's Domains) when the query fails.
std::vector<std::string> bound_resources(api::Client& ssl, const std::string& certificate_id,
                                         const framework::Context& ctx,
                                         const std::vector<std::string>& fallback = {});

}  // namespace cloudssl::certificates
