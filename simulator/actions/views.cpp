#include "simulator/actions/views.h"

#include <algorithm>

#include "simulator/actions/paid_products.h"
#include "simulator/api_failure.h"
#include "simulator/certificate_content.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

constexpr const char* kOwnerUin = "100000000001";

std::string status_name(int status) {
  switch (status) {
    case 0:
      return "审核中";
    case 1:
      return "已颁发";
    case 2:
      return "审核失败";
    case 3:
      return "已过期";
    case 4:
      return "待验证";
    case 5:
      return "企业证书，待提交资料";
    case 6:
      return "订单取消中";
    case 7:
      return "已取消";
    case 8:
      return "已提交资料，待上传确认函";
    case 9:
      return "证书吊销中";
    case 10:
      return "已吊销";
    case 11:
      return "重颁发中";
    case 12:
      return "待上传吊销确认函";
    case 13:
      return "免费证书待提交资料";
    case 14:
      return "证书已退款";
    case 15:
      return "证书迁移中";
    default:
      return "";
  }
}

json time_or_null(std::int64_t t) { return t > 0 ? json(beijing_time(t)) : json(nullptr); }

// The product name of a paid certificate, "" for others.
std::string product_name(const Certificate& c) {
  const PaidProduct* product = c.is_paid ? find_paid_product(c.paid.product_id) : nullptr;
  return product ? product->name : std::string();
}

std::string product_name_or_free(const Certificate& c) {
  return c.is_free ? std::string("TrustAsia C1 DV Free") : product_name(c);
}

bool is_dv(const Certificate& c) {
  const PaidProduct* product = c.is_paid ? find_paid_product(c.paid.product_id) : nullptr;
  return c.is_free || (product && product->validation == "DV");
}

std::string validity_months(const Certificate& c) {
  if (c.is_free) return "3";
  if (c.is_paid) return std::to_string(12 * c.paid.time_span);
  if (c.not_after <= c.not_before) return "";
  return std::to_string((c.not_after - c.not_before + 15 * 86400) / (30 * 86400));
}

bool is_wildcard(const Certificate& c) {
  for (const auto& n : c.sans) {
    if (n.rfind("*.", 0) == 0) return true;
  }
  return false;
}

bool pending_dv(const Certificate& c) { return c.has_dv && (c.status == 0 || c.status == 4); }

json dv_auth_detail(const World& world, const Certificate& c) {
  if (!pending_dv(c)) {
    return {{"DvAuthKey", nullptr},  {"DvAuthValue", nullptr},        {"DvAuthDomain", nullptr},
            {"DvAuthPath", nullptr}, {"DvAuthKeySubDomain", nullptr}, {"DvAuths", json::array()}};
  }
  const bool file = c.dv.method == "FILE";
  // A wildcard name's record is for its base domain.
  const std::string base = c.domain.rfind("*.", 0) == 0 ? c.domain.substr(2) : c.domain;
  json item = {{"DvAuthKey", c.dv.key},
               {"DvAuthValue", c.dv.value},
               {"DvAuthDomain", base},
               {"DvAuthPath", file ? json(c.dv.path) : json("")},
               {"DvAuthSubDomain", c.dv.subdomain},
               {"DvAuthVerifyType", file ? std::string("FILE") : c.dv.record_type}};
  json all = json::array({item});
  for (const auto& extra : c.extra_auths) all.push_back(extra);  // a paid order's other names
  if (c.is_paid)
    for (const auto& domain : world.settings.extra_dv_auths)
      all.push_back({{"DvAuthKey", "_dnsauth." + domain},
                     {"DvAuthValue", "extra-" + c.id},
                     {"DvAuthDomain", domain},
                     {"DvAuthPath", ""},
                     {"DvAuthSubDomain", "_dnsauth"},
                     {"DvAuthVerifyType", "TXT"}});
  if (c.is_paid && world.settings.zone_dv_auth_domains)
    for (auto& record : all) {
      const std::string key = record.value("DvAuthKey", "");
      if (record.value("DvAuthVerifyType", "") == "FILE" || key.empty()) continue;
      // "_dnsauth.www.example.com": zone "example.com", sub-domain "_dnsauth.www".
      const auto last = key.rfind('.');
      const auto zone_at =
          last == std::string::npos || last == 0 ? std::string::npos : key.rfind('.', last - 1);
      if (zone_at == std::string::npos) continue;
      record["DvAuthDomain"] = key.substr(zone_at + 1);
      record["DvAuthSubDomain"] = key.substr(0, zone_at);
    }
  if (world.settings.reverse_dv_auths) std::reverse(all.begin(), all.end());
  return {{"DvAuthKey", c.dv.key},
          {"DvAuthValue", c.dv.value},
          {"DvAuthDomain", base},
          {"DvAuthPath", file ? json(c.dv.path) : json("")},
          {"DvAuthKeySubDomain", c.dv.subdomain},
          {"DvAuths", all}};
}

