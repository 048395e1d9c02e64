// cloudssl_free_certificate: a free DV certificate application (ApplyCertificate).
//
// Every input the API cannot change replaces the certificate at plan time (never an
// apply-time "cannot update"); alias and project change in place. The validation records
// (dv_auths) are known after create, for DNS or file records made with other providers; the
// wait for issuance is cloudssl_certificate_validation's job. The private key Tencent
// generates is never read into state.
//
// Renewal is planned, never silent: with renew_before set, a plan made inside that window
// before not_after shows the certificate being replaced by its renewal (forced by not_after)
// and a warning naming the old certificate; applying it calls ApplyCertificate with
// OldCertificateId, and renewed_from_certificate_id records the lineage. How the old id
// reaches the replacement's create is in renewal_lineage.h.
//
// Reissue is planned too: changing `reissue` (a number the user bumps) plans an in-place
// update whose id and per-certificate values are unknown, with a warning saying why; applying
// it calls ReplaceCertificate (certificate_reissue.h) and the resource holds the new
// certificate from then on. The original is not deleted (resources may still use it) and is
// no longer managed; replaced_by keeps its id.
#include <algorithm>

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "lib/pem/pem.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_attributes.h"
#include "resources/certificates/certificate_deletion.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/certificate_reissue.h"
#include "resources/certificates/certificate_status.h"
#include "resources/certificates/certificate_values.h"
#include "resources/certificates/delete_task_polls.h"
#include "resources/certificates/factories.h"
#include "resources/certificates/free_certificate_fields.h"
#include "resources/certificates/order_cancellation.h"
#include "resources/certificates/renewal_lineage.h"
#include "resources/certificates/tencentcloud_move.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_identity.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

// ApplyCertificate.OldCertificateId is accepted only within 30 days of expiry (§2.1, §3.9).
constexpr auto kMaxRenewBefore = std::chrono::hours(24 * 30);
// ApplyCertificate's domain: an ASCII host name (internationalised names in their xn-- form);
// the free DV product certifies one name, no wildcard.
constexpr const char* kDomainPattern =
    "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
    "[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
constexpr const char* kDomainRule =
    "a host name such as www.example.com (letters, digits and hyphens in dot-separated "
    "labels; internationalised names in their xn-- form; no wildcard)";
// How long create waits for the validation records to be assigned (ACM waits up to 5 min).
constexpr auto kRecordsWait = std::chrono::minutes(5);

// Inputs only ApplyCertificate takes: the API never returns them, so an imported certificate
// has them null and setting them then must not replace it.
const std::vector<std::string> kApplyOnlyInputs = {
    "contact_email",    "contact_phone",      "csr_encrypt_algo",       "csr_key_parameter",
    "csr_key_password", "old_certificate_id", "delete_dns_auto_record", "validity_period"};

// Private-state flag of a certificate that came in by import (see kApplyOnlyInputs).
constexpr std::string_view kImported = "imported";

// Computed values that describe one particular certificate: unknown again when renewing.
const std::vector<std::string> kPerCertificate = {"id",
                                                  "status",
                                                  "status_name",
                                                  "status_msg",
                                                  "dv_auths",
                                                  "not_before",
                                                  "not_after",
                                                  "certificate_pem",
                                                  "subject_alt_names",
                                                  "verify_type",
                                                  "renewal_certificate_id",
                                                  "replaced_by",
                                                  "replaced_for"};

// ReplaceCertificate's CSR types (CsrType) and the one key a free certificate is reissued with.
constexpr const char* kUploadCsr = "Upload";
constexpr const char* kOnlineCsr = "Online";

