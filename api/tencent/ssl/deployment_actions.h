// Typed SSL API actions for deployments to cloud resources, replacement with a new
// certificate, bound-resource queries, the DescribeHost*InstanceList family and the
// expiring-notification switch (docs/design/ssl-api.md §2.4, §2.5, §2.7, §2.8, §3, §4.3-4.4).
//
// Each function builds the request body, calls Client::call and parses the answer into
// plain structs. Parsing is tolerant of the doc's type wobble (§7.7-7.9): integers may arrive
// as JSON numbers or numeric strings, strings may be null, `Url` is an array or a string, and
// every output field is treated as optional.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"  // ResourceTypeRegions, CertTaskId, bind-task actions

namespace cloudssl::api {

// ---------------------------------------------------------------------------------------
// Records shared by the deploy and update families
// ---------------------------------------------------------------------------------------

// One target of a deploy or update record (DeployRecordDetail / UpdateRecordDetail).
// Status (3.2/3.3): 0 pending, 1 success, 2 failed, 3 running, 4 rollback succeeded,
// 5 rollback failed, 6 nothing to deploy; other values are kept as they come.
struct RecordDetail {
  std::int64_t id = 0;        // DeployRecordDetailId for the retry actions
  std::string resource_type;  // update records: from the group; deploy records: empty
  std::string cert_id;
  std::string old_cert_id;
  std::string instance_id;
  std::string instance_name;
  std::string listener_id;
  std::string listener_name;
  std::vector<std::string> domains;
  std::string protocol;
  std::int64_t sni_switch = 0;
  std::string bucket;
  std::string namespace_name;  // Namespace
  std::string secret_name;
  std::string port;  // Integer in the doc, "443" in an example: kept as text
  std::string env_id;
  std::string tcb_type;
  std::string region;
  std::vector<std::string> url;  // Array in deploy records, String in update records
  std::int64_t status = 0;
  std::string error_msg;
  std::string create_time;
  std::string update_time;
};

namespace record_status {
inline constexpr std::int64_t kPending = 0, kSuccess = 1, kFailed = 2, kRunning = 3,
                              kRollbackSucceeded = 4, kRollbackFailed = 5, kNoResource = 6;
}

// Every detail of one record (all pages) plus the record-wide counts.
struct RecordProgress {
  std::int64_t total_count = 0;
  std::int64_t success_total_count = 0;
  std::int64_t failed_total_count = 0;
  std::int64_t running_total_count = 0;
  std::vector<RecordDetail> details;
};

// docs/design/ssl-api.md §0.1: finished when RunningTotalCount == 0 and no item is pending (0) or
// running (3). An empty record (TotalCount 0) is not judged here: callers decide.
bool record_finished(const RecordProgress& progress);
// Items that ended in failure (2, or 5 for a rollback).
std::vector<RecordDetail> failed_details(const RecordProgress& progress);

// ---------------------------------------------------------------------------------------
// Deployment (new binding): DeployCertificateInstance and its record actions
// ---------------------------------------------------------------------------------------

struct DeployCertificateInstanceRequest {
  std::string certificate_id;
  std::vector<std::string> instance_id_list;  // pipe-separated entries, format per type
  std::string resource_type;                  // "clb", "cdn", ...
  std::string region;                         // common Region; required for region-aware types
  std::optional<std::int64_t> status;         // live only: -1, 0, 1
  std::optional<std::int64_t> is_cache;       // 1 use the cache (API default), 0 not
};

struct DeployCertificateInstanceResponse {
  std::int64_t deploy_record_id = 0;
  // 1: a task was created. 0: a task for this certificate and type is already running and
  // deploy_record_id is that task (it may target other instances).
  std::int64_t deploy_status = 0;
};

DeployCertificateInstanceResponse deploy_certificate_instance(
    Client& client, const DeployCertificateInstanceRequest& request,
    const CallOptions& options = {});

// DescribeHostDeployRecordDetail, every page (Limit 200). DeployRecordId is sent as a String.
RecordProgress describe_host_deploy_record_detail(Client& client, std::int64_t deploy_record_id,
                                                  const CallOptions& options = {});

// Retries failed details in the same record (one of the two ids is needed).
void deploy_certificate_record_retry(Client& client, std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options = {});

// Rolls back the successful details; returns the new rollback record's id.
std::int64_t deploy_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                                const CallOptions& options = {});