json certificate_extra(const Certificate& c) {
  const std::size_t domains = c.is_paid ? static_cast<std::size_t>(c.paid.domain_num)
                                        : std::max<std::size_t>(1, c.sans.size());
  return {{"DomainNumber", std::to_string(domains)},
          {"OriginCertificateId",
           c.origin_certificate_id.empty() ? json(nullptr) : json(c.origin_certificate_id)},
          {"ReplacedBy", c.replaced_by.empty() ? json(nullptr) : json(c.replaced_by)},
          {"ReplacedFor", c.replaced_for.empty() ? json(nullptr) : json(c.replaced_for)},
          {"RenewOrder", c.renew_order.empty() ? json(nullptr) : json(c.renew_order)},
          {"SMCert", 0},
          {"CompanyType", 0}};
}

bool had_validity(const Certificate& c, int status) {
  return c.status == 1 || status == 3 || c.status == 9 || c.status == 10;
}

json common_members(const World& world, const Certificate& c) {
  const int status = effective_status(c, world.now());
  return {{"OwnerUin", kOwnerUin},
          {"ProjectId", std::to_string(c.project_id)},
          {"From", c.from},
          {"CertificateType", c.type},
          {"PackageType", c.package_type.empty() ? json(nullptr) : json(c.package_type)},
          {"ProductZhName", product_name_or_free(c)},
          {"Domain", c.domain},
          {"Alias", c.alias},
          {"Status", status},
          {"StatusMsg", c.status_msg},
          {"VerifyType", c.verify_type},
          {"VulnerabilityStatus", "INACTIVE"},
          // An issued certificate keeps its validity once expired, being revoked or revoked.
          {"CertBeginTime", time_or_null(had_validity(c, status) ? c.not_before : 0)},
          {"CertEndTime", time_or_null(had_validity(c, status) ? c.not_after : 0)},
          {"ValidityPeriod", validity_months(c)},
          {"InsertTime", beijing_time(c.insert_time)},
          {"OrderId", c.is_free                               ? json("so-" + c.id)
                      : c.is_paid && !c.paid.order_id.empty() ? json(c.paid.order_id)
                                                              : json(nullptr)},
          {"CertificateExtra", certificate_extra(c)},
          {"DvAuthDetail", dv_auth_detail(world, c)},
          {"VulnerabilityReport", nullptr},
          {"CertificateId", c.id},
          {"StatusName", status_name(status)},
          {"IsVip", false},
          {"IsWildcard", is_wildcard(c)},
          {"IsDv", is_dv(c)},
          {"IsVulnerability", false},
          {"RenewAble", c.is_free && status == 1},
          {"SubmittedData", c.is_paid ? c.paid.submitted : json(nullptr)},
          {"Deployable", c.deployable && status == 1},
          {"Tags", tags_json(c.tags)},
          {"DvRevokeAuthDetail", c.revoke_auths}};
}

json ca_members(const Certificate& c, json out) {
  const bool ca = c.type == "CA";
  json algos = json::array(), names = json::array(), ends = json::array();
  if (ca) {
    algos.push_back(c.encrypt_algorithm);
    names.push_back(c.domain);
    ends.push_back(beijing_time(c.not_after));
  }
  out["CAEncryptAlgorithms"] = algos;  // [] for a server certificate, as in the seed
  out["CACommonNames"] = names;
  out["CAEndTimes"] = ends;
  return out;
}

}  // namespace

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"TagKey", t.key}, {"TagValue", t.value}});
  return out;
}

std::vector<Tag> tags_from(const json& tags) {
  std::vector<Tag> out;
  if (tags.is_null()) return out;
  if (!tags.is_array()) throw ApiFailure("InvalidParameter", "Tags must be an array of Tags.");
  for (const auto& t : tags) {
    if (!t.is_object() || !t.contains("TagKey") || !t["TagKey"].is_string()) {
      throw ApiFailure("InvalidParameter", "Each tag needs a String TagKey and TagValue.");
    }
    out.push_back(
        Tag{t["TagKey"].get<std::string>(), t.contains("TagValue") && t["TagValue"].is_string()
                                                ? t["TagValue"].get<std::string>()
                                                : std::string()});
  }
  return out;
}