framework::Schema free_certificate_schema() {
  framework::Schema s;
  s.block.description =
      "A free DV certificate (TrustAsia C1 DV Free) applied for with ApplyCertificate. Its "
      "validation records are in dv_auths after create; cloudssl_certificate_validation waits "
      "for issuance. Inputs the API cannot change replace the certificate; alias and project "
      "change in place. renew_before plans the renewal; changing reissue reissues it "
      "(ReplaceCertificate).";
  s.block.attributes = {
      framework::read_only_kept("id", Type::string(), "Certificate id (a renewal gets a new one)."),
      {.name = "domain",
       .type = Type::string(),
       .required = true,
       .description = "Domain to certify, e.g. www.example.com.",
       .requires_replace = true,
       .validators = {v::matches(kDomainPattern, kDomainRule)}},
      {.name = "dv_auth_method",
       .type = Type::string(),
       .required = true,
       .description = "Domain validation: DNS_AUTO (Tencent adds the record; the domain must be "
                      "on Tencent Cloud DNS in this account), DNS (you add the record from "
                      "dv_auths) or FILE (you serve the file from dv_auths).",
       .requires_replace = true,
       .validators = {v::one_of({"DNS_AUTO", "DNS", "FILE"})}},
      alias_attribute(),
      force_delete_attribute(),
      project_id_attribute(),
      {.name = "contact_email",
       .type = Type::string(),
       .optional = true,
       .description = "Order e-mail (defaults to the account's).",
       .requires_replace = true,
       .validators = {v::matches("[^@\\s]+@[^@\\s]+", "an e-mail address")}},
      {.name = "contact_phone",
       .type = Type::string(),
       .optional = true,
       .description = "Order phone number.",
       .requires_replace = true,
       .validators = {v::non_empty()}},
      {.name = "validity_period",
       .type = Type::number(),
       .optional = true,
       .description = "Validity in months (ApplyCertificate supports only 3).",
       .requires_replace = true,
       .validators = {v::int_one_of({3})}},
      {.name = "csr_encrypt_algo",
       .type = Type::string(),
       .optional = true,
       .description = "Key algorithm of the generated key (RSA when unset).",
       .requires_replace = true,
       .validators = {v::one_of({"RSA", "ECC"})}},
      {.name = "csr_key_parameter",
       .type = Type::string(),
       .optional = true,
       .description = "Key parameter: 2048 with RSA, prime256v1 with ECC.",
       .requires_replace = true,
       .validators = {v::one_of({"2048", "prime256v1"}),
                      v::required_if("csr_encrypt_algo", Value::string("ECC"))}},
      {.name = "csr_key_password",
       .type = Type::string(),
       .optional = true,
       .sensitive = true,
       .description = "Password for the key in JKS/PFX downloads.",
       .requires_replace = true},
      {.name = "old_certificate_id",
       .type = Type::string(),
       .optional = true,
       .description = "Apply as the renewal of this certificate (allowed within 30 days of its "
                      "expiry), creating the renewal relationship hosting uses.",
       .requires_replace = true,
       .validators = {v::non_empty()}},
      {.name = "delete_dns_auto_record",
       .type = Type::boolean(),
       .optional = true,
       .description = "DNS_AUTO only: remove the validation record after issuance.",
       .requires_replace = true},
      framework::optional_argument(
          "renew_before", Type::string(),
          "Plan a renewal when a plan runs this long (a duration such as \"720h\", "
          "at most 30 days) before not_after. The plan then shows the renewal; "
          "nothing is renewed silently during refresh. ApplyCertificate accepts a "
          "renewal (OldCertificateId) only within 30 days of expiry.",
          {v::duration({.at_most = kMaxRenewBefore})}),
      framework::read_only_kept(
          "renewed_from_certificate_id", Type::string(),
          "The certificate this one renewed (old_certificate_id, or the certificate "
          "a renew_before replacement renewed); null for a new application."),
      framework::read_only_kept(
          "renewal_certificate_id", Type::string(),
          "The renewal applied for this certificate (ApplyCertificate with "
          "OldCertificateId: by the cloudssl_renew_certificate action, hosting or the "
          "console), as the API reports it at refresh; null while there is none."),
      framework::optional_argument(
          "reissue", Type::number(),
          "Reissue trigger: a whole number you change (e.g. bump 1 to 2) to reissue the "
          "certificate with ReplaceCertificate, with the reissue_* arguments. The plan shows an "
          "in-place update whose id is known after apply, and a warning saying why. The reissue "
          "is a new certificate (new id) that goes through domain validation like an "
          "application (dv_auths); the original is not deleted and is no longer managed "
          "(replaced_by keeps its id). The value given when the certificate is created, "
          "imported or moved reissues nothing. A free certificate can be reissued once, "
          "when issued, and only with an RSA 2048 key.",
          {v::whole_number()}),
      framework::optional_argument(
          "reissue_dv_auth_method", Type::string(),
          "Domain validation of the reissue (ReplaceCertificate's ValidType): "
          "DNS_AUTO, DNS or FILE; dv_auth_method when unset.",
          {v::one_of({"DNS_AUTO", "DNS", "FILE"})}),
      framework::optional_argument(
          "reissue_csr_type", Type::string(),
          "Key of the reissue (CsrType): Original (the original's CSR, the "
          "default), Online (a key Tencent generates) or Upload (your CSR in "
          "reissue_csr).",
          {v::one_of({"Original", "Online", "Upload"})}),
      framework::optional_argument(
          "reissue_csr", Type::string(),
          "PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----) with "
          "reissue_csr_type = \"Upload\"; an RSA 2048 key for a free certificate.",
          {v::non_empty()}),
      framework::optional_argument(
          "reissue_key_algorithm", Type::string(),
          "Key algorithm with reissue_csr_type = \"Online\" "
          "(CertCSREncryptAlgo; RSA, the only one for a free certificate).",
          {v::one_of({"RSA", "ECC", "SM2"})}),
      framework::optional_argument(
          "reissue_key_parameter", Type::string(),
          "Key size with reissue_csr_type = \"Online\" (CertCSRKeyParameter; "
          "2048, the only one for a free certificate).",
          {v::non_empty()}),
      {.name = "reissue_csr_key_password",
       .type = Type::string(),
       .optional = true,
       .sensitive = true,
       .description = "Password for the reissue's key in downloads (CsrkeyPassword)."},
      framework::optional_argument("reissue_reason", Type::string(),
                                   "Reason for the reissue, sent with ReplaceCertificate.",
                                   {v::non_empty()}),
      framework::read_only_kept(
          "replaced_by", Type::string(),
          "On a reissue: the certificate it reissued (CertificateExtra.ReplacedBy, \"the "
          "original ID of the reissued certificate\"). After this resource reissued its "
          "certificate, the original's id, which stays in the account unmanaged; null "
          "otherwise."),
      framework::read_only_kept(
          "replaced_for", Type::string(),
          "On an original: its reissue (CertificateExtra.ReplacedFor, \"the reissued "
          "certificate's ID\"), e.g. one made in the console; null while it has none."),
      framework::read_only_kept(
          "status", Type::number(),
          "Certificate status (0 review, 1 issued, 2 failed, 4 DNS record added, ...)."),
      framework::read_only_kept("status_name", Type::string(), "Localised status name."),
      framework::read_only_kept("status_msg", Type::string(),
                                "Sub-state (PENDING-DCV, WAIT-ISSUE, ...) or failure reason."),
      framework::read_only_kept("verify_type", Type::string(),
                                "Validation method the API reports."),
      framework::read_only_kept(
          "dv_auths", dv_auth_attributes(), Nesting::List,
          "Validation records to publish (DNS) or serve (FILE). Kept after "
          "issuance (when the API stops returning them) so that configurations "
          "built from them stay stable."),
      framework::read_only_kept("certificate_pem", Type::string(),
                                "The issued certificate (public PEM), once issued."),
      framework::read_only_kept("subject_alt_names", Type::list(Type::string()),
                                "Domains the certificate covers."),
      framework::read_only_kept("not_before", Type::string(),
                                "Start of validity (RFC 3339, UTC), once issued."),
      framework::read_only_kept("not_after", Type::string(),
                                "End of validity (RFC 3339, UTC), once issued."),
  };
  s.block.blocks = {framework::timeouts_block({"create", "update", "delete"})};
  return s;
}

