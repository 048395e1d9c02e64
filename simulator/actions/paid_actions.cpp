// Paid certificates (seed 004: CreateCertificate, CreateCertificateByPackage,
// CertificateInfoSubmit, CertificateOrderSubmit, CancelAuditCertificate, ModifyCertificateResubmit;
// CancelCertificateOrder is shared with free orders in issuance_actions.cpp) and what a submission
// refers to (DescribeCompanies, DescribeManagers, DescribePackages). Nothing is charged here:
// AutoVoucher is accepted and no voucher or balance is ever spent; only a purchase with benefit
// points takes points from the packages it names.
//
// An order's life: bought (no SubmittedData; Status 0 for a DV product, 5 for OV/EV, seed 004's
// "5 = 企业证书，待提交": an organisation's certificate waiting for its information) →
// information submitted (the status unchanged) → order submitted (domain validation records,
// Status 0 PENDING-DCV or 4 with DNS_AUTO) → issued (1) once the records are validated, or
// review failed (2) when a `review_failures` rule matches the common name; an order whose common
// name a `confirm_letters` rule matches waits for its confirmation letter (8) after
// CertificateOrderSubmit until the admin confirm-letter endpoint (the console's upload).
// CancelAuditCertificate stops a review (7); ModifyCertificateResubmit reopens a failed or
// cancelled review for a new submission (back to 0 or 5, as after the purchase).
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <regex>

#include "simulator/actions/action_table.h"
#include "simulator/actions/paid_products.h"
#include "simulator/actions/views.h"
#include "simulator/api_failure.h"
#include "simulator/settings.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

bool valid_name(const std::string& name, bool wildcard_allowed) {
  static const std::regex kDomain(
      R"(^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$)");
  if (name.rfind("*.", 0) == 0)
    return wildcard_allowed && std::regex_match(name.substr(2), kDomain);
  return std::regex_match(name, kDomain);
}

Certificate& paid_certificate(World& world, const std::string& id) {
  Certificate& cert = world.certificate(id);
  if (!cert.is_paid) {
    throw ApiFailure("FailedOperation.InvalidCertificateStatusCode",
                     "Certificate " + id + " is not a paid certificate.");
  }
  return cert;
}

// The status of a paid order waiting for its information: 5 for an organisation's (OV/EV)
// certificate, 0 for DV.
int awaiting_information_status(const Certificate& cert) {
  const PaidProduct* product = find_paid_product(cert.paid.product_id);
  return product && product->validation != "DV" ? 5 : 0;
}

// A new paid certificate of `product` for `domains` names and `years`, bought (no submission
// yet).
Certificate& add_paid_certificate(World& world, const PaidProduct& product, std::int64_t domains,
                                  std::int64_t years, const json& tags) {
  Certificate cert;
  cert.id = world.new_certificate_id();
  cert.is_paid = true;
  cert.type = "SVR";
  cert.from = product.brand;
  cert.package_type = std::to_string(product.id);
  cert.insert_time = world.now();
  cert.tags = tags_from(tags);
  cert.paid.product_id = product.id;
  cert.paid.domain_num = static_cast<int>(domains);
  cert.paid.time_span = static_cast<int>(years);
  cert.paid.deal_id = "20" + std::to_string(world.now()) + world.random_hex(6);
  cert.status = awaiting_information_status(cert);
  const std::string id = cert.id;
  return world.state.certificates[id] = std::move(cert);
}

