// Typed SSL API actions for certificates: upload, lookup, list, alias/project changes, checked
// deletion, free DV application and validation, and same-ID content rotation
// (docs/design/ssl-api.md §2.1, §2.2, §2.6, §3.5, §3.7, §3.8, §4.1-4.2). Each function is one
// Client::call; requests are built and responses decoded here, so resources never touch JSON.
//
// Decoding is tolerant of the doc's type wobble: ids and counts may arrive as numbers or
// strings, any field may be null or missing (missing strings decode as "", missing numbers and
// booleans as nullopt), and unknown fields are ignored.
//
// Secrets: the only private-key material that ever passes through here is the upload/rotation
// request (redacted by Client's logging) and CertificateDetail::certificate_private_key, both
// SecretStrings that wipe themselves; callers hash the key or drop it at once and never log it.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/core/api_error.h"
#include "api/core/client.h"
#include "provider/util/secret_string.h"

namespace cloudssl::api {

// ---------------------------------------------------------------------------------------
// Shared structures (§4.1, §4.2)
// ---------------------------------------------------------------------------------------

struct Tag {
  std::string key;    // TagKey
  std::string value;  // TagValue
  friend bool operator==(const Tag&, const Tag&) = default;
};

// One DV validation record (DvAuths; the top-level DvAuthDetail fields repeat the first).
struct DvAuth {
  std::string key;          // DvAuthKey: the record FQDN (DNS) or file name (FILE)
  std::string value;        // DvAuthValue
  std::string domain;       // DvAuthDomain
  std::string path;         // DvAuthPath (FILE only)
  std::string sub_domain;   // DvAuthSubDomain (items) / DvAuthKeySubDomain (top level)
  std::string verify_type;  // DvAuthVerifyType: TXT | CNAME | FILE
};

struct HostingConfig {
  std::optional<std::int64_t> replace_time;  // days before expiry (unit inferred, §5.2)
  std::vector<std::int64_t> message_types;
  std::string replace_start_time;  // hh:mm:ss
  std::string replace_end_time;
};

// A certificate as DescribeCertificates (list items), DescribeCertificate and
// DescribeCertificateDetail return it. Fields an action does not return stay empty.
// Deliberately holds no private key.
struct Certificate {
  std::string certificate_id;
  std::string alias;
  std::string domain;
  std::string certificate_type;  // CA | SVR
  std::string from;              // trustasia | upload | ...
  std::string package_type;
  std::string product_zh_name;
  std::optional<std::int64_t> project_id;  // a String in outputs, an Integer in inputs
  std::optional<std::int64_t> status;      // 0..15 (§3.7)
  std::string status_name;
  std::string status_msg;
  std::string verify_type;
  std::string cert_begin_time;
  std::string cert_end_time;
  std::string insert_time;
  std::string validity_period;
  std::string owner_uin;
  std::string encrypt_algorithm;
  std::vector<std::string> subject_alt_name;
  std::vector<std::string> cert_sans;
  std::vector<Tag> tags;
  std::optional<bool> deployable;
  std::optional<bool> renew_able;
  std::optional<bool> is_dv;
  std::optional<bool> is_wildcard;
  std::optional<bool> is_expiring;
  std::optional<bool> is_ignore;
  // CertificateExtra
  std::string origin_certificate_id;
  std::string renew_order;
  // Reissue (ReplaceCertificate), in the seed's words: ReplacedBy "the original ID of the
  // reissued certificate" (on a reissue: the certificate it reissued), ReplacedFor "the reissued
  // certificate's ID" (on an original: its reissue).
  std::string replaced_by;
  std::string replaced_for;
  // DV validation (DescribeCertificate / DescribeCertificateDetail)
  std::vector<DvAuth> dv_auths;
  std::string awaiting_validation_msg;
  std::string dv_auth_deadline;
  // Revocation (DescribeCertificate's DvRevokeAuthDetail; CertRevokedTime in list items)
  std::vector<DvAuth> dv_revoke_auths;
  std::string cert_revoked_time;
  // Hosting (DescribeCertificates only, §5.2)
  std::optional<std::int64_t> hosting_status;
  std::string hosting_complete_time;
  std::string hosting_renew_cert_id;
  std::string has_renew_order;
  std::string order_id;  // OrderId (DescribeCertificate): a paid order's, once submitted
  std::vector<std::string> hosting_resource_types;
  std::optional<HostingConfig> hosting_config;
  std::optional<bool> is_hosting_upload_renew_cert;  // IsHostingUploadRenewCert
  // DescribeCertificateDetail only: the certificate PEM (public) and SHA-1 fingerprint.
  std::string certificate_public_key;
  std::string cert_fingerprint;
};

void from_json(const nlohmann::json& j, Certificate& c);

// ---------------------------------------------------------------------------------------
// Upload and lookup
// ---------------------------------------------------------------------------------------

struct UploadCertificateRequest {
  std::string certificate_public_key;    // PEM, leaf first then chain
  SecretString certificate_private_key;  // empty = omitted (allowed for CA)
  std::string certificate_type = "SVR";
  std::string alias;  // empty = omitted
  std::optional<std::int64_t> project_id;
  std::vector<Tag> tags;
  std::optional<bool> repeatable;
};
void to_json(nlohmann::json& j, const UploadCertificateRequest& r);

struct UploadCertificateResponse {
  std::string certificate_id;
  std::string repeat_cert_id;  // set when Repeatable=false found the same certificate
};
void from_json(const nlohmann::json& j, UploadCertificateResponse& r);

UploadCertificateResponse upload_certificate(Client& client, const UploadCertificateRequest& r,
                                             const CallOptions& options = {});
// For an upload that is not safe to send twice (Repeatable = true): after an attempt whose
// answer was lost, `find_landed` gives the id of the certificate that attempt made, if it made
// one, and the call ends with it instead of uploading again (CallOptions::find_landed).
UploadCertificateResponse upload_certificate(
    Client& client, const UploadCertificateRequest& r, const CallOptions& options,
    const std::function<std::optional<std::string>()>& find_landed);

// The id of an identical certificate already in the account, or "" (CheckCertificateExist).
std::string check_certificate_exist(Client& client, const std::string& certificate_public_key,
                                    const CallOptions& options = {});

Certificate describe_certificate(Client& client, const std::string& certificate_id,
                                 const CallOptions& options = {});

struct CertificateDetail {
  Certificate certificate;
  // SECRET when present (may also come back masked as "*******"). Hash it or drop it at once.
  SecretString certificate_private_key;
};
CertificateDetail describe_certificate_detail(Client& client, const std::string& certificate_id,
                                              const CallOptions& options = {});

// "Not found" as a value: the one place the API's not-found codes are spelled. The find_*
// actions return nullopt when the certificate does not exist and throw every other error.
inline constexpr ErrorCode certificate_not_found{"FailedOperation.CertificateNotFound"};
// Any not-found answer, the common ResourceNotFound.* included: a delete treats it as done.
bool certificate_gone(const ApiError& e);
// The other refusals a workflow branches on, named here so that resources never spell an API
// code (seed 004, DeleteCertificate / DeleteCertificates error codes).
// DeleteResourceFailed or BoundResources: cloud resources still use it.
bool delete_refused_bound(const ApiError& e);
// CannotBeDeletedWithinHour or DeleteFailedTimeNotUp: too young to delete.
bool delete_refused_too_young(const ApiError& e);
inline constexpr ErrorCode service_role_missing{"FailedOperation.RoleNotFoundAuthorization"};
std::optional<Certificate> find_certificate(Client& client, const std::string& certificate_id,
                                            const CallOptions& options = {});
std::optional<CertificateDetail> find_certificate_detail(Client& client,
                                                         const std::string& certificate_id,
                                                         const CallOptions& options = {});

struct DescribeCertificatesRequest {
  std::optional<std::int64_t> offset;
  std::optional<std::int64_t> limit;  // max 1000
  std::string search_key;
  std::string certificate_type;
  std::optional<std::int64_t> project_id;
  std::string expiration_sort;  // ASC | DESC
  std::vector<std::int64_t> certificate_status;
  std::optional<std::int64_t> deployable;
  std::optional<std::int64_t> upload;
  std::optional<std::int64_t> renew;
  std::string filter_source;  // upload | buy
  std::optional<std::int64_t> is_sm;
  std::optional<std::int64_t> filter_expiring;
  std::optional<std::int64_t> hostable;
  std::vector<Tag> tags;
  std::optional<std::int64_t> is_pending_issue;
  std::vector<std::string> cert_ids;
};
void to_json(nlohmann::json& j, const DescribeCertificatesRequest& r);

struct DescribeCertificatesResponse {
  std::int64_t total_count = 0;
  std::vector<Certificate> certificates;
  // False when TotalCount was null or missing (the doc says it may be): total_count is then
  // 0 and says nothing about how many there are.
  bool total_count_reported = false;
};
void from_json(const nlohmann::json& j, DescribeCertificatesResponse& r);

DescribeCertificatesResponse describe_certificates(Client& client,
                                                   const DescribeCertificatesRequest& r,
                                                   const CallOptions& options = {});

// Every page of a filtered listing (Limit 1000 per call unless the request sets one). Pages
// until TotalCount is reached; when a page comes without TotalCount, until a short page
// (fewer items than the page size, which the API caps at 1000).
std::vector<Certificate> describe_all_certificates(Client& client, DescribeCertificatesRequest r,
                                                   const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Changes in place
// ---------------------------------------------------------------------------------------

void modify_certificate_alias(Client& client, const std::string& certificate_id,
                              const std::string& alias, const CallOptions& options = {});

struct ModifyCertificateProjectResponse {
  std::vector<std::string> success_certificates;
  std::vector<std::string> fail_certificates;
};
void from_json(const nlohmann::json& j, ModifyCertificateProjectResponse& r);
ModifyCertificateProjectResponse modify_certificate_project(
    Client& client, const std::vector<std::string>& certificate_ids, std::int64_t project_id,
    const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Deletion (§3.5)
// ---------------------------------------------------------------------------------------

struct DeleteCertificateResponse {
  bool delete_result = false;  // true: deleted synchronously
  std::string task_id;         // the checked-delete task (IsCheckResource)
};
void from_json(const nlohmann::json& j, DeleteCertificateResponse& r);
DeleteCertificateResponse delete_certificate(Client& client, const std::string& certificate_id,
                                             bool is_check_resource,
                                             const CallOptions& options = {});

struct BatchDeleteFail {
  std::string cert_id;
  std::string msg;
};
struct CertTaskId {
  std::string cert_id;
  std::string task_id;
};
struct DeleteCertificatesResponse {
  std::vector<std::string> success;
  std::vector<BatchDeleteFail> fail;
  std::vector<CertTaskId> cert_task_ids;
};
void from_json(const nlohmann::json& j, DeleteCertificatesResponse& r);
DeleteCertificatesResponse delete_certificates(Client& client,
                                               const std::vector<std::string>& certificate_ids,
                                               bool is_sync, const CallOptions& options = {});

// DeleteTaskResult.Status: 0 running, 1 deleted, 2 failed, 3 service role missing,
// 4 bound cloud resources remain, 5 bound-resource query timed out.
struct DeleteTaskResult {
  std::string task_id;
  std::string cert_id;
  std::optional<std::int64_t> status;
  std::string error;  // a String here (§0.4)
  std::string cache_time;
  std::vector<std::string> domains;
};
void from_json(const nlohmann::json& j, DeleteTaskResult& r);
std::vector<DeleteTaskResult> describe_delete_certificates_task_result(
    Client& client, const std::vector<std::string>& task_ids, const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Which resources use a certificate (§2.7): named in "still bound" delete errors
// ---------------------------------------------------------------------------------------

std::vector<CertTaskId> create_certificate_bind_resource_sync_task(
    Client& client, const std::vector<std::string>& certificate_ids, bool use_cache,
    const CallOptions& options = {});

struct BoundResource {
  std::string resource_type;  // clb, cdn, ...
  std::string region;         // empty for global types
  std::string description;    // "lb-xxx/lbl-yyy" or a domain
};
// One per-type, per-region list of the answer: how many instances are bound there.
struct BoundGroup {
  std::string resource_type;  // clb, cdn, ...
  std::string region;         // empty for global types
  std::int64_t total = 0;     // TotalCount, or the instances listed when it is absent
  std::string error;          // the list's Error: it could not be read
};
struct BindResourceTaskDetail {
  std::optional<std::int64_t> status;  // 0 querying, 1 success, 2 failed
  std::vector<BoundResource> resources;
  std::vector<BoundGroup> groups;
  // Bound instances a region's TotalCount names beyond those listed on this page.
  std::int64_t unlisted = 0;
  // "clb (ap-guangzhou): <Error>" for each per-type/region list whose query failed: the
  // answer is then incomplete and cannot prove the certificate unused.
  std::vector<std::string> query_errors;
};
void from_json(const nlohmann::json& j, BindResourceTaskDetail& r);
BindResourceTaskDetail describe_certificate_bind_resource_task_detail(
    Client& client, const std::string& task_id, const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Free DV certificates and validation (§2.1 ApplyCertificate, §2.2, §3.7, §3.8)
// ---------------------------------------------------------------------------------------

struct ApplyCertificateRequest {
  std::string dv_auth_method;  // DNS_AUTO | DNS | FILE
  std::string domain_name;
  std::optional<std::int64_t> project_id;
  std::string package_type;
  std::string contact_email;
  std::string contact_phone;
  std::string validity_period;
  std::string csr_encrypt_algo;
  std::string csr_key_parameter;
  std::string csr_key_password;  // secret
  std::string alias;
  std::string old_certificate_id;
  std::optional<bool> delete_dns_auto_record;
};
void to_json(nlohmann::json& j, const ApplyCertificateRequest& r);
// The new certificate id.
std::string apply_certificate(Client& client, const ApplyCertificateRequest& r,
                              const CallOptions& options = {});

void complete_certificate(Client& client, const std::string& certificate_id,
                          const CallOptions& options = {});

struct DomainValidationResult {
  std::string domain;
  std::string verify_type;
  std::optional<std::int64_t> local_check;  // 1 pass; negative values: why not (§3.8)
  std::optional<std::int64_t> ca_check;     // 2 pass, -1 not passed
  std::string local_check_fail_reason;
  std::vector<std::string> check_value;
  std::optional<bool> frequently;
  std::optional<bool> issued;
};
void from_json(const nlohmann::json& j, DomainValidationResult& r);
std::vector<DomainValidationResult> check_certificate_domain_verification(
    Client& client, const std::string& certificate_id, const CallOptions& options = {});

// ---------------------------------------------------------------------------------------
// Content rotation keeping the id (§2.6, §3.4; clb only)
// ---------------------------------------------------------------------------------------

struct ResourceTypeRegions {
  std::string resource_type;
  std::vector<std::string> regions;
};

struct UploadUpdateCertificateInstanceRequest {
  std::string old_certificate_id;
  std::vector<std::string> resource_types;
  std::string certificate_public_key;
  SecretString certificate_private_key;
  std::vector<ResourceTypeRegions> resource_types_regions;
};
void to_json(nlohmann::json& j, const UploadUpdateCertificateInstanceRequest& r);

struct UploadUpdateCertificateInstanceResponse {
  std::int64_t deploy_record_id = 0;  // 0: creation still in progress, call again (§0.2)
  std::optional<std::int64_t> deploy_status;
};
void from_json(const nlohmann::json& j, UploadUpdateCertificateInstanceResponse& r);
UploadUpdateCertificateInstanceResponse upload_update_certificate_instance(
    Client& client, const UploadUpdateCertificateInstanceRequest& r,
    const CallOptions& options = {});

struct UploadUpdateRecordInfo {
  std::int64_t id = 0;
  std::string old_cert_id;
  std::vector<std::string> resource_types;
  std::optional<std::int64_t> status;  // not enumerated by the doc (0, 4, 7 seen)
  std::string create_time;
  std::string update_time;
};
struct DescribeHostUploadUpdateRecordResponse {
  std::int64_t total_count = 0;
  std::vector<UploadUpdateRecordInfo> records;
};
void from_json(const nlohmann::json& j, DescribeHostUploadUpdateRecordResponse& r);
DescribeHostUploadUpdateRecordResponse describe_host_upload_update_record(
    Client& client, const std::string& old_certificate_id, std::int64_t offset, std::int64_t limit,
    const CallOptions& options = {});

struct UploadUpdateRecordItem {
  std::int64_t id = 0;
  std::optional<std::int64_t> status;
  std::string error_msg;
  std::string resource_type;
  std::string region;
  std::string instance_id;
  std::string listener_id;
};
// One run of a same-ID update record: Type 0 deploy, 1 rollback. Status 0 waiting, 1 deployed,
// 2 failed, 3 deploying, 4 rollback succeeded, 5 rollback failed (§3.4).
struct UploadUpdateRun {
  std::optional<std::int64_t> type;
  std::optional<std::int64_t> status;
  std::int64_t total_count = 0;
  std::int64_t success_total_count = 0;
  std::int64_t failed_total_count = 0;
  std::int64_t running_total_count = 0;
  std::vector<UploadUpdateRecordItem> items;
  std::string create_time;
};
void from_json(const nlohmann::json& j, UploadUpdateRun& r);
std::vector<UploadUpdateRun> describe_host_upload_update_record_detail(
    Client& client, std::int64_t deploy_record_id, const CallOptions& options = {});

// Restarts the failed targets of a same-ID update record's latest run
// (UploadUpdateCertificateRecordRetry); the record must be finished.
void upload_update_certificate_record_retry(Client& client, std::int64_t deploy_record_id,
                                            const CallOptions& options = {});
// Puts the record's successful targets back on the old content
// (UploadUpdateCertificateRecordRollback): a new run of Type 1 on the same record.
void upload_update_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                               const CallOptions& options = {});
// No failed target to retry.
inline constexpr ErrorCode nothing_to_retry{"FailedOperation.CertificateDeployRetryStatusInvalid"};
// No successful target to roll back.
inline constexpr ErrorCode nothing_to_roll_back{
    "FailedOperation.CertificateDeployRollbackStatusInvalid"};

}  // namespace cloudssl::api