api::ApplyCertificateRequest apply_request(const Value& planned, const Value& config) {
  api::ApplyCertificateRequest r;
  r.domain_name = planned.get_string("domain").value_or("");
  r.dv_auth_method = planned.get_string("dv_auth_method").value_or("");
  r.alias = planned.get_string("alias").value_or("");
  r.project_id = planned.get_int("project_id");
  r.contact_email = planned.get_string("contact_email").value_or("");
  r.contact_phone = planned.get_string("contact_phone").value_or("");
  if (auto months = planned.get_int("validity_period")) r.validity_period = std::to_string(*months);
  r.csr_encrypt_algo = planned.get_string("csr_encrypt_algo").value_or("");
  r.csr_key_parameter = planned.get_string("csr_key_parameter").value_or("");
  r.csr_key_password = config.get_string("csr_key_password").value_or("");
  r.old_certificate_id = planned.get_string("old_certificate_id").value_or("");
  r.delete_dns_auto_record = planned.get_bool("delete_dns_auto_record");
  return r;
}

// The API's view of the certificate, over `state`.
Value with_certificate(Value state, const api::Certificate& c) {
  if (!c.certificate_id.empty()) state = state.with("id", Value::string(c.certificate_id));
  state = state.with("status", framework::int_or_null(c.status))
              .with("status_name", Value::string(c.status_name))
              .with("status_msg", Value::string(c.status_msg))
              .with("verify_type", Value::string(c.verify_type))
              .with("dv_auths",
                    dv_auths_value(state.type().attribute_types().at("dv_auths"), c.dv_auths,
                                   state.get_string("domain").value_or(c.domain)))
              .with("subject_alt_names", framework::string_list(c.subject_alt_name))
              .with("not_before", api_time_value(c.cert_begin_time))
              .with("not_after", api_time_value(c.cert_end_time))
              .with("alias", Value::string(c.alias));
  if (c.project_id) state = state.with("project_id", Value::number(*c.project_id));
  if (state.at("certificate_pem").is_unknown())
    state = state.with("certificate_pem", Value::null(Type::string()));
  if (state.at("renewed_from_certificate_id").is_unknown())
    state = state.with("renewed_from_certificate_id", Value::null(Type::string()));
  state = state.with("replaced_by", framework::string_or_null(c.replaced_by))
              .with("replaced_for", framework::string_or_null(c.replaced_for));
  const std::string renewal = renewal_of(c);
  return state.with("renewal_certificate_id",
                    renewal.empty() ? Value::null(Type::string()) : Value::string(renewal));
}

