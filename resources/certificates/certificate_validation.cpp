// cloudssl_certificate_validation: waits until a certificate is issued (the ACM waiter pattern).
//
// Create checks that the validation records the configuration says it published cover what
// the certificate needs (validation_record_fqdns, also an ordering hint), asks the CA to
// validate now (CompleteCertificate, where the brand allows it), then polls the certificate
// until it is issued (Status 1). Rejected, cancelled, revoked or expired end the wait with the
// API's message; so do states only a human can resolve. Bounded by timeouts.create (75m by
// default) and interrupted by StopProvider. Delete is a no-op: nothing remote is owned.
// Import by certificate id adopts a certificate that is already issued (nothing to wait for).
#include <set>

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "provider/util/ascii.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/certificate_status.h"
#include "resources/certificates/certificate_values.h"
#include "resources/certificates/factories.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/certificate_identity.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

framework::Schema validation_schema() {
  framework::Schema s;
  s.block.description =
      "Waits for a certificate (typically a cloudssl_free_certificate) to be issued. Make "
      "resources that need an issued certificate depend on this one.";
  s.block.attributes = {
      framework::read_only_kept("id", Type::string(), "The certificate id."),
      common::replacing_certificate_id_argument("certificate_id", "The certificate to wait for."),
      {.name = "validation_record_fqdns",
       .type = Type::set(Type::string()),
       .optional = true,
       .description = "FQDNs of the DNS validation records you created (e.g. with a DNS "
                      "provider, from dv_auths[*].key). Orders this resource after them and "
                      "fails fast, naming the records that are missing.",
       .requires_replace = true},
      framework::read_only("status", Type::number(), "Certificate status once issued (1)."),
      framework::read_only("not_before", Type::string(), "Start of validity (RFC 3339, UTC)."),
      framework::read_only("not_after", Type::string(), "End of validity (RFC 3339, UTC)."),
  };
  s.block.blocks = {framework::timeouts_block({"create"})};
  return s;
}

std::string without_trailing_dot(std::string s) {
  while (!s.empty() && s.back() == '.') s.pop_back();
  return ascii_lower(s);
}

Value issued_state(const Value& planned, const api::Certificate& c) {
  return planned.with("id", planned.at("certificate_id"))
      .with("status", framework::int_or_null(c.status))
      .with("not_before", api_time_value(c.cert_begin_time))
      .with("not_after", api_time_value(c.cert_end_time));
}

// Why domain validation has not passed yet, per domain, for messages.
std::string verification_summary(api::Client& ssl, const std::string& id,
                                 const framework::Context& ctx) {
  try {
    framework::Context quick = ctx;
    quick.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::string out;
    for (const auto& r :
         api::check_certificate_domain_verification(ssl, id, common::call_options(quick))) {
      if (r.local_check == 1 || r.issued.value_or(false)) continue;
      out += "\n  - " + r.domain + " (" + r.verify_type + "): " +
             (r.local_check_fail_reason.empty() ? "not validated yet" : r.local_check_fail_reason);
    }
    return out;
  } catch (const api::ApiError&) {
    return {};
  }
}

// For a cloudssl_paid_certificate's order whose review failed (status 2): what its message
// concerns in that resource and the fix, as its plan says them, since this error is often the
// first a user sees (the validation waits in the same apply). "" otherwise: a free
// certificate's review has nothing to resubmit.
std::string paid_review_fix(const api::Certificate& c) {
  if (c.status != 2 || !is_paid_order(c)) return {};
  const ReviewFailure failure = review_failure(c.status_msg, c.verify_type);
  std::string attributes;
  for (const auto& name : failure.attributes) attributes += (attributes.empty() ? "" : ", ") + name;
  return "\nIn its cloudssl_paid_certificate" +
         (failure.documented ? ", this concerns " + attributes + ". " : ": ") + failure.fix +
         (failure.closed ? "" : " This validation then waits again.");
}

