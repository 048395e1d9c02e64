// Behaviour the tests steer per run (flags at start, /_sim/tasks/config later): how long
// tasks take, which targets fail, and other switches.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cloudssl::sim {

struct FailureRule {
  std::string match;  // substring of the target (or domain, for dv_failures)
  std::string message;
  int times = 0;              // 0 = always; otherwise fires this many times
  std::string resource_type;  // "" = any
  int used = 0;
};

struct Settings {
  int pending_polls = 0;
  int running_polls = 1;
  std::int64_t task_ms = 0;  // > 0: time-based progression instead of poll-based
  int creation_calls = 1;
  int issue_polls = 1;
  std::vector<FailureRule> failures;
  std::vector<FailureRule> dv_failures;
  // Paid orders (CertificateOrderSubmit) whose common name matches end their review in
  // Status 2 with the rule's message once validated.
  std::vector<FailureRule> review_failures;
  // Paid orders (CertificateOrderSubmit) whose common name matches wait for a confirmation
  // letter (Status 8, seed 004 "已提交资料，待上传确认函") until the admin confirm-letter endpoint
  // moves them on, as the console's upload would (UploadConfirmLetter is no longer maintained).
  std::vector<FailureRule> confirm_letters;
  // Certificates whose domain matches wait for a revocation letter after RevokeCertificate
  // (Status 12, seed 004 "待上传吊销确认函") until the admin revoke-letter endpoint moves them to
  // 9, as the console's upload would (UploadRevokeLetter is no longer maintained).
  std::vector<FailureRule> revoke_letters;
  // SSL_QCSLinkedRoleInReplaceLoadCertificate: checked deletes (IsCheckResource) need it.
  bool service_role = true;
  // Whether the bound-resource query may read other services: when false,
  // DescribeCertificateBindResourceTaskDetail answers FailedOperation.RoleNotFoundAuthorization
  // (the one bind-query action documenting it) and the task ends in status 2.
  bool bind_query_authorised = true;
  bool strict_types = false;
  bool duplicate_upload_error = false;
  // DescribeCertificateDetail shows CertificatePrivateKey as "*******", as the real service
  // may (docs/design/ssl-api.md, DescribeCertificateDetail examples).
  bool mask_private_key = false;
  // The DNS record type ApplyCertificate asks for (DNS/DNS_AUTO): "TXT" or "CNAME", both in
  // the API's DvAuthVerifyType and examples.
  std::string dns_record_type = "TXT";
  // CheckCertificateChain's trust: a chain is from a trusted CA unless it is one self-signed
  // certificate or a certificate's issuer common name is listed here.
  std::vector<std::string> untrusted_issuers;
  // DescribeCertificate lists a paid order's DvAuths last name first: the API labels each
  // record with its DvAuthDomain and does not promise the order of the names.
  bool reverse_dv_auths = false;
  // DescribeCertificate labels a paid order's DNS records with the zone (the last two labels of
  // the name) as DvAuthDomain and the rest of the record's name as DvAuthSubDomain, as a DNS
  // console splits a record below its zone: DvAuthDomain is then not the name validated.
  bool zone_dv_auth_domains = false;
  // DescribeCertificate lists one more DvAuths record per domain here for every paid order
  // under validation: a record for a name the order's configuration does not have.
  std::vector<std::string> extra_dv_auths;
  // Tags lag behind the Tag API (seed 004, DescribeCertificate): after a ModifyResourceTags on a
  // certificate, its next this many DescribeCertificate answers list its tags as they were
  // before that call. 0: no lag.
  int tag_lag_reads = 0;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FailureRule, match, message, times, resource_type,
                                                used)

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(
    Settings, pending_polls, running_polls, task_ms, creation_calls, issue_polls, failures,
    dv_failures, review_failures, confirm_letters, revoke_letters, service_role,
    bind_query_authorised, strict_types, duplicate_upload_error, mask_private_key, dns_record_type,
    untrusted_issuers, reverse_dv_auths, zone_dv_auth_domains, extra_dv_auths, tag_lag_reads)

nlohmann::json settings_to_json(const Settings& s);
// Applies the members present in `patch`, all or none (unknown members, a dns_record_type
// other than TXT or CNAME: std::invalid_argument; a value of the wrong type:
// nlohmann::json::type_error).
void patch_settings(Settings& s, const nlohmann::json& patch);

// First rule matching `subject` (and `resource_type` if the rule names one) that still has
// uses left; counts the use. nullptr when none.
const FailureRule* take_failure(std::vector<FailureRule>& rules, const std::string& subject,
                                const std::string& resource_type = "");

}  // namespace cloudssl::sim