json create_certificate(World& world, const Params& p, const RequestMeta&) {
  const std::int64_t product_id = p.integer("ProductId");
  const PaidProduct* product = find_paid_product(product_id);
  if (!product) invalid_param("ProductId " + std::to_string(product_id) + " is not a product.");
  const std::int64_t domains = p.integer("DomainNum");
  if (product->multi_domain ? domains < 2 : domains != 1) {
    invalid_param(product->multi_domain
                      ? "DomainNum must be greater than 1 for a multi-domain product."
                      : "DomainNum must be 1 for a single-domain or wildcard product.");
  }
  const std::int64_t years = p.integer("TimeSpan");
  if (years < 1 || (years > 1 && !product->multi_year)) {
    invalid_param("TimeSpan " + std::to_string(years) + " is not available for product " +
                  std::to_string(product_id) + ".");
  }
  if (auto voucher = p.opt_int("AutoVoucher"); voucher && *voucher != 0 && *voucher != 1) {
    invalid_param("AutoVoucher must be 0 or 1.");
  }
  const Certificate& cert = add_paid_certificate(world, *product, domains, years, p.raw("Tags"));
  return {{"CertificateIds", json::array({cert.id})},
          {"DealIds", json::array({cert.paid.deal_id})}};
}

// CreateCertificateByPackage (seed 004): the same purchase paid with benefit points. The seed
// gives no prices: here every name costs one point per year, taken from the packages in the
// order given; a package left with no points is "used". Renewals (OldCertificateId) are not
// simulated.
json create_certificate_by_package(World& world, const Params& p, const RequestMeta&) {
  const std::int64_t pid = p.integer("ProductPid");
  const PaidProduct* product = find_paid_product_by_pid(pid);
  if (!product) {
    throw ApiFailure("InvalidParameter.ProductPidInvalid",
                     "ProductPid " + std::to_string(pid) + " is not a product sold for points.");
  }
  const std::string count_text = p.opt_str_or_int("DomainCount").value_or("");
  std::int64_t domains = 0;
  try {
    std::size_t used = 0;
    domains = std::stoll(count_text, &used);
    if (used != count_text.size()) domains = 0;
  } catch (const std::exception&) {
    domains = 0;
  }
  if (domains < 1 || (product->multi_domain ? domains < 2 : domains != 1)) {
    throw ApiFailure("InvalidParameter.DomainCountInvalid",
                     "DomainCount " + count_text + " is not valid for this product.");
  }
  const std::int64_t years = p.integer("Period");
  if (years < 1 || (years > 1 && !product->multi_year)) {
    throw ApiFailure("InvalidParameter.PeriodInvalid",
                     "Period " + std::to_string(years) + " is not available for this product.");
  }
  if (p.has("OldCertificateId")) {
    throw ApiFailure("FailedOperation", "Renewing with benefit points is not simulated.");
  }
  const std::vector<std::string> ids = p.str_list("PackageIds", true);
  std::vector<json*> packages;
  std::int64_t balance = 0;
  for (const auto& id : ids) {
    json* found = nullptr;
    for (auto& pkg : world.state.packages)
      if (pkg.value("PackageId", "") == id) found = &pkg;
    if (!found || found->value("Status", "") != "usable") {
      throw ApiFailure("InvalidParameter.PackageIdsInvalid",
                       "Package " + id + " is not a usable package of this account.");
    }
    packages.push_back(found);
    balance += found->value("Balance", std::int64_t{0});
  }
  std::int64_t cost = domains * years;
  if (ids.empty() || balance < cost) {
    throw ApiFailure("FailedOperation.TradeError", "The packages hold " + std::to_string(balance) +
                                                       " points; this costs " +
                                                       std::to_string(cost) + ".");
  }
  for (json* pkg : packages) {
    const std::int64_t take = std::min(cost, pkg->value("Balance", std::int64_t{0}));
    (*pkg)["Balance"] = pkg->value("Balance", std::int64_t{0}) - take;
    if ((*pkg)["Balance"] == 0) (*pkg)["Status"] = "used";
    cost -= take;
  }
  Certificate& cert = add_paid_certificate(world, *product, domains, years, p.raw("Tags"));
  if (auto project = p.opt_int("ProjectId")) cert.project_id = *project;
  return {{"CertificateId", cert.id}, {"CertificateIds", json::array({cert.id})}};
}

struct CsrFacts {
  std::string common_name;
  std::string algorithm;  // RSA or ECC
};