// DeployRecordInfo.Status: 0 not started, 1 success, 2 failed.
struct DeployRecordInfo {
  std::int64_t id = 0;
  std::string cert_id;
  std::string resource_type;  // lower-cased (the struct example says "CLB")
  std::string region;
  std::int64_t status = 0;
  std::string create_time;
  std::string update_time;
};

struct DeployRecordList {
  std::int64_t total_count = 0;
  std::vector<DeployRecordInfo> records;
};

DeployRecordList describe_host_deploy_record(Client& client, const std::string& certificate_id,
                                             const std::string& resource_type,  // "" = all
                                             std::int64_t offset, std::int64_t limit,
                                             const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Replacement with a new certificate id: UpdateCertificateInstance and its record actions
// ---------------------------------------------------------------------------------------

struct UpdateCertificateInstanceRequest {
  std::string old_certificate_id;
  std::string certificate_id;
  std::vector<std::string> resource_types;
  std::vector<ResourceTypeRegions> resource_types_regions;
  std::optional<std::int64_t> expiring_notification_switch;  // 0 keep reminders, 1 ignore
};

struct UpdateSyncProgressRegion {
  std::string region;
  std::int64_t total_count = 0;
  std::int64_t offset_count = 0;
  std::int64_t status = 0;  // 0 pending, 1 processed, 3 processing
};

struct UpdateSyncProgress {
  std::string resource_type;
  std::int64_t status = 0;
  std::vector<UpdateSyncProgressRegion> regions;
};

struct UpdateCertificateInstanceResponse {
  std::int64_t deploy_record_id = 0;  // 0: creation still in progress, call again
  std::int64_t deploy_status = 0;     // meaningful only once deploy_record_id > 0 (§0.2)
  std::vector<UpdateSyncProgress> update_sync_progress;
};

UpdateCertificateInstanceResponse update_certificate_instance(
    Client& client, const UpdateCertificateInstanceRequest& request,
    const CallOptions& options = {});

// DescribeHostUpdateRecordDetail, every page; Limit/Offset/DeployRecordId sent as Strings.
// Details carry their group's ResourceType.
RecordProgress describe_host_update_record_detail(Client& client, std::int64_t deploy_record_id,
                                                  const CallOptions& options = {});

// The deploy or update record does not exist.
inline constexpr ErrorCode record_not_found{"FailedOperation.CertificateDeployNotExist"};

void update_certificate_record_retry(Client& client, std::optional<std::int64_t> deploy_record_id,
                                     std::optional<std::int64_t> deploy_record_detail_id,
                                     const CallOptions& options = {});

std::int64_t update_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                                const CallOptions& options = {});

struct UpdateRecordInfo {
  std::int64_t id = 0;
  std::string cert_id;
  std::string old_cert_id;
  std::vector<std::string> resource_types;
  std::vector<std::string> regions;
  std::int64_t status = 0;  // not enumerated by the doc
  std::string create_time;
  std::string update_time;
};

struct UpdateRecordList {
  std::int64_t total_count = 0;
  std::vector<UpdateRecordInfo> records;
};

