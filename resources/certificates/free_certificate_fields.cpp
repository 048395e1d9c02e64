#include "resources/certificates/free_certificate_fields.h"

#include <map>

#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

using codec::Type;
using codec::Value;

std::vector<framework::Attribute> dv_auth_attributes() {
  return {
      framework::read_only("domain", Type::string(),
                           "The domain this record validates; known at plan time (use it as the "
                           "for_each key)."),
      framework::read_only("zone", Type::string(),
                           "DNS zone the record belongs in (the API's DvAuthDomain)."),
      framework::read_only("key", Type::string(),
                           "DNS: the record's full name; FILE: the file name."),
      framework::read_only("sub_domain", Type::string(),
                           "DNS: the record name relative to the zone."),
      framework::read_only("value", Type::string(), "DNS record value, or the file's content."),
      framework::read_only("path", Type::string(),
                           "FILE: the URL path the file must be served under."),
      framework::read_only("verify_type", Type::string(), "TXT, CNAME (DNS record types) or FILE."),
  };
}

Value dv_auths_value(const Type& list_type, const std::vector<api::DvAuth>& auths,
                     const std::string& certificate_domain) {
  const Type& element = list_type.element_type();
  std::vector<Value> items;
  for (const auto& a : auths) {
    const std::string& validated =
        auths.size() == 1 && !certificate_domain.empty() ? certificate_domain : a.domain;
    items.push_back(
        Value::object(element, {{"domain", framework::string_or_null(validated)},
                                {"zone", framework::string_or_null(a.domain)},
                                {"key", framework::string_or_null(a.key)},
                                {"sub_domain", framework::string_or_null(a.sub_domain)},
                                {"value", framework::string_or_null(a.value)},
                                {"path", framework::string_or_null(a.path)},
                                {"verify_type", framework::string_or_null(a.verify_type)}}));
  }
  return Value::list(element, std::move(items));
}

Value planned_dv_auths(const Type& list_type, const std::string& domain) {
  const Type& element = list_type.element_type();
  std::map<std::string, Value> fields;
  for (const auto& [name, type] : element.attribute_types())
    fields.emplace(name, name == "domain" ? Value::string(domain) : Value::unknown(type));
  return Value::list(element, {Value::object(element, std::move(fields))});
}

std::string issued_certificate_pem(api::Client& ssl, const std::string& id,
                                   const framework::Context& ctx) {
  api::CertificateDetail detail =
      api::describe_certificate_detail(ssl, id, common::call_options(ctx));
  return detail.certificate.certificate_public_key;
}

std::string dv_auth_method_of(const std::string& verify_type) {
  if (verify_type == "DNS_PROXY") return "DNS";
  if (verify_type == "FILE_PROXY") return "FILE";
  return verify_type;
}

std::string renewal_of(const api::Certificate& c) {
  if (!c.renew_order.empty()) return c.renew_order;
  // A doc example shows "yes" in HasRenewOrder, where other answers carry an id.
  return c.has_renew_order == "yes" ? std::string() : c.has_renew_order;
}

}  // namespace cloudssl::certificates