json certificate_view(const World& world, const Certificate& c) {
  json out = common_members(world, c);
  out["PackageTypeName"] = product_name_or_free(c);
  out["SubjectAltName"] = c.sans;  // "includes the main domain" here
  return ca_members(c, out);
}

json certificate_detail_view(const World& world, const Certificate& c) {
  json out = common_members(world, c);
  out["TypeName"] = product_name_or_free(c);
  json sans = json::array();  // "does not include the main domain" here
  for (const auto& n : c.sans) {
    if (n != c.domain) sans.push_back(n);
  }
  out["SubjectAltName"] = sans;
  const bool has_content = !c.public_pem.empty();
  const bool masked = world.settings.mask_private_key && !c.private_pem.empty();
  out["CertificatePrivateKey"] =
      !has_content ? json(nullptr) : json(masked ? std::string("*******") : c.private_pem);
  out["CertificatePublicKey"] = has_content ? json(c.public_pem) : json(nullptr);
  // The seed's DescribeCertificateDetail examples: an object whose members are null.
  out["RootCert"] = {{"Sign", nullptr}, {"Encrypt", nullptr}, {"Standard", nullptr}};
  out["EncryptCert"] = nullptr;
  out["EncryptPrivateKey"] = nullptr;
  out["CertFingerprint"] = has_content ? json(c.fingerprint) : json(nullptr);
  out["EncryptCertFingerprint"] = nullptr;
  out["EncryptAlgorithm"] = c.encrypt_algorithm;
  json chain = json::array();
  for (const auto& e : c.chain) {
    chain.push_back({{"Issuer", e.value("Issuer", "")},
                     {"Subject", e.value("Subject", "")},
                     {"Fingerprint", e.value("Fingerprint", "")},
                     {"ValidFrom", beijing_time(e.value("ValidFrom", std::int64_t{0}))},
                     {"ValidTo", beijing_time(e.value("ValidTo", std::int64_t{0}))}});
  }
  out["CertChainInfo"] = chain;
  const bool wildcard = is_wildcard(c);
  out["DomainType"] = c.sans.size() > 1 ? (wildcard ? 4 : 2) : (wildcard ? 3 : 1);
  // DV/OV/EV: a CA-issued certificate's class only.
  if (c.is_free) out["CertType"] = "DV";
  if (const PaidProduct* product = c.is_paid ? find_paid_product(c.paid.product_id) : nullptr)
    out["CertType"] = product->validation;
  return out;
}

