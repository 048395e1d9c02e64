// cloudssl_certificate: a certificate you bring (UploadCertificate).
//
// Everything that can be known from the PEM is computed with OpenSSL at plan time (domain,
// SANs, validity, fingerprint, key algorithm, the key's SHA-256), and every problem with the
// PEM is a plan-time error on the attribute at fault. The PEM is compared semantically, so
// CRLF or trailing newlines never show a diff; the state keeps what the user wrote. Alias and
// project change in place; new content replaces the certificate (new id) unless
// rotate_in_place pushes it into the same id through UploadUpdateCertificateInstance (clb).
// Tags change in place through the Tag API (the SSL API has no action for them).
// The private key never reaches state in the write-only form, nor logs or diagnostics in any.

#include <algorithm>
#include <set>

#include "api/core/api_error.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/tag/tag_actions.h"
#include "lib/pem/pem.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/timeouts.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_attributes.h"
#include "resources/certificates/certificate_deletion.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/certificate_summary.h"
#include "resources/certificates/certificate_values.h"
#include "resources/certificates/chain_check.h"
#include "resources/certificates/content_rotation.h"
#include "resources/certificates/delete_task_polls.h"
#include "resources/certificates/factories.h"
#include "resources/certificates/parsed_keys.h"
#include "resources/certificates/tencentcloud_move.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_identity.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

// Ids of the uploaded certificates listed under `domain` (all of them when it is empty).
std::set<std::string> uploaded_ids(api::Client& ssl, const std::string& domain,
                                   const framework::Context& ctx) {
  api::DescribeCertificatesRequest r;
  r.search_key = domain;
  r.filter_source = "upload";
  r.limit = 1000;
  std::set<std::string> out;
  for (std::int64_t offset = 0;; offset += 1000) {
    r.offset = offset;
    auto page = api::describe_certificates(ssl, r, common::call_options(ctx));
    for (const auto& c : page.certificates) out.insert(c.certificate_id);
    if (page.certificates.size() < 1000) break;
  }
  return out;
}

// The certificate a lost UploadCertificate attempt made: one listed now that was not before
// the upload, with exactly this content.
std::optional<std::string> landed_upload(api::Client& ssl, const std::string& domain,
                                         const std::set<std::string>& before,
                                         const std::string& certificate_pem,
                                         const framework::Context& ctx) {
  for (const auto& id : uploaded_ids(ssl, domain, ctx)) {
    if (before.count(id)) continue;
    auto detail = api::describe_certificate_detail(ssl, id, common::call_options(ctx));
    detail.certificate_private_key.wipe();  // not needed here
    if (pem::same_pem(detail.certificate.certificate_public_key, certificate_pem)) return id;
  }
  return std::nullopt;
}

constexpr auto kExpiryWarning = std::chrono::hours(24 * 30);  // the API's IsExpiring window

const Path kPemPath = Path::root("certificate_pem");
const Path kKeyPath = Path::root("private_key_pem");
const Path kKeyWoPath = Path::root("private_key_wo");

// ---------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------