class CertificateValidationResource final : public framework::Resource,
                                            public framework::ResourceWithImport,
                                            public common::CertificateIdentity {
 public:
  // Its identity (Terraform >= 1.12) is the certificate waited for, known from the
  // configuration even while a create is planned.
  CertificateValidationResource()
      : CertificateIdentity("certificate_id"), schema_(validation_schema()) {}
  framework::Schema schema() const override { return schema_; }

  framework::Timeouts default_timeouts() const override {
    framework::Timeouts t;
    t.create = std::chrono::minutes(75);
    return t;
  }

  Value create(const framework::CreateRequest& req, Diagnostics& d) override {
    api::Client& ssl = common::ssl_client(req.ctx);
    const std::string id = req.planned.get_string("certificate_id").value_or("");
    const Path certificate_path = Path::root("certificate_id");

    api::Certificate c = api::describe_certificate(ssl, id, common::call_options(req.ctx));
    if (!check_records(req.planned, c, d)) return Value::null(req.planned.type());

    // Ask the CA to check now. Brands that do not support it (DNSPod, Wotrus) and
    // certificates already past validation answer errors that change nothing here.
    if (issuance_state(c.status) == IssuanceState::Pending && c.verify_type != "DNS_AUTO") {
      try {
        api::complete_certificate(ssl, id, common::call_options(req.ctx));
      } catch (const api::ApiError& e) {
        if (!e.code_starts_with("FailedOperation")) throw;
      }
    }

    api::PollOptions poll = common::poll_options(req.ctx, "issuance of certificate " + id);
    poll.first_interval = std::chrono::milliseconds(500);
    poll.max_interval = std::chrono::seconds(15);
    api::PollReport report = api::poll_until_done(
        [&] {
          c = api::describe_certificate(ssl, id, common::call_options(req.ctx));
          api::PollResult r;
          switch (issuance_state(c.status)) {
            case IssuanceState::Issued:
              r.state = api::PollResult::State::Done;
              break;
            case IssuanceState::Failed:
            case IssuanceState::NeedsAction:
              r.state = api::PollResult::State::Failed;
              break;
            case IssuanceState::Pending:
              break;
          }
          r.message =
              status_text(c.status) + (c.status_msg.empty() ? "" : " (" + c.status_msg + ")");
          return r;
        },
        poll);

    switch (report.outcome) {
      case api::PollOutcome::Done:
        return issued_state(req.planned, c);
      case api::PollOutcome::Failed: {
        std::string why =
            !c.awaiting_validation_msg.empty() ? c.awaiting_validation_msg : c.status_msg;
        // An error, not a wait: what it waits for (information, a letter) takes a person or
        // another apply, often days, so waiting out timeouts.create would only hide the cause
        // for up to 75 minutes. The validation is then not created, and the next apply (after
        // the action) waits again.
        if (issuance_state(c.status) == IssuanceState::NeedsAction) {
          const std::string fix = needs_action_fix(c.status);
          d.error("Certificate " + id + " needs action: it is " + status_text(c.status),
                  "It is " + status_text(c.status) + " (status " +
                      std::to_string(c.status.value_or(0)) +
                      "), which waiting does not change, so the wait stopped instead of running "
                      "into the timeout." +
                      (fix.empty() ? "" : "\n" + fix) +
                      // 12's fix says itself when applying again helps.
                      (c.status == 12 ? "" : "\nThen apply again to keep waiting."),
                  certificate_path);
        } else {
          d.error("Certificate " + id + " was not issued",
                  "It is " + status_text(c.status) + (why.empty() ? "." : ": " + why) +
                      paid_review_fix(c),
                  certificate_path);
        }
        return Value::null(req.planned.type());
      }
      case api::PollOutcome::DeadlineExceeded:
        d.error("Timed out waiting for certificate " + id + " to be issued",
                "Still " + report.message + " at the deadline (timeouts.create)." +
                    verification_summary(ssl, id, req.ctx),
                certificate_path);
        return Value::null(req.planned.type());
      case api::PollOutcome::Cancelled:
        d.error("Waiting for certificate " + id + " was interrupted",
                "The validation continues on the API side; apply again to keep waiting.",
                certificate_path);
        return Value::null(req.planned.type());
    }
    return Value::null(req.planned.type());
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const std::string id = req.state.get_string("certificate_id").value_or("");
    auto c = api::find_certificate(common::ssl_client(req.ctx), id, common::call_options(req.ctx));
    // A certificate that stopped being issued (revoked, expired) needs validating again.
    if (!c || issuance_state(c->status) != IssuanceState::Issued) return std::nullopt;
    return issued_state(req.state, *c);
  }

  Value update(const framework::UpdateRequest& req, Diagnostics&) override {
    return req.planned;  // only timeouts can change in place
  }

  void remove(const framework::DeleteRequest&, Diagnostics&) override {}

  // Only an issued certificate has been validated: anything else has nothing to import (and
  // read would drop it with Terraform's less telling "non-existent object" error).
  Value import_state(const framework::ImportRequest& req, Diagnostics& d) const override {
    auto c =
        api::find_certificate(common::ssl_client(req.ctx), req.id, common::call_options(req.ctx));
    if (!c) {
      d.error("Certificate " + req.id + " does not exist",
              "Import takes the id of a certificate in this account.");
      return Value::null(framework::implied_type(schema_));
    }
    if (issuance_state(c->status) != IssuanceState::Issued) {
      d.error("Certificate " + req.id + " is not issued",
              "It is " + status_text(c->status) +
                  ": there is no finished validation to import. Apply a "
                  "cloudssl_certificate_validation for it to wait until it is issued.");
      return Value::null(framework::implied_type(schema_));
    }
    return Value::object(
        framework::implied_type(schema_),
        {{"id", Value::string(req.id)}, {"certificate_id", Value::string(req.id)}});
  }

 private:
  // validation_record_fqdns, when set, must name every DNS record the certificate needs.
  bool check_records(const Value& planned, const api::Certificate& c, Diagnostics& d) const {
    const Value& fqdns = planned.at("validation_record_fqdns");
    if (fqdns.is_null() || fqdns.is_unknown()) return true;
    std::set<std::string> given;
    for (const auto& f : framework::strings_of(fqdns)) given.insert(without_trailing_dot(f));
    std::string missing;
    for (const auto& auth : c.dv_auths) {
      if (auth.verify_type == "FILE" || auth.key.empty()) continue;
      if (!given.count(without_trailing_dot(auth.key)))
        missing += "\n  - " + auth.key + " " + auth.verify_type + " " + auth.value;
    }
    if (missing.empty()) return true;
    d.error("Missing DNS validation records",
            "validation_record_fqdns does not include every record certificate " +
                c.certificate_id + " needs:" + missing,
            Path::root("validation_record_fqdns"));
    return false;
  }

  framework::Schema schema_;
};

}  // namespace

std::shared_ptr<framework::Resource> make_certificate_validation_resource() {
  return std::make_shared<CertificateValidationResource>();
}

}  // namespace cloudssl::certificates
