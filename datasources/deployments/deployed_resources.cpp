// cloudssl_deployed_resources: which cloud resources use certificates, for all 12 resource
// types, through the bound-resource query delete safety uses
// (CreateCertificateBindResourceSyncTask + DescribeCertificateBindResourceTaskDetail,
// resources/common/bound_resources.h). One entry per certificate, type and region.
#include <memory>

#include "datasources/deployments/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/bound_resources.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

// The types the bound-resource query answers (DescribeCertificateBindResourceTaskDetail).
const std::vector<std::string> kTypes = {"clb", "cdn",        "waf", "ddos", "live", "vod",
                                         "tke", "apigateway", "tcb", "teo",  "tse",  "cos"};

const framework::ResultFields& entry_fields() {
  static const framework::ResultFields fields{
      {"certificate_id", Type::string(), "The certificate."},
      {"resource_type", Type::string(), "The product."},
      {"region", Type::string(),
       "The region, for regional products (clb, waf, tke, apigateway, tcb, tse, cos); empty for "
       "global ones."},
      {"count", Type::number(),
       "How many instances of the product in that region use the certificate."},
      {"resources", Type::list(Type::string()),
       "What uses it: load balancer/listener ids (clb), domains (cdn, waf, live, vod, teo, ...), "
       "cluster/namespace/secret (tke) and the like."},
  };
  return fields;
}

Value entry(const std::string& certificate_id, const std::string& type, const std::string& region,
            std::int64_t count, std::vector<Value> resources) {
  return Value::object(entry_fields().type(),
                       {{"certificate_id", Value::string(certificate_id)},
                        {"resource_type", Value::string(type)},
                        {"region", Value::string(region)},
                        {"count", Value::number(count)},
                        {"resources", Value::list(Type::string(), std::move(resources))}});
}

class DeployedResources final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {
        .block = {
            .attributes =
                {
                    {.name = "certificate_ids",
                     .type = Type::list(Type::string()),
                     .required = true,
                     .description = "Certificates to look up (at most 100).",
                     .validators = {v::size_between(1, 100), v::each(v::non_empty())}},
                    framework::optional_argument("resource_type", Type::string(),
                                                 "Only this product; every product when unset.",
                                                 {v::one_of(kTypes)}),
                    framework::optional_argument(
                        "use_cache", Type::boolean(),
                        "Accept an answer the API computed within the last 30 "
                        "minutes (IsCache 1) instead of querying afresh (default)."),
                    framework::read_only("id", Type::string(),
                                         "An id for this lookup (resource type and certificates)."),
                    framework::read_only(
                        "resources", entry_fields().attributes(), framework::Nesting::List,
                        "Per certificate, product and region: how many instances use the "
                        "certificate and which. With resource_type set, a certificate that "
                        "product does not use has one entry with count 0."),
                },
            .description = "Cloud resources that use the given certificates, on all 12 resource "
                           "types."}};
  }

  Value read(const framework::DataSourceReadRequest& req,
             framework::Diagnostics& d) const override {
    std::vector<std::string> ids;
    for (const auto& v : req.config.at("certificate_ids").elements()) ids.push_back(v.as_string());
    const auto only = req.config.get_string("resource_type");
    const bool use_cache = req.config.get_bool("use_cache").value_or(false);
    api::Client& ssl = common::ssl_client(req.ctx);
    std::vector<Value> out;
    for (const auto& id : ids) {
      common::BoundResources found =
          common::query_bound_resources(ssl, id, req.ctx, "the data source's read", use_cache);
      if (!found.complete) {
        d.error("The resources using certificate " + id + " could not be listed",
                found.problem +
                    "\nA partial answer could wrongly show the certificate unused, "
                    "so none is given. Read again later, or authorise the service "
                    "role SSL_QCSLinkedRoleInReplaceLoadCertificate.",
                Path::root("certificate_ids"));
        return Value::null(req.config.type());
      }
      bool any = false;
      for (const auto& g : found.groups) {
        if (only && g.resource_type != *only) continue;
        if (g.total == 0) continue;
        std::vector<Value> names;
        for (const auto& r : found.resources)
          if (r.resource_type == g.resource_type && r.region == g.region)
            names.push_back(Value::string(r.description));
        out.push_back(entry(id, g.resource_type, g.region, g.total, std::move(names)));
        any = true;
      }
      if (only && !any) out.push_back(entry(id, *only, "", 0, {}));
    }
    std::string lookup = only.value_or("all");
    for (const auto& i : ids) lookup += ":" + i;
    return req.config.with("id", Value::string(lookup))
        .with("resources", Value::list(entry_fields().type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_deployed_resources_data_source() {
  return std::make_shared<DeployedResources>();
}

}  // namespace cloudssl::deployments