CsrFacts parse_csr(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())),
                                                BIO_free);
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> req(
      bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr, X509_REQ_free);
  if (!req) invalid_param("Csr is not a PEM certificate request.");
  CsrFacts facts;
  char cn[256] = {};
  if (X509_NAME_get_text_by_NID(X509_REQ_get_subject_name(req.get()), NID_commonName, cn,
                                sizeof cn) > 0) {
    facts.common_name = cn;
  }
  EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
  facts.algorithm = key && EVP_PKEY_base_id(key) == EVP_PKEY_EC ? "ECC" : "RSA";
  return facts;
}

// The value of `name`, required unless `covered` (a company or manager supplies it).
std::string field(const Params& p, const std::string& name, bool covered,
                  const std::string& fallback = "") {
  std::string value = p.str_or(name, "");
  if (value.empty() && !covered)
    invalid_param(name + " is required without a CompanyId / ManagerId.");
  return value.empty() ? fallback : value;
}

const json* find_by_id(const json& list, const char* member, const std::string& id) {
  for (const auto& item : list) {
    if (item.contains(member) && item[member].is_number_integer() &&
        std::to_string(item[member].get<std::int64_t>()) == id) {
      return &item;
    }
  }
  return nullptr;
}

json certificate_info_submit(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = paid_certificate(world, p.str("CertId"));
  const std::string& stage = cert.paid.stage;
  if (stage != "bought" && stage != "info_submitted" && stage != "resubmitted") {
    throw ApiFailure("FailedOperation.CertificateInfoSubmitStatusInvalid",
                     "The certificate's status does not allow submitting information.");
  }
  const PaidProduct& product = *find_paid_product(cert.paid.product_id);
  const std::string csr_type = p.str("GenCsrType");
  if (csr_type != "online" && csr_type != "parse")
    invalid_param("GenCsrType must be online or parse.");
  const std::string common_name = p.str("CertCommonName");
  if (!valid_name(common_name, product.wildcard) ||
      (product.wildcard && !product.multi_domain && common_name.rfind("*.", 0) != 0)) {
    throw ApiFailure("FailedOperation.CertificateInfoSubmitDomainInvalid",
                     "The domain " + common_name + " is not valid for this product.");
  }
  std::string algorithm;
  if (csr_type == "parse") {
    const std::string csr = p.str_or("Csr", "");
    if (csr.empty()) invalid_param("Csr is required when GenCsrType is parse.");
    const CsrFacts facts = parse_csr(csr);
    if (facts.common_name != common_name) {
      invalid_param("The CSR's common name " + facts.common_name + " is not CertCommonName " +
                    common_name + ".");
    }
    algorithm = facts.algorithm;
  } else {
    algorithm = p.str_or("CsrEncryptAlgo", "");
    const std::string key = p.str_or("CsrKeyParameter", "");
    if (algorithm == "RSA") {
      if (key != "2048" && key != "4096")
        invalid_param("RSA supports CsrKeyParameter 2048 or 4096.");
    } else if (algorithm == "ECC") {
      if (key != "prime256v1") invalid_param("ECC supports only CsrKeyParameter prime256v1.");
    } else {
      invalid_param("CsrEncryptAlgo must be RSA or ECC when GenCsrType is online.");
    }
  }
  const std::vector<std::string> others = p.str_list("DnsNames", false);
  if (!product.multi_domain && !others.empty()) {
    invalid_param("DnsNames is only for multi-domain products.");
  }
  if (product.multi_domain &&
      (others.empty() || others.size() + 1 > static_cast<std::size_t>(cert.paid.domain_num))) {
    invalid_param("A multi-domain certificate needs between 1 and " +
                  std::to_string(cert.paid.domain_num - 1) + " DnsNames (DomainNum " +
                  std::to_string(cert.paid.domain_num) + ").");
  }
  for (const auto& name : others) {
    if (!valid_name(name, product.wildcard) || name == common_name) {
      throw ApiFailure("FailedOperation.CertificateInfoSubmitDomainInvalid",
                       "The domain " + name + " is not valid for this product.");
    }
  }
  const std::int64_t company_type = p.integer("CompanyType");
  if (company_type != 1 && company_type != 2) invalid_param("CompanyType must be 1 or 2.");
  if (company_type == 1 && product.validation != "DV") {
    invalid_param("CompanyType 1 (individual) is only for DV products.");
  }
  const std::string verify = p.str_or("VerifyType", "DNS");
  if (verify != "DNS_AUTO" && verify != "DNS" && verify != "FILE") {
    invalid_param("VerifyType must be DNS_AUTO, DNS or FILE.");
  }

  json data = {{"CsrType", csr_type},
               {"CertificateDomain", common_name},
               {"DomainList", others},
               {"VerifyType", verify}};
  if (csr_type == "parse") data["CsrContent"] = p.str("Csr");
  if (company_type == 1) {
    const std::string email = p.str_or("ContactEmail", "");
    if (email.empty()) {
      throw ApiFailure("FailedOperation.CertificateInfoSubmitContactEmailEmpty",
                       "ContactEmail is required for an individual (CompanyType 1).");
    }
    data["ContactEmail"] = email;
  } else {
    const std::string company_id = p.str("CompanyId");
    const std::string manager_id = p.str_or("ManagerId", "0");
    const json* manager = nullptr;
    if (manager_id != "0" && !manager_id.empty()) {
      manager = find_by_id(world.state.managers, "ManagerId", manager_id);
      if (!manager) invalid_param("ManagerId " + manager_id + " is not a manager of this account.");
    }
    const json* company = nullptr;
    if (company_id != "0") {
      company = find_by_id(world.state.companies, "CompanyId", company_id);
      if (!company) invalid_param("CompanyId " + company_id + " is not a company of this account.");
    } else if (manager) {
      company = find_by_id(world.state.companies, "CompanyId",
                           std::to_string(manager->value("CompanyId", std::int64_t{0})));
    }
    const bool has_company = company != nullptr, has_manager = manager != nullptr;
    auto from = [](const json* doc, const char* member) {
      return doc ? doc->value(member, std::string()) : std::string();
    };
    data["OrganizationName"] =
        field(p, "OrgOrganization", has_company, from(company, "CompanyName"));
    data["OrganizationDivision"] = field(p, "OrgDivision", has_company || has_manager);
    data["OrganizationAddress"] =
        field(p, "OrgAddress", has_company, from(company, "CompanyAddress"));
    data["OrganizationCountry"] =
        field(p, "OrgCountry", has_company, from(company, "CompanyCountry"));
    data["OrganizationCity"] = field(p, "OrgCity", has_company, from(company, "CompanyCity"));
    data["OrganizationRegion"] =
        field(p, "OrgRegion", has_company, from(company, "CompanyProvince"));
    data["PhoneAreaCode"] = field(p, "OrgPhoneArea", has_company || has_manager);
    data["PhoneNumber"] = field(p, "OrgPhoneNumber", has_company, from(company, "CompanyPhone"));
    data["AdminFirstName"] =
        field(p, "AdminFirstName", has_manager, from(manager, "ManagerFirstName"));
    data["AdminLastName"] =
        field(p, "AdminLastName", has_manager, from(manager, "ManagerLastName"));
    data["AdminPhoneNum"] = field(p, "AdminPhone", has_manager, from(manager, "ManagerPhone"));
    data["AdminEmail"] = field(p, "AdminEmail", has_manager, from(manager, "ManagerMail"));
    data["AdminPosition"] = field(p, "AdminTitle", has_manager, from(manager, "ManagerPosition"));
    data["ContactFirstName"] = field(p, "TechFirstName", has_manager);
    data["ContactLastName"] = field(p, "TechLastName", has_manager);
    data["ContactNumber"] = field(p, "TechPhone", has_manager);
    data["ContactPosition"] = field(p, "TechTitle", has_manager);
    data["ContactEmail"] = p.str_or("TechEmail", p.str_or("ContactEmail", ""));
  }
  cert.domain = common_name;
  cert.sans = {common_name};
  cert.sans.insert(cert.sans.end(), others.begin(), others.end());
  cert.verify_type = verify;
  cert.dv.algorithm = algorithm;
  cert.csr_pem = csr_type == "parse" ? p.str("Csr") : std::string();
  cert.paid.submitted = std::move(data);
  cert.paid.stage = "info_submitted";
  cert.status_msg.clear();
  return json::object();
}

