// The simulator's state: certificates, deployable instances, and the records of every
// asynchronous task family. Plain values with JSON (de)serialisation for --state files.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simulator/volcengine/certificate.h"

namespace cloudssl::sim {

struct Tag {
  std::string key, value;
};

// Free-certificate (ApplyCertificate) domain validation.
struct DvState {
  std::string method;  // DNS_AUTO, DNS, FILE
  bool validated = false;
  int reads_since_validated = 0;
  std::string key, value, subdomain, path;
  std::string record_type = "TXT";  // DNS methods: TXT, or CNAME as in the API's examples
  std::string fail_message;         // non-empty: the application ends in Status 2
  std::string algorithm = "RSA";
};

// A paid certificate's order (CreateCertificate → CertificateInfoSubmit →
// CertificateOrderSubmit, seed 004): what was bought and how far the order got.
struct PaidOrder {
  std::int64_t product_id = 0;
  int domain_num = 1;
  int time_span = 1;  // years
  std::string deal_id;
  // bought (information pending), info_submitted, ordered (under review / validation),
  // review_cancelled (CancelAuditCertificate), order_cancelled (CancelCertificateOrder),
  // resubmitted (ModifyCertificateResubmit: information and order again).
  std::string stage = "bought";
  nlohmann::json submitted = nullptr;  // DescribeCertificate's SubmittedData
  std::string order_id;                // the CA's order number, once ordered
};

struct Certificate {
  std::string id;
  std::string alias;
  std::string type = "SVR";  // SVR / CA
  std::string from = "upload";
  std::string package_type;  // "" for uploads, "83" for free DV
  std::string certificate_use;
  std::int64_t project_id = 0;
  std::string public_pem, private_pem;
  std::string domain;
  std::vector<std::string> sans;  // every DNS name incl. the main domain
  std::int64_t not_before = 0, not_after = 0;
  std::string fingerprint;
  std::string encrypt_algorithm;
  nlohmann::json chain = nlohmann::json::array();  // CertBasicInfo objects
  int status = 1;
  std::string status_msg;
  std::string verify_type;
  std::int64_t insert_time = 0;
  std::vector<Tag> tags;
  bool is_ignore = false;
  bool deployable = true;
  bool allow_download = true;
  bool is_free = false;
  std::string renew_order;            // HasRenewOrder / CertificateExtra.RenewOrder
  std::string origin_certificate_id;  // CertificateExtra.OriginCertificateId
  // Reissue (ReplaceCertificate), in the seed's words: ReplacedBy is "the original ID of the
  // reissued certificate" (set on the reissue), ReplacedFor "the reissued certificate's ID"
  // (set on the original).
  std::string replaced_by, replaced_for;
  int auto_renew_flag = 0;
  nlohmann::json hosting = nlohmann::json::object();  // admin-set HostingStatus & co
  bool has_dv = false;
  DvState dv;
  std::int64_t validation_passed_time = 0;
  // DescribeCertificate reads since CancelCertificateOrder: the first shows 6 (cancelling),
  // the next 7 (cancelled).
  int cancel_reads = 0;
  // Revocation (RevokeCertificate): Status 9 until the revocation records are validated, then
  // 10. revoke_auths are DvAuths objects, shown as DvRevokeAuthDetail.
  std::string revoke_reason;
  nlohmann::json revoke_auths = nlohmann::json::array();
  bool revoke_validated = false;
  int revoke_reads = 0;
  std::int64_t revoked_time = 0;
  // Paid certificates (CreateCertificate); extra_auths are the DvAuths of the names besides
  // the main domain.
  bool is_paid = false;
  PaidOrder paid;
  nlohmann::json extra_auths = nlohmann::json::array();
  // The certificate request an order or reissue was given (paid GenCsrType parse, reissue
  // CsrType Upload): the issued certificate carries its key, which stays with its owner.
  std::string csr_pem;
};

// One per-target item of a deploy/update/rollback run.
struct TaskItem {
  std::int64_t id = 0;
  std::string resource_type;
  std::string target;  // the slot key (InstanceIdList form)
  std::string region;
  std::string cert_id;      // certificate being put on the target
  std::string old_cert_id;  // certificate the target held before
  int status = 0;           // 0 pending, 3 running, then 1/2 (4/5 rollback, 6 no resource)
  std::string error;
  std::int64_t create_time = 0, update_time = 0;
  int polls = 0;  // polls seen since (re)start
  std::int64_t started_ms = 0;
  nlohmann::json info = nlohmann::json::object();  // InstanceId, ListenerId, Domains, ...
};

// Deploy family (DeployCertificateInstance / rollback) and update family
// (UpdateCertificateInstance / rollback).
struct DeployRecord {
  std::int64_t id = 0;
  std::string family;  // "deploy" or "update"
  bool rollback = false;
  std::int64_t origin_id = 0;  // the record a rollback undoes
  std::string cert_id, old_cert_id;
  std::string resource_type;                         // deploy family
  std::string region;                                // deploy family
  std::vector<std::string> resource_types, regions;  // update family
  std::vector<TaskItem> items;
  std::int64_t create_time = 0, update_time = 0;
};

// Same-ID update (UploadUpdateCertificateInstance): runs of Type 0 (deploy) / 1 (rollback).
struct UploadUpdateRun {
  int type = 0;
  int status_override = -1;  // unused unless set by admin
  std::vector<TaskItem> items;
  std::int64_t create_time = 0;
  bool applied = false;  // content switch done
};

struct UploadUpdateRecord {
  std::int64_t id = 0;
  std::string old_cert_id;
  std::vector<std::string> resource_types, regions;
  std::string new_public_pem, new_private_pem;
  std::string old_public_pem, old_private_pem;
  std::vector<UploadUpdateRun> runs;
  std::int64_t create_time = 0, update_time = 0;
};

struct DeleteTask {
  std::string id;
  std::string cert_id;
  int status = 0;
  std::string error;
  std::vector<std::string> domains;
  int polls = 0;
  std::int64_t started_ms = 0;
  std::int64_t cache_time = 0;
};

struct BindTask {
  std::string id;
  std::string cert_id;
  int status = 0;
  int polls = 0;
  std::int64_t started_ms = 0;
  std::int64_t done_time = 0;  // simulated clock, for IsCache reuse
  std::string error_code, error_message;
  nlohmann::json result = nlohmann::json::object();  // type -> [{Region, Targets...}]
};

// One entry of the account's certificate operation log (DescribeCertificateOperateLogs).
struct OperateLog {
  std::int64_t time = 0;  // simulated clock
  std::string cert_id;
  std::string type;         // apply, upload, delete, revoke, revoked, issued, updateAlias, ...
  std::string action;       // the API's sentence, e.g. "用户[uin: …] 删除 证书[id: …]"
  std::string sub_account;  // "--" for what the CA or the service did
};

// Creation of an Update*/UploadUpdate* record in progress (DeployRecordId 0 answers so far).
struct PendingCreation {
  std::string key;
  int calls = 0;
};

struct State {
  std::map<std::string, Certificate> certificates;
  // Resource type -> instance documents (the documented *InstanceDetail shapes + Region).
  std::map<std::string, std::vector<nlohmann::json>> instances;
  std::map<std::int64_t, DeployRecord> deploy_records;
  std::map<std::int64_t, UploadUpdateRecord> upload_update_records;
  std::map<std::string, DeleteTask> delete_tasks;
  std::map<std::string, BindTask> bind_tasks;
  std::map<std::string, PendingCreation> pending_creations;
  // Volcengine's certificate center (CertificateGetInstance), in listing order.
  std::vector<volcengine::Certificate> volcengine_certificates;
  std::vector<OperateLog> operate_logs;  // oldest first
  // What a paid certificate's submission refers to (seed members "companies", "managers",
  // "packages"): CompanyInfo, ManagerInfo (+ its CompanyId) and PackageInfo objects.
  nlohmann::json companies = nlohmann::json::array();
  nlohmann::json managers = nlohmann::json::array();
  nlohmann::json packages = nlohmann::json::array();
  std::int64_t next_record_id = 1000;
  std::int64_t next_item_id = 100000;
  std::int64_t next_task_id = 1;
};

// Missing members keep their defaults, so state files from older builds still load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Tag, key, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DvState, method, validated, reads_since_validated,
                                                key, value, subdomain, path, fail_message,
                                                algorithm, record_type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PaidOrder, product_id, domain_num, time_span,
                                                deal_id, stage, submitted, order_id)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Certificate, id, alias, type, from, package_type, certificate_use, project_id, public_pem,
    private_pem, domain, sans, not_before, not_after, fingerprint, encrypt_algorithm, chain, status,
    status_msg, verify_type, insert_time, tags, is_ignore, deployable, allow_download, is_free,
    renew_order, origin_certificate_id, replaced_by, replaced_for, auto_renew_flag, hosting, has_dv,
    dv, validation_passed_time, cancel_reads, revoke_reason, revoke_auths, revoke_validated,
    revoke_reads, revoked_time, is_paid, paid, extra_auths, csr_pem)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TaskItem, id, resource_type, target, region,
                                                cert_id, old_cert_id, status, error, create_time,
                                                update_time, polls, started_ms, info)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeployRecord, id, family, rollback, origin_id,
                                                cert_id, old_cert_id, resource_type, region,
                                                resource_types, regions, items, create_time,
                                                update_time)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UploadUpdateRun, type, status_override, items,
                                                create_time, applied)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UploadUpdateRecord, id, old_cert_id, resource_types,
                                                regions, new_public_pem, new_private_pem,
                                                old_public_pem, old_private_pem, runs, create_time,
                                                update_time)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DeleteTask, id, cert_id, status, error, domains,
                                                polls, started_ms, cache_time)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(BindTask, id, cert_id, status, polls, started_ms,
                                                done_time, error_code, error_message, result)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PendingCreation, key, calls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OperateLog, time, cert_id, type, action,
                                                sub_account)

void to_json(nlohmann::json& j, const State& v);
void from_json(const nlohmann::json& j, State& v);

}  // namespace cloudssl::sim
