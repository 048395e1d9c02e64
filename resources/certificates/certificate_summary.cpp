#include "resources/certificates/certificate_summary.h"

#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_values.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

std::vector<Attribute> hosting_config_attributes() {
  return {
      framework::read_only("replace_time", Type::number(),
                           "Days before expiry at which hosted resources move to the renewal."),
      framework::read_only("message_types", Type::list(Type::number()),
                           "Notifications sent: 0 before hosting starts, 1 hosting started, "
                           "2 replacement failed, 3 replacement succeeded."),
      framework::read_only("replace_start_time", Type::string(),
                           "Start of the daily replacement window (hh:mm:ss)."),
      framework::read_only("replace_end_time", Type::string(),
                           "End of the daily replacement window (hh:mm:ss)."),
  };
}

Value hosting_config_value(const Type& type, const std::optional<api::HostingConfig>& hc) {
  if (!hc) return Value::null(type);
  return Value::object(type,
                       {{"replace_time", framework::int_or_null(hc->replace_time)},
                        {"message_types", framework::number_list(hc->message_types)},
                        {"replace_start_time", framework::string_or_null(hc->replace_start_time)},
                        {"replace_end_time", framework::string_or_null(hc->replace_end_time)}});
}

std::vector<Attribute> hosting_attributes(bool kept) {
  std::vector<Attribute> out = {
      framework::read_only("hosting_status", Type::number(),
                           "Hosting (managed renewal) status: -1 not hosted, 0 hosting, "
                           "5 replacing resources, 10 done. Read-only: the API has no write "
                           "action."),
      framework::read_only("hosting_renew_certificate_id", Type::string(),
                           "Renewal certificate produced by hosting, if any."),
      framework::read_only("hosting_resource_types", Type::list(Type::string()),
                           "Resource types under hosting."),
      framework::read_only("hosting_config", hosting_config_attributes(), Nesting::Single,
                           "Hosting configuration."),
  };
  for (auto& a : out) a.use_state_for_unknown = kept;
  return out;
}

std::vector<Attribute> certificate_summary_attributes(bool with_id) {
  std::vector<Attribute> out;
  if (with_id) out.push_back(framework::read_only("id", Type::string(), "Certificate id."));
  std::vector<Attribute> rest = {
      framework::read_only("alias", Type::string(), "Display name."),
      framework::read_only("domain", Type::string(), "Primary domain."),
      framework::read_only("type", Type::string(), "SVR or CA."),
      framework::read_only("project_id", Type::number(), "Project id."),
      framework::read_only(
          "status", Type::number(),
          "Status (0 review, 1 issued, 2 failed, 3 expired, 4 DNS record added, ...)."),
      framework::read_only("status_name", Type::string(), "Localised status name."),
      framework::read_only("status_msg", Type::string(), "Sub-state or failure reason."),
      framework::read_only("source", Type::string(), "Where it comes from: upload, trustasia, ..."),
      framework::read_only("package_type", Type::string(), "Product number (empty for uploads)."),
      framework::read_only("product_name", Type::string(), "Product name."),
      framework::read_only("verify_type", Type::string(), "Domain validation method."),
      framework::read_only("subject_alt_names", Type::list(Type::string()),
                           "Domains covered (including the primary one)."),
      framework::read_only("not_before", Type::string(), "Start of validity (RFC 3339, UTC)."),
      framework::read_only("not_after", Type::string(), "End of validity (RFC 3339, UTC)."),
      framework::read_only("created_at", Type::string(),
                           "When the certificate was added (RFC 3339, UTC)."),
      framework::read_only("validity_period", Type::string(), "Validity in months."),
      framework::read_only("encrypt_algorithm", Type::string(),
                           "Key algorithm as the API names it (e.g. \"RSA 2048\")."),
      framework::read_only("deployable", Type::boolean(), "Can be deployed to cloud resources."),
      framework::read_only("renewable", Type::boolean(), "Can be renewed."),
      framework::read_only("is_dv", Type::boolean(), "DV certificate."),
      framework::read_only("is_wildcard", Type::boolean(), "Wildcard certificate."),
      framework::read_only("is_expiring", Type::boolean(), "Expires within 30 days."),
      framework::read_only("ignore_expiring_notifications", Type::boolean(),
                           "Expiry reminders are switched off."),
      framework::read_only("tags", Type::map(Type::string()), "Tags."),
      framework::read_only("origin_certificate_id", Type::string(),
                           "The certificate this one renews, if any."),
      framework::read_only("renewal_certificate_id", Type::string(),
                           "An existing renewal of this certificate, if any."),
  };
  for (auto& a : rest) out.push_back(std::move(a));
  for (auto& a : hosting_attributes(/*kept=*/false)) out.push_back(std::move(a));
  return out;
}

Value with_summary(Value o, const api::Certificate& c, bool with_id) {
  if (with_id) o = o.with("id", Value::string(c.certificate_id));
  std::string renewal = !c.renew_order.empty() ? c.renew_order : c.has_renew_order;
  if (renewal == "yes") renewal.clear();  // a doc example says "yes" where an id belongs
  return o.with("alias", Value::string(c.alias))
      .with("domain", Value::string(c.domain))
      .with("type", framework::string_or_null(c.certificate_type))
      .with("project_id", framework::int_or_null(c.project_id))
      .with("status", framework::int_or_null(c.status))
      .with("status_name", Value::string(c.status_name))
      .with("status_msg", Value::string(c.status_msg))
      .with("source", Value::string(c.from))
      .with("package_type", Value::string(c.package_type))
      .with("product_name", Value::string(c.product_zh_name))
      .with("verify_type", Value::string(c.verify_type))
      .with("subject_alt_names", framework::string_list(c.subject_alt_name))
      .with("not_before", api_time_value(c.cert_begin_time))
      .with("not_after", api_time_value(c.cert_end_time))
      .with("created_at", api_time_value(c.insert_time))
      .with("validity_period", Value::string(c.validity_period))
      .with("encrypt_algorithm", Value::string(c.encrypt_algorithm))
      .with("deployable", framework::bool_or_null(c.deployable))
      .with("renewable", framework::bool_or_null(c.renew_able))
      .with("is_dv", framework::bool_or_null(c.is_dv))
      .with("is_wildcard", framework::bool_or_null(c.is_wildcard))
      .with("is_expiring", framework::bool_or_null(c.is_expiring))
      .with("ignore_expiring_notifications", framework::bool_or_null(c.is_ignore))
      .with("tags", tags_value(c.tags))
      .with("origin_certificate_id", framework::string_or_null(c.origin_certificate_id))
      .with("renewal_certificate_id", framework::string_or_null(renewal))
      .with("hosting_status", framework::int_or_null(c.hosting_status))
      .with("hosting_renew_certificate_id", framework::string_or_null(c.hosting_renew_cert_id))
      .with("hosting_resource_types", framework::string_list(c.hosting_resource_types))
      .with("hosting_config", hosting_config_value(o.type().attribute_types().at("hosting_config"),
                                                   c.hosting_config));
}

}  // namespace cloudssl::certificates