UpdateRecordList describe_host_update_record(Client& client, const std::string& certificate_id,
                                             const std::string& old_certificate_id,
                                             std::int64_t offset, std::int64_t limit,
                                             const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Expiry reminders
// ---------------------------------------------------------------------------------------

// SwitchStatus 0: notify (do not ignore), 1: ignore. Read back as Certificates.IsIgnore.
void modify_certificates_expiring_notification_switch(
    Client& client, const std::vector<std::string>& certificate_ids, std::int64_t switch_status,
    const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Which resources use a certificate (§2.7)
// ---------------------------------------------------------------------------------------

struct DeployedResources {
  std::string certificate_id;
  std::int64_t count = 0;
  std::string type;  // as the API spells it (antiddos for ddos)
  std::vector<std::string> resources;
};

// ResourceType: clb, cdn, live, waf, antiddos, teo (ddos is mapped to antiddos here).
std::vector<DeployedResources> describe_deployed_resources(
    Client& client, const std::vector<std::string>& certificate_ids,
    const std::string& resource_type, const CallOptions& options = {});

// CreateCertificateBindResourceSyncTask and DescribeCertificateBindResourceTaskDetail are in
// certificate_actions.h; the counts per type and region are here.

struct BindResourceRegionResult {
  std::string region;
  std::int64_t total_count = 0;
  std::string error;  // "" = OK
};

struct BindResourceResult {
  std::string resource_type;
  std::vector<BindResourceRegionResult> regions;
};

struct BindResourceTaskResult {
  std::string task_id;
  std::int64_t status = 0;  // 0 querying, 1 success, 2 failed
  std::string error_code;
  std::string error_message;
  std::string cache_time;
  std::vector<BindResourceResult> results;
};

std::vector<BindResourceTaskResult> describe_certificate_bind_resource_task_result(
    Client& client, const std::vector<std::string>& task_ids, const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// DescribeHost*InstanceList: deployable instances of one product and what they hold (§2.8)
// ---------------------------------------------------------------------------------------

// The action listing a resource type's instances; empty for tse and tcb (none exists).
std::string_view host_instance_list_action(std::string_view resource_type);

struct HostInstanceListRequest {
  std::string resource_type;
  std::string certificate_id;        // the certificate to deploy
  std::string old_certificate_id;    // optional: instances holding this certificate
  bool use_cache = false;            // IsCache (server-side cache, half an hour)
  std::optional<bool> domain_match;  // Filters domainMatch: true 1, false 0, unset = API default
  bool async_cache = false;          // AsyncCache for the clb/cdn/cos/tke/teo listings
};

struct HostInstanceList {
  std::int64_t total_count = 0;
  std::vector<nlohmann::json> instances;  // *InstanceDetail objects as returned
  std::optional<std::int64_t> async_total_num;
  std::optional<std::int64_t> async_offset;
  std::string async_cache_time;
};

// Every page (Limit 200 where the action pages). Throws std::invalid_argument for a type
// without a listing action.
HostInstanceList describe_host_instance_list(Client& client, const HostInstanceListRequest& request,
                                             const CallOptions& options = {});

// One deployable endpoint flattened out of a *InstanceDetail: the InstanceIdList parts that
// identify it, in DeployCertificateInstance order, and the certificate it holds now.
//   clb: LoadBalancerId, ListenerId[, rule Domain when SNI is on]   cdn: Domain
//   ddos: InstanceId, Domain, VirtualPort   live/vod/waf: Domain   teo: Host
//   apigateway: ServiceId, Domain   tke: ClusterId, Namespace, SecretName
//   cos: Region, Bucket, Domain   lighthouse: InstanceId, Domain (one per domain)
struct HostInstance {
  std::vector<std::string> id_parts;
  std::string cert_id;     // empty when nothing is bound
  bool cert_known = true;  // false where the listing reports no certificate (lighthouse)
  std::string name;        // display name when the API gives one
  std::string status;      // product status text when given (cdn, cos, teo, live)
};

std::vector<HostInstance> flatten_host_instances(std::string_view resource_type,
                                                 const std::vector<nlohmann::json>& instances);

// Refusals the deploy, update and rollback workflows branch on (seed 004's error-code tables of
// DeployCertificateInstance, UpdateCertificateInstance, DeployCertificateRecordRollback).
inline constexpr ErrorCode deploy_has_pending_record{
    "FailedOperation.CertificateDeployHasPendingRecord"};
inline constexpr ErrorCode deploy_instance_empty{"FailedOperation.CertificateDeployInstanceEmpty"};
// Any code starting FailedOperation.CertificateDeployRollbackStatusInvalid.
bool rollback_status_invalid(const ApiError& e);

}  // namespace cloudssl::api
