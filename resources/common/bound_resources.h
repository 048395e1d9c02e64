// Which cloud resources use a certificate, for every service: the bound-resource query
// (CreateCertificateBindResourceSyncTask, then DescribeCertificateBindResourceTaskDetail polled
// until the task ends), which covers all 12 resource types. Delete safety, the revocation's
// refusal and the cloudssl_deployed_resources data source all ask it here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/resource.h"

namespace cloudssl::common {

struct BoundResources {
  bool complete = false;                      // the task finished and every list answered
  std::vector<api::BoundResource> resources;  // what the lists name
  std::vector<api::BoundGroup> groups;        // per type and region: how many are bound
  std::int64_t unlisted = 0;                  // bound instances counted but not listed
  std::vector<std::string> query_errors;      // "clb (ap-guangzhou): <Error>"
  std::string problem;                        // why it is not complete
  bool in_use() const { return !resources.empty() || unlisted > 0; }
};

// Runs the query for one certificate and waits for it within ctx's deadline (`deadline_name`
// names that deadline in `problem`, e.g. "timeouts.delete"). `use_cache` lets the API answer
// with a task finished within the last 30 minutes. API errors end up in `problem`.
BoundResources query_bound_resources(api::Client& ssl, const std::string& certificate_id,
                                     const framework::Context& ctx,
                                     const std::string& deadline_name, bool use_cache = false);

}  // namespace cloudssl::common