json certificate_list_item(const World& world, const Certificate& c) {
  json out = common_members(world, c);
  // Members of DescribeCertificate's answer that a listed Certificates item does not carry
  // (the SDK's Certificates model and the seed's DescribeCertificates examples).
  for (const char* single_only :
       {"OrderId", "DvAuthDetail", "VulnerabilityReport", "SubmittedData", "DvRevokeAuthDetail"})
    out.erase(single_only);
  const std::int64_t now = world.now();
  // A certificate never issued (an order, a cancelled one) has no validity: the SDK's
  // Certificates model does not allow null here, so it is "".
  for (const char* time : {"CertBeginTime", "CertEndTime"})
    if (out[time].is_null()) out[time] = "";
  out["PackageTypeName"] = product_name_or_free(c);
  out["SubjectAltName"] = c.sans;
  out["ProjectInfo"] = {{"ProjectName", c.project_id == 0 ? "默认项目" : "project"},
                        {"ProjectCreatorUin", 100000000001LL},
                        {"ProjectCreateTime", "2020-01-01 00:00:00"},
                        {"ProjectResume", ""},
                        {"OwnerUin", 100000000001LL},
                        {"ProjectId", std::to_string(c.project_id)}};
  out["BoundResource"] = json::array();
  out["IsIgnore"] = c.is_ignore;
  out["IsSM"] = false;
  out["EncryptAlgorithm"] = c.encrypt_algorithm;
  if (c.is_free) out["PreAuditInfo"] = {{"TotalPeriod", 1}, {"NowPeriod", 1}, {"ManagerId", ""}};
  out["AutoRenewFlag"] = c.auto_renew_flag;
  out["HostingStatus"] = c.hosting.value("HostingStatus", -1);
  // No value is "" / [] in the seed's examples (these members may not be null).
  out["HostingCompleteTime"] = c.hosting.value("HostingCompleteTime", "");
  out["HostingRenewCertId"] = c.hosting.value("HostingRenewCertId", "");
  out["HostingResourceTypes"] = c.hosting.value("HostingResourceTypes", json::array());
  out["HostingConfig"] = c.hosting.value("HostingConfig", json(nullptr));
  out["IsHostingUploadRenewCert"] = c.hosting.value("IsHostingUploadRenewCert", false);
  out["HasRenewOrder"] = c.renew_order;
  // On a reissue: whether its original has been deleted since.
  out["ReplaceOriCertIsDelete"] =
      !c.replaced_by.empty() && world.state.certificates.count(c.replaced_by) == 0;
  out["IsExpiring"] = c.not_after > now && c.not_after - now <= 30 * 86400;
  out["DVAuthDeadline"] = c.has_dv ? beijing_time(c.insert_time + 7 * 86400) : std::string();
  out["ValidationPassedTime"] =
      c.validation_passed_time > 0 ? beijing_time(c.validation_passed_time) : "--";
  out["CertSANs"] = c.sans;
  out["AwaitingValidationMsg"] = "";
  out["AllowDownload"] = c.allow_download;
  out["IsDNSPODResolve"] = false;
  out["IsPackage"] = false;
  out["KeyPasswordCustomFlag"] = false;
  out["SupportDownloadType"] = {{"NGINX", true}, {"APACHE", true}, {"TOMCAT", true}, {"IIS", true},
                                {"JKS", true},   {"OTHER", true},  {"ROOT", true}};
  out["CertRevokedTime"] = c.revoked_time > 0 ? beijing_time(c.revoked_time) : std::string();
  return ca_members(c, out);
}

ItemCounts count_items(const std::vector<TaskItem>& items) {
  ItemCounts n;
  for (const auto& i : items) {
    if (i.status == 1 || i.status == 4 || i.status == 6)
      ++n.success;
    else if (i.status == 2 || i.status == 5)
      ++n.failed;
    else
      ++n.running;
  }
  return n;
}

namespace {
json base_item(const TaskItem& item) {
  json out = {{"Id", item.id},
              {"CertId", item.cert_id},
              {"OldCertId", item.old_cert_id},
              {"InstanceId", item.info.value("InstanceId", "")},
              {"InstanceName", item.info.value("InstanceName", "")},
              {"ListenerId", item.info.value("ListenerId", "")},
              {"ListenerName", item.info.value("ListenerName", "")},
              {"Domains", item.info.value("Domains", json::array())},
              {"Protocol", item.info.value("Protocol", "")},
              {"Status", item.status},
              {"ErrorMsg", item.error},
              {"CreateTime", iso_utc(item.create_time)},
              {"UpdateTime", iso_utc(item.update_time)},
              {"SniSwitch", item.info.value("SniSwitch", 0)},
              {"Bucket", item.info.value("Bucket", "")},
              {"Namespace", item.info.value("Namespace", "")},
              {"SecretName", item.info.value("SecretName", "")},
              {"Port", item.info.value("Port", 0)},
              {"EnvId", item.info.value("EnvId", "")},
              {"TCBType", item.info.value("TCBType", "")},
              {"Region", item.info.value("Region", item.region)}};
  return out;
}
}  // namespace

json deploy_item_view(const TaskItem& item) {
  json out = base_item(item);
  out["Url"] = item.info.value("Url", json::array());
  return out;
}

json update_item_view(const TaskItem& item) {
  json out = base_item(item);
  out["ResourceType"] = item.resource_type;
  // A String here, an Array in DeployRecordDetail (docs/design/ssl-api.md §7.9).
  const json urls = item.info.value("Url", json::array());
  out["Url"] = urls.empty() ? "" : urls.front().get<std::string>();
  return out;
}

json upload_update_item_view(const TaskItem& item) {
  json out = base_item(item);
  out.erase("CertId");
  out.erase("EnvId");
  out.erase("TCBType");
  out["ResourceType"] = item.resource_type;
  out["Forward"] = item.info.value("Forward", 1);
  out["SSLMode"] = item.info.value("SSLMode", "UNIDIRECTIONAL");
  return out;
}

}  // namespace cloudssl::sim