// One DvAuths entry for `name` (a wildcard's record goes on its base domain).
json dv_auth(World& world, const std::string& name, const std::string& method) {
  const std::string base = name.rfind("*.", 0) == 0 ? name.substr(2) : name;
  if (method == "FILE") {
    return {{"DvAuthKey", "fileauth.txt"}, {"DvAuthValue", world.random_hex(48)},
            {"DvAuthDomain", base},        {"DvAuthPath", "/.well-known/pki-validation/"},
            {"DvAuthSubDomain", ""},       {"DvAuthVerifyType", "FILE"}};
  }
  return {{"DvAuthKey", "_dnsauth." + base},
          {"DvAuthValue", world.random_hex(32)},
          {"DvAuthDomain", base},
          {"DvAuthPath", ""},
          {"DvAuthSubDomain", "_dnsauth"},
          {"DvAuthVerifyType", "TXT"}};
}

json certificate_order_submit(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = paid_certificate(world, p.str("CertId"));
  if (cert.paid.stage == "ordered" && (cert.status == 0 || cert.status == 4)) {
    throw ApiFailure("FailedOperation.CertificateOrderSubmitProcessing",
                     "The order is being processed.");
  }
  if (cert.paid.stage != "info_submitted") {
    throw ApiFailure("FailedOperation.CertificateInfoSubmitStatusInvalid",
                     "Submit the certificate's information (CertificateInfoSubmit) first.");
  }
  const std::string method = p.str_or("VerifyType", cert.verify_type);
  if (method != "DNS_AUTO" && method != "DNS" && method != "FILE") {
    invalid_param("VerifyType must be DNS_AUTO, DNS or FILE.");
  }
  if (auto del = p.opt_int("DeleteDnsAutoRecord"); del && *del != 0 && *del != 1) {
    invalid_param("DeleteDnsAutoRecord must be 0 or 1.");
  }
  cert.verify_type = method;
  cert.paid.submitted["VerifyType"] = method;
  cert.has_dv = true;
  const std::string algorithm = cert.dv.algorithm;
  cert.dv = DvState{};
  cert.dv.algorithm = algorithm;
  cert.dv.method = method;
  const json main = dv_auth(world, cert.domain, method);
  cert.dv.key = main["DvAuthKey"];
  cert.dv.value = main["DvAuthValue"];
  cert.dv.subdomain = main["DvAuthSubDomain"];
  cert.dv.path = main["DvAuthPath"];
  cert.extra_auths = json::array();
  for (std::size_t i = 1; i < cert.sans.size(); ++i) {
    cert.extra_auths.push_back(dv_auth(world, cert.sans[i], method));
  }
  if (const FailureRule* f = take_failure(world.settings.review_failures, cert.domain)) {
    cert.dv.fail_message = f->message;
  }
  cert.status_msg = "PENDING-DCV";
  if (method == "DNS_AUTO") {  // Tencent adds the records itself: validation runs at once
    cert.status = 4;
    cert.dv.validated = true;
  } else {
    cert.status = 0;
  }
  // Waiting for a confirmation letter (8): the review goes on once the letter is uploaded in
  // the console (admin POST /_sim/certificates/<id>/confirm-letter, simulator/admin.cpp).
  if (take_failure(world.settings.confirm_letters, cert.domain)) {
    cert.status = 8;
    cert.status_msg.clear();
  }
  cert.paid.order_id = "SO" + world.random_hex(10);
  cert.paid.stage = "ordered";
  return {{"OrderId", cert.paid.order_id}, {"Status", cert.status}, {"IsAudited", false}};
}

