// Replacing a certificate's content while keeping its id (docs/design/ssl-api.md §2.6, §3.4):
// UploadUpdateCertificateInstance, called again while it answers DeployRecordId 0, then the
// record polled with DescribeHostUploadUpdateRecordDetail until its latest run is terminal.
// The API pushes the new content to the bound resources of the listed types (only clb).
//
// The record id is kept in private state as soon as it exists, so an interrupted or timed-out
// apply resumes polling the same record instead of starting another one. When some targets
// fail, the record stays there too: the next apply retries just those targets
// (UploadUpdateCertificateRecordRetry) instead of starting a new record; with
// rollback_on_failure the targets already updated are put back on the old content at once
// (UploadUpdateCertificateRecordRollback) and the next apply starts afresh.
#pragma once

#include <string>
#include <vector>

#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/private_state.h"
#include "provider/framework/resource.h"
#include "provider/util/secret_string.h"

namespace cloudssl::certificates {

// The resource types UploadUpdateCertificateInstance accepts.
inline const std::vector<std::string> kRotatableResourceTypes = {"clb"};

struct ContentRotation {
  std::string certificate_id;
  std::string certificate_pem;
  SecretString private_key_pem;
  std::string fingerprint_sha256;  // of the new leaf: identifies the rotation in private state
  std::vector<std::string> resource_types;
  std::vector<std::string> regions;  // clb is region-aware
  bool rollback_on_failure = false;
};

struct RotationOutcome {
  bool done = false;  // the new content is in place on every target
  // Targets the last run failed on and the next apply retries ("clb lb-1/lbl-2 (region):
  // error"); empty when done, rolled back or still running.
  std::vector<std::string> failed_targets;
};

// Rotates, or retries the failed targets of the same rotation; diagnostics say why it is not
// done.
RotationOutcome rotate_content(api::Client& ssl, const ContentRotation& rotation,
                               const framework::Context& ctx,
                               framework::PrivateState& private_state,
                               framework::Diagnostics& diags);

// Whether private state holds a rotation of this content whose failed targets await a retry.
bool rotation_awaits_retry(const framework::PrivateState& private_state,
                           const std::string& fingerprint_sha256);

}  // namespace cloudssl::certificates