framework::Schema certificate_schema() {
  framework::Schema s;
  s.block.description =
      "A certificate you bring, uploaded to the SSL Certificates service (UploadCertificate). "
      "Facts from the PEM are known at plan time. Alias, project and tags change in place; "
      "new content replaces the certificate (a new id) unless rotate_in_place is set.";
  s.block.attributes = {
      framework::read_only_kept("id", Type::string(), "Certificate id."),
      {.name = "certificate_pem",
       .type = Type::string(),
       .required = true,
       .description = "The certificate in PEM: the leaf first, then its chain in issuing order. "
                      "Compared semantically: line endings and surrounding whitespace never "
                      "cause a change. New content replaces the certificate unless "
                      "rotate_in_place is true."},
      {.name = "private_key_pem",
       .type = Type::string(),
       .optional = true,
       .sensitive = true,
       .description = "The unencrypted private key in PEM (required for SVR unless "
                      "private_key_wo is used). Terraform keeps this argument in state; on "
                      "Terraform >= 1.11 prefer private_key_wo."},
      framework::write_only_argument(
          "private_key_wo", Type::string(),
          "Write-only private key in PEM (Terraform >= 1.11): never stored in plan "
          "or state. Its SHA-256 in private_key_sha256 tells a changed key.",
          {v::conflicts_with({"private_key_pem"})}),
      framework::optional_argument(
          "private_key_wo_version", Type::number(),
          "Free-form version of private_key_wo, to document a key rotation in "
          "configuration; the key's SHA-256 is what the provider compares.",
          {v::whole_number()}),
      {.name = "type",
       .type = Type::string(),
       .optional = true,
       .computed = true,
       .description = "SVR (server certificate, the default) or CA (a CA certificate for "
                      "client authentication; no private key needed). Changing it replaces "
                      "the certificate.",
       .requires_replace = true,
       .default_value = Value::string("SVR"),
       .validators = {v::one_of({"SVR", "CA"})}},
      alias_attribute(),
      project_id_attribute(),
      framework::optional_with_default(
          "tags", Type::map(Type::string()), Value::map(Type::string(), {}),
          "Tags (key = value). Set at upload; changes in place through the Tag "
          "API (ModifyResourceTags, which needs the tag:ModifyResourceTags "
          "permission). Tags changed outside Terraform show as drift.",
          tag_validators()),
      framework::optional_with_default(
          "allow_duplicate", Type::boolean(), Value::boolean(false),
          "Upload even when the account already holds an identical certificate "
          "(Repeatable=true). Default false: an identical upload returns the "
          "existing id, which makes a retried create safe."),
      framework::optional_with_default(
          "keep_on_destroy", Type::boolean(), Value::boolean(false),
          "Leave the certificate in the account on destroy (only forget it)."),
      force_delete_attribute(),
      framework::optional_with_default(
          "rotate_in_place", Type::boolean(), Value::boolean(false),
          "Apply new certificate_pem/key content to the same certificate id with "
          "UploadUpdateCertificateInstance, which also updates the bound resources "
          "of rotate_in_place_resource_types, instead of replacing the certificate. "
          "Server certificates only (type SVR)."),
      {.name = "rotate_in_place_resource_types",
       .type = Type::set(Type::string()),
       .optional = true,
       .computed = true,
       .description = "Bound resource types a same-id rotation updates.",
       .default_value = Value::set(Type::string(), {Value::string("clb")}),
       .validators = {v::each(v::one_of(
           kRotatableResourceTypes,
           "Other resource types cannot be rotated in place: UploadUpdateCertificateInstance, the "
           "only API that replaces a certificate's content keeping its id, supports only "
           "\"clb\". To move other resource types to new content, let the certificate be "
           "replaced and use cloudssl_certificate_replacement"))}},
      framework::optional_argument(
          "rotate_in_place_regions", Type::set(Type::string()),
          "Regions of the bound CLB instances a same-id rotation updates "
          "(clb is region-aware).",
          {v::required_if("rotate_in_place", Value::boolean(true)), v::each(v::non_empty())}),
      framework::optional_with_default(
          "rotate_in_place_on_failure", Type::string(), Value::string("retry"),
          "What a same-id rotation that fails on some targets leaves: \"retry\" "
          "keeps the targets already updated and retries the failed ones on the "
          "next apply (UploadUpdateCertificateRecordRetry); \"rollback\" puts the "
          "updated ones back on the old content at once "
          "(UploadUpdateCertificateRecordRollback), and the next apply starts a new "
          "rotation.",
          {v::one_of({"retry", "rollback"})}),
      framework::read_only("rotate_in_place_failed_targets", Type::list(Type::string()),
                           "Targets the last same-id rotation failed on (\"clb lb-…/lbl-… "
                           "(region): error\"); while not empty, the next plan retries them."),
      framework::read_only(
          "domain", Type::string(),
          "Subject common name of the leaf (else its first DNS name), from the PEM."),
      framework::read_only("subject_alt_names", Type::list(Type::string()),
                           "DNS names and IP addresses of the leaf, from the PEM."),
      framework::read_only("not_before", Type::string(),
                           "Start of validity (RFC 3339, UTC), from the PEM."),
      framework::read_only("not_after", Type::string(),
                           "End of validity (RFC 3339, UTC), from the PEM."),
      framework::read_only("fingerprint_sha256", Type::string(),
                           "SHA-256 of the leaf certificate's DER, lower-case hex."),
      framework::read_only("key_algorithm", Type::string(),
                           "Public key algorithm of the leaf: RSA_2048, EC_prime256v1, ..."),
      framework::read_only(
          "private_key_sha256", Type::string(),
          "SHA-256 of the private key (PKCS#8 DER, lower-case hex), stored instead "
          "of the key. On import it comes from the API, so a matching key in "
          "configuration plans no change."),
      framework::read_only_kept("status", Type::number(),
                                "Certificate status from the API (1 = issued/valid, 3 = expired)."),
  };
  for (auto& a : hosting_attributes(/*kept=*/true)) s.block.attributes.push_back(std::move(a));
  s.block.blocks = {framework::timeouts_block({"create", "update", "delete"})};
  return s;
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

// The key the configuration supplies: private_key_wo when set (or unknown), else
// private_key_pem.
struct KeyInput {
  Value value;
  Path path;
};

KeyInput key_input(const Value& config) {
  const Value& wo = config.at("private_key_wo");
  if (!wo.is_null()) return {wo, kKeyWoPath};
  return {config.at("private_key_pem"), kKeyPath};
}

// What DescribeCertificates says about the certificate, applied over `state`.
Value with_listing(Value state, const api::Certificate& c) {
  state = state.with("alias", Value::string(c.alias))
              .with("status", framework::int_or_null(c.status))
              .with("hosting_status", framework::int_or_null(c.hosting_status))
              .with("hosting_renew_certificate_id", Value::string(c.hosting_renew_cert_id))
              .with("hosting_resource_types", framework::string_list(c.hosting_resource_types))
              .with("hosting_config",
                    hosting_config_value(state.type().attribute_types().at("hosting_config"),
                                         c.hosting_config))
              .with("tags", tags_value(c.tags));
  if (c.project_id) state = state.with("project_id", Value::number(*c.project_id));
  if (!c.certificate_type.empty()) state = state.with("type", Value::string(c.certificate_type));
  return state;
}

// Which content the listing last reported: when it changes, the PEM is read again.
std::string content_marker(const api::Certificate& c) {
  return c.cert_begin_time + "|" + c.cert_end_time;
}

std::string key_text(const Value& config) {
  KeyInput key = key_input(config);
  return key.value.is_null() || key.value.is_unknown() ? std::string() : key.value.as_string();
}

// The attributes with_certificate_facts fills from the PEM.
constexpr const char* kCertificateFactNames[] = {
    "domain",    "subject_alt_names",  "not_before",
    "not_after", "fingerprint_sha256", "key_algorithm"};

// What a plan needs of content the state already records: its expiry.
struct RecordedContent {
  std::chrono::system_clock::time_point not_after;
};

// Set when the configured certificate_pem is the prior state's text exactly (value equality:
// nothing is remembered between plans), the state holds its facts, and the configured key is
// absent or the one whose SHA-256 the state records; then the PEM needs no parsing.
std::optional<RecordedContent> recorded_content(
    const Value& prior, const Value& configured_pem, const Value& configured_key,
    const std::shared_ptr<const ParsedKeys::Key>& parsed_key) {
  const Value& recorded_pem = prior.at("certificate_pem");
  if (!configured_pem.is_known() || configured_pem.is_null() || !recorded_pem.is_known() ||
      recorded_pem.is_null() || configured_pem.as_string() != recorded_pem.as_string())
    return std::nullopt;
  if (!configured_key.is_null()) {
    const Value& recorded_hash = prior.at("private_key_sha256");
    if (!parsed_key || !recorded_hash.is_known() || recorded_hash.is_null() ||
        recorded_hash.as_string() != parsed_key->sha256)
      return std::nullopt;
  }
  for (const char* name : kCertificateFactNames)
    if (!prior.at(name).is_known() || prior.at(name).is_null()) return std::nullopt;
  const auto not_after = pem::parse_rfc3339(prior.at("not_after").as_string());
  if (!not_after) return std::nullopt;
  return RecordedContent{*not_after};
}

std::string days_text(std::chrono::system_clock::duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::hours>(d).count() / 24);
}

