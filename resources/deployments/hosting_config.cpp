// cloudssl_hosting_config: the parts of certificate hosting the SSL API really lets us manage.
//
// The API has no write action for HostingConfig (HostCertificate was removed 2024-01-19,
// docs/design/ssl-api.md §5.2), so this resource manages what is writable and shows the rest:
//   - ignore_expiring_notifications: ModifyCertificatesExpiringNotificationSwitch, read back as
//     IsIgnore; destroy turns the reminders back on;
//   - hosting_status, hosting_config, hosting_resource_types, hosting_renew_certificate_id,
//     is_hosting_upload_renew_cert: read-only (DescribeCertificates). Computed only, so `plan
//     -generate-config-out` leaves them out of generated configuration; Terraform core does not
//     refuse a value for a Computed-only attribute (plugin frameworks do, provider-side), so
//     validate does;
//   - hostable: whether the API can host the certificate at all (DescribeCertificates'
//     Hostable filter), checked at plan: a certificate it cannot host is a warning there;
//   - follow_renewal { resource_types, regions }: hosting driven by Terraform. When the API
//     reports a renewal certificate, the plan shows followed_certificate_id changing to it and
//     the apply moves the listed resource types onto it (UpdateCertificateInstance, polled).
#include <memory>
#include <string>
#include <string_view>

#include "api/core/api_error.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/certificate_identity.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/factories.h"
#include "resources/deployments/record_wait.h"
#include "resources/deployments/replace_flow.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

// Why the hosting fields are read-only; part of their descriptions, which Terraform's
// "read-only attribute" error points users to.
constexpr std::string_view kReadOnly =
    " Read-only: the SSL API has no action to change hosting settings (HostCertificate was "
    "removed on 2024-01-19); to move resources onto a renewal certificate, use follow_renewal.";

std::vector<Attribute> hosting_config_attributes() {
  return {
      framework::read_only("replace_time", Type::number(),
                           "Days before expiry when hosted resources are replaced."),
      framework::read_only(
          "message_types", Type::list(Type::number()),
          "Messages sent: 0 reminder, 1 hosting started, 2 replacement failed, 3 succeeded."),
      framework::read_only("replace_start_time", Type::string(),
                           "Daily replacement window start (hh:mm:ss)."),
      framework::read_only("replace_end_time", Type::string(),
                           "Daily replacement window end (hh:mm:ss)."),
  };
}

// The renewal certificate the API reports for a certificate, or "".
std::string renewal_of(const api::Certificate& c) {
  if (!c.hosting_renew_cert_id.empty()) return c.hosting_renew_cert_id;
  if (!c.renew_order.empty()) return c.renew_order;
  return c.has_renew_order;
}

