#include "resources/support/free_certificate_fields.h"

#include <openssl/crypto.h>

#include "resources/support/value_helpers.h"

namespace cloudssl::resources {

std::vector<framework::Attribute> dv_auth_attributes() {
  return {
      {.name = "domain",
       .type = Type::string(),
       .computed = true,
       .description = "Domain being validated (the DNS zone for DNS records)."},
      {.name = "key",
       .type = Type::string(),
       .computed = true,
       .description = "DNS: the record's full name; FILE: the file name."},
      {.name = "sub_domain",
       .type = Type::string(),
       .computed = true,
       .description = "DNS: the record name relative to the zone."},
      {.name = "value",
       .type = Type::string(),
       .computed = true,
       .description = "DNS record value, or the file's content."},
      {.name = "path",
       .type = Type::string(),
       .computed = true,
       .description = "FILE: the URL path the file must be served under."},
      {.name = "verify_type",
       .type = Type::string(),
       .computed = true,
       .description = "TXT, CNAME (DNS record types) or FILE."},
  };
}

Value dv_auths_value(const Type& list_type, const std::vector<api::DvAuth>& auths) {
  const Type& element = list_type.element_type();
  std::vector<Value> items;
  for (const auto& a : auths) {
    items.push_back(Value::object(element, {{"domain", string_or_null(a.domain)},
                                            {"key", string_or_null(a.key)},
                                            {"sub_domain", string_or_null(a.sub_domain)},
                                            {"value", string_or_null(a.value)},
                                            {"path", string_or_null(a.path)},
                                            {"verify_type", string_or_null(a.verify_type)}}));
  }
  return Value::list(element, std::move(items));
}

std::string issued_certificate_pem(api::SslClient& ssl, const std::string& id,
                                   const framework::Context& ctx) {
  api::CertificateDetail detail = api::describe_certificate_detail(ssl, id, call_options(ctx));
  OPENSSL_cleanse(detail.certificate_private_key.data(), detail.certificate_private_key.size());
  return detail.certificate.certificate_public_key;
}

}  // namespace cloudssl::resources