// ---------------------------------------------------------------------------------------
// The resource
// ---------------------------------------------------------------------------------------

class CertificateResource final : public framework::Resource,
                                  public framework::ResourceWithModifyPlan,
                                  public framework::ResourceWithImport,
                                  public common::CertificateIdentity,
                                  public framework::ResourceWithMoveState {
 public:
  CertificateResource() : CertificateIdentity("id"), schema_(certificate_schema()) {}

  framework::Schema schema() const override { return schema_; }

  // Cross-attribute rule the declarative validators do not express; checked here rather than
  // when a rotation is planned, so that it can never block a later destroy.
  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    if (req.config.get_bool("rotate_in_place").value_or(false) &&
        req.config.get_string("type") == std::optional<std::string>("CA"))
      d.error("A CA certificate cannot be rotated in place",
              "UploadUpdateCertificateInstance replaces server certificates bound to CLB "
              "listeners; a CA certificate is replaced instead (set rotate_in_place = false).",
              Path::root("rotate_in_place"));
  }

  // -------------------------------------------------------------------------------------
  // Plan: facts from the PEM, errors on the attribute at fault, semantic comparison,
  // replacement or in-place rotation.
  // -------------------------------------------------------------------------------------
  void modify_plan(framework::PlanRequest& req, Diagnostics& d) const override {
    const Value& config = req.config;
    const Value& prior = req.prior;
    Value& planned = req.planned;
    const bool creating = prior.is_null();
    framework::keep_defaults(schema_.block, config, planned);

    // The key first (each distinct text parsed once per process): whether it is the key the
    // state records decides whether the certificate needs parsing at all.
    const Value& pem_value = config.at("certificate_pem");
    KeyInput key = key_input(config);
    std::shared_ptr<const ParsedKeys::Key> parsed_key;
    std::optional<std::string> key_problem;
    if (key.value.is_known() && !key.value.is_null()) {
      try {
        parsed_key = keys_.parse(key.value.as_string());
      } catch (const pem::PemError& e) {
        key_problem = e.what();
      }
    }

    // The certificate. Text identical to the prior state's, with the key the state records
    // (or none), is not parsed again: its facts are in the state, its chain and key were
    // checked when it was planned (or it came from the API and nothing of it is uploaded).
    const auto recorded =
        creating ? std::nullopt : recorded_content(prior, pem_value, key.value, parsed_key);
    std::optional<pem::Chain> chain;
    std::optional<pem::CertificateFacts> facts;
    std::optional<std::chrono::system_clock::time_point> not_after;
    if (recorded) {
      not_after = recorded->not_after;
    } else if (pem_value.is_known() && !pem_value.is_null()) {
      try {
        chain = pem::parse_chain(pem_value.as_string());
        facts = chain->facts();
        not_after = facts->not_after;
        if (auto problem = chain->order_problem())
          d.error("Certificate chain out of order", *problem, kPemPath);
      } catch (const pem::PemError& e) {
        d.error("Invalid certificate PEM", e.what(), kPemPath);
      }
    }
    const bool content_changed =
        !creating && !recorded &&
        (!pem_value.is_known() ||
         !pem::same_pem(prior.at("certificate_pem").is_null()
                            ? std::string()
                            : prior.at("certificate_pem").as_string(),
                        pem_value.is_null() ? std::string() : pem_value.as_string()));
    if (!creating && !content_changed)
      planned = planned.with("certificate_pem", prior.at("certificate_pem"));
    if (recorded) {
      for (const char* name : kCertificateFactNames) planned = planned.with(name, prior.at(name));
    } else {
      planned = with_certificate_facts(planned, facts ? &*facts : nullptr);
    }

    // The key: matched, hashed; never quoted.
    Value key_hash = Value::null(Type::string());
    bool key_fits_certificate = false;
    if (key.value.is_unknown()) {
      key_hash = Value::unknown(Type::string());
    } else if (!key.value.is_null()) {
      if (key_problem) {
        d.error("Invalid private key", *key_problem, key.path);
      } else {
        key_hash = Value::string(parsed_key->sha256);
        // Recorded content: the key is the one the state records for it.
        key_fits_certificate =
            recorded.has_value() || (chain && pem::key_matches(*chain, parsed_key->key));
        if (chain && !key_fits_certificate)
          d.error("Private key does not match the certificate",
                  "The private key is not the key of the leaf certificate (the first PEM block "
                  "of certificate_pem, " +
                      (facts ? facts->subject : std::string()) + ").",
                  key.path);
      }
    } else if (planned.get_string("type").value_or("SVR") == "SVR") {
      // The key is needed to upload content. A certificate that exists and keeps its content
      // keeps its key whatever the configuration says (imported, listed by `terraform query`
      // or moved without one): nothing to upload, nothing to replace.
      if (creating || content_changed)
        d.error("A private key is required",
                "An SVR (server) certificate needs its private key: set private_key_wo "
                "(Terraform >= 1.11, never stored) or private_key_pem.",
                kKeyPath);
      else
        key_hash = prior.at("private_key_sha256");
    }
    planned = planned.with("private_key_sha256", key_hash);
    // A key the provider never learnt (an import where the API masks CertificatePrivateKey
    // as "*******") is adopted in place when the configured key is the certificate's: an SVR
    // certificate holds the one private key of its public key, so nothing changes remotely.
    const bool key_adopted = !creating && !content_changed && key_fits_certificate &&
                             prior.at("private_key_sha256").is_null() &&
                             planned.get_string("type").value_or("SVR") == "SVR";
    const bool key_changed =
        !creating && !key_adopted && !(key_hash == prior.at("private_key_sha256"));
    // The same key written differently keeps its prior text: no diff.
    if (!creating && !key_changed && !prior.at("private_key_pem").is_null() &&
        !config.at("private_key_pem").is_null())
      planned = planned.with("private_key_pem", prior.at("private_key_pem"));

    // Validity: an expired certificate is refused when it is new content; an unchanged one
    // only warns, so that other changes (and the replacement) can still be planned.
    if (not_after) {
      auto now = std::chrono::system_clock::now();
      if (*not_after <= now) {
        std::string detail = "The certificate expired at " + pem::rfc3339(*not_after) + ".";
        if (creating || content_changed)
          d.error("Certificate has expired", detail, kPemPath);
        else
          d.warning("Certificate has expired", detail + " Replace certificate_pem.", kPemPath);
      } else if (*not_after - now < kExpiryWarning) {
        d.warning("Certificate expires soon",
                  "The certificate expires at " + pem::rfc3339(*not_after) + " (in " +
                      days_text(*not_after - now) + " days).",
                  kPemPath);
      }
    }

    if (creating) return;
    // What only the API changes (status, hosting) is read, never planned: keep it as it is,
    // null included, so that a change elsewhere does not show it as "known after apply".
    for (const char* name :
         {"status", "hosting_status", "hosting_renew_certificate_id", "hosting_resource_types",
          "hosting_config", "rotate_in_place_failed_targets"})
      planned = planned.with(name, prior.at(name));
    const bool rotating = planned.get_bool("rotate_in_place").value_or(false);
    // Targets a rotation failed on are retried: an update that only does that.
    const Value& failed = prior.at("rotate_in_place_failed_targets");
    if (rotating && ((!failed.is_null() && failed.length() > 0) || content_changed || key_changed))
      planned = planned.with("rotate_in_place_failed_targets",
                             Value::unknown(Type::list(Type::string())));
    if (!(content_changed || key_changed)) return;

    // New content: replace, or rotate under the same id.
    if (planned.get_bool("rotate_in_place").value_or(false)) {
      plan_rotation(key, d);
      return;
    }
    if (content_changed) req.requires_replace.push_back(kPemPath);
    if (key_changed) req.requires_replace.push_back(Path::root("private_key_sha256"));
  }

  // The CA and regions rules are checked at validate (never here: a plan-time error would
  // also block a destroy, whose pre-destroy refresh plans the configuration).
  void plan_rotation(const KeyInput& key, Diagnostics& d) const {
    if (key.value.is_null())
      d.error("Rotating in place needs the private key",
              "UploadUpdateCertificateInstance requires the new private key: set "
              "private_key_wo or private_key_pem.",
              kKeyPath);
    // The id, status and hosting fields stay (use_state_for_unknown); facts are the new ones.
  }

  // -------------------------------------------------------------------------------------
  // Create / read / update / delete / import
  // -------------------------------------------------------------------------------------
  Value create(const framework::CreateRequest& req, Diagnostics& d) override {
    const Value& planned = req.planned;
    api::UploadCertificateRequest upload;
    upload.certificate_public_key = planned.at("certificate_pem").as_string();
    upload.certificate_private_key = key_text(req.config);
    upload.certificate_type = planned.get_string("type").value_or("SVR");
    upload.alias = planned.get_string("alias").value_or("");
    upload.project_id = planned.get_int("project_id");
    upload.tags = tags_of(planned.at("tags"));
    const bool repeatable = planned.get_bool("allow_duplicate").value_or(false);
    upload.repeatable = repeatable;
    // The read-back after the upload joins those of the other creates in flight.
    auto read_back = certificate_reads(req.ctx).announce();
    api::UploadCertificateResponse answer;
    // Without Repeatable an identical upload answers the existing id, so a retried upload is
    // safe and needs no listing first (upload.repeatable is set either way: test the flag).
    if (repeatable) {
      // A duplicate upload is not safe to repeat: an attempt whose answer was lost may have
      // made the certificate, and a blind retry would make a second one left orphaned.
      const std::string domain = planned.get_string("domain").value_or("");
      const std::set<std::string> existing =
          uploaded_ids(common::ssl_client(req.ctx), domain, req.ctx);
      answer = api::upload_certificate(
          common::ssl_client(req.ctx), upload, common::call_options(req.ctx), [&] {
            return landed_upload(common::ssl_client(req.ctx), domain, existing,
                                 upload.certificate_public_key, req.ctx);
          });
    } else {
      answer = api::upload_certificate(common::ssl_client(req.ctx), upload,
                                       common::call_options(req.ctx));
    }
    upload.certificate_private_key.wipe();  // not needed any more
    const std::string id = answer.certificate_id;
    if (id.empty()) {
      d.error("UploadCertificate returned no certificate id");
      return Value::null(planned.type());
    }
    Value state = planned.with("id", Value::string(id))
                      .with("rotate_in_place_failed_targets", Value::list(Type::string(), {}));
    if (upload.certificate_type != "CA") {
      warn_about_chain(common::ssl_client(req.ctx), upload.certificate_public_key, req.ctx, d);
    }
    if (!answer.repeat_cert_id.empty())
      d.warning("An identical certificate already existed",
                "The account already held this certificate as " + id +
                    "; this resource now manages it (allow_duplicate = false). If another "
                    "resource manages it too, destroying either deletes it.",
                kPemPath);

    certificate_reads(req.ctx).forget(id);
    std::string unreadable;  // why the certificate could not be read back
    try {
      auto cert = certificate_reads(req.ctx).get(common::ssl_client(req.ctx), id,
                                                 common::call_options(req.ctx), &read_back);
      if (!cert) {
        unreadable = "DescribeCertificates does not list the uploaded certificate.";
      } else {
        // An adopted duplicate keeps its old alias/project: bring them to the plan.
        AliasAndProject change;
        if (cert->alias != upload.alias) change.alias = upload.alias;
        if (upload.project_id && cert->project_id != upload.project_id)
          change.project_id = upload.project_id;
        update_alias_and_project(common::ssl_client(req.ctx), id, change, req.ctx, d);
        state = with_listing(state, *cert)
                    .with("alias", planned.at("alias"))
                    .with("project_id", planned.at("project_id"));
        req.private_state.set("content", content_marker(*cert));
      }
    } catch (const api::ApiError& e) {
      unreadable = e.code() + ": " + e.message();
    }
    if (!unreadable.empty()) {
      // The certificate exists: keep it in state (tainted) rather than lose track of it.
      d.error("Certificate " + id + " was uploaded but could not be read back", unreadable);
      for (const char* name : {"status", "hosting_status"})
        if (state.at(name).is_unknown()) state = state.with(name, Value::null(Type::number()));
      for (const char* name : {"hosting_renew_certificate_id"})
        if (state.at(name).is_unknown()) state = state.with(name, Value::null(Type::string()));
      for (const char* name : {"hosting_resource_types", "hosting_config"})
        if (state.at(name).is_unknown())
          state = state.with(name, Value::null(state.at(name).type()));
    }
    certificate_reads(req.ctx).forget(id);
    return state;
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const std::string id = req.state.get_string("id").value_or("");
    if (id.empty()) return std::nullopt;
    auto cert = certificate_reads(req.ctx).get(common::ssl_client(req.ctx), id,
                                               common::call_options(req.ctx));
    if (!cert) return std::nullopt;
    Value state = with_listing(req.state, *cert);
    // Imported, moved or older states: no failed rotation known.
    if (state.at("rotate_in_place_failed_targets").is_null())
      state = state.with("rotate_in_place_failed_targets", Value::list(Type::string(), {}));

    // The listing has no PEM: read the detail only when the content may have changed
    // (import, or new validity dates since the last read).
    const std::string marker = content_marker(*cert);
    auto seen = req.private_state.get("content");
    if (state.at("certificate_pem").is_null() || !seen || *seen != marker) {
      auto found = api::find_certificate_detail(common::ssl_client(req.ctx), id,
                                                common::call_options(req.ctx));
      if (!found) return std::nullopt;
      api::CertificateDetail& detail = *found;
      const std::string& api_pem = detail.certificate.certificate_public_key;
      const Value& current = state.at("certificate_pem");
      if (!api_pem.empty() && (current.is_null() || !pem::same_pem(current.as_string(), api_pem))) {
        state = state.with("certificate_pem", Value::string(api_pem));
        try {
          auto facts = pem::parse_chain(api_pem).facts();
          state = with_certificate_facts(state, &facts);
        } catch (const pem::PemError&) {
          // Keep the API's text; the next plan reports what is wrong with it.
        }
      }
      // Import: the key's hash (never the key) from the API, when it returns a usable one.
      if (state.at("private_key_sha256").is_null() && !detail.certificate_private_key.empty()) {
        try {
          state = state.with(
              "private_key_sha256",
              Value::string(
                  pem::parse_private_key(detail.certificate_private_key.value()).sha256()));
        } catch (const pem::PemError&) {
          // Masked ("*******") or absent: unknown to us, as documented.
        }
      }
      req.private_state.set("content", marker);
    }
    return state;
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& d) override {
    const Value& prior = req.prior;
    const Value& planned = req.planned;
    const std::string id = prior.get_string("id").value_or("");
    certificate_reads(req.ctx).forget(id);

    update_alias_and_project(common::ssl_client(req.ctx), id,
                             alias_and_project_changes(prior, planned), req.ctx, d);
    if (!(planned.at("tags") == prior.at("tags"))) set_tags(id, prior, planned, req.ctx);

    const bool same_pem = pem::same_pem(prior.at("certificate_pem").as_string(),
                                        planned.at("certificate_pem").as_string());
    // A hash unknown before (masked on import) is only being learnt: the plan checked that
    // the key is the certificate's, so there is nothing to upload.
    const bool key_adopted = same_pem && prior.at("private_key_sha256").is_null();
    const bool new_content =
        !same_pem ||
        (!key_adopted && !(planned.at("private_key_sha256") == prior.at("private_key_sha256")));
    const bool retry_failed =
        !new_content && planned.get_bool("rotate_in_place").value_or(false) &&
        rotation_awaits_retry(req.private_state,
                              planned.get_string("fingerprint_sha256").value_or(""));
    Value result = planned;
    if (planned.at("rotate_in_place_failed_targets").is_unknown())
      result = result.with("rotate_in_place_failed_targets", Value::list(Type::string(), {}));
    if (new_content || retry_failed) {
      ContentRotation rotation;
      rotation.certificate_id = id;
      rotation.certificate_pem = planned.at("certificate_pem").as_string();
      rotation.private_key_pem = key_text(req.config);
      rotation.fingerprint_sha256 = planned.get_string("fingerprint_sha256").value_or("");
      rotation.resource_types = framework::strings_of(planned.at("rotate_in_place_resource_types"));
      rotation.regions = framework::strings_of(planned.at("rotate_in_place_regions"));
      rotation.rollback_on_failure = planned.get_string("rotate_in_place_on_failure") ==
                                     std::optional<std::string>("rollback");
      RotationOutcome outcome =
          rotate_content(common::ssl_client(req.ctx), rotation, req.ctx, req.private_state, d);
      certificate_reads(req.ctx).forget(id);
      std::vector<Value> failed;
      for (const auto& f : outcome.failed_targets) failed.push_back(Value::string(f));
      result = result.with("rotate_in_place_failed_targets",
                           Value::list(Type::string(), std::move(failed)));
      if (!outcome.done && new_content) {
        // Not in place everywhere: keep the old content in state so the next plan proposes
        // the rotation again (and resumes a running record or retries the failed targets).
        for (const char* name : {"certificate_pem", "private_key_pem", "private_key_sha256",
                                 "domain", "subject_alt_names", "not_before", "not_after",
                                 "fingerprint_sha256", "key_algorithm"})
          result = result.with(name, prior.at(name));
        return result;
      }
      req.private_state.erase("content");  // read the new PEM back next time
    }
    return result;
  }

  void remove(const framework::DeleteRequest& req, Diagnostics& d) override {
    const std::string id = req.prior.get_string("id").value_or("");
    if (req.prior.get_bool("keep_on_destroy").value_or(false)) {
      d.warning("Certificate " + id + " kept",
                "keep_on_destroy is true: the certificate stays in the account and is no "
                "longer managed by Terraform.");
      return;
    }
    certificate_reads(req.ctx).forget(id);
    delete_certificate_checked(common::ssl_client(req.ctx), id, req.ctx, d,
                               {.force = req.prior.get_bool("force_delete").value_or(false),
                                .polls = &delete_task_polls(req.ctx)});
  }

  Value import_state(const framework::ImportRequest& req, Diagnostics& d) const override {
    if (req.id.empty()) {
      d.error("Missing certificate id", "Import with the certificate id, e.g. \"a1b2C3d4\".");
      return Value::null(framework::implied_type(schema_));
    }
    return framework::import_stub(schema_, req.id);
  }

  // -------------------------------------------------------------------------------------
  // Moves from the Tencent Cloud provider (the identity is CertificateIdentity's)
  // -------------------------------------------------------------------------------------
  std::vector<framework::MoveSource> move_sources() const override {
    return {{.provider = kTencentCloudProvider, .type_name = kTencentCloudCertificate}};
  }

  // No API call: the mapping is a pure function of the stored state; the refresh that
  // follows the move reads the hosting fields and the PEM detail.
  Value move_state(const framework::MoveStateRequest& req, Diagnostics& d) const override {
    return move_tencentcloud_certificate(req.source_state, req.source_schema_version, schema_, d);
  }

 private:
  // Tags through the Tag API: changed and new ones replaced, removed ones deleted, in one
  // ModifyResourceTags call on the resource the Tencent Cloud provider names
  // (api::certificate_tag_resource; region = the provider's).
  static void set_tags(const std::string& id, const Value& prior, const Value& planned,
                       const framework::Context& ctx) {
    const auto changes = api::diff_tags(tags_of(prior.at("tags")), tags_of(planned.at("tags")));
    if (changes.empty()) return;
    api::Client& tag = common::tag_client(ctx);
    api::modify_resource_tags(tag, api::certificate_tag_resource(tag.settings().region, id),
                              changes.replace, changes.delete_keys, common::call_options(ctx));
  }

  framework::Schema schema_;
  mutable ParsedKeys keys_;  // every plan parses its key: each distinct key once
};

}  // namespace

std::shared_ptr<framework::Resource> make_certificate_resource() {
  return std::make_shared<CertificateResource>();
}

}  // namespace cloudssl::certificates