// Back to "no review running": no records to validate any more.
void stop_review(Certificate& cert) {
  cert.has_dv = false;
  cert.dv = DvState{cert.dv.method, false, 0, "", "", "", "", "TXT", "", cert.dv.algorithm};
  cert.extra_auths = json::array();
}

json cancel_audit_certificate(World& world, const Params& p, const RequestMeta&) {
  Certificate* cert = world.find_certificate(p.str("CertificateId"));
  if (!cert || !cert->is_paid || cert->paid.stage != "ordered" ||
      (cert->status != 0 && cert->status != 4)) {
    throw ApiFailure("FailedOperation.CertificateNotFoundOrCantCancel",
                     "The certificate does not exist or its review cannot be cancelled.");
  }
  stop_review(*cert);
  cert->status = 7;
  cert->status_msg.clear();
  cert->paid.stage = "review_cancelled";
  return {{"Result", true}};
}

json modify_certificate_resubmit(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = paid_certificate(world, p.str("CertificateId"));
  if (cert.status != 2 && cert.paid.stage != "review_cancelled") {
    throw ApiFailure("FailedOperation.CertificateStatusNotAllowResubmit",
                     "Only a paid certificate whose review failed or was cancelled can be "
                     "resubmitted.");
  }
  stop_review(cert);
  cert.status = awaiting_information_status(cert);
  cert.status_msg.clear();
  // The new review gets its own CA order (CertificateOrderSubmit answers its OrderId): until
  // then DescribeCertificate's OrderId is null, as after the purchase.
  cert.paid.order_id.clear();
  cert.paid.stage = "resubmitted";
  return {{"CertificateId", cert.id}};
}

