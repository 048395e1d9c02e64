// Paid certificate actions (see the header).
#include "api/tencent/ssl/paid_actions.h"

#include <algorithm>

#include "api/core/json_fields.h"

namespace cloudssl::api {

using nlohmann::json;

namespace {

constexpr std::int64_t kPage = 1000;  // the largest Limit the list actions document

void put_nonempty(json& request, const std::string& name, const std::string& value) {
  if (!value.empty()) request[name] = value;
}

// The administrator's and the technical contact's fields differ only by their prefix.
void put_contact(json& request, const std::string& prefix, const PaidContact& c) {
  put_nonempty(request, prefix + "FirstName", c.first_name);
  put_nonempty(request, prefix + "LastName", c.last_name);
  put_nonempty(request, prefix + "Phone", c.phone);
  put_nonempty(request, prefix + "Email", c.email);
  put_nonempty(request, prefix + "Title", c.title);
}

// Pages of an Offset/Limit list until TotalCount (or a short page when it is absent).
template <class T>
std::vector<T> all_pages(Client& client, const std::string& action, json request, const char* list,
                         const CallOptions& options, json* last = nullptr) {
  std::vector<T> out;
  for (std::int64_t offset = 0;;) {
    request["Offset"] = offset;
    request["Limit"] = kPage;
    json answer = client.call(action, request, options);
    auto items = fields::objects<T>(answer, list);
    const auto got = static_cast<std::int64_t>(items.size());
    for (auto& i : items) out.push_back(std::move(i));
    offset += got;
    const auto total = fields::integer(answer, "TotalCount");
    if (last) *last = std::move(answer);
    if (got == 0 || (total ? offset >= *total : got < kPage)) break;
  }
  return out;
}

// Where a purchase action's answer names the certificate it bought.
enum class BoughtIdField {
  CertificateIds,  // CreateCertificate: a list
  CertificateId,   // CreateCertificateByPackage
};

// The answer `action` would have given for buying `id`.
json bought_answer(BoughtIdField field, const std::string& id) {
  switch (field) {
    case BoughtIdField::CertificateIds:
      return {{"CertificateIds", json::array({id})}};
    case BoughtIdField::CertificateId:
      return {{"CertificateId", id}};
  }
  return json::object();  // unreachable: every field is handled above
}

// A purchase request (not idempotent) sent at most once: once an attempt may have been
// processed, `find_landed` (when given) is asked for the id it bought, and when there is none
// the call ends in a purchase_unconfirmed error instead of buying again. A found id is
// answered in `field`, as the action's answer names it.
json call_purchase(Client& client, const std::string& action, const json& request,
                   const CallOptions& options,
                   const std::function<std::optional<std::string>()>& find_landed,
                   BoughtIdField field) {
  CallOptions once = options;
  once.send_once = true;
  // The client asks this exactly when an attempt may have been processed.
  bool may_have_landed = false;
  once.find_landed = [&]() -> std::optional<json> {
    may_have_landed = true;
    auto id = find_landed ? find_landed() : std::nullopt;
    if (!id) return std::nullopt;
    return bought_answer(field, *id);
  };
  try {
    return client.call(action, request, once);
  } catch (const ApiError& e) {
    if (!may_have_landed) throw;
    throw ApiError(action, std::string(purchase_unconfirmed.code), e.code() + ": " + e.message(),
                   e.request_id(), ErrorClass::Final, e.http_status());
  }
}

}  // namespace

const std::vector<PaidProduct>& paid_products() {
  // id, name, validation, multi-domain, wildcard, multi-year, and the ProductPid of the same
  // product in CreateCertificateByPackage's list (the two lists name it alike), if it has one;
  // then whether it is an SM2 (国密) or a CFCA product. Ids 75-97 repeat the names of older
  // ids, whose ProductPid the points list already gives; the SM2 products' names match two
  // point families ("DNSPod亚信国密", "DNSPod-国密") or none: no ProductPid is guessed.
  static const std::vector<PaidProduct> all = {
      {3, "SecureSite EV Pro", "EV", false, false, true, 1018559},
      {4, "SecureSite EV", "EV", false, false, true, 1018557},
      {5, "SecureSite OV Pro", "OV", false, false, true, 1018582},
      {6, "SecureSite OV", "OV", false, false, true, 1018580},
      {7, "SecureSite OV wildcard", "OV", false, true, true, 1013874},
      {8, "GeoTrust EV", "EV", false, false, true, 1018529},
      {9, "GeoTrust OV", "OV", false, false, true, 1013884},
      {10, "GeoTrust OV wildcard", "OV", false, true, true, 1004360},
      {11, "TrustAsia DV multi-domain", "DV", true, false, true, 1018584},
      {12, "TrustAsia DV wildcard", "DV", false, true, true, 1018586},
      {13, "TrustAsia OV wildcard (D3)", "OV", false, true, true, 1013892},
      {14, "TrustAsia OV (D3)", "OV", false, false, true, 1013890},
      {15, "TrustAsia OV multi-domain (D3)", "OV", true, false, true, 1013894},
      {16, "TrustAsia EV (D3)", "EV", false, false, true, 1013888},
      {17, "TrustAsia EV multi-domain (D3)", "EV", true, false, true, 1013898},
      {18, "GlobalSign OV", "OV", false, false, true, 1013900},
      {19, "GlobalSign OV wildcard", "OV", false, true, true, 1013902},
      {20, "GlobalSign EV", "EV", false, false, true, 1013904},
      {21, "TrustAsia OV wildcard multi-domain (D3)", "OV", true, true, true, 1013896},
      {22, "GlobalSign OV multi-domain", "OV", true, false, true, 1013906},
      {23, "GlobalSign OV wildcard multi-domain", "OV", true, true, true, 1013908},
      {24, "GlobalSign EV multi-domain", "EV", true, false, true, 1013910},
      {25, "WoTrus DV", "DV", false, false, true, 1004157},
      {26, "WoTrus DV multi-domain", "DV", true, false, true, 1004161},
      {27, "WoTrus DV wildcard", "DV", false, true, true, 1004159},
      {28, "WoTrus OV", "OV", false, false, true, 1004164},
      {29, "WoTrus OV multi-domain", "OV", true, false, true, 1004166},
      {30, "WoTrus OV wildcard", "OV", false, true, true, 1004168},
      {31, "WoTrus EV", "EV", false, false, true, 1004454},
      {32, "WoTrus EV multi-domain", "EV", true, false, true, 1004456},
      {33, "WoTrus SM2 DV", "DV", false, false, true, 0, true},
      {34, "WoTrus SM2 DV multi-domain", "DV", true, false, true, 0, true},
      {35, "WoTrus SM2 DV wildcard", "DV", false, true, true, 0, true},
      {37, "WoTrus SM2 OV", "OV", false, false, true, 0, true},
      {38, "WoTrus SM2 OV multi-domain", "OV", true, false, true, 0, true},
      {39, "WoTrus SM2 OV wildcard", "OV", false, true, true, 0, true},
      {40, "WoTrus SM2 EV", "EV", false, false, true, 0, true},
      {41, "WoTrus SM2 EV multi-domain", "EV", true, false, true, 0, true},
      {42, "TrustAsia DV wildcard multi-domain", "DV", true, true, true, 1005919},
      {43, "DNSPod OV", "OV", false, false, true, 1013955},
      {44, "DNSPod OV wildcard", "OV", false, true, true, 1013957},
      {45, "DNSPod OV multi-domain", "OV", true, false, true, 1013959},
      {46, "DNSPod EV", "EV", false, false, true, 1013961},
      {47, "DNSPod EV multi-domain", "EV", true, false, true, 1013963},
      {48, "DNSPod DV", "DV", false, false, true, 1013949},
      {49, "DNSPod DV wildcard", "DV", false, true, true, 1013951},
      {50, "DNSPod DV multi-domain", "DV", true, false, true, 1013953},
      {51, "DNSPod SM2 OV", "OV", false, false, true, 0, true},
      {52, "DNSPod SM2 OV wildcard", "OV", false, true, true, 0, true},
      {53, "DNSPod SM2 OV multi-domain", "OV", true, false, true, 0, true},
      {54, "DNSPod SM2 DV", "DV", false, false, true, 0, true},
      {55, "DNSPod SM2 DV wildcard", "DV", false, true, true, 0, true},
      {56, "DNSPod SM2 DV multi-domain", "DV", true, false, true, 0, true},
      {57, "SecureSite OV Pro multi-domain", "OV", true, false, true, 1013878},
      {58, "SecureSite OV multi-domain", "OV", true, false, true, 1013876},
      {59, "SecureSite EV Pro multi-domain", "EV", true, false, true, 1013882},
      {60, "SecureSite EV multi-domain", "EV", true, false, true, 1013880},
      {61, "GeoTrust EV multi-domain", "EV", true, false, true, 1013886},
      {75, "SecureSite OV", "OV", false, false, true},
      {76, "SecureSite OV wildcard", "OV", false, true, true},
      {77, "SecureSite EV", "EV", false, false, true},
      {78, "GeoTrust OV", "OV", false, false, true},
      {79, "GeoTrust OV wildcard", "OV", false, true, true},
      {80, "GeoTrust EV", "EV", false, false, true},
      {81, "GlobalSign OV", "OV", false, false, true},
      {82, "GlobalSign OV wildcard", "OV", false, true, true},
      {85, "GlobalSign EV", "EV", false, false, true},
      {88, "GlobalSign OV wildcard multi-domain", "OV", true, true, true},
      {89, "GlobalSign OV multi-domain", "OV", true, false, true},
      {90, "GlobalSign EV multi-domain", "EV", true, false, true},
      {91, "GeoTrust EV multi-domain", "EV", true, false, true},
      {92, "SecureSite OV Pro multi-domain", "OV", true, false, true},
      {93, "SecureSite OV multi-domain", "OV", true, false, true},
      {94, "SecureSite EV Pro multi-domain", "EV", true, false, true},
      {95, "SecureSite EV multi-domain", "EV", true, false, true},
      {96, "SecureSite EV Pro", "EV", false, false, true},
      {97, "SecureSite OV Pro", "OV", false, false, true},
      {98, "CFCA OV", "OV", false, false, true, 1022447, false, true},
      {99, "CFCA OV multi-domain", "OV", true, false, false, 0, false, true},
      {100, "CFCA OV wildcard", "OV", false, true, false, 1022449, false, true},
      {101, "CFCA EV", "EV", false, false, false, 1022451, false, true},
      {102, "Rapid DV", "DV", false, false, true},
      {103, "Rapid DV wildcard", "DV", false, true, true},
      {104, "TrustAsia DV", "DV", false, false, true},
      {105, "SSL single domain (one year)", "DV", false, false, false},
  };
  return all;
}

const PaidProduct* find_paid_product(std::int64_t product_id) {
  for (const auto& p : paid_products())
    if (p.id == product_id) return &p;
  return nullptr;
}

PaidOrderIds create_certificate(Client& client, const PaidPurchase& purchase,
                                const CallOptions& options) {
  return create_certificate(client, purchase, options, {});
}

PaidOrderIds create_certificate(Client& client, const PaidPurchase& purchase,
                                const CallOptions& options,
                                const std::function<std::optional<std::string>()>& find_landed) {
  json request = {{"ProductId", purchase.product_id},
                  {"DomainNum", purchase.domain_num},
                  {"TimeSpan", purchase.time_span},
                  {"AutoVoucher", 0}};
  if (!purchase.tags.empty()) {
    json tags = json::array();
    for (const auto& t : purchase.tags) tags.push_back({{"TagKey", t.key}, {"TagValue", t.value}});
    request["Tags"] = std::move(tags);
  }
  // A second CreateCertificate buys a second certificate.
  json answer = call_purchase(client, "CreateCertificate", request, options, find_landed,
                              BoughtIdField::CertificateIds);
  const auto ids = fields::strings(answer, "CertificateIds");
  const auto deals = fields::strings(answer, "DealIds");
  if (ids.empty() || ids.front().empty()) {
    throw ApiError("CreateCertificate", "InternalError.BackendResponseError",
                   "CreateCertificate answered no certificate id", "", ErrorClass::Final);
  }
  return {ids.front(), deals.empty() ? std::string() : deals.front()};
}

json certificate_by_package_request(const PackagePurchase& purchase) {
  json request = {{"ProductPid", purchase.product_pid},
                  {"PackageIds", purchase.package_ids},
                  {"DomainCount", std::to_string(purchase.domain_count)},
                  {"Period", purchase.period}};
  if (!purchase.tags.empty()) {
    json tags = json::array();
    for (const auto& t : purchase.tags) tags.push_back({{"TagKey", t.key}, {"TagValue", t.value}});
    request["Tags"] = std::move(tags);
  }
  return request;
}

std::string create_certificate_by_package(
    Client& client, const PackagePurchase& purchase, const CallOptions& options,
    const std::function<std::optional<std::string>()>& find_landed) {
  // A second request spends the points again.
  const json answer =
      call_purchase(client, "CreateCertificateByPackage", certificate_by_package_request(purchase),
                    options, find_landed, BoughtIdField::CertificateId);
  std::string id = fields::text(answer, "CertificateId");
  if (id.empty()) {
    const auto ids = fields::strings(answer, "CertificateIds");
    if (!ids.empty()) id = ids.front();
  }
  if (id.empty()) {
    throw ApiError("CreateCertificateByPackage", "InternalError.BackendResponseError",
                   "CreateCertificateByPackage answered no certificate id", "", ErrorClass::Final);
  }
  return id;
}

bool package_payment_refused(const ApiError& e) {
  return e.is("InvalidParameter.PackageIdsInvalid") || e.is("FailedOperation.TradeError");
}

json certificate_info_request(const std::string& certificate_id, const PaidCertificateInfo& info) {
  json r = {{"CertId", certificate_id},
            {"GenCsrType", info.csr_type},
            {"CertCommonName", info.common_name},
            {"CompanyType", info.company_type},
            {"CompanyId", info.company_id.empty() ? "0" : info.company_id}};
  if (!info.manager_id.empty() && info.manager_id != "0") r["ManagerId"] = info.manager_id;
  if (!info.other_names.empty()) r["DnsNames"] = info.other_names;
  if (info.csr_type == "parse") {
    r["Csr"] = info.csr;
  } else {
    put_nonempty(r, "CsrEncryptAlgo", info.key_algorithm);
    put_nonempty(r, "CsrKeyParameter", info.key_parameter);
  }
  if (const auto& o = info.organisation) {
    put_nonempty(r, "OrgOrganization", o->name);
    put_nonempty(r, "OrgDivision", o->division);
    put_nonempty(r, "OrgAddress", o->address);
    put_nonempty(r, "OrgCountry", o->country);
    put_nonempty(r, "OrgCity", o->city);
    put_nonempty(r, "OrgRegion", o->region);
    put_nonempty(r, "OrgPhoneArea", o->phone_area);
    put_nonempty(r, "OrgPhoneNumber", o->phone_number);
  }
  if (info.admin) put_contact(r, "Admin", *info.admin);
  if (info.tech) put_contact(r, "Tech", *info.tech);
  put_nonempty(r, "ContactEmail", info.contact_email);
  put_nonempty(r, "VerifyType", info.verify_type);
  return r;
}

void submit_certificate_info(Client& client, const std::string& certificate_id,
                             const PaidCertificateInfo& info, const CallOptions& options) {
  client.call("CertificateInfoSubmit", certificate_info_request(certificate_id, info), options);
}

SubmittedOrder submit_certificate_order(Client& client, const std::string& certificate_id,
                                        const std::string& verify_type,
                                        const CallOptions& options) {
  json request = {{"CertId", certificate_id}};
  put_nonempty(request, "VerifyType", verify_type);
  json answer = client.call("CertificateOrderSubmit", request, options);
  return {fields::text(answer, "OrderId"), fields::integer_or(answer, "Status", 0)};
}

std::optional<PaidOrderState> find_paid_order(Client& client, const std::string& certificate_id,
                                              const CallOptions& options) {
  json answer;
  try {
    answer = client.call("DescribeCertificate", {{"CertificateId", certificate_id}}, options);
  } catch (const ApiError& e) {
    if (certificate_not_found(e)) return std::nullopt;
    throw;
  }
  PaidOrderState order;
  order.status = fields::integer(answer, "Status");
  order.status_name = fields::text(answer, "StatusName");
  order.order_id = fields::text(answer, "OrderId");
  auto certificate = answer.get<Certificate>();  // read as every certificate's
  order.tags = std::move(certificate.tags);
  order.shows_submission = shows_submission(certificate);
  return order;
}

bool shows_submission(std::string_view status_msg, const std::vector<DvAuth>& auths) {
  return !status_msg.empty() || std::ranges::any_of(auths, [](const DvAuth& a) {
    return !a.key.empty() || !a.value.empty();
  });
}

bool shows_submission(const Certificate& c) { return shows_submission(c.status_msg, c.dv_auths); }

void cancel_certificate_audit(Client& client, const std::string& certificate_id,
                              const CallOptions& options) {
  client.call("CancelAuditCertificate", {{"CertificateId", certificate_id}}, options);
}

void resubmit_certificate(Client& client, const std::string& certificate_id,
                          const CallOptions& options) {
  client.call("ModifyCertificateResubmit", {{"CertificateId", certificate_id}}, options);
}

bool resubmit_refused(const ApiError& e) {
  return e.is("FailedOperation.CertificateStatusNotAllowResubmit") ||
         e.is("InvalidParameter.CertificateStatusNotAllowResubmit");
}

void from_json(const json& j, Company& c) {
  c.id = fields::integer_or(j, "CompanyId");
  c.name = fields::text(j, "CompanyName");
  c.country = fields::text(j, "CompanyCountry");
  c.province = fields::text(j, "CompanyProvince");
  c.city = fields::text(j, "CompanyCity");
  c.address = fields::text(j, "CompanyAddress");
  c.phone = fields::text(j, "CompanyPhone");
  c.id_type = fields::text(j, "IdType");
  c.id_number = fields::text(j, "IdNumber");
}

void from_json(const json& j, Manager& m) {
  m.id = fields::integer_or(j, "ManagerId");
  m.status = fields::text(j, "Status");
  m.first_name = fields::text(j, "ManagerFirstName");
  m.last_name = fields::text(j, "ManagerLastName");
  m.position = fields::text(j, "ManagerPosition");
  m.phone = fields::text(j, "ManagerPhone");
  m.mail = fields::text(j, "ManagerMail");
  m.department = fields::text(j, "ManagerDepartment");
  m.create_time = fields::text(j, "CreateTime");
  m.expire_time = fields::text(j, "ExpireTime");
  m.verify_time = fields::text(j, "VerifyTime");
  m.domain_count = fields::integer_or(j, "DomainCount");
  m.cert_count = fields::integer_or(j, "CertCount");
}

void from_json(const json& j, Package& p) {
  p.id = fields::text(j, "PackageId");
  p.type = fields::text(j, "Type");
  p.status = fields::text(j, "Status");
  p.source_type = fields::text(j, "SourceType");
  p.total = fields::integer_or(j, "Total");
  p.balance = fields::integer_or(j, "Balance");
  p.expire_time = fields::text(j, "ExpireTime");
  p.create_time = fields::text(j, "CreateTime");
}

std::vector<Company> describe_companies(Client& client, std::optional<std::int64_t> company_id,
                                        const CallOptions& options) {
  json request = json::object();
  if (company_id) request["CompanyId"] = *company_id;
  return all_pages<Company>(client, "DescribeCompanies", request, "Companies", options);
}

std::vector<Manager> describe_managers(Client& client, std::int64_t company_id,
                                       const std::string& status, const CallOptions& options) {
  json request = {{"CompanyId", company_id}};
  put_nonempty(request, "Status", status);
  return all_pages<Manager>(client, "DescribeManagers", request, "Managers", options);
}

Packages describe_packages(Client& client, const std::string& status, const CallOptions& options) {
  json request = json::object();
  put_nonempty(request, "Status", status);
  json last;
  Packages out;
  out.packages =
      all_pages<Package>(client, "DescribePackages", request, "Packages", options, &last);
  out.total_balance = fields::integer_or(last, "TotalBalance");
  return out;
}

}  // namespace cloudssl::api