class HostingConfig final : public framework::Resource,
                            public framework::ResourceWithModifyPlan,
                            public framework::ResourceWithImport,
                            public common::CertificateIdentity {
 public:
  // Its identity (Terraform >= 1.12) is the hosted certificate (one hosting configuration
  // each).
  HostingConfig() : CertificateIdentity("certificate_id") {}

  framework::Schema schema() const override {
    framework::Block follow{
        .attributes = {{.name = "resource_types",
                        .type = Type::set(Type::string()),
                        .required = true,
                        .description = "Resource types to move onto the renewal certificate.",
                        .validators = {v::size_at_least(1),
                                       v::each(v::one_of(
                                           replaceable_types(),
                                           "UpdateCertificateInstance does not move the others"))}},
                       framework::optional_argument(
                           "regions", Type::set(Type::string()),
                           "Regions for the region-aware types (clb, tke, apigateway, waf, "
                           "tcb, tse, cos).")},
        .description = "Move these resource types onto the renewal certificate when one exists."};
    framework::Block block{
        .attributes =
            {
                framework::read_only_kept("id", Type::string(), "The certificate id."),
                common::replacing_certificate_id_argument("certificate_id", "The certificate."),
                framework::optional_with_default(
                    "ignore_expiring_notifications", Type::boolean(), Value::boolean(false),
                    "Silence the certificate's expiry reminders. Destroy turns them back on."),
                framework::read_only(
                    "hosting_status", Type::number(),
                    "-1 not hosted, 0 hosting, 5 replacing resources, 10 hosting complete."),
                framework::read_only(
                    "hosting_complete_time", Type::string(),
                    "When the API finished the hosting renewal, as the API reports it."),
                framework::read_only("hosting_renew_certificate_id", Type::string(),
                                     "The renewal certificate hosting produced."),
                framework::read_only("hosting_resource_types", Type::list(Type::string()),
                                     "Resource types under hosting." + std::string(kReadOnly)),
                framework::read_only(
                    "hosting_config", hosting_config_attributes(), Nesting::Single,
                    "Hosting settings as the API reports them." + std::string(kReadOnly)),
                framework::read_only("is_hosting_upload_renew_cert", Type::boolean(),
                                     "Whether this certificate is the renewal certificate "
                                     "uploaded for a hosted one (IsHostingUploadRenewCert)."),
                framework::read_only("hostable", Type::boolean(),
                                     "Whether the API can host this certificate "
                                     "(DescribeCertificates' Hostable filter); checked at plan, "
                                     "where a certificate it cannot host is a warning."),
                framework::read_only(
                    "renewal_certificate_id", Type::string(),
                    "The renewal certificate the API reports (hosting renewal, or the "
                    "renewal order)."),
                framework::read_only(
                    "followed_certificate_id", Type::string(),
                    "The renewal certificate follow_renewal last moved resources onto."),
                framework::read_only("follow_record_id", Type::number(),
                                     "The update record of that move."),
            },
        .blocks = {{.type_name = "follow_renewal",
                    .block = std::move(follow),
                    .nesting = Nesting::List,
                    .max_items = 1}},
        .description =
            "Expiry reminders, hosting status and renewal following for one certificate."};
    block.blocks.push_back(framework::timeouts_block({"create", "update"}));
    return {.version = 0, .block = std::move(block)};
  }

  void validate(const framework::ValidateRequest& req, Diagnostics& diags) const override {
    for (const char* name : {"hosting_config", "hosting_resource_types"}) {
      if (!req.config.at(name).is_null()) {
        diags.error("Invalid Configuration for Read-Only Attribute",
                    "Cannot set a value for this attribute: the provider marks it read-only. "
                    "Remove the configuration line setting it." +
                        std::string(kReadOnly),
                    Path::root(name));
      }
    }
    const Value& follow = req.config.at("follow_renewal");
    if (!follow.is_known() || follow.is_null() || follow.length() == 0) return;
    const Value& block = follow.elements().front();
    if (!block.is_known()) return;
    const Value& types = block.at("resource_types");
    if (!types.is_known()) return;
    bool needs_regions = false;
    for (const auto& t : types.elements()) {
      if (!t.is_known()) continue;
      needs_regions = needs_regions || region_aware(t.as_string());
    }
    const Value& regions = block.at("regions");
    if (needs_regions && regions.is_known() && (regions.is_null() || regions.length() == 0))
      diags.error("Missing regions",
                  "follow_renewal needs `regions` for region-aware resource types.",
                  Path::root("follow_renewal"));
  }

  // A renewal the resources have not followed yet shows as an update of followed_certificate_id.
  void modify_plan(framework::PlanRequest& req, Diagnostics& d) const override {
    if (req.config.is_null()) return;
    check_hostable(req, d);
    if (req.prior.is_null()) return;
    const auto renewal = req.prior.get_string("renewal_certificate_id").value_or("");
    const auto followed = req.prior.get_string("followed_certificate_id").value_or("");
    if (follows(req.config) && !renewal.empty() && renewal != followed) {
      req.planned = req.planned.with("followed_certificate_id", Value::string(renewal))
                        .with("follow_record_id", Value::unknown(Type::number()));
    } else {
      // Other changes (the reminders switch) leave the followed renewal as it is.
      req.planned =
          req.planned.with("followed_certificate_id", req.prior.at("followed_certificate_id"))
              .with("follow_record_id", req.prior.at("follow_record_id"));
    }
  }

  Value create(const framework::CreateRequest& req, Diagnostics& diags) override {
    const std::string cert = req.planned.get_string("certificate_id").value_or("");
    auto& client = common::ssl_client(req.ctx);
    auto current = describe(client, cert, req.ctx);
    if (!current) {
      diags.error("Certificate not found", "Certificate " + cert + " does not exist.",
                  Path::root("certificate_id"));
      return Value::null(req.planned.type());
    }
    set_ignore(client, cert, req.planned.get_bool("ignore_expiring_notifications").value_or(false),
               current->is_ignore.value_or(false), req.ctx);
    current->is_ignore = req.planned.get_bool("ignore_expiring_notifications").value_or(false);
    Value state = observed(req.planned, *current)
                      .with("id", Value::string(cert))
                      .with("hostable", Value::boolean(hostable(client, cert, req.ctx)));
    state = state.with("followed_certificate_id", Value::string(""))
                .with("follow_record_id", Value::number(0));
    if (follows(req.planned) && !renewal_of(*current).empty())
      state = follow(client, state, req.planned, renewal_of(*current), req.ctx, diags);
    return state;
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const std::string cert = req.state.get_string("certificate_id").value_or("");
    auto current = describe(common::ssl_client(req.ctx), cert, req.ctx);
    if (!current) return std::nullopt;
    return observed(req.state, *current)
        .with("hostable", Value::boolean(hostable(common::ssl_client(req.ctx), cert, req.ctx)));
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& diags) override {
    const std::string cert = req.planned.get_string("certificate_id").value_or("");
    auto& client = common::ssl_client(req.ctx);
    const bool want = req.planned.get_bool("ignore_expiring_notifications").value_or(false);
    set_ignore(client, cert, want,
               req.prior.get_bool("ignore_expiring_notifications").value_or(false), req.ctx);
    Value state = req.planned.with("follow_record_id", req.prior.at("follow_record_id"))
                      .with("followed_certificate_id", req.prior.at("followed_certificate_id"));
    auto current = describe(client, cert, req.ctx);
    if (!current) {
      diags.error("Certificate not found", "Certificate " + cert + " no longer exists.",
                  Path::root("certificate_id"));
      return req.prior;
    }
    state =
        observed(state, *current).with("hostable", Value::boolean(hostable(client, cert, req.ctx)));
    const auto target = req.planned.get_string("followed_certificate_id").value_or("");
    if (follows(req.planned) && !target.empty() &&
        target != req.prior.get_string("followed_certificate_id").value_or(""))
      state = follow(client, state, req.planned, target, req.ctx, diags);
    return state;
  }

  void remove(const framework::DeleteRequest& req, Diagnostics&) override {
    if (!req.prior.get_bool("ignore_expiring_notifications").value_or(false)) return;
    const std::string cert = req.prior.get_string("certificate_id").value_or("");
    try {
      api::modify_certificates_expiring_notification_switch(common::ssl_client(req.ctx), {cert}, 0,
                                                            common::call_options(req.ctx));
    } catch (const api::ApiError& e) {
      if (!api::certificate_not_found(e)) throw;  // gone: nothing to restore
    }
  }

  Value import_state(const framework::ImportRequest& req, Diagnostics&) const override {
    std::map<std::string, Value> attrs;
    attrs["id"] = Value::string(req.id);
    attrs["certificate_id"] = Value::string(req.id);
    return Value::object(implied_type(schema()), std::move(attrs));
  }

 private:
  static bool follows(const Value& object) {
    const Value& f = object.at("follow_renewal");
    return f.is_known() && !f.is_null() && f.length() > 0;
  }

  static std::optional<api::Certificate> describe(api::Client& client, const std::string& cert,
                                                  const framework::Context& ctx) {
    api::DescribeCertificatesRequest request;
    request.cert_ids = {cert};
    request.limit = 10;
    try {
      for (auto& c :
           api::describe_certificates(client, request, common::call_options(ctx)).certificates)
        if (c.certificate_id == cert) return std::move(c);
    } catch (const api::ApiError& e) {
      if (api::certificate_not_found(e)) return std::nullopt;
      throw;
    }
    return std::nullopt;
  }

  // Whether DescribeCertificates lists the certificate when asked for hostable ones only.
  static bool hostable(api::Client& client, const std::string& cert,
                       const framework::Context& ctx) {
    api::DescribeCertificatesRequest request;
    request.cert_ids = {cert};
    request.hostable = 1;
    request.limit = 10;
    for (const auto& c :
         api::describe_certificates(client, request, common::call_options(ctx)).certificates)
      if (c.certificate_id == cert) return true;
    return false;
  }

  // At plan, when the certificate is known and the API reachable (on create, and when
  // follow_renewal is added): a certificate the API
  // cannot host is a warning (on follow_renewal when that is set), since hosting_status stays
  // -1 and no hosting renewal will ever be reported for it.
  static void check_hostable(const framework::PlanRequest& req, Diagnostics& d) {
    // Once per resource, and again when follow_renewal is added: not on every plan.
    if (!req.prior.is_null() && !(follows(req.config) && !follows(req.prior))) return;
    const Value& id = req.config.at("certificate_id");
    if (!id.is_known() || id.is_null()) return;
    api::Client* client = common::ssl_client_if_configured(req.ctx);
    if (!client) return;
    const std::string cert = id.as_string();
    if (!describe(*client, cert, req.ctx)) {
      d.error("Certificate " + cert + " does not exist",
              "certificate_id must name a certificate in this account.",
              Path::root("certificate_id"));
      return;
    }
    if (hostable(*client, cert, req.ctx)) return;
    d.warning("Certificate " + cert + " cannot be hosted",
              "The API does not offer hosting for it (only issued server certificates can be "
              "hosted): hosting_status stays -1 and no hosting renewal will be reported." +
                  std::string(follows(req.config)
                                  ? " follow_renewal can follow only a renewal order of it."
                                  : ""),
              Path::root(follows(req.config) ? "follow_renewal" : "certificate_id"));
  }

  static void set_ignore(api::Client& client, const std::string& cert, bool want, bool current,
                         const framework::Context& ctx) {
    if (want == current) return;
    api::modify_certificates_expiring_notification_switch(client, {cert}, want ? 1 : 0,
                                                          common::call_options(ctx));
  }

  // The object with what the API reports filled in.
  static Value observed(const Value& base, const api::Certificate& c) {
    const Type& type = base.type();
    const Type config_type = type.attribute_types().at("hosting_config");
    Value config = Value::null(config_type);
    if (c.hosting_config) {
      std::vector<Value> messages;
      for (auto m : c.hosting_config->message_types) messages.push_back(Value::number(m));
      config = Value::object(
          config_type, {{"replace_time", c.hosting_config->replace_time
                                             ? Value::number(*c.hosting_config->replace_time)
                                             : Value::null(Type::number())},
                        {"message_types", Value::list(Type::number(), std::move(messages))},
                        {"replace_start_time", Value::string(c.hosting_config->replace_start_time)},
                        {"replace_end_time", Value::string(c.hosting_config->replace_end_time)}});
    }
    std::vector<Value> types;
    for (const auto& t : c.hosting_resource_types) types.push_back(Value::string(t));
    return base.with("ignore_expiring_notifications", Value::boolean(c.is_ignore.value_or(false)))
        .with("hosting_status", Value::number(c.hosting_status.value_or(-1)))
        .with("hosting_complete_time", Value::string(c.hosting_complete_time))
        .with("hosting_renew_certificate_id", Value::string(c.hosting_renew_cert_id))
        .with("hosting_resource_types", Value::list(Type::string(), std::move(types)))
        .with("hosting_config", config)
        .with("is_hosting_upload_renew_cert",
              Value::boolean(c.is_hosting_upload_renew_cert.value_or(false)))
        .with("renewal_certificate_id", Value::string(renewal_of(c)));
  }

  // Moves the follow_renewal resource types from the certificate onto `renewal`.
  static Value follow(api::Client& client, Value state, const Value& planned,
                      const std::string& renewal, const framework::Context& ctx,
                      Diagnostics& diags) {
    const Value& block = planned.at("follow_renewal").elements().front();
    ReplaceRequest request;
    request.old_certificate_id = planned.get_string("certificate_id").value_or("");
    request.certificate_id = renewal;
    std::vector<std::string> regions;
    if (!block.at("regions").is_null())
      for (const auto& r : block.at("regions").elements()) regions.push_back(r.as_string());
    for (const auto& t : block.at("resource_types").elements()) {
      request.resource_types.push_back(t.as_string());
      if (region_aware(t.as_string()) && !regions.empty())
        request.resource_types_regions.push_back({t.as_string(), regions});
    }
    ReplaceSession session{client, deploy_locks(ctx), ctx};
    ReplaceOutcome outcome;
    try {
      outcome = start_replacement(session, request);
    } catch (const api::ApiError& e) {
      diags.error("Following the renewal failed", e.code() + ": " + e.message(),
                  Path::root("follow_renewal"));
      return state;
    }
    state = state.with("follow_record_id", Value::number(outcome.record_id));
    if (outcome.nothing_to_move) {
      // Nothing of these types holds the old certificate: following is complete.
      return state.with("followed_certificate_id", Value::string(renewal));
    }
    if (outcome.interrupted) {
      diags.error(ctx.cancel.cancelled() ? "Following the renewal interrupted"
                                         : "Following the renewal timed out",
                  "Update record " + std::to_string(outcome.record_id) +
                      " is still running; the next apply waits for it.");
      return state;
    }
    const auto failures = failed_items(outcome.progress);
    if (!failures.empty()) {
      std::string list;
      for (const auto& f : failures) list += "\n- " + f;
      diags.error(
          std::to_string(failures.size()) + " target(s) did not move to the renewal certificate",
          "Update record " + std::to_string(outcome.record_id) + ":" + list +
              "\nThe next apply retries them.",
          Path::root("follow_renewal"));
      return state;
    }
    return state.with("followed_certificate_id", Value::string(renewal));
  }
};

}  // namespace

std::shared_ptr<framework::Resource> make_hosting_config_resource() {
  return std::make_shared<HostingConfig>();
}

}  // namespace cloudssl::deployments
