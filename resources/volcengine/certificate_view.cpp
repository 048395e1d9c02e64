#include "resources/volcengine/certificate_view.h"

#include <chrono>

#include "lib/pem/pem.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "provider/util/ascii.h"
#include "resources/common/schema_names.h"

namespace cloudssl::volcengine {

namespace {

using namespace common::schema_names;

Value time_or_null(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return Value::null(Type::string());
  return Value::string(
      pem::rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds))));
}

}  // namespace

std::vector<Attribute> certificate_attributes() {
  return {
      framework::read_only("id", Type::string(), "Certificate id (cert-…)."),
      framework::read_only("alias", Type::string(), "The certificate's name (the API's tag)."),
      framework::read_only("domain", Type::string(), "Common name."),
      framework::read_only("subject_alt_names", Type::list(Type::string()),
                           "Domains the certificate protects (including the common name)."),
      framework::read_only("not_before", Type::string(),
                           "Start of validity (RFC 3339, UTC); null if not "
                           "issued."),
      framework::read_only("not_after", Type::string(),
                           "End of validity (RFC 3339, UTC); null if not "
                           "issued."),
      framework::read_only("issuer", Type::string(), "Issuing CA's name."),
      framework::read_only("status", Type::number(), "Order status (300 issued, 500 revoked, …)."),
      framework::read_only("issued", Type::boolean(), "Whether the certificate has been issued."),
      framework::read_only("revoked", Type::boolean(), "Whether the certificate has been revoked."),
      framework::read_only("project_name", Type::string(), "Project."),
      framework::read_only("chain_id", Type::string(), "Renewal chain the certificate belongs to."),
      framework::read_only("source_id", Type::string(),
                           "The certificate this one renewed (\"\" if none)."),
      framework::read_only("instance_type", Type::number(), "0 paid, 1 free, 2 uploaded, 4 test."),
      framework::read_only("type", Type::string(), "Validation level: dv, ov or ev."),
      framework::read_only("purpose", Type::string(), "Purpose (ssl)."),
      framework::read_only("order_brand", Type::string(), "Brand (\"\" for uploads)."),
      framework::read_only("encrypt_algorithm", Type::string(),
                           "Key algorithm, e.g. \"RSA 2048\"."),
      framework::read_only("serial_number", Type::string(), "Serial number (hex)."),
      framework::read_only("fingerprint_sha256", Type::string(),
                           "SHA-256 of the leaf's DER (lower-case "
                           "hex)."),
      framework::read_only("certificate_pem", Type::string(),
                           "The chain in PEM, leaf first (no private key)."),
  };
}

std::string chain_pem(const api::volcengine::VolcengineCertificate& c) {
  std::string out;
  for (const auto& block : c.chain) {
    out += block;
    if (!block.empty() && block.back() != '\n') out.push_back('\n');
  }
  return out;
}

Value with_certificate(Value base, const api::volcengine::VolcengineCertificate& c) {
  return base.with("id", Value::string(c.id))
      .with("alias", Value::string(c.tag))
      .with("domain", Value::string(c.common_name))
      .with("subject_alt_names", framework::string_list(c.subject_alt_names))
      .with("not_before", time_or_null(c.not_before))
      .with("not_after", time_or_null(c.not_after))
      .with("issuer", Value::string(c.issuer))
      .with("status", Value::number(std::int64_t{c.order_status}))
      .with("issued", Value::boolean(c.issued))
      .with("revoked", Value::boolean(c.revoked))
      .with("project_name", Value::string(c.project_name))
      .with("chain_id", Value::string(c.chain_id))
      .with("source_id", Value::string(c.source_id))
      .with("instance_type", Value::number(std::int64_t{c.instance_type}))
      .with("type", Value::string(c.type))
      .with("purpose", Value::string(c.purpose))
      .with("order_brand", Value::string(c.order_brand))
      .with("encrypt_algorithm", Value::string(c.encryption_algorithm))
      .with("serial_number", Value::string(c.serial_number))
      .with("fingerprint_sha256", Value::string(ascii_lower(c.fingerprint_sha256)))
      .with("certificate_pem", Value::string(chain_pem(c)));
}

}  // namespace cloudssl::volcengine
