// How tasks progress. Items start pending (0), turn running (3) and then finish (1/2, or the
// rollback values): either after a number of polls of their record's poll action
// (Settings::pending_polls / running_polls) or after Settings::task_ms of real time. Finishing
// an item applies its effect on the instances (the target now holds the new certificate).
#pragma once

#include <string>

#include "simulator/world.h"

namespace cloudssl::sim {

// Items not finished yet (status 0 or 3).
bool item_unfinished(const TaskItem& item);
bool record_unfinished(const DeployRecord& record);
bool run_unfinished(const UploadUpdateRun& run);

void start_item(World& world, TaskItem& item);

// Brings a record up to date; `poll` counts one poll of it first. Returns true if anything
// changed. `finish_now` completes every unfinished item.
bool advance_deploy_record(World& world, DeployRecord& record, bool poll, bool finish_now = false);
bool advance_upload_update_record(World& world, UploadUpdateRecord& record, bool poll,
                                  bool finish_now = false);
bool advance_delete_task(World& world, DeleteTask& task, bool poll, bool finish_now = false);
bool advance_bind_task(World& world, BindTask& task, bool poll, bool finish_now = false);
// Free-certificate issuance; `read` counts one read of the certificate.
bool advance_issuance(World& world, Certificate& cert, bool read, bool finish_now = false);
// Revocation (Status 9 → 10 once the revocation records are validated, after issue_polls
// reads); `read` counts one read of the certificate.
bool advance_revocation(World& world, Certificate& cert, bool read, bool finish_now = false);

// Time-based progression of everything (called before each request when task_ms > 0).
bool advance_all(World& world);

// Status of an UploadUpdate run (DeployRecord.Status 0..5) and of a deploy/update record at
// list level (0 not finished, 1 success, 2 failed).
int run_status(const UploadUpdateRun& run);
int record_status(const DeployRecord& record);

// Starts the domain validation of a free certificate applied for (ApplyCertificate) or
// reissued (ReplaceCertificate): the records to publish for `method` (DNS_AUTO, DNS, FILE),
// Status 4 for DNS_AUTO (validated at once), else 0, both PENDING-DCV.
void start_domain_validation(World& world, Certificate& cert, const std::string& method,
                             const std::string& algorithm);

// Issues a free certificate now: a self-signed certificate for its domain.
void issue_certificate(World& world, Certificate& cert);

// Bound slots of a certificate, as the bind-resource task and delete checks see them.
nlohmann::json bound_resources_snapshot(const World& world, const std::string& cert_id);
bool certificate_is_bound(const World& world, const std::string& cert_id);

}  // namespace cloudssl::sim
