// data "cloudssl_volcengine_certificates": Volcengine's CertificateGetInstance with every
// documented filter, every page read (page_size per call, at most 100, within the client's
// 20 requests/s), results named as cloudssl_certificates names the same facts. The answer
// carries private keys and CSRs: they are dropped while parsing (never in state, plan or logs).
#include "api/volcengine/certificate/certificate_get_instance.h"
#include "datasources/volcengine/certificates_query.h"
#include "datasources/volcengine/factories.h"
#include "provider/framework/read_only_fields.h"
#include "resources/volcengine/certificate_view.h"
#include "resources/volcengine/volcengine_calls.h"

namespace cloudssl::volcengine {

namespace {

using codec::Type;
using codec::Value;

framework::Schema certificates_schema() {
  framework::Schema s;
  s.block.description =
      "Certificates in Volcengine's certificate center matching the filters "
      "(CertificateGetInstance), every page read. Never returns private keys or CSRs; use the "
      "ephemeral resource cloudssl_volcengine_certificate for a key.";
  s.block.attributes = certificate_filter_arguments();
  s.block.attributes.push_back(
      framework::read_only("total_count", Type::number(), "How many certificates matched."));
  s.block.attributes.push_back(framework::read_only("certificates", certificate_attributes(),
                                                    framework::Nesting::List,
                                                    "The matching certificates."));
  return s;
}

class CertificatesDataSource final : public framework::DataSource {
 public:
  framework::Schema schema() const override { return certificates_schema(); }

  void validate(const framework::ValidateRequest& req, framework::Diagnostics& d) const override {
    validate_certificates_config(req.config, d);
  }

  Value read(const framework::DataSourceReadRequest& req,
             framework::Diagnostics& d) const override {
    const Value& c = req.config;
    const Type element = c.type().attribute_types().at("certificates").element_type();
    const auto query = certificates_query_from_config(c);
    if (!query) {  // an empty id list matches nothing: no call
      return c.with("total_count", Value::number(std::int64_t{0}))
          .with("certificates", Value::list(element, {}));
    }
    std::vector<api::volcengine::VolcengineCertificate> found;
    if (!call_volcengine(req.ctx, d, [&](api::Client& client, const api::CallOptions& options) {
          found = api::volcengine::certificate_get_all(client, options, query->filters,
                                                       query->page_size,
                                                       /*keep_private_key=*/false);
        })) {
      return c;
    }
    std::vector<Value> items;
    items.reserve(found.size());
    for (const auto& certificate : found) {
      items.push_back(with_certificate(Value::object(element, {}), certificate));
    }
    return c.with("total_count", Value::number(static_cast<std::int64_t>(items.size())))
        .with("certificates", Value::list(element, std::move(items)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_volcengine_certificates_data_source() {
  return std::make_shared<CertificatesDataSource>();
}

}  // namespace cloudssl::volcengine