// Reads the certificate, waiting (briefly) until the validation records are assigned.
api::Certificate read_with_records(api::Client& ssl, const std::string& id,
                                   const framework::Context& ctx) {
  api::Certificate c;
  api::PollOptions poll = common::poll_options(ctx, "validation records of certificate " + id);
  poll.deadline = std::min(ctx.deadline, std::chrono::steady_clock::now() + kRecordsWait);
  api::poll_until_done(
      [&] {
        c = api::describe_certificate(ssl, id, common::call_options(ctx));
        api::PollResult r;
        bool waiting = issuance_state(c.status) == IssuanceState::Pending && c.dv_auths.empty() &&
                       c.verify_type != "DNS_AUTO";
        if (!waiting) r.state = api::PollResult::State::Done;
        return r;
      },
      poll);
  return c;
}

class FreeCertificateResource final : public framework::Resource,
                                      public framework::ResourceWithModifyPlan,
                                      public framework::ResourceWithImport,
                                      public common::CertificateIdentity,
                                      public framework::ResourceWithMoveState {
 public:
  FreeCertificateResource() : CertificateIdentity("id"), schema_(free_certificate_schema()) {}
  framework::Schema schema() const override { return schema_; }

  // Rules across attributes that the declarative validators do not express.
  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    const Value& c = req.config;
    if (c.get_bool("delete_dns_auto_record").value_or(false) &&
        c.get_string("dv_auth_method").value_or("DNS_AUTO") != "DNS_AUTO")
      d.error("delete_dns_auto_record needs DNS_AUTO",
              "Only automatically added DNS records can be removed after issuance.",
              Path::root("delete_dns_auto_record"));
    const auto algo = c.get_string("csr_encrypt_algo");
    const auto parameter = c.get_string("csr_key_parameter");
    if (parameter && (!c.at("csr_encrypt_algo").is_unknown())) {
      const std::string expected = algo.value_or("RSA") == "ECC" ? "prime256v1" : "2048";
      if ((*parameter == "2048" || *parameter == "prime256v1") && *parameter != expected)
        d.error("Invalid csr_key_parameter",
                "`csr_key_parameter` must be \"" + expected + "\" with " + algo.value_or("RSA") +
                    " (ApplyCertificate: RSA supports only 2048, ECC only prime256v1).",
                Path::root("csr_key_parameter"));
    }
    validate_reissue_options(c, d);
  }

  // The reissue_* options that go together (ReplaceCertificate's CsrType decides which apply).
  static void validate_reissue_options(const Value& c, Diagnostics& d) {
    const Value& type_value = c.at("reissue_csr_type");
    if (type_value.is_known()) {
      const std::string type = c.get_string("reissue_csr_type").value_or("Original");
      if (type == kUploadCsr && c.at("reissue_csr").is_null())
        d.error("reissue_csr_type = \"Upload\" needs reissue_csr",
                "Give the certificate request to reissue with in reissue_csr, or set "
                "reissue_csr_type to \"Original\" or \"Online\".",
                Path::root("reissue_csr_type"));
      auto given = [&c](const char* name) {
        return c.at(name).is_known() && !c.at(name).is_null();
      };
      if (type != kUploadCsr && given("reissue_csr"))
        d.error("reissue_csr is used only with reissue_csr_type = \"Upload\"",
                "Set reissue_csr_type = \"Upload\", or remove reissue_csr.",
                Path::root("reissue_csr"));
      for (const char* name : {"reissue_key_algorithm", "reissue_key_parameter"}) {
        if (type != kOnlineCsr && given(name))
          d.error(std::string(name) + " is used only with reissue_csr_type = \"Online\"",
                  "Set reissue_csr_type = \"Online\" (a key Tencent generates), or remove " +
                      std::string(name) + ".",
                  Path::root(name));
      }
    }
    if (auto algo = c.get_string("reissue_key_algorithm"); algo && *algo != "RSA")
      d.error("A free certificate is reissued only with an RSA key",
              "ReplaceCertificate reissues a free certificate only with an RSA 2048 key: set "
              "reissue_key_algorithm = \"RSA\" or remove it.",
              Path::root("reissue_key_algorithm"));
    if (auto size = c.get_string("reissue_key_parameter"); size && *size != "2048")
      d.error("A free certificate is reissued only with a 2048-bit key",
              "ReplaceCertificate reissues a free certificate only with an RSA 2048 key: set "
              "reissue_key_parameter = \"2048\" or remove it.",
              Path::root("reissue_key_parameter"));
    if (auto csr = c.get_string("reissue_csr");
        csr && csr->find("-----BEGIN CERTIFICATE REQUEST-----") == std::string::npos)
      d.error("reissue_csr is not a certificate request",
              "Give a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----) for an RSA "
              "2048 key, e.g. tls_cert_request.request.cert_request_pem.",
              Path::root("reissue_csr"));
  }

  void modify_plan(framework::PlanRequest& req, Diagnostics& d) const override {
    framework::keep_defaults(schema_.block, req.config, req.planned);
    if (req.prior.is_null()) {
      plan_create(req);
      return;
    }

    // An imported certificate has the apply-only inputs null: setting them is bookkeeping.
    // Only then: on a certificate this resource applied for, null was what it applied with.
    auto& replace = req.requires_replace;
    const bool imported = req.private_state.get(kImported).has_value();
    replace.erase(std::remove_if(replace.begin(), replace.end(),
                                 [&](const Path& p) {
                                   if (!imported || p.size() != 1) return false;
                                   const std::string& name = p.steps().front().name;
                                   return std::find(kApplyOnlyInputs.begin(),
                                                    kApplyOnlyInputs.end(),
                                                    name) != kApplyOnlyInputs.end() &&
                                          req.prior.at(name).is_null();
                                 }),
                  replace.end());
    if (!replace.empty()) return;
    // What only the API changes is read, never planned: keep it, null included, so that an
    // alias change does not show it as "known after apply".
    for (const auto& name : kPerCertificate)
      req.planned = req.planned.with(name, req.prior.at(name));
    req.planned = req.planned.with("renewed_from_certificate_id",
                                   req.prior.at("renewed_from_certificate_id"));
    if (reissue_planned(req)) {
      plan_reissue(req, d);
      return;
    }

    // Renewal window.
    auto before_text = req.config.get_string("renew_before");
    auto not_after_text = req.prior.get_string("not_after");
    if (!before_text || !not_after_text) return;
    auto before = framework::parse_duration(*before_text);
    auto not_after = pem::parse_rfc3339(*not_after_text);
    if (!before || !not_after) return;
    if (issuance_state(req.prior.get_int("status")) != IssuanceState::Issued &&
        req.prior.get_int("status") != 3)
      return;
    const auto now = std::chrono::system_clock::now();
    if (now + *before < *not_after) return;

    const std::string old_id = req.prior.get_string("id").value_or("");
    for (const auto& name : kPerCertificate)
      req.planned = req.planned.with(name, Value::unknown(req.planned.at(name).type()));
    req.planned = req.planned.with("renewed_from_certificate_id", Value::unknown(Type::string()));
    req.requires_replace.push_back(Path::root("not_after"));
    set_renewal_source(req.private_state,
                       {old_id, req.prior.get_string("domain").value_or(""), *not_after_text});
    if (*not_after <= now) {
      d.warning("Certificate " + old_id + " expired",
                "It expired at " + *not_after_text +
                    ". Applying this plan replaces it with a new application: the API renews "
                    "only certificates that have not expired.",
                Path::root("renew_before"));
      return;
    }
    d.warning("Certificate " + old_id + " will be renewed",
              "It expires at " + *not_after_text + ", within renew_before (" + *before_text +
                  "). Applying this plan replaces it with its renewal (ApplyCertificate with "
                  "OldCertificateId " +
                  old_id +
                  "): a new certificate with a new id, which resources referencing this one "
                  "follow. With lifecycle { create_before_destroy = true } the old certificate "
                  "is deleted after the renewal took its place; in the default order it is kept "
                  "in the account (the API renews only existing certificates) until you delete "
                  "it or it expires.",
              Path::root("renew_before"));
  }

  // Whether this plan reissues: `reissue` changed (or is not known yet) on a certificate this
  // resource holds. The first value of an imported or moved certificate is only recorded.
  static bool reissue_planned(const framework::PlanRequest& req) {
    const Value& wanted = req.config.at("reissue");
    if (wanted.is_null()) return false;
    const Value& had = req.prior.at("reissue");
    if (had.is_null() && req.private_state.get(kImported).has_value()) return false;
    return !wanted.is_known() || !(had == wanted);
  }

  // The reissue's plan: refused at plan time when the certificate cannot be reissued; else the
  // id and every per-certificate value known after apply, except what the plan can promise
  // (replaced_by = this certificate, the validation record's domain), and a warning saying why.
  static void plan_reissue(framework::PlanRequest& req, Diagnostics& d) {
    const std::string old_id = req.prior.get_string("id").value_or("");
    const auto had = req.prior.get_int("reissue");
    const std::string had_text = had ? std::to_string(*had) : "null (remove it)";
    if (auto refusal = reissue_refusal(req.prior, had_text)) {
      d.error(refusal->summary, refusal->detail, Path::root("reissue"));
      return;
    }
    for (const auto& name : kPerCertificate)
      req.planned = req.planned.with(name, Value::unknown(req.planned.at(name).type()));
    const std::string wanted = req.config.at("reissue").is_known()
                                   ? std::to_string(req.config.get_int("reissue").value_or(0))
                                   : "a value known after apply";
    if (auto existing = req.prior.get_string("replaced_for"); existing && !existing->empty()) {
      req.planned = req.planned.with("id", Value::string(*existing));
      d.warning("Certificate " + old_id + " was already reissued as " + *existing,
                "reissue changed from " + had_text + " to " + wanted +
                    ", and the API reports a reissue of this certificate already (an earlier "
                    "apply whose answer was lost, or the console). Applying this plan makes "
                    "this resource hold " +
                    *existing +
                    " instead of reissuing again (a free certificate is reissued only once). " +
                    old_id + " is not deleted and is no longer managed.",
                Path::root("reissue"));
      return;
    }
    req.planned = req.planned.with("replaced_by", Value::string(old_id))
                      .with("replaced_for", Value::null(Type::string()));
    const std::string method = reissue_dv_auth_method(req.config);
    if (auto domain = req.planned.get_string("domain");
        domain && (method == "DNS" || method == "FILE"))
      req.planned = req.planned.with(
          "dv_auths",
          planned_dv_auths(req.planned.type().attribute_types().at("dv_auths"), *domain));
    d.warning("Certificate " + old_id + " will be reissued",
              "reissue changed from " + had_text + " to " + wanted +
                  ". Applying this plan calls ReplaceCertificate (validation " + method +
                  "): a new certificate with a new id takes " + old_id +
                  "'s place in this resource and goes through domain validation like an "
                  "application (its records in dv_auths; cloudssl_certificate_validation waits "
                  "for its issuance), and resources referencing this id follow. " +
                  old_id +
                  " is not deleted: it stays in the account, valid until it expires, for the "
                  "resources that still use it, and is no longer managed by this resource "
                  "(replaced_by keeps its id); delete it yourself once nothing uses it. A free "
                  "certificate can be reissued only once.",
              Path::root("reissue"));
  }

  // A new object: a new application, or the create half of a renewal replacement. Only the
  // lineage carries over into its private state (the old certificate's bookkeeping does not).
  static void plan_create(framework::PlanRequest& req) {
    plan_records(req.planned);
    std::optional<RenewalSource> source = renewal_source(req.private_state);
    if (!source) source = renewal_source(req.earlier_plan_private);
    req.private_state = framework::PrivateState();
    if (source) set_renewal_source(req.private_state, *source);
    req.planned = req.planned.with("renewed_from_certificate_id", planned_lineage(req, source));
  }

  // renewed_from_certificate_id of a new object, as far as the plan can promise it.
  static Value planned_lineage(const framework::PlanRequest& req,
                               const std::optional<RenewalSource>& source) {
    const Value& explicit_old = req.config.at("old_certificate_id");
    if (!explicit_old.is_null()) return explicit_old;
    // A 6.11 client hands this plan's private state to the apply-time re-plan, which can then
    // repeat the same value.
    if (req.ctx.client.store_planned_private)
      return source ? Value::string(source->certificate_id) : Value::null(Type::string());
    // Older clients re-plan a replacement's create without it: the plan cannot promise
    // whether a certificate that may renew will have renewed one.
    return req.config.at("renew_before").is_null() ? Value::null(Type::string())
                                                   : Value::unknown(Type::string());
  }

  // DNS and FILE validation get one record for the domain: its key is known at plan, so
  // `for_each` over dv_auths works in the first apply (and across a renewal).
  static void plan_records(Value& planned) {
    auto method = planned.get_string("dv_auth_method");
    auto domain = planned.get_string("domain");
    if (!method || !domain || (*method != "DNS" && *method != "FILE")) return;
    planned = planned.with(
        "dv_auths", planned_dv_auths(planned.type().attribute_types().at("dv_auths"), *domain));
  }

  Value create(const framework::CreateRequest& req, Diagnostics& d) override {
    std::optional<RenewalSource> source = source_for_create(req, d);
    clear_renewal_source(req.private_state);  // never in state: a later destroy would keep it
    std::string lineage;
    if (source && renewal_source_expired(*source, std::chrono::system_clock::now())) {
      d.warning("Certificate " + source->certificate_id + " already expired",
                "A new certificate is applied for instead of its renewal: the API renews only "
                "certificates that have not expired.");
    } else if (source) {
      lineage = source->certificate_id;
    }
    Value state = apply_for(req.planned, req.config, req.ctx, lineage, d);
    if (state.is_null()) return state;
    Value from = req.config.at("old_certificate_id");
    if (from.is_null() && source) from = Value::string(source->certificate_id);
    return state.with("renewed_from_certificate_id",
                      from.is_null() ? Value::null(Type::string()) : from);
  }

  // Which certificate this create renews, by the first route that exists (renewal_lineage.h).
  std::optional<RenewalSource> source_for_create(const framework::CreateRequest& req,
                                                 Diagnostics& d) {
    if (!req.config.at("old_certificate_id").is_null()) return std::nullopt;  // explicit
    const std::string domain = req.planned.get_string("domain").value_or("");
    std::optional<RenewalSource> handed_over = handover_.take(domain);
    if (auto source = renewal_source(req.private_state)) return source;
    const Value& planned_from = req.planned.at("renewed_from_certificate_id");
    if (planned_from.is_known()) {
      // The plan decided (a 6.11 client, or no renew_before): follow it.
      if (planned_from.is_null()) return std::nullopt;
      return RenewalSource{planned_from.as_string(), domain, ""};
    }
    if (handed_over) return handed_over;
    // create_before_destroy on a client before 6.11: look the old certificate up.
    auto before_text = req.config.get_string("renew_before");
    auto before = before_text ? framework::parse_duration(*before_text) : std::nullopt;
    if (!before) return std::nullopt;
    std::string why_not;
    auto found = find_renewal_candidate(
        common::ssl_client(req.ctx), domain, req.planned.get_int("project_id"),
        std::chrono::duration_cast<std::chrono::seconds>(*before), req.ctx, why_not);
    if (!why_not.empty())
      d.warning("Applied for a new certificate, not a renewal",
                why_not +
                    ", and this Terraform does not tell the provider which one a "
                    "create_before_destroy replacement replaces (Terraform 1.16 does). Set "
                    "old_certificate_id to renew a particular certificate.",
                Path::root("renew_before"));
    return found;
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const std::string id = req.state.get_string("id").value_or("");
    auto found =
        api::find_certificate(common::ssl_client(req.ctx), id, common::call_options(req.ctx));
    if (!found) return std::nullopt;
    const api::Certificate& c = *found;
    // The API stops returning the validation records once issued; keep the ones that were
    // used, so that configurations built from dv_auths (DNS records, validation_record_fqdns)
    // stay stable instead of changing after issuance.
    if (c.dv_auths.empty() && framework::present(req.state, "dv_auths") &&
        req.state.at("dv_auths").length() > 0) {
      Value state = with_certificate(req.state, c).with("dv_auths", req.state.at("dv_auths"));
      return finish_read(std::move(state), c, req);
    }
    return finish_read(with_certificate(req.state, c), c, req);
  }

  Value finish_read(Value state, const api::Certificate& c, const framework::ReadRequest& req) {
    const std::string id =
        c.certificate_id.empty() ? req.state.get_string("id").value_or("") : c.certificate_id;
    // Import: inputs the API does report.
    if (state.at("domain").is_null()) state = state.with("domain", Value::string(c.domain));
    if (state.at("dv_auth_method").is_null())
      state = state.with("dv_auth_method", Value::string(dv_auth_method_of(c.verify_type)));
    if (issuance_state(c.status) == IssuanceState::Issued &&
        req.private_state.get("issued_end") != nlohmann::json(c.cert_end_time)) {
      state = state.with("certificate_pem", framework::string_or_null(issued_certificate_pem(
                                                common::ssl_client(req.ctx), id, req.ctx)));
      req.private_state.set("issued_end", c.cert_end_time);
    }
    return state;
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& d) override {
    const Value& prior = req.prior;
    const Value& planned = req.planned;
    const std::string id = prior.get_string("id").value_or("");
    const Value& planned_id = planned.at("id");
    if ((!planned_id.is_known() || planned_id != prior.at("id")) &&
        planned.at("reissue") != prior.at("reissue"))
      return reissue(req, d);
    update_alias_and_project(common::ssl_client(req.ctx), id,
                             alias_and_project_changes(prior, planned), req.ctx, d);
    return planned;
  }

  void remove(const framework::DeleteRequest& req, Diagnostics& d) override {
    const std::string id = req.prior.get_string("id").value_or("");
    if (auto source = renewal_source(req.private_state); source && source->certificate_id == id) {
      // The destroy half of a renewal in the default order: the create half runs next in this
      // process and needs the certificate to exist.
      handover_.deposit(*source);
      d.warning("Certificate " + id + " kept for its renewal",
                "It is not deleted: the renewal applied next needs it, and resources may still "
                "use it. It stays in the account until you delete it or it expires (" +
                    source->not_after +
                    "). With lifecycle { create_before_destroy = true } Terraform deletes it "
                    "once the renewal took its place.");
      return;
    }
    api::Client& ssl = common::ssl_client(req.ctx);
    // An application not issued yet cannot be deleted within its first hour
    // (CannotBeDeletedWithinHour): its order is cancelled first, then it is deleted.
    switch (cancel_pending_order(ssl, id, req.ctx, d)) {
      case OrderCancellation::Gone:
      case OrderCancellation::Failed:
        return;
      case OrderCancellation::Cancelled:
      case OrderCancellation::NotAnOrder:
        break;
    }
    delete_certificate_checked(ssl, id, req.ctx, d,
                               {.force = req.prior.get_bool("force_delete").value_or(false),
                                .polls = &delete_task_polls(req.ctx)});
  }

  Value import_state(const framework::ImportRequest& req, Diagnostics&) const override {
    req.private_state.set(kImported, true);
    return framework::import_stub(schema_, req.id);
  }

  // Moves from the Tencent Cloud provider (the identity is CertificateIdentity's).
  std::vector<framework::MoveSource> move_sources() const override {
    return {{.provider = kTencentCloudProvider, .type_name = kTencentCloudFreeCertificate}};
  }
  // Like an import, the certificate was not applied for by this resource: the apply-only
  // inputs it does not hold may be set without a replacement.
  Value move_state(const framework::MoveStateRequest& req, Diagnostics& d) const override {
    Value moved =
        move_tencentcloud_free_certificate(req.source_state, req.source_schema_version, schema_, d);
    if (!moved.is_null()) req.private_state.set(kImported, true);
    return moved;
  }

 private:
  // ApplyCertificate, then the new certificate's API-side values.
  Value apply_for(const Value& planned, const Value& config, const framework::Context& ctx,
                  const std::string& renewal_of, Diagnostics& d) {
    api::ApplyCertificateRequest request = apply_request(planned, config);
    if (!renewal_of.empty()) request.old_certificate_id = renewal_of;
    const std::string id =
        api::apply_certificate(common::ssl_client(ctx), request, common::call_options(ctx));
    if (id.empty()) {
      d.error("ApplyCertificate returned no certificate id");
      return Value::null(planned.type());
    }
    return read_back(planned, id, "applied for", ctx, d);
  }

  // ReplaceCertificate (once, even when repeated: certificate_reissue.h), then the reissue's
  // API-side values, with the planned alias and project.
  Value reissue(const framework::UpdateRequest& req, Diagnostics& d) {
    api::Client& ssl = common::ssl_client(req.ctx);
    const std::string old_id = req.prior.get_string("id").value_or("");
    ReissueOutcome outcome;
    try {
      outcome = reissue_once(ssl, reissue_request(req.prior, req.config), req.ctx);
    } catch (const api::ApiError& e) {
      const std::string fix = reissue_refusal_fix(e);
      if (fix.empty()) throw;
      d.error("Certificate " + old_id + " was not reissued",
              e.message() + " (" + e.code() + "). " + fix, Path::root("reissue"));
      return req.prior;
    }
    if (outcome.certificate_id.empty()) {
      d.error("ReplaceCertificate returned no certificate id");
      return req.prior;
    }
    if (outcome.adopted)
      d.warning("Certificate " + old_id + " had already been reissued",
                "This resource now holds its reissue " + outcome.certificate_id +
                    " instead of reissuing again (a free certificate is reissued only once).",
                Path::root("reissue"));
    // The PEM read at refresh is the original's: the reissue's is read once it is issued.
    req.private_state.erase("issued_end");
    Value state = read_back(req.planned, outcome.certificate_id, "reissued", req.ctx, d);
    update_alias_and_project(ssl, outcome.certificate_id,
                             alias_and_project_changes(state, req.planned), req.ctx, d);
    return state.with("alias", req.planned.at("alias"))
        .with("project_id", req.planned.at("project_id"));
  }

  // The API-side values of certificate `id`, just applied for or reissued, over `planned`.
  static Value read_back(const Value& planned, const std::string& id, const std::string& how,
                         const framework::Context& ctx, Diagnostics& d) {
    Value state = planned.with("id", Value::string(id));
    try {
      state = with_certificate(state, read_with_records(common::ssl_client(ctx), id, ctx));
      state = state.with("id", Value::string(id));
      const Value& planned_records = planned.at("dv_auths");
      if (planned_records.is_known() && !planned_records.is_null() &&
          planned_records.length() > 0 && state.at("dv_auths").length() == 0) {
        // The plan promised a record; the API has none yet. Keep the promise's shape.
        state = state.with("dv_auths", planned_records.transform([](const Path&, const Value& v) {
          return v.is_unknown() ? Value::null(v.type()) : v;
        }));
        d.warning("No validation records yet for certificate " + id,
                  "The API has not assigned the DNS/file validation records; refresh later to "
                  "see them in dv_auths.",
                  Path::root("dv_auths"));
      }
    } catch (const api::ApiError& e) {
      d.error("Certificate " + id + " was " + how + " but could not be read back",
              e.code() + ": " + e.message());
      state = state.transform(
          [](const Path&, const Value& v) { return v.is_unknown() ? Value::null(v.type()) : v; });
    }
    return state;
  }

  framework::Schema schema_;
  RenewalHandover handover_;  // one provider process = one apply walk
};

}  // namespace

std::shared_ptr<framework::Resource> make_free_certificate_resource() {
  return std::make_shared<FreeCertificateResource>();
}

}  // namespace cloudssl::certificates
