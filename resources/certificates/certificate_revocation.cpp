// cloudssl_certificate_revocation: revokes a certificate (seed 004, RevokeCertificate), only
// when a configuration names it; nothing else in the provider ever revokes.
//
// Create revokes with `reason`, keeps the revocation validation records the API answers
// (RevokeDomainValidateAuths) in state for the user to publish, then waits until the
// certificate reads Status 10 (revoked), bounded by timeouts.create; wait_for_revocation =
// false returns as soon as the API accepted the revocation (Status 9), so that resources
// publishing the records can depend on this one. A certificate already being revoked or
// revoked (an earlier apply that timed out, or a revocation made elsewhere) is adopted with the
// records DescribeCertificate shows, never revoked twice; so is one waiting for its revocation
// letter (12), whose wait stops with where to upload it and keeps the resource (tainted). A
// certificate still bound to cloud resources (RevokeResourceFailed) is refused with the list of
// what uses it, from the same bound-resource query that delete safety uses. Destroy only forgets: a
// revocation cannot be undone.
#include <set>

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/revocation_actions.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_status.h"
#include "resources/certificates/factories.h"
#include "resources/common/bound_resources.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {
namespace {

using namespace common::schema_names;

constexpr std::int64_t kRevoking = 9;
constexpr std::int64_t kRevoked = 10;

const framework::ResultFields& record_fields() {
  static const framework::ResultFields fields{
      {"domain", Type::string(), "The domain the record validates."},
      {"path", Type::string(),
       "File validation: the folder the file goes in under the domain's web root "
       "(/.well-known/pki-validation/); empty for DNS records."},
      {"key", Type::string(), "The DNS record name (a TXT record), or the file name."},
      {"value", Type::string(), "The DNS record's value, or the file's content."},
  };
  return fields;
}

framework::Schema revocation_schema() {
  framework::Schema s;
  s.block.description =
      "Revokes a certificate issued through Tencent Cloud (RevokeCertificate). A revocation "
      "cannot be undone: destroying this resource only removes it from the state.";
  s.block.attributes = {
      framework::read_only_kept("id", Type::string(), "The certificate id."),
      common::replacing_certificate_id_argument(
          "certificate_id",
          "The certificate to revoke: issued by a CA through Tencent Cloud (not an "
          "uploaded one) and used by no cloud resource."),
      {.name = "reason",
       .type = Type::string(),
       .optional = true,
       .description = "Why the certificate is revoked (RevokeCertificate's Reason).",
       .requires_replace = true,
       .validators = {v::non_empty()}},
      {.name = "wait_for_revocation",
       .type = Type::boolean(),
       .optional = true,
       .computed = true,
       .description = "Wait until the certificate is revoked (status 10), within "
                      "timeouts.create. Set false when the validation records are published "
                      "by resources that depend on this one.",
       .requires_replace = true,
       .default_value = Value::boolean(true)},
      framework::read_only(
          "validation_records", record_fields().attributes(), framework::Nesting::List,
          "What to publish so the CA accepts the revocation (the API's revocation "
          "validation records). For a certificate validated with DNS_AUTO, Tencent "
          "Cloud publishes them itself."),
      framework::read_only("status", Type::number(),
                           "Certificate status: 9 while being revoked, 12 while the revocation "
                           "waits for its letter (uploaded in the console), 10 once revoked."),
  };
  s.block.blocks = {framework::timeouts_block({"create"})};
  return s;
}

Value records_value(const std::vector<api::RevocationRecord>& records) {
  std::vector<Value> out;
  for (const auto& r : records)
    out.push_back(Value::object(record_fields().type(), {{"domain", Value::string(r.domain)},
                                                         {"path", Value::string(r.path)},
                                                         {"key", Value::string(r.key)},
                                                         {"value", Value::string(r.value)}}));
  return Value::list(record_fields().type(), std::move(out));
}

// DescribeCertificate's DvRevokeAuthDetail as revocation records.
std::vector<api::RevocationRecord> records_of(const api::Certificate& c) {
  std::vector<api::RevocationRecord> out;
  for (const auto& a : c.dv_revoke_auths)
    out.push_back({.domain = a.domain, .path = a.path, .key = a.key, .value = a.value});
  return out;
}

std::string records_text(const std::vector<api::RevocationRecord>& records) {
  std::string out;
  for (const auto& r : records)
    out += "\n  - " + r.domain + ": " + (r.path.empty() ? "TXT " + r.key : r.path + r.key) + " = " +
           r.value;
  return out;
}

// Waiting for the revocation letter (seed 004: 12 = 待上传吊销确认函): the revocation was
// requested and goes on (9) once a person uploads the letter in the console.
constexpr std::int64_t kAwaitingRevokeLetter = 12;

// A revocation was requested (and is never requested twice): being revoked, waiting for its
// letter, or revoked.
bool revoking_or_revoked(const api::Certificate& c) {
  return c.status == kRevoking || c.status == kAwaitingRevokeLetter || c.status == kRevoked;
}

class CertificateRevocationResource final : public framework::Resource,
                                            public framework::ResourceWithModifyPlan {
 public:
  CertificateRevocationResource() : schema_(revocation_schema()) {}
  framework::Schema schema() const override { return schema_; }

  framework::Timeouts default_timeouts() const override {
    framework::Timeouts t;
    t.create = std::chrono::minutes(30);
    return t;
  }

  // A revocation planned for a certificate the API says cannot be revoked fails here, with
  // the reason, instead of during apply (when the API can be called and the id is known).
  void modify_plan(framework::PlanRequest& req, Diagnostics& d) const override {
    if (!req.prior.is_null() || req.config.is_null()) return;
    const Value& id_value = req.config.at("certificate_id");
    if (!id_value.is_known() || id_value.is_null()) return;
    api::Client* ssl = common::ssl_client_if_configured(req.ctx);
    if (!ssl) return;
    const std::string id = id_value.as_string();
    auto c = api::find_certificate(*ssl, id, common::call_options(req.ctx));
    if (!c) {
      d.error("Certificate " + id + " does not exist",
              "certificate_id must name a certificate in this account.",
              Path::root("certificate_id"));
      return;
    }
    check_revocable(*c, d);
  }

  Value create(const framework::CreateRequest& req, Diagnostics& d) override {
    api::Client& ssl = common::ssl_client(req.ctx);
    const std::string id = req.planned.get_string("certificate_id").value_or("");
    const std::string reason = req.planned.get_string("reason").value_or("");
    const Path certificate_path = Path::root("certificate_id");

    auto c = api::find_certificate(ssl, id, common::call_options(req.ctx));
    if (!c) {
      d.error("Certificate " + id + " does not exist",
              "certificate_id must name a certificate in this account.", certificate_path);
      return Value::null(req.planned.type());
    }
    std::vector<api::RevocationRecord> records;
    if (revoking_or_revoked(*c)) {
      records = records_of(*c);  // an earlier revocation: never revoke twice
    } else {
      if (!check_revocable(*c, d)) return Value::null(req.planned.type());
      try {
        records = api::revoke_certificate(ssl, id, reason, common::call_options(req.ctx));
      } catch (const api::ApiError& e) {
        if (api::revoke_refused_bound(e)) {
          refuse_bound(ssl, id, req.ctx, d);
          return Value::null(req.planned.type());
        }
        if (api::revoke_refused_source(e) || api::revoke_refused_status(e)) {
          d.error("Certificate " + id + " cannot be revoked",
                  e.message() + " (" + e.code() +
                      "). Only a certificate issued through Tencent Cloud and currently issued "
                      "can be revoked.",
                  certificate_path);
          return Value::null(req.planned.type());
        }
        throw;
      }
      c->status = kRevoking;
    }
    Value state = req.planned.with("id", Value::string(id))
                      .with("validation_records", records_value(records))
                      .with("status", framework::int_or_null(c->status));
    if (!req.planned.get_bool("wait_for_revocation").value_or(true) || c->status == kRevoked)
      return state;

    api::PollOptions poll = common::poll_options(req.ctx, "revocation of certificate " + id);
    poll.first_interval = std::chrono::milliseconds(500);
    poll.max_interval = std::chrono::seconds(15);
    api::PollReport report = api::poll_until_done(
        [&] {
          *c = api::describe_certificate(ssl, id, common::call_options(req.ctx));
          api::PollResult r;
          if (c->status == kRevoked)
            r.state = api::PollResult::State::Done;
          else if (c->status != kRevoking)
            r.state = api::PollResult::State::Failed;
          r.message = status_text(c->status);
          return r;
        },
        poll);
    if (records.empty()) records = records_of(*c);
    state = state.with("validation_records", records_value(records))
                .with("status", framework::int_or_null(c->status));
    switch (report.outcome) {
      case api::PollOutcome::Done:
        return state;
      case api::PollOutcome::Failed:
        // Waiting for its letter: the revocation was requested, so it is kept (Terraform
        // taints it, as after a timeout) and the next apply adopts it and waits again; the
        // letter takes a person, so this stops rather than waiting out timeouts.create.
        if (c->status == kAwaitingRevokeLetter) {
          d.error("Certificate " + id + " needs action: it is " + status_text(c->status),
                  "It is " + status_text(c->status) + " (status 12), which waiting does not " +
                      "change, so the wait stopped instead of running into the timeout.\n" +
                      needs_action_fix(c->status, NeedsActionWait::Revocation) +
                      "\nThen apply again to keep waiting.",
                  certificate_path);
          return state;
        }
        d.error("Certificate " + id + " was not revoked",
                "It is " + status_text(c->status) +
                    (c->status_msg.empty() ? "." : ": " + c->status_msg),
                certificate_path);
        return Value::null(req.planned.type());
      case api::PollOutcome::DeadlineExceeded:
        // Kept (Terraform taints it): the next apply adopts the revocation in progress and
        // waits again, without a second RevokeCertificate.
        // The status last read, not the poller's message: a deadline reached before the
        // first poll leaves that empty.
        d.error("Timed out waiting for certificate " + id + " to be revoked",
                "Still " + status_text(c->status) + " at the deadline (timeouts.create)." +
                    (records.empty()
                         ? std::string()
                         : " Publish the revocation validation records:" + records_text(records)) +
                    "\nThen apply again. When the records are published by resources of this "
                    "configuration, set wait_for_revocation = false so they can be created "
                    "first.",
                certificate_path);
        return state;
      case api::PollOutcome::Cancelled:
        d.error("Waiting for certificate " + id + " to be revoked was interrupted",
                "The revocation continues on the API side; apply again to keep waiting.",
                certificate_path);
        return state;
    }
    return state;
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const std::string id = req.state.get_string("certificate_id").value_or("");
    auto c = api::find_certificate(common::ssl_client(req.ctx), id, common::call_options(req.ctx));
    // A revoked certificate may be deleted afterwards: the revocation still happened.
    if (!c) return req.state;
    // Neither revoking nor revoked (the CA turned the revocation down): plan it again.
    if (!revoking_or_revoked(*c)) return std::nullopt;
    Value state = req.state.with("status", framework::int_or_null(c->status));
    if (!c->dv_revoke_auths.empty())
      state = state.with("validation_records", records_value(records_of(*c)));
    return state;
  }

  Value update(const framework::UpdateRequest& req, Diagnostics&) override {
    return req.planned;  // only timeouts can change in place
  }

  void remove(const framework::DeleteRequest&, Diagnostics& d) override {
    d.warning("The certificate stays revoked",
              "cloudssl_certificate_revocation was removed from the state only: a revocation "
              "cannot be undone.");
  }

 private:
  // Whether the API can be asked to revoke `c`; an error on certificate_id saying why not.
  static bool check_revocable(const api::Certificate& c, Diagnostics& d) {
    if (revoking_or_revoked(c)) return true;
    const Path path = Path::root("certificate_id");
    if (c.from == "upload") {
      d.error("Certificate " + c.certificate_id + " cannot be revoked here",
              "It was uploaded, not issued through Tencent Cloud: only the CA that issued it "
              "can revoke it. certificate_id must name a certificate bought or applied for "
              "through Tencent Cloud (for example a cloudssl_free_certificate).",
              path);
      return false;
    }
    if (c.status != 1) {
      d.error("Certificate " + c.certificate_id + " cannot be revoked",
              "It is " + status_text(c.status) +
                  "; only an issued certificate can be revoked. A certificate that is not "
                  "issued yet is cancelled by destroying its cloudssl_free_certificate instead.",
              path);
      return false;
    }
    return true;
  }

  // RevokeResourceFailed: names what still uses the certificate (the bound-resource query of
  // delete safety) and how to free it.
  static void refuse_bound(api::Client& ssl, const std::string& id, const framework::Context& ctx,
                           Diagnostics& d) {
    common::BoundResources found = common::query_bound_resources(ssl, id, ctx, "timeouts.create");
    std::string listing;
    for (const auto& r : found.resources)
      listing += "\n  - " + r.resource_type + " " + r.description +
                 (r.region.empty() ? "" : " (" + r.region + ")");
    if (found.unlisted > 0)
      listing += "\n  (and " + std::to_string(found.unlisted) + " more not listed)";
    if (!listing.empty())
      listing = "\nBound resources:" + listing;
    else if (!found.problem.empty())
      listing = "\n(The bound resources could not be listed: " + found.problem + ")";
    d.error("Certificate " + id + " is still bound to cloud resources",
            "The API refuses to revoke a certificate that cloud resources use "
            "(RevokeResourceFailed)." +
                listing +
                "\nMove them to another certificate first (cloudssl_certificate_replacement, "
                "or a cloudssl_certificate_deployment of the new certificate), then apply "
                "again.",
            Path::root("certificate_id"));
  }

  framework::Schema schema_;
};

}  // namespace

std::shared_ptr<framework::Resource> make_certificate_revocation_resource() {
  return std::make_shared<CertificateRevocationResource>();
}

}  // namespace cloudssl::certificates
