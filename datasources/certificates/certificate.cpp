// data "cloudssl_certificate": one certificate by id. DescribeCertificateDetail gives the PEM,
// validation records and reissue lineage (its private key is dropped unread); the listing entry,
// read through the shared batcher, gives the hosting fields only DescribeCertificates reports.

#include "api/core/api_error.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "datasources/certificates/factories.h"
#include "lib/pem/pem.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/certificate_summary.h"
#include "resources/certificates/free_certificate_fields.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

framework::Schema certificate_schema() {
  framework::Schema s;
  s.block.description =
      "One certificate by id, with its public PEM, validation records and hosting fields. "
      "Never returns a private key.";
  s.block.attributes = {common::certificate_id_argument("id", "Certificate id.")};
  for (auto& a : certificate_summary_attributes(/*with_id=*/false))
    s.block.attributes.push_back(std::move(a));
  std::vector<Attribute> extra = {
      framework::read_only("certificate_pem", Type::string(),
                           "The certificate (public PEM, with its chain as the API returns it)."),
      framework::read_only("fingerprint_sha256", Type::string(),
                           "SHA-256 of the leaf certificate's DER (lower-case hex)."),
      framework::read_only("key_algorithm", Type::string(),
                           "Public key algorithm of the leaf: RSA_2048, EC_prime256v1, ..."),
      framework::read_only("dv_auths", dv_auth_attributes(), framework::Nesting::List,
                           "Pending domain validation records."),
      framework::read_only("replaced_by", Type::string(),
                           "On a reissue (ReplaceCertificate): the certificate it reissued "
                           "(CertificateExtra.ReplacedBy); null otherwise."),
      framework::read_only("replaced_for", Type::string(),
                           "On a reissued original: its reissue (CertificateExtra.ReplacedFor); "
                           "null while it has none."),
  };
  for (auto& a : extra) s.block.attributes.push_back(std::move(a));
  return s;
}

class CertificateDataSource final : public framework::DataSource {
 public:
  framework::Schema schema() const override { return certificate_schema(); }

  Value read(const framework::DataSourceReadRequest& req,
             framework::Diagnostics& d) const override {
    const std::string id = req.config.get_string("id").value_or("");
    std::optional<api::CertificateDetail> found;
    try {
      found = api::find_certificate_detail(common::ssl_client(req.ctx), id,
                                           common::call_options(req.ctx));
    } catch (const api::ApiError& e) {
      d.error("Reading certificate " + id + " failed", e.code() + ": " + e.message());
      return req.config;
    }
    if (!found) {
      d.error("Certificate not found", "No certificate with id \"" + id + "\" is visible.",
              Path::root("id"));
      return req.config;
    }
    api::CertificateDetail& detail = *found;

    // Hosting, project info and tags come from the listing.
    api::Certificate merged = detail.certificate;
    if (auto listed = certificate_reads(req.ctx).get(common::ssl_client(req.ctx), id,
                                                     common::call_options(req.ctx))) {
      merged.hosting_status = listed->hosting_status;
      merged.hosting_renew_cert_id = listed->hosting_renew_cert_id;
      merged.hosting_resource_types = listed->hosting_resource_types;
      merged.hosting_config = listed->hosting_config;
      merged.has_renew_order = listed->has_renew_order;
      merged.is_expiring = listed->is_expiring;
      merged.is_ignore = listed->is_ignore;
      if (merged.subject_alt_name.empty()) merged.subject_alt_name = listed->subject_alt_name;
      if (merged.tags.empty()) merged.tags = listed->tags;
    }
    Value out = with_summary(req.config, merged, /*with_id=*/false);
    const std::string& pem_text = detail.certificate.certificate_public_key;
    out = out.with("certificate_pem", framework::string_or_null(pem_text))
              .with("dv_auths",
                    dv_auths_value(out.type().attribute_types().at("dv_auths"),
                                   detail.certificate.dv_auths, detail.certificate.domain))
              .with("fingerprint_sha256", Value::null(Type::string()))
              .with("key_algorithm", Value::null(Type::string()))
              .with("replaced_by", framework::string_or_null(detail.certificate.replaced_by))
              .with("replaced_for", framework::string_or_null(detail.certificate.replaced_for));
    if (!pem_text.empty()) {
      try {
        auto facts = pem::parse_chain(pem_text).facts();
        out = out.with("fingerprint_sha256", Value::string(facts.fingerprint_sha256))
                  .with("key_algorithm", Value::string(facts.key_algorithm));
      } catch (const pem::PemError&) {
      }
    }
    return out;
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_certificate_data_source() {
  return std::make_shared<CertificateDataSource>();
}

}  // namespace cloudssl::certificates
