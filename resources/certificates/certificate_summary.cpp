#include "resources/certificates/certificate_summary.h"

#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_values.h"

namespace cloudssl::certificates {

using codec::Type;
using codec::Value;

using framework::Attribute;
using framework::Nesting;

std::vector<Attribute> hosting_config_attributes() {
  return {
      {.name = "replace_time",
       .type = Type::number(),
       .computed = true,
       .description = "Days before expiry at which hosted resources move to the renewal."},
      {.name = "message_types",
       .type = Type::list(Type::number()),
       .computed = true,
       .description = "Notifications sent: 0 before hosting starts, 1 hosting started, "
                      "2 replacement failed, 3 replacement succeeded."},
      {.name = "replace_start_time",
       .type = Type::string(),
       .computed = true,
       .description = "Start of the daily replacement window (hh:mm:ss)."},
      {.name = "replace_end_time",
       .type = Type::string(),
       .computed = true,
       .description = "End of the daily replacement window (hh:mm:ss)."},
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

std::vector<Attribute> certificate_summary_attributes(bool with_id) {
  std::vector<Attribute> out;
  if (with_id)
    out.push_back(
        {.name = "id", .type = Type::string(), .computed = true, .description = "Certificate id."});
  std::vector<Attribute> rest = {
      {.name = "alias", .type = Type::string(), .computed = true, .description = "Display name."},
      {.name = "domain",
       .type = Type::string(),
       .computed = true,
       .description = "Primary domain."},
      {.name = "type", .type = Type::string(), .computed = true, .description = "SVR or CA."},
      {.name = "project_id",
       .type = Type::number(),
       .computed = true,
       .description = "Project id."},
      {.name = "status",
       .type = Type::number(),
       .computed = true,
       .description = "Status (0 review, 1 issued, 2 failed, 3 expired, 4 DNS record added, ...)."},
      {.name = "status_name",
       .type = Type::string(),
       .computed = true,
       .description = "Localised status name."},
      {.name = "status_msg",
       .type = Type::string(),
       .computed = true,
       .description = "Sub-state or failure reason."},
      {.name = "source",
       .type = Type::string(),
       .computed = true,
       .description = "Where it comes from: upload, trustasia, ..."},
      {.name = "package_type",
       .type = Type::string(),
       .computed = true,
       .description = "Product number (empty for uploads)."},
      {.name = "product_name",
       .type = Type::string(),
       .computed = true,
       .description = "Product name."},
      {.name = "verify_type",
       .type = Type::string(),
       .computed = true,
       .description = "Domain validation method."},
      {.name = "subject_alt_names",
       .type = Type::list(Type::string()),
       .computed = true,
       .description = "Domains covered (including the primary one)."},
      {.name = "not_before",
       .type = Type::string(),
       .computed = true,
       .description = "Start of validity (RFC 3339, UTC)."},
      {.name = "not_after",
       .type = Type::string(),
       .computed = true,
       .description = "End of validity (RFC 3339, UTC)."},
      {.name = "created_at",
       .type = Type::string(),
       .computed = true,
       .description = "When the certificate was added (RFC 3339, UTC)."},
      {.name = "validity_period",
       .type = Type::string(),
       .computed = true,
       .description = "Validity in months."},
      {.name = "encrypt_algorithm",
       .type = Type::string(),
       .computed = true,
       .description = "Key algorithm as the API names it (e.g. \"RSA 2048\")."},
      {.name = "deployable",
       .type = Type::boolean(),
       .computed = true,
       .description = "Can be deployed to cloud resources."},
      {.name = "renewable",
       .type = Type::boolean(),
       .computed = true,
       .description = "Can be renewed."},
      {.name = "is_dv",
       .type = Type::boolean(),
       .computed = true,
       .description = "DV certificate."},
      {.name = "is_wildcard",
       .type = Type::boolean(),
       .computed = true,
       .description = "Wildcard certificate."},
      {.name = "is_expiring",
       .type = Type::boolean(),
       .computed = true,
       .description = "Expires within 30 days."},
      {.name = "ignore_expiring_notifications",
       .type = Type::boolean(),
       .computed = true,
       .description = "Expiry reminders are switched off."},
      {.name = "tags", .type = Type::map(Type::string()), .computed = true, .description = "Tags."},
      {.name = "origin_certificate_id",
       .type = Type::string(),
       .computed = true,
       .description = "The certificate this one renews, if any."},
      {.name = "renewal_certificate_id",
       .type = Type::string(),
       .computed = true,
       .description = "An existing renewal of this certificate, if any."},
      {.name = "hosting_status",
       .type = Type::number(),
       .computed = true,
       .description = "-1 not hosted, 0 hosting, 5 replacing resources, 10 done."},
      {.name = "hosting_renew_certificate_id",
       .type = Type::string(),
       .computed = true,
       .description = "Renewal certificate produced by hosting."},
      {.name = "hosting_resource_types",
       .type = Type::list(Type::string()),
       .computed = true,
       .description = "Resource types under hosting."},
      {.name = "hosting_config",
       .nested = hosting_config_attributes(),
       .nesting = Nesting::Single,
       .computed = true,
       .description = "Hosting configuration."},
  };
  for (auto& a : rest) out.push_back(std::move(a));
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
