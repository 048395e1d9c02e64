#include "api/tencent/ssl/certificate_actions.h"

#include <algorithm>
#include <set>

#include "api/core/json_fields.h"
#include "provider/util/ascii.h"

namespace cloudssl::api {

using nlohmann::json;

namespace {

// The tolerant readers (api/core/json_fields.h): the API mixes numbers and numeric strings,
// and nulls anywhere.
using fields::boolean;
using fields::field;
using fields::integer;
using fields::integer_or;
using fields::integers;
using fields::objects;
using fields::strings;
using fields::text;

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"TagKey", t.key}, {"TagValue", t.value}});
  return out;
}

void put_if(json& j, const char* name, const std::string& v) {
  if (!v.empty()) j[name] = v;
}
template <class T>
void put_if(json& j, const char* name, const std::optional<T>& v) {
  if (v) j[name] = *v;
}

DvAuth dv_auth_of(const json& j) {
  DvAuth a;
  a.key = text(j, "DvAuthKey");
  a.value = text(j, "DvAuthValue");
  a.domain = text(j, "DvAuthDomain");
  a.path = text(j, "DvAuthPath");
  a.sub_domain = text(j, "DvAuthSubDomain");
  if (a.sub_domain.empty()) a.sub_domain = text(j, "DvAuthKeySubDomain");
  a.verify_type = text(j, "DvAuthVerifyType");
  return a;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

void from_json(const json& j, Certificate& c) {
  c.certificate_id = text(j, "CertificateId");
  c.alias = text(j, "Alias");
  c.domain = text(j, "Domain");
  c.certificate_type = text(j, "CertificateType");
  c.from = text(j, "From");
  c.package_type = text(j, "PackageType");
  c.product_zh_name = text(j, "ProductZhName");
  c.project_id = integer(j, "ProjectId");
  c.status = integer(j, "Status");
  c.status_name = text(j, "StatusName");
  c.status_msg = text(j, "StatusMsg");
  c.verify_type = text(j, "VerifyType");
  c.cert_begin_time = text(j, "CertBeginTime");
  c.cert_end_time = text(j, "CertEndTime");
  c.insert_time = text(j, "InsertTime");
  c.validity_period = text(j, "ValidityPeriod");
  c.owner_uin = text(j, "OwnerUin");
  c.encrypt_algorithm = text(j, "EncryptAlgorithm");
  c.subject_alt_name = strings(j, "SubjectAltName");
  c.cert_sans = strings(j, "CertSANs");
  c.tags.clear();
  if (const json* tags = field(j, "Tags"); tags && tags->is_array()) {
    for (const auto& t : *tags)
      if (t.is_object()) c.tags.push_back({text(t, "TagKey"), text(t, "TagValue")});
  }
  c.deployable = boolean(j, "Deployable");
  c.renew_able = boolean(j, "RenewAble");
  c.is_dv = boolean(j, "IsDv");
  c.is_wildcard = boolean(j, "IsWildcard");
  c.is_expiring = boolean(j, "IsExpiring");
  c.is_ignore = boolean(j, "IsIgnore");
  if (const json* extra = field(j, "CertificateExtra")) {
    c.origin_certificate_id = text(*extra, "OriginCertificateId");
    c.renew_order = text(*extra, "RenewOrder");
    c.replaced_by = text(*extra, "ReplacedBy");
    c.replaced_for = text(*extra, "ReplacedFor");
  }
  c.dv_auths.clear();
  if (const json* detail = field(j, "DvAuthDetail")) {
    if (const json* items = field(*detail, "DvAuths"); items && items->is_array()) {
      for (const auto& item : *items)
        if (item.is_object()) c.dv_auths.push_back(dv_auth_of(item));
    }
    // Single-domain answers may fill only the top-level fields.
    if (c.dv_auths.empty()) {
      DvAuth top = dv_auth_of(*detail);
      if (!top.key.empty() || !top.value.empty()) c.dv_auths.push_back(top);
    }
  }
  c.dv_revoke_auths.clear();
  if (const json* revoke = field(j, "DvRevokeAuthDetail"); revoke && revoke->is_array()) {
    for (const auto& item : *revoke)
      if (item.is_object()) c.dv_revoke_auths.push_back(dv_auth_of(item));
  }
  c.cert_revoked_time = text(j, "CertRevokedTime");
  c.awaiting_validation_msg = text(j, "AwaitingValidationMsg");
  c.dv_auth_deadline = text(j, "DVAuthDeadline");
  c.hosting_status = integer(j, "HostingStatus");
  c.hosting_complete_time = text(j, "HostingCompleteTime");
  c.hosting_renew_cert_id = text(j, "HostingRenewCertId");
  c.has_renew_order = text(j, "HasRenewOrder");
  c.order_id = text(j, "OrderId");
  c.hosting_resource_types = strings(j, "HostingResourceTypes");
  c.is_hosting_upload_renew_cert = boolean(j, "IsHostingUploadRenewCert");
  c.hosting_config.reset();
  if (const json* hc = field(j, "HostingConfig"); hc && hc->is_object()) {
    HostingConfig h;
    h.replace_time = integer(*hc, "ReplaceTime");
    h.message_types = integers(*hc, "MessageTypes");
    h.replace_start_time = text(*hc, "ReplaceStartTime");
    h.replace_end_time = text(*hc, "ReplaceEndTime");
    c.hosting_config = h;
  }
  c.certificate_public_key = text(j, "CertificatePublicKey");
  c.cert_fingerprint = text(j, "CertFingerprint");
}

void from_json(const json& j, UploadCertificateResponse& r) {
  r.certificate_id = text(j, "CertificateId");
  r.repeat_cert_id = text(j, "RepeatCertId");
}

void from_json(const json& j, DescribeCertificatesResponse& r) {
  r.total_count = integer_or(j, "TotalCount");
  r.total_count_reported = integer(j, "TotalCount").has_value();
  r.certificates = objects<Certificate>(j, "Certificates");
}

void from_json(const json& j, ModifyCertificateProjectResponse& r) {
  r.success_certificates = strings(j, "SuccessCertificates");
  r.fail_certificates = strings(j, "FailCertificates");
}

void from_json(const json& j, DeleteCertificateResponse& r) {
  r.delete_result = boolean(j, "DeleteResult").value_or(false);
  r.task_id = text(j, "TaskId");
}

// Items of the answers below, found by fields::objects (through nlohmann's lookup of
// from_json in the type's namespace, hence not file-local).
void from_json(const json& j, BatchDeleteFail& r) {
  r.cert_id = text(j, "CertId");
  r.msg = text(j, "Msg");
}
void from_json(const json& j, CertTaskId& r) {
  r.cert_id = text(j, "CertId");
  r.task_id = text(j, "TaskId");
}

void from_json(const json& j, DeleteCertificatesResponse& r) {
  r.success = strings(j, "Success");
  r.fail = objects<BatchDeleteFail>(j, "Fail");
  r.cert_task_ids = objects<CertTaskId>(j, "CertTaskIds");
}

void from_json(const json& j, DeleteTaskResult& r) {
  r.task_id = text(j, "TaskId");
  r.cert_id = text(j, "CertId");
  r.status = integer(j, "Status");
  // Documented as a String; tolerate the Error struct other task results use.
  if (const json* e = field(j, "Error"); e && e->is_object())
    r.error = text(*e, "Message").empty() ? text(*e, "Code") : text(*e, "Message");
  else
    r.error = text(j, "Error");
  r.cache_time = text(j, "CacheTime");
  r.domains = strings(j, "Domains");
}

namespace {

// Names one bound instance from whichever identifying fields its *InstanceDetail carries.
std::vector<std::string> describe_instance(const json& d) {
  std::vector<std::string> out;
  if (auto lb = text(d, "LoadBalancerId"); !lb.empty()) {
    const json* listeners = field(d, "Listeners");
    if (listeners && listeners->is_array() && !listeners->empty()) {
      for (const auto& l : *listeners) out.push_back(lb + "/" + text(l, "ListenerId"));
    } else {
      out.push_back(lb);
    }
    return out;
  }
  if (auto cluster = text(d, "ClusterId"); !cluster.empty()) {
    const json* namespaces = field(d, "NamespaceList");
    if (namespaces && namespaces->is_array()) {
      for (const auto& ns : *namespaces) {
        const json* secrets = field(ns, "SecretList");
        if (!secrets || !secrets->is_array()) continue;
        for (const auto& s : *secrets)
          out.push_back(cluster + "/" + text(ns, "Name") + "/" + text(s, "Name"));
      }
    }
    if (out.empty()) out.push_back(cluster);
    return out;
  }
  std::string id;
  for (const char* key : {"ServiceId", "GatewayId", "InstanceId", "Bucket", "ZoneId"}) {
    if (auto v = text(d, key); !v.empty()) {
      id = v;
      break;
    }
  }
  std::string domain = text(d, "Domain");
  if (domain.empty()) domain = text(d, "Host");
  if (!id.empty() && !domain.empty())
    out.push_back(id + "/" + domain);
  else if (!id.empty() || !domain.empty())
    out.push_back(id.empty() ? domain : id);
  return out;
}

// TCB lists environments, each holding the bound domains of its access and host services.
std::vector<std::string> describe_tcb_environment(const json& env) {
  std::vector<std::string> out;
  const json* e = field(env, "Environment");
  const std::string id = e ? text(*e, "ID") : std::string();
  for (const char* service : {"AccessService", "HostService"}) {
    const json* s = field(env, service);
    const json* list = s ? field(*s, "InstanceList") : nullptr;
    if (!list || !list->is_array()) continue;
    for (const auto& d : *list) out.push_back(id + "/" + text(d, "Domain"));
  }
  if (out.empty() && !id.empty()) out.push_back(id);
  return out;
}

}  // namespace

void from_json(const json& j, BindResourceTaskDetail& r) {
  r.status = integer(j, "Status");
  r.resources.clear();
  r.groups.clear();
  r.unlisted = 0;
  r.query_errors.clear();
  static const char* kTypes[] = {"CLB", "CDN",        "WAF", "DDOS", "LIVE", "VOD",
                                 "TKE", "APIGATEWAY", "TCB", "TEO",  "TSE",  "COS"};
  for (const char* type : kTypes) {
    const json* lists = field(j, type);
    if (!lists || !lists->is_array()) continue;
    const std::string lower = ascii_lower(type);
    for (const auto& wrapper : *lists) {
      std::string region = text(wrapper, "Region");
      if (std::string error = text(wrapper, "Error"); !error.empty())
        r.query_errors.push_back(lower + (region.empty() ? "" : " (" + region + ")") + ": " +
                                 error);
      const bool tcb = lower == "tcb";
      const json* instances = field(wrapper, tcb ? "Environments" : "InstanceList");
      std::int64_t listed = 0;
      if (instances && instances->is_array()) {
        listed = static_cast<std::int64_t>(instances->size());
        for (const auto& instance : *instances)
          for (auto& what : tcb ? describe_tcb_environment(instance) : describe_instance(instance))
            r.resources.push_back({lower, region, std::move(what)});
      }
      const auto total = integer(wrapper, "TotalCount");
      if (total && *total > listed) r.unlisted += *total - listed;
      r.groups.push_back(
          {lower, region, std::max(total.value_or(listed), listed), text(wrapper, "Error")});
    }
  }
}

void from_json(const json& j, DomainValidationResult& r) {
  r.domain = text(j, "Domain");
  r.verify_type = text(j, "VerifyType");
  r.local_check = integer(j, "LocalCheck");
  r.ca_check = integer(j, "CaCheck");
  r.local_check_fail_reason = text(j, "LocalCheckFailReason");
  r.check_value = strings(j, "CheckValue");
  r.frequently = boolean(j, "Frequently");
  r.issued = boolean(j, "Issued");
}

void from_json(const json& j, UploadUpdateCertificateInstanceResponse& r) {
  r.deploy_record_id = integer_or(j, "DeployRecordId");
  r.deploy_status = integer(j, "DeployStatus");
}

// An item of the answer below (not file-local: see BatchDeleteFail's).
void from_json(const json& j, UploadUpdateRecordInfo& r) {
  r.id = integer_or(j, "Id");
  r.old_cert_id = text(j, "OldCertId");
  r.resource_types = strings(j, "ResourceTypes");
  r.status = integer(j, "Status");
  r.create_time = text(j, "CreateTime");
  r.update_time = text(j, "UpdateTime");
}

void from_json(const json& j, DescribeHostUploadUpdateRecordResponse& r) {
  r.total_count = integer_or(j, "TotalCount");
  r.records = objects<UploadUpdateRecordInfo>(j, "DeployRecordList");
}

void from_json(const json& j, UploadUpdateRun& r) {
  r.type = integer(j, "Type");
  r.status = integer(j, "Status");
  r.total_count = integer_or(j, "TotalCount");
  r.success_total_count = integer_or(j, "SuccessTotalCount");
  r.failed_total_count = integer_or(j, "FailedTotalCount");
  r.running_total_count = integer_or(j, "RunningTotalCount");
  r.create_time = text(j, "CreateTime");
  r.items.clear();
  const json* groups = field(j, "RecordDetailList");
  if (!groups || !groups->is_array()) return;
  for (const auto& group : *groups) {
    const json* list = field(group, "List");
    if (!list || !list->is_array()) continue;
    for (const auto& item : *list) {
      UploadUpdateRecordItem it;
      it.id = integer_or(item, "Id");
      it.status = integer(item, "Status");
      it.error_msg = text(item, "ErrorMsg");
      it.resource_type = text(item, "ResourceType");
      if (it.resource_type.empty()) it.resource_type = text(group, "ResourceType");
      it.region = text(item, "Region");
      it.instance_id = text(item, "InstanceId");
      it.listener_id = text(item, "ListenerId");
      r.items.push_back(std::move(it));
    }
  }
}

// ---------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------

void to_json(json& j, const UploadCertificateRequest& r) {
  j = json::object();
  j["CertificatePublicKey"] = r.certificate_public_key;
  put_if(j, "CertificatePrivateKey", r.certificate_private_key.value());
  j["CertificateType"] = r.certificate_type.empty() ? "SVR" : r.certificate_type;
  put_if(j, "Alias", r.alias);
  put_if(j, "ProjectId", r.project_id);
  if (!r.tags.empty()) j["Tags"] = tags_json(r.tags);
  put_if(j, "Repeatable", r.repeatable);
}

void to_json(json& j, const DescribeCertificatesRequest& r) {
  j = json::object();
  put_if(j, "Offset", r.offset);
  put_if(j, "Limit", r.limit);
  put_if(j, "SearchKey", r.search_key);
  put_if(j, "CertificateType", r.certificate_type);
  put_if(j, "ProjectId", r.project_id);
  put_if(j, "ExpirationSort", r.expiration_sort);
  if (!r.certificate_status.empty()) j["CertificateStatus"] = r.certificate_status;
  put_if(j, "Deployable", r.deployable);
  put_if(j, "Upload", r.upload);
  put_if(j, "Renew", r.renew);
  put_if(j, "FilterSource", r.filter_source);
  put_if(j, "IsSM", r.is_sm);
  put_if(j, "FilterExpiring", r.filter_expiring);
  put_if(j, "Hostable", r.hostable);
  if (!r.tags.empty()) j["Tags"] = tags_json(r.tags);
  put_if(j, "IsPendingIssue", r.is_pending_issue);
  if (!r.cert_ids.empty()) j["CertIds"] = r.cert_ids;
}

void to_json(json& j, const ApplyCertificateRequest& r) {
  j = json::object();
  j["DvAuthMethod"] = r.dv_auth_method;
  j["DomainName"] = r.domain_name;
  put_if(j, "ProjectId", r.project_id);
  put_if(j, "PackageType", r.package_type);
  put_if(j, "ContactEmail", r.contact_email);
  put_if(j, "ContactPhone", r.contact_phone);
  put_if(j, "ValidityPeriod", r.validity_period);
  put_if(j, "CsrEncryptAlgo", r.csr_encrypt_algo);
  put_if(j, "CsrKeyParameter", r.csr_key_parameter);
  put_if(j, "CsrKeyPassword", r.csr_key_password);
  put_if(j, "Alias", r.alias);
  put_if(j, "OldCertificateId", r.old_certificate_id);
  put_if(j, "DeleteDnsAutoRecord", r.delete_dns_auto_record);
}

void to_json(json& j, const UploadUpdateCertificateInstanceRequest& r) {
  j = json::object();
  j["OldCertificateId"] = r.old_certificate_id;
  j["ResourceTypes"] = r.resource_types;
  j["CertificatePublicKey"] = r.certificate_public_key;
  j["CertificatePrivateKey"] = r.certificate_private_key.value();
  if (!r.resource_types_regions.empty()) {
    json list = json::array();
    for (const auto& rr : r.resource_types_regions)
      list.push_back({{"ResourceType", rr.resource_type}, {"Regions", rr.regions}});
    j["ResourceTypesRegions"] = std::move(list);
  }
}

// ---------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------

UploadCertificateResponse upload_certificate(Client& client, const UploadCertificateRequest& r,
                                             const CallOptions& options) {
  return client.call("UploadCertificate", json(r), options).get<UploadCertificateResponse>();
}

UploadCertificateResponse upload_certificate(
    Client& client, const UploadCertificateRequest& r, const CallOptions& options,
    const std::function<std::optional<std::string>()>& find_landed) {
  CallOptions checked = options;
  checked.find_landed = [&find_landed]() -> std::optional<json> {
    auto id = find_landed();
    if (!id) return std::nullopt;
    return json{{"CertificateId", *id}};
  };
  return upload_certificate(client, r, checked);
}

std::string check_certificate_exist(Client& client, const std::string& certificate_public_key,
                                    const CallOptions& options) {
  json response = client.call("CheckCertificateExist",
                              {{"CertificatePublicKey", certificate_public_key}}, options);
  return text(response, "RepeatCertId");
}

Certificate describe_certificate(Client& client, const std::string& certificate_id,
                                 const CallOptions& options) {
  return client.call("DescribeCertificate", {{"CertificateId", certificate_id}}, options)
      .get<Certificate>();
}

CertificateDetail describe_certificate_detail(Client& client, const std::string& certificate_id,
                                              const CallOptions& options) {
  json response =
      client.call("DescribeCertificateDetail", {{"CertificateId", certificate_id}}, options);
  CertificateDetail detail;
  detail.certificate = response.get<Certificate>();
  detail.certificate_private_key = text(response, "CertificatePrivateKey");
  return detail;
}

bool certificate_gone(const ApiError& e) {
  return certificate_not_found(e) || e.code_starts_with("ResourceNotFound");
}

bool delete_refused_bound(const ApiError& e) {
  return e.is("FailedOperation.DeleteResourceFailed") || e.is("FailedOperation.BoundResources");
}

bool delete_refused_too_young(const ApiError& e) {
  return e.is("FailedOperation.CannotBeDeletedWithinHour") ||
         e.is("FailedOperation.DeleteFailedTimeNotUp");
}

namespace {
// The answer of `describe`, or nullopt when the certificate does not exist.
template <class Describe>
auto unless_not_found(Describe&& describe) -> std::optional<decltype(describe())> {
  try {
    return describe();
  } catch (const ApiError& e) {
    if (certificate_not_found(e)) return std::nullopt;
    throw;
  }
}
}  // namespace

std::optional<Certificate> find_certificate(Client& client, const std::string& certificate_id,
                                            const CallOptions& options) {
  return unless_not_found([&] { return describe_certificate(client, certificate_id, options); });
}

std::optional<CertificateDetail> find_certificate_detail(Client& client,
                                                         const std::string& certificate_id,
                                                         const CallOptions& options) {
  return unless_not_found(
      [&] { return describe_certificate_detail(client, certificate_id, options); });
}

DescribeCertificatesResponse describe_certificates(Client& client,
                                                   const DescribeCertificatesRequest& r,
                                                   const CallOptions& options) {
  return client.call("DescribeCertificates", json(r), options).get<DescribeCertificatesResponse>();
}

std::vector<Certificate> describe_all_certificates(Client& client, DescribeCertificatesRequest r,
                                                   const CallOptions& options) {
  constexpr std::int64_t kMaxPage = 1000;  // the API treats a bigger Limit as 1000
  std::vector<Certificate> out;
  if (!r.limit) r.limit = kMaxPage;
  const std::int64_t full_page = std::min(*r.limit, kMaxPage);
  std::int64_t offset = r.offset.value_or(0);
  std::set<std::string> seen;
  for (;;) {
    r.offset = offset;
    DescribeCertificatesResponse page = describe_certificates(client, r, options);
    std::int64_t got = static_cast<std::int64_t>(page.certificates.size());
    bool progress = false;
    for (auto& c : page.certificates) {
      if (!seen.insert(c.certificate_id).second) continue;
      progress = true;
      out.push_back(std::move(c));
    }
    offset += got;
    if (got == 0) break;
    // A page of nothing new: an answer that ignores Offset (or claims a TotalCount it never
    // delivers) would otherwise be listed forever.
    if (!progress) break;
    if (page.total_count_reported ? offset >= page.total_count : got < full_page) break;
  }
  return out;
}

void modify_certificate_alias(Client& client, const std::string& certificate_id,
                              const std::string& alias, const CallOptions& options) {
  client.call("ModifyCertificateAlias", {{"CertificateId", certificate_id}, {"Alias", alias}},
              options);
}

ModifyCertificateProjectResponse modify_certificate_project(
    Client& client, const std::vector<std::string>& certificate_ids, std::int64_t project_id,
    const CallOptions& options) {
  return client
      .call("ModifyCertificateProject",
            {{"CertificateIdList", certificate_ids}, {"ProjectId", project_id}}, options)
      .get<ModifyCertificateProjectResponse>();
}

DeleteCertificateResponse delete_certificate(Client& client, const std::string& certificate_id,
                                             bool is_check_resource, const CallOptions& options) {
  return client
      .call("DeleteCertificate",
            {{"CertificateId", certificate_id}, {"IsCheckResource", is_check_resource}}, options)
      .get<DeleteCertificateResponse>();
}

DeleteCertificatesResponse delete_certificates(Client& client,
                                               const std::vector<std::string>& certificate_ids,
                                               bool is_sync, const CallOptions& options) {
  return client
      .call("DeleteCertificates", {{"CertificateIds", certificate_ids}, {"IsSync", is_sync}},
            options)
      .get<DeleteCertificatesResponse>();
}

std::vector<DeleteTaskResult> describe_delete_certificates_task_result(
    Client& client, const std::vector<std::string>& task_ids, const CallOptions& options) {
  json response =
      client.call("DescribeDeleteCertificatesTaskResult", {{"TaskIds", task_ids}}, options);
  return objects<DeleteTaskResult>(response, "DeleteTaskResult");
}

std::vector<CertTaskId> create_certificate_bind_resource_sync_task(
    Client& client, const std::vector<std::string>& certificate_ids, bool use_cache,
    const CallOptions& options) {
  json response =
      client.call("CreateCertificateBindResourceSyncTask",
                  {{"CertificateIds", certificate_ids}, {"IsCache", use_cache ? 1 : 0}}, options);
  return objects<CertTaskId>(response, "CertTaskIds");
}

BindResourceTaskDetail describe_certificate_bind_resource_task_detail(Client& client,
                                                                      const std::string& task_id,
                                                                      const CallOptions& options) {
  // Limit/Offset are Strings for this action (§2.7); 100 is the documented maximum.
  return client
      .call("DescribeCertificateBindResourceTaskDetail",
            {{"TaskId", task_id}, {"Limit", "100"}, {"Offset", "0"}}, options)
      .get<BindResourceTaskDetail>();
}

std::string apply_certificate(Client& client, const ApplyCertificateRequest& r,
                              const CallOptions& options) {
  return text(client.call("ApplyCertificate", json(r), options), "CertificateId");
}

void complete_certificate(Client& client, const std::string& certificate_id,
                          const CallOptions& options) {
  client.call("CompleteCertificate", {{"CertificateId", certificate_id}}, options);
}

std::vector<DomainValidationResult> check_certificate_domain_verification(
    Client& client, const std::string& certificate_id, const CallOptions& options) {
  json response = client.call("CheckCertificateDomainVerification",
                              {{"CertificateId", certificate_id}}, options);
  return objects<DomainValidationResult>(response, "VerificationResults");
}

UploadUpdateCertificateInstanceResponse upload_update_certificate_instance(
    Client& client, const UploadUpdateCertificateInstanceRequest& r, const CallOptions& options) {
  return client.call("UploadUpdateCertificateInstance", json(r), options)
      .get<UploadUpdateCertificateInstanceResponse>();
}

DescribeHostUploadUpdateRecordResponse describe_host_upload_update_record(
    Client& client, const std::string& old_certificate_id, std::int64_t offset, std::int64_t limit,
    const CallOptions& options) {
  json request = {{"Offset", offset}, {"Limit", limit}};
  put_if(request, "OldCertificateId", old_certificate_id);
  return client.call("DescribeHostUploadUpdateRecord", request, options)
      .get<DescribeHostUploadUpdateRecordResponse>();
}

std::vector<UploadUpdateRun> describe_host_upload_update_record_detail(
    Client& client, std::int64_t deploy_record_id, const CallOptions& options) {
  json response = client.call("DescribeHostUploadUpdateRecordDetail",
                              {{"DeployRecordId", deploy_record_id}, {"Limit", 200}}, options);
  return objects<UploadUpdateRun>(response, "DeployRecordDetail");
}

void upload_update_certificate_record_retry(Client& client, std::int64_t deploy_record_id,
                                            const CallOptions& options) {
  client.call("UploadUpdateCertificateRecordRetry", {{"DeployRecordId", deploy_record_id}},
              options);
}

void upload_update_certificate_record_rollback(Client& client, std::int64_t deploy_record_id,
                                               const CallOptions& options) {
  client.call("UploadUpdateCertificateRecordRollback", {{"DeployRecordId", deploy_record_id}},
              options);
}

}  // namespace cloudssl::api