// Offset/Limit paging of `items`; Limit 0 or absent = `default_limit` (0 = all).
json paged(const json& items, const Params& p, std::int64_t default_limit) {
  const std::int64_t offset = p.int_or("Offset", 0);
  std::int64_t limit = p.int_or("Limit", default_limit);
  if (offset < 0 || limit < 0 || limit > 1000) invalid_param("Offset/Limit out of range.");
  if (limit == 0) limit = 1000;
  json out = json::array();
  for (std::int64_t i = offset; i < static_cast<std::int64_t>(items.size()) && i < offset + limit;
       ++i) {
    out.push_back(items[static_cast<std::size_t>(i)]);
  }
  return out;
}

json describe_companies(World& world, const Params& p, const RequestMeta&) {
  json matching = json::array();
  const auto wanted = p.opt_int("CompanyId");
  for (const auto& c : world.state.companies) {
    if (wanted && c.value("CompanyId", std::int64_t{-1}) != *wanted) continue;
    matching.push_back(c);
  }
  return {{"Companies", paged(matching, p, 0)}, {"TotalCount", matching.size()}};
}

json describe_managers(World& world, const Params& p, const RequestMeta&) {
  const std::int64_t company = p.integer("CompanyId");
  const std::string status = p.str_or("Status", "");
  // SearchKey: "last name|first name|email|department", each given part matched exactly.
  std::vector<std::string> key_parts;
  if (auto key = p.opt_str("SearchKey"); key && !key->empty()) {
    std::size_t start = 0;
    for (std::size_t bar; (bar = key->find('|', start)) != std::string::npos; start = bar + 1)
      key_parts.push_back(key->substr(start, bar - start));
    key_parts.push_back(key->substr(start));
  }
  static const char* kKeyFields[] = {"ManagerLastName", "ManagerFirstName", "ManagerMail",
                                     "ManagerDepartment"};
  json matching = json::array();
  for (json m : world.state.managers) {
    if (m.value("CompanyId", std::int64_t{-1}) != company) continue;
    if (!status.empty() && m.value("Status", "") != status) continue;
    bool match = true;
    for (std::size_t i = 0; i < key_parts.size() && i < 4; ++i) {
      if (!key_parts[i].empty() && m.value(kKeyFields[i], "") != key_parts[i]) match = false;
    }
    if (!match) continue;
    m.erase("CompanyId");  // not a ManagerInfo member: the company is the query's
    matching.push_back(std::move(m));
  }
  return {{"Managers", paged(matching, p, 10)}, {"TotalCount", matching.size()}};
}

