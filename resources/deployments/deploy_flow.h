// Deploying one certificate to the targets of one resource type, to the end (docs/design/ssl-api.md
// §3.2): resume a record an earlier apply left running, skip targets that already hold the
// certificate (the API refuses them), retry failed items of an earlier record through
// DeployCertificateRecordRetry, then one DeployCertificateInstance for the rest; DeployStatus 0
// (another task runs for this certificate and type) is waited out before ours is issued.
// Every record is polled until no item is pending or running. Per-target results come back
// so the resource can keep successes in state and name each failure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/core/client.h"
#include "provider/framework/resource.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/deploy_targets.h"
#include "resources/deployments/record_wait.h"

namespace cloudssl::deployments {

enum class TargetState { Deployed, Failed, Pending };

struct TargetResult {
  Target target;
  TargetState state = TargetState::Pending;
  std::int64_t record_id = 0;  // the record that deployed it (0: it already held the certificate)
  std::int64_t detail_id = 0;  // its item in that record: the retry handle
  std::string message;         // the API's message for a failure
};

// What earlier applies left for a type (from state): a record still running, and failed items
// (target key → record id, detail id) that DeployCertificateRecordRetry can rerun.
struct Carried {
  std::int64_t running_record_id = 0;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> failed;
};

struct TypeOutcome {
  std::string type;
  std::int64_t record_id = 0;         // the last record created or waited on (0: none needed)
  std::vector<TargetResult> results;  // one per requested target, same order
  bool interrupted = false;           // cancelled or out of time: Pending results wait on record_id
  bool cancelled = false;             // interrupted by StopProvider (else the deadline)
};

// Everything one deployment operation shares.
struct DeploySession {
  api::Client& client;
  DeployLocks& locks;
  const framework::Context& ctx;
  std::string certificate_id;
  std::string region;
  PollSettings poll = {};
  // Told each step in words (tasks created, waited for, their counts while polled): an
  // action streams these as progress; resources leave it empty.
  ProgressHook on_progress = {};
};

TypeOutcome deploy_type(const DeploySession& session, const std::string& type,
                        const std::vector<Target>& targets, const Carried& carried);

// deploy_type, with an API failure that is not about single targets (a product's outage, a
// refused call) turned into a failure of each of these targets, so that one type's trouble
// does not lose what the other types deployed. Cancellation and the deadline leave the
// targets Pending (interrupted) instead.
TypeOutcome deploy_type_guarded(const DeploySession& session, const std::string& type,
                                const std::vector<Target>& targets, const Carried& carried);

// Whether each target holds the session's certificate now, from one DescribeHost*InstanceList
// listing of the type (fresh, IsCache 0). nullopt where the API cannot tell (tse, tcb, a
// listing without certificate fields): such targets keep what state recorded.
std::vector<std::optional<bool>> held_by(const DeploySession& session, const std::string& type,
                                         const std::vector<Target>& targets);

// Rolls back records (DeployCertificateRecordRollback: successful items only, a new record),
// each polled to the end under its (certificate, type) lock. Problems come back as text.
struct RollbackOutcome {
  std::vector<std::int64_t> rollback_record_ids;
  std::vector<std::string> problems;
  bool interrupted = false;
};
RollbackOutcome rollback_records(const DeploySession& session,
                                 const std::vector<std::pair<std::string, std::int64_t>>& records);

}  // namespace cloudssl::deployments
