// Typed SSL API actions for paid certificates (seed 004): buying one (CreateCertificate, or
// CreateCertificateByPackage with benefit points), its information and order
// (CertificateInfoSubmit, CertificateOrderSubmit), stopping or reopening its review
// (CancelAuditCertificate, ModifyCertificateResubmit), and what a submission refers to: the
// account's companies, their managers and its benefit packages (DescribeCompanies,
// DescribeManagers, DescribePackages).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/core/api_error.h"
#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"

namespace cloudssl::api {

// One product of CreateCertificate's ProductId list (seed 004).
struct PaidProduct {
  std::int64_t id = 0;
  std::string name;
  std::string validation;  // DV, OV or EV
  bool multi_domain = false;
  bool wildcard = false;
  bool multi_year = true;  // the list marks the single-year ones
  // CreateCertificateByPackage's ProductPid of the same product (bought with benefit points),
  // 0 when that list has none.
  std::int64_t pid = 0;
  bool sm2 = false;   // 国密: an SM2 key, which CertificateInfoSubmit does not generate
  bool cfca = false;  // CFCA: the submission needs identity documents (Org/Admin/TechId*)
};

// The product with id `product_id`, nullptr when the list has none.
const PaidProduct* find_paid_product(std::int64_t product_id);
// Every product, by id.
const std::vector<PaidProduct>& paid_products();

struct PaidPurchase {
  std::int64_t product_id = 0;  // ProductId: the product list of CreateCertificate
  std::int64_t domain_num = 1;  // DomainNum
  std::int64_t time_span = 1;   // TimeSpan: years
  std::vector<Tag> tags;        // Tags: put on the new certificate
};

struct PaidOrderIds {
  std::string certificate_id;  // CertificateIds[0]
  std::string deal_id;         // DealIds[0], "" when the API names none
};

// CreateCertificate with AutoVoucher 0 (no voucher is spent without the user asking). Not
// idempotent: every successful call buys a certificate, so it is sent once
// (CallOptions::send_once): answers that say nothing was processed (throttled) are retried;
// after one that may hide a purchase (a lost answer, an internal error), `find_landed` is
// asked for the id it bought, and when it has none the call throws a purchase_unconfirmed
// error. Throws ApiError; a reply without a certificate id is an ApiError too (nothing to
// manage).
PaidOrderIds create_certificate(Client& client, const PaidPurchase& purchase,
                                const CallOptions& options,
                                const std::function<std::optional<std::string>()>& find_landed);
// The same without a lookup: a purchase that may have been made fails as unconfirmed.
PaidOrderIds create_certificate(Client& client, const PaidPurchase& purchase,
                                const CallOptions& options = {});

// A purchase with benefit points (CreateCertificateByPackage).
struct PackagePurchase {
  std::int64_t product_pid = 0;               // ProductPid: PaidProduct::pid
  std::vector<std::string> package_ids = {};  // PackageIds: the packages whose points are spent
  std::int64_t domain_count = 1;              // DomainCount (a String in the request)
  std::int64_t period = 1;                    // Period: years
  std::vector<Tag> tags = {};                 // Tags: put on the new certificate
};

// The request CreateCertificateByPackage gets (exposed for the request-mapping tests).
nlohmann::json certificate_by_package_request(const PackagePurchase& purchase);

// CreateCertificateByPackage: buys one certificate with the packages' benefit points (nothing
// is charged to the account). Not idempotent: sent once, as create_certificate, asking
// `find_landed` (when given) for the id an attempt that may have been processed bought.
// Returns the certificate id (CertificateId, else CertificateIds[0]); throws ApiError, also
// for an answer without an id.
std::string create_certificate_by_package(
    Client& client, const PackagePurchase& purchase, const CallOptions& options = {},
    const std::function<std::optional<std::string>()>& find_landed = {});

// A purchase that may have been made although nothing confirms it: an attempt may have been
// processed (its answer was lost, or the API answered an internal error), the request was not
// sent again, and the lookup found no certificate (its index may lag) or could not be asked.
// The message carries the API's code and message. The provider's own code: no API answers it.
inline constexpr ErrorCode purchase_unconfirmed{"ClientError.PurchaseUnconfirmed"};

// The packages cannot pay: an id that is not a usable package of the account
// (InvalidParameter.PackageIdsInvalid) or too few points (FailedOperation.TradeError, the
// billing centre's refusal).
bool package_payment_refused(const ApiError& e);

// A person of the submission (the administrator: AdminFirstName…AdminTitle; the technical
// contact: TechFirstName…TechTitle).
struct PaidContact {
  std::string first_name, last_name, phone, email, title;
};

// The organisation of the submission (Org*): needed unless a company or manager id stands in.
struct PaidOrganisation {
  std::string name, division, address, country, city, region, phone_area, phone_number;
};

struct PaidCertificateInfo {
  std::string csr_type = "online";       // GenCsrType: online (Tencent makes the key) or parse
  std::string common_name;               // CertCommonName
  std::vector<std::string> other_names;  // DnsNames: multi-domain products
  std::string csr;                       // Csr: with csr_type parse
  std::string key_algorithm;             // CsrEncryptAlgo: RSA, ECC (online)
  std::string key_parameter;             // CsrKeyParameter: 2048, 4096, prime256v1 (online)
  std::int64_t company_type = 2;         // CompanyType: 1 individual (DV only), 2 company
  std::string company_id = "0";          // CompanyId: "0" = none, the organisation is given
  std::string manager_id = "0";          // ManagerId: "0" = none, the contacts are given
  std::optional<PaidOrganisation> organisation;
  std::optional<PaidContact> admin, tech;
  std::string contact_email;  // ContactEmail: required for an individual
  std::string verify_type;    // VerifyType: DNS_AUTO, DNS, FILE ("" = the API's default)
};

// The request CertificateInfoSubmit gets (exposed for the request-mapping tests).
nlohmann::json certificate_info_request(const std::string& certificate_id,
                                        const PaidCertificateInfo& info);

// CertificateInfoSubmit. Throws ApiError.
void submit_certificate_info(Client& client, const std::string& certificate_id,
                             const PaidCertificateInfo& info, const CallOptions& options = {});

struct SubmittedOrder {
  std::string order_id;  // OrderId: the CA's order number
  std::int64_t status = 0;
};

// CertificateOrderSubmit. Throws ApiError.
SubmittedOrder submit_certificate_order(Client& client, const std::string& certificate_id,
                                        const std::string& verify_type,
                                        const CallOptions& options = {});

// A paid certificate's order as DescribeCertificate shows it.
struct PaidOrderState {
  std::optional<std::int64_t> status;  // Status
  std::string status_name;             // StatusName
  std::string order_id;                // OrderId: "" until the order is submitted
  std::vector<Tag> tags;               // Tags
  // Signs of a submitted order even when OrderId is null (seed 004 allows it under review):
  // a review message or validation records.
  bool shows_submission = false;
};

// Whether an order shows its submission whatever its OrderId: a review message (StatusMsg) or a
// validation record with a key or a value. An entry naming only its domain is a placeholder the
// API may list for an order bought but not submitted, so it shows nothing. The one rule for
// DescribeCertificate's view and for the state's (cloudssl_paid_certificate), which must agree.
bool shows_submission(std::string_view status_msg, const std::vector<DvAuth>& auths);
bool shows_submission(const Certificate& c);

// DescribeCertificate's view of the order of `certificate_id`, nullopt when the certificate
// does not exist. Throws ApiError.
std::optional<PaidOrderState> find_paid_order(Client& client, const std::string& certificate_id,
                                              const CallOptions& options = {});

// CancelAuditCertificate: stops a review in progress. Throws ApiError.
void cancel_certificate_audit(Client& client, const std::string& certificate_id,
                              const CallOptions& options = {});

// ModifyCertificateResubmit: reopens a failed or cancelled review. Throws ApiError.
void resubmit_certificate(Client& client, const std::string& certificate_id,
                          const CallOptions& options = {});

// No review to cancel (none runs, or the certificate is gone).
inline constexpr ErrorCode audit_not_cancellable{"FailedOperation.CertificateNotFoundOrCantCancel"};
// The review of a multi-year certificate after its first year cannot be stopped.
inline constexpr ErrorCode audit_cancel_refused_multi_year{
    "FailedOperation.CertificateCancelFailedMulti"};
// The certificate's status does not take information or an order now.
inline constexpr ErrorCode submission_refused_status{
    "FailedOperation.CertificateInfoSubmitStatusInvalid"};
// The certificate's status takes no resubmission (its order was cancelled, or its review did
// not fail): FailedOperation/InvalidParameter.CertificateStatusNotAllowResubmit.
bool resubmit_refused(const ApiError& e);
// The order was submitted already and is being processed.
inline constexpr ErrorCode order_already_submitted{
    "FailedOperation.CertificateOrderSubmitProcessing"};

// CompanyInfo.
struct Company {
  std::int64_t id = 0;
  std::string name, country, province, city, address, phone, id_type, id_number;
};
void from_json(const nlohmann::json& j, Company& c);

// ManagerInfo.
struct Manager {
  std::int64_t id = 0;
  std::string status;  // audit, ok, invalid, expiring, expired
  std::string first_name, last_name, position, phone, mail, department;
  std::string create_time, expire_time, verify_time;  // "" when null
  std::int64_t domain_count = 0, cert_count = 0;
};
void from_json(const nlohmann::json& j, Manager& m);

// PackageInfo.
struct Package {
  std::string id, type, status, source_type;
  std::int64_t total = 0, balance = 0;
  std::string expire_time, create_time;
};
void from_json(const nlohmann::json& j, Package& p);

// Every company (DescribeCompanies, paged), or the one with `company_id`.
std::vector<Company> describe_companies(Client& client, std::optional<std::int64_t> company_id,
                                        const CallOptions& options = {});

// Every manager of `company_id` (DescribeManagers, paged); `status` "" = any.
std::vector<Manager> describe_managers(Client& client, std::int64_t company_id,
                                       const std::string& status, const CallOptions& options = {});

struct Packages {
  std::vector<Package> packages;
  std::int64_t total_balance = 0;  // TotalBalance
};

// Every package (DescribePackages, paged); `status` "" = any.
Packages describe_packages(Client& client, const std::string& status,
                           const CallOptions& options = {});

}  // namespace cloudssl::api
