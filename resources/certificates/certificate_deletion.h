// Deleting a certificate safely (docs/design/ssl-api.md §3.5) without ever removing one that cloud
// resources still use. The checked delete (DeleteCertificate with IsCheckResource, its task
// polled with DescribeDeleteCertificatesTaskResult) is the normal path. When it is unavailable
// (the service role is missing, or the task ends in status 3), the bindings are checked with
// the bound-resource query (CreateCertificateBindResourceSyncTask +
// DescribeCertificateBindResourceTaskDetail, all 12 resource types) before the plain delete,
// whose default is no check at all. A certificate in use is refused with the list of what
// uses it; one whose bindings cannot be established is refused too. Only force_delete skips
// every check. A certificate that is already gone counts as deleted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

class DeleteTaskPolls;  // delete_task_polls.h

struct CertificateDeletion {
  // The resource's force_delete: the plain DeleteCertificate without any bound-resource check.
  bool force = false;
  // Where the delete task is polled, shared with the process's other deletes (null: alone).
  DeleteTaskPolls* polls = nullptr;
};

void delete_certificate_checked(api::Client& ssl, const std::string& certificate_id,
                                const framework::Context& ctx, framework::Diagnostics& diags,
                                const CertificateDeletion& how = {});

// What the bound-resource query found for one certificate.
struct BindingCheck {
  bool complete = false;               // the query finished and every list answered
  std::vector<std::string> resources;  // "clb lb-1/lbl-2 (ap-guangzhou)" lines
  std::int64_t unlisted = 0;           // bound instances counted but not listed
  std::string problem;                 // why it is not complete
  bool in_use() const { return !resources.empty() || unlisted > 0; }
};

// Runs the bound-resource query (fresh, not cached) and waits for it within ctx's deadline.
BindingCheck check_bindings(api::Client& ssl, const std::string& certificate_id,
                            const framework::Context& ctx);

}  // namespace cloudssl::certificates
