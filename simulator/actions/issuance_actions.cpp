// Free DV certificates: application, validation check and trigger, order cancel
// (docs/design/ssl-api.md §2.1 ApplyCertificate, §2.2, §3.7-3.8).
#include <regex>

#include "simulator/actions/action_table.h"
#include "simulator/api_failure.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

json apply_certificate(World& world, const Params& p, const RequestMeta&) {
  const std::string method = p.str("DvAuthMethod");
  if (method != "DNS_AUTO" && method != "DNS" && method != "FILE") {
    invalid_param("DvAuthMethod must be DNS_AUTO, DNS or FILE.");
  }
  const std::string domain = p.str("DomainName");
  static const std::regex kDomain(
      R"(^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$)");
  if (!std::regex_match(domain, kDomain)) {
    invalid_param("DomainName `" + domain + "` is not a valid domain for a free certificate.");
  }
  if (auto pkg = p.opt_str("PackageType"); pkg && !pkg->empty() && *pkg != "83") {
    invalid_param("Only PackageType 83 is supported.");
  }
  if (auto period = p.opt_str("ValidityPeriod"); period && !period->empty() && *period != "3") {
    invalid_param("Only ValidityPeriod 3 is supported.");
  }
  const std::string algo = p.str_or("CsrEncryptAlgo", "RSA");
  const std::string key_param = p.str_or("CsrKeyParameter", "");
  if (algo == "RSA") {
    if (!key_param.empty() && key_param != "2048") invalid_param("RSA supports only 2048.");
  } else if (algo == "ECC") {
    if (key_param != "prime256v1") invalid_param("ECC requires CsrKeyParameter prime256v1.");
  } else {
    invalid_param("CsrEncryptAlgo must be RSA or ECC.");
  }
  if (p.opt_bool("DeleteDnsAutoRecord").value_or(false) && method != "DNS_AUTO") {
    invalid_param("DeleteDnsAutoRecord applies only to DNS_AUTO.");
  }
  if (!p.str_list("DnsNames", false).empty()) invalid_param("DnsNames is not supported yet.");

  Certificate cert;
  cert.id = world.new_certificate_id();
  if (auto old_id = p.opt_str("OldCertificateId"); old_id && !old_id->empty()) {
    Certificate& old = world.certificate(*old_id);
    const std::int64_t now = world.now();
    if (old.status != 1 || old.not_after <= now || old.not_after - now > 30 * 86400) {
      throw ApiFailure("FailedOperation.InvalidCertificateStatusCode",
                       "The certificate can be renewed only within 30 days before it expires.");
    }
    old.renew_order = cert.id;
    cert.origin_certificate_id = old.id;
  }
  cert.alias = p.str_or("Alias", "");
  cert.project_id = p.int_or("ProjectId", 0);
  cert.type = "SVR";
  cert.from = "trustasia";
  cert.package_type = "83";
  cert.is_free = true;
  cert.domain = domain;
  cert.sans = {domain};
  cert.verify_type = method;
  cert.insert_time = world.now();
  cert.encrypt_algorithm = algo == "ECC" ? "ECC 256" : "RSA 2048";
  start_domain_validation(world, cert, method, algo);
  const std::string id = cert.id;
  world.state.certificates[id] = std::move(cert);
  return {{"CertificateId", id}};
}

json complete_certificate(World& world, const Params& p, const RequestMeta&) {
  Certificate* cert = world.find_certificate(p.str("CertificateId"));
  if (!cert || !cert->has_dv || (cert->status != 0 && cert->status != 4)) {
    throw ApiFailure("FailedOperation.CertificateNotFoundOrAudited",
                     "The certificate does not exist or has already been issued.");
  }
  cert->dv.validated = true;
  return {{"CertificateId", cert->id}};
}

json check_domain_verification(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  advance_issuance(world, cert, false);
  const bool issued = cert.status == 1;
  if (!cert.has_dv || (!issued && cert.status != 0 && cert.status != 4)) {
    throw ApiFailure("FailedOperation.CertificateStatusNotAllowVerify",
                     "The certificate's status does not allow domain validation.");
  }
  const bool ok = issued || cert.dv.validated;
  json result = {
      {"Domain", cert.domain},
      {"VerifyType", cert.dv.method == "FILE" ? "FILE" : "DNS"},
      {"LocalCheck", ok ? 1 : (cert.dv.method == "FILE" ? -4 : -1)},
      {"CaCheck", ok ? 2 : -1},
      {"LocalCheckFailReason",
       ok ? ""
          : (cert.dv.method == "FILE" ? "file not found"
                                      : (cert.dv.record_type == "CNAME" ? "cname record not found"
                                                                        : "txt record not found"))},
      {"CheckValue", ok ? json::array({cert.dv.value}) : json::array()},
      {"Frequently", false},
      {"Issued", issued}};
  return {{"VerificationResults", json::array({result})}};
}

json cancel_certificate_order(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  // A paid order can be cancelled until it is issued: information pending (0, or 5 for
  // OV/EV), under review, review failed or cancelled.
  const bool paid_open = cert.is_paid && cert.paid.stage != "order_cancelled" &&
                         (cert.status == 0 || cert.status == 2 || cert.status == 4 ||
                          cert.status == 5 || cert.paid.stage == "review_cancelled");
  if (!paid_open && (!cert.has_dv || (cert.status != 0 && cert.status != 4))) {
    throw ApiFailure("FailedOperation.InvalidCertificateStatusCode",
                     "Only an order that is not issued yet can be cancelled.");
  }
  if (cert.is_paid) {
    cert.paid.stage = "order_cancelled";
    cert.has_dv = false;
    cert.extra_auths = nlohmann::json::array();
  }
  // 6 (order cancelling) first, 7 (cancelled) on a later read (task_engine.cpp).
  cert.status = 6;
  cert.status_msg = "";
  cert.cancel_reads = 0;
  return {{"CertificateId", cert.id}};
}

}  // namespace

void register_issuance_actions(ActionTable& t) {
  t["ApplyCertificate"] = {
      {"DvAuthMethod", "DomainName", "ProjectId", "PackageType", "ContactEmail", "ContactPhone",
       "ValidityPeriod", "CsrEncryptAlgo", "CsrKeyParameter", "CsrKeyPassword", "Alias",
       "OldCertificateId", "PackageId", "DeleteDnsAutoRecord", "DnsNames"},
      apply_certificate};
  t["CompleteCertificate"] = {{"CertificateId"}, complete_certificate};
  t["CheckCertificateDomainVerification"] = {{"CertificateId"}, check_domain_verification};
  t["CancelCertificateOrder"] = {{"CertificateId"}, cancel_certificate_order};
}

}  // namespace cloudssl::sim