json describe_packages(World& world, const Params& p, const RequestMeta&) {
  const std::string status = p.str_or("Status", "");
  const std::string id = p.str_or("PackageId", "");
  const std::string type = p.str_or("Type", "");
  const std::string order = p.str_or("ExpireTime", "");
  if (!order.empty() && order != "asc" && order != "desc")
    invalid_param("ExpireTime is asc or desc.");
  std::vector<json> matching;
  std::int64_t balance = 0;
  for (const auto& pkg : world.state.packages) {
    if (!status.empty() && pkg.value("Status", "") != status) continue;
    if (!id.empty() && pkg.value("PackageId", "") != id) continue;
    if (!type.empty() && pkg.value("Type", "") != type) continue;
    matching.push_back(pkg);
    if (pkg.value("Status", "") == "usable") balance += pkg.value("Balance", std::int64_t{0});
  }
  if (!order.empty()) {
    std::stable_sort(matching.begin(), matching.end(), [&](const json& a, const json& b) {
      const std::string x = a.value("ExpireTime", ""), y = b.value("ExpireTime", "");
      return order == "asc" ? x < y : y < x;
    });
  }
  return {{"Packages", paged(json(matching), p, 20)},
          {"TotalCount", matching.size()},
          {"TotalBalance", balance}};
}

}  // namespace

void register_paid_actions(ActionTable& t) {
  t["CreateCertificate"] = {{"ProductId", "DomainNum", "TimeSpan", "AutoVoucher", "Tags"},
                            create_certificate};
  t["CreateCertificateByPackage"] = {
      {"ProductPid", "PackageIds", "DomainCount", "Period", "OldCertificateId", "RenewGenCsrMethod",
       "RenewCsr", "RenewAlgorithmType", "RenewAlgorithmParam", "ProjectId", "Tags", "RenewKeyPass",
       "DomainNames", "CertificateCount", "ManagerId", "CompanyId", "VerifyType", "PriceKey"},
      create_certificate_by_package};
  t["CertificateInfoSubmit"] = {{"CertId",         "GenCsrType",    "CertCommonName",
                                 "CompanyType",    "CompanyId",     "OrgIdType",
                                 "OrgIdNumber",    "AdminIdType",   "AdminIdNumber",
                                 "TechIdType",     "TechIdNumber",  "Csr",
                                 "DnsNames",       "KeyPass",       "OrgOrganization",
                                 "OrgDivision",    "OrgAddress",    "OrgCountry",
                                 "OrgCity",        "OrgRegion",     "OrgPhoneArea",
                                 "OrgPhoneNumber", "VerifyType",    "AdminFirstName",
                                 "AdminLastName",  "AdminPhone",    "AdminEmail",
                                 "AdminTitle",     "TechFirstName", "TechLastName",
                                 "ContactEmail",   "AutoRenewFlag", "CsrKeyParameter",
                                 "CsrEncryptAlgo", "ManagerId",     "TechPhone",
                                 "TechEmail",      "TechTitle",     "Type",
                                 "CaType"},
                                certificate_info_submit};
  t["CertificateOrderSubmit"] = {{"CertId", "DeleteDnsAutoRecord", "VerifyType"},
                                 certificate_order_submit};
  t["CancelAuditCertificate"] = {{"CertificateId"}, cancel_audit_certificate};
  t["ModifyCertificateResubmit"] = {{"CertificateId"}, modify_certificate_resubmit};
  t["DescribeCompanies"] = {{"Offset", "Limit", "CompanyId"}, describe_companies, false};
  t["DescribeManagers"] = {
      {"CompanyId", "Offset", "Limit", "ManagerName", "ManagerMail", "Status", "SearchKey"},
      describe_managers,
      false};
  t["DescribePackages"] = {{"Offset", "Limit", "Status", "ExpireTime", "PackageId", "Type", "Pid"},
                           describe_packages,
                           false};
}

}  // namespace cloudssl::sim
