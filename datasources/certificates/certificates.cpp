// data "cloudssl_certificates": DescribeCertificates with every documented filter, paged
// automatically (1000 per call), hosting fields included, no keys and no per-certificate
// follow-up calls.
#include "api/tencent/ssl/certificate_actions.h"
#include "datasources/certificates/certificates_request.h"
#include "datasources/certificates/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_read_batcher.h"
#include "resources/certificates/certificate_summary.h"
#include "resources/certificates/certificate_values.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

framework::Schema certificates_schema() {
  framework::Schema s;
  s.block.description =
      "Certificates in the account matching the filters (DescribeCertificates), every page. "
      "Never returns private keys.";
  s.block.attributes = {
      framework::optional_argument("search_key", Type::string(),
                                   "Fuzzy match on id, alias or domain."),
      framework::optional_argument("type", Type::string(), "SVR or CA.",
                                   {v::one_of({"SVR", "CA"})}),
      framework::optional_argument("project_id", Type::number(), "Only this project.",
                                   {v::int_at_least(0)}),
      framework::optional_argument(
          "statuses", Type::list(Type::number()),
          "Only these statuses (0..15). An empty list matches no certificate.",
          {v::each(v::int_between(0, 15))}),
      framework::optional_argument("expiration_sort", Type::string(),
                                   "ASC or DESC by expiry (default: newest application first).",
                                   {v::one_of({"ASC", "DESC"})}),
      framework::optional_argument(
          "deployable", Type::boolean(),
          "Only deployable (true) or not deployable (false) certificates."),
      framework::optional_argument("uploaded_only", Type::boolean(), "Only uploaded certificates."),
      framework::optional_argument("renewable_only", Type::boolean(),
                                   "Only renewable certificates."),
      framework::optional_argument("source", Type::string(),
                                   "upload (uploaded) or buy (issued through Tencent Cloud).",
                                   {v::one_of({"upload", "buy"})}),
      framework::optional_argument("sm_only", Type::boolean(),
                                   "Only SM (Chinese national cryptography) certificates."),
      framework::optional_argument("expiring_only", Type::boolean(),
                                   "Only certificates about to expire."),
      framework::optional_argument(
          "hostable", Type::boolean(),
          "Only certificates that can (true) or cannot (false) be hosted."),
      framework::optional_argument("pending_issue_only", Type::boolean(),
                                   "Only certificates waiting for issuance."),
      framework::optional_argument(
          "tags", Type::map(Type::string()),
          "Only certificates with these tags (an empty map: no tag filter)."),
      framework::optional_argument(
          "ids", Type::list(Type::string()),
          "Only these certificate ids (exact). An empty list matches no certificate.",
          {v::each(v::non_empty())}),
      framework::read_only("total_count", Type::number(), "How many certificates matched."),
      framework::read_only("certificates", certificate_summary_attributes(),
                           framework::Nesting::List, "The matching certificates."),
  };
  return s;
}

// Deployable and Hostable filter both ways: 1 = only those that are, 0 = only those that are
// not (docs/design/ssl-api.md DescribeCertificates).
std::optional<std::int64_t> flag(const Value& config, std::string_view name) {
  auto b = config.get_bool(name);
  if (!b) return std::nullopt;
  return *b ? 1 : 0;
}

// "only X" switches are 1 or unset: the API reads 0 as "no filter", so false means the same
// as leaving the attribute out.
std::optional<std::int64_t> only(const Value& config, std::string_view name) {
  auto b = config.get_bool(name);
  if (!b || !*b) return std::nullopt;
  return 1;
}

class CertificatesDataSource final : public framework::DataSource {
 public:
  framework::Schema schema() const override { return certificates_schema(); }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const Value& c = req.config;
    const Type element = c.type().attribute_types().at("certificates").element_type();
    std::optional<api::DescribeCertificatesRequest> r = describe_request_from_config(c);
    if (!r)  // an empty ids/statuses list matches nothing: no call, no certificates
      return c.with("total_count", Value::number(std::int64_t{0}))
          .with("certificates", Value::list(element, {}));

    std::vector<api::Certificate> found = api::describe_all_certificates(
        common::ssl_client(req.ctx), *r, common::call_options(req.ctx));
    std::vector<Value> items;
    for (const auto& cert : found) {
      std::map<std::string, Value> empty;
      items.push_back(with_summary(Value::object(element, std::move(empty)), cert));
    }
    return c.with("total_count", Value::number(static_cast<std::int64_t>(items.size())))
        .with("certificates", Value::list(element, std::move(items)));
  }
};

}  // namespace

std::optional<api::DescribeCertificatesRequest> describe_request_from_config(const Value& c) {
  api::DescribeCertificatesRequest r;
  r.search_key = c.get_string("search_key").value_or("");
  r.certificate_type = c.get_string("type").value_or("");
  r.project_id = c.get_int("project_id");
  if (framework::present(c, "statuses")) {
    for (const Value& s : c.at("statuses").elements())
      if (!s.is_null() && !s.is_unknown())
        if (auto n = s.as_number().to_int64()) r.certificate_status.push_back(*n);
    if (r.certificate_status.empty()) return std::nullopt;
  }
  r.expiration_sort = c.get_string("expiration_sort").value_or("");
  r.deployable = flag(c, "deployable");
  r.upload = only(c, "uploaded_only");
  r.renew = only(c, "renewable_only");
  r.filter_source = c.get_string("source").value_or("");
  r.is_sm = only(c, "sm_only");
  r.filter_expiring = only(c, "expiring_only");
  r.hostable = flag(c, "hostable");
  r.is_pending_issue = only(c, "pending_issue_only");
  r.tags = tags_of(c.at("tags"));  // an empty map is no tag filter: every certificate has {}
  if (framework::present(c, "ids")) {
    r.cert_ids = framework::strings_of(c.at("ids"));
    if (r.cert_ids.empty()) return std::nullopt;
  }
  return r;
}

std::shared_ptr<framework::DataSource> make_certificates_data_source() {
  return std::make_shared<CertificatesDataSource>();
}

}  // namespace cloudssl::certificates
