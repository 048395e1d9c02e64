// `list "cloudssl_certificate"` and `list "cloudssl_free_certificate"` (Terraform >= 1.14,
// `terraform query`): the account's certificates through DescribeCertificates with its
// filters, streamed with their identity and a display name, and with the full resource object
// when asked. With GenerateResourceConfig, `terraform query -generate-config-out` turns a
// console-made estate into import blocks and configuration.
//
// Uploaded certificates are those DescribeCertificates reports with FilterSource "upload";
// free ones are its "buy" source with IsDv set. A resource object is built the way import
// does it (the resource's import stub, then its read), so it is exactly what `import` would
// store.
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/optional_argument.h"
#include "resources/certificates/certificate_attributes.h"
#include "resources/certificates/factories.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_identity.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

namespace {

using namespace common::schema_names;

constexpr std::int64_t kPageSize = 100;

framework::Schema list_schema(bool free) {
  framework::Schema s;
  s.block.description =
      free ? "Free DV certificates of the account (DescribeCertificates, FilterSource buy)."
           : "Uploaded certificates of the account (DescribeCertificates, FilterSource upload).";
  s.block.attributes = {
      framework::optional_argument(
          "search_key", Type::string(),
          "Matches certificate id, alias or domain (the API's SearchKey)."),
      framework::optional_argument(
          "statuses", Type::list(Type::number()),
          "Certificate statuses to include (1 = issued, 3 = expired, ...)."),
      framework::optional_argument("expiring", Type::boolean(),
                                   "Only certificates expiring soon (the API's FilterExpiring)."),
      framework::optional_argument("project_id", Type::number(),
                                   "Only this project's certificates."),
  };
  if (!free)
    s.block.attributes.push_back(framework::optional_argument(
        "type", Type::string(), "SVR or CA (the API's CertificateType)."));
  return s;
}

class CertificateList final : public framework::ListResource {
 public:
  explicit CertificateList(bool free)
      : free_(free),
        resource_(free ? make_free_certificate_resource() : make_certificate_resource()) {}

  framework::Schema schema() const override { return list_schema(free_); }

  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    if (req.config.has("type"))
      if (auto t = req.config.get_string("type"); t && *t != "SVR" && *t != "CA")
        d.error("Invalid certificate type", "type must be \"SVR\" or \"CA\".", Path::root("type"));
  }

  void list(const framework::ListRequest& req, framework::ListSink& sink,
            Diagnostics& d) const override {
    api::DescribeCertificatesRequest r;
    r.search_key = req.config.get_string("search_key").value_or("");
    r.project_id = req.config.get_int("project_id");
    if (req.config.get_bool("expiring").value_or(false)) r.filter_expiring = 1;
    if (!free_) r.certificate_type = req.config.get_string("type").value_or("");
    const Value& statuses = req.config.at("statuses");
    if (statuses.is_known() && !statuses.is_null())
      for (const Value& s : statuses.elements())
        if (auto n = s.is_null() ? std::nullopt : s.as_number().to_int64())
          r.certificate_status.push_back(*n);
    r.filter_source = free_ ? "buy" : "upload";
    r.limit = kPageSize;

    api::Client& ssl = common::ssl_client(req.ctx);
    std::int64_t offset = 0;
    for (;;) {
      if (req.ctx.cancel.cancelled()) return;
      r.offset = offset;
      const api::DescribeCertificatesResponse page =
          api::describe_certificates(ssl, r, common::call_options(req.ctx));
      for (const api::Certificate& c : page.certificates) {
        if (free_ && !c.is_dv.value_or(false)) continue;
        framework::ListResult result{
            .identity = common::certificate_identity(Value::string(c.certificate_id)),
            .display_name = (c.alias.empty() ? c.domain : c.alias) + " (" + c.certificate_id + ")"};
        if (req.include_resource_object) {
          result.resource_object = object_of(c.certificate_id, req.ctx, result.diagnostics);
          if (!result.resource_object) continue;  // gone meanwhile: nothing to adopt
        }
        if (!sink.emit(std::move(result))) return;
      }
      offset += static_cast<std::int64_t>(page.certificates.size());
      const bool short_page = static_cast<std::int64_t>(page.certificates.size()) < kPageSize;
      if (page.certificates.empty() || short_page ||
          (page.total_count_reported && offset >= page.total_count))
        return;
    }
    (void)d;
  }

 private:
  // What `import` would store: the resource's import stub, then its read.
  std::optional<Value> object_of(const std::string& id, const framework::Context& ctx,
                                 Diagnostics& d) const {
    framework::PrivateState private_state;
    const auto* importer = dynamic_cast<const framework::ResourceWithImport*>(resource_.get());
    Value stub = importer->import_state(framework::ImportRequest{id, private_state, ctx}, d);
    if (d.has_errors()) return std::nullopt;
    return resource_->read(framework::ReadRequest{stub, private_state, ctx}, d);
  }

  bool free_;
  std::shared_ptr<framework::Resource> resource_;
};

}  // namespace

std::shared_ptr<framework::ListResource> make_certificate_list_resource() {
  return std::make_shared<CertificateList>(false);
}
std::shared_ptr<framework::ListResource> make_free_certificate_list_resource() {
  return std::make_shared<CertificateList>(true);
}

}  // namespace cloudssl::certificates
