// cloudssl_deployed_resources: which cloud resources use certificates, per resource type
// (DescribeDeployedResources; up to 50 certificates per call, types clb, cdn, live, waf, ddos,
// teo). The answer lists resource ids (clb) or domains.
#include <memory>

#include "api/tencent/ssl/deployment_actions.h"
#include "datasources/deployments/factories.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/record_wait.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

const std::vector<std::string> kTypes = {"clb", "cdn", "live", "waf", "ddos", "teo"};

Type entry_type() {
  static const Type t = Type::object({{"certificate_id", Type::string()},
                                      {"resource_type", Type::string()},
                                      {"count", Type::number()},
                                      {"resources", Type::list(Type::string())}});
  return t;
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
                     .description = "Certificates to look up (at most 50).",
                     .validators = {v::size_between(1, 50), v::each(v::non_empty())}},
                    {.name = "resource_type",
                     .type = Type::string(),
                     .required = true,
                     .description =
                         "The product to look in (the types DescribeDeployedResources answers).",
                     .validators = {v::one_of(kTypes)}},
                    framework::read_only("id", Type::string(),
                                         "An id for this lookup (resource type and certificates)."),
                    framework::read_only(
                        "resources",
                        framework::read_only_fields(
                            entry_type(),
                            {{"certificate_id", "The certificate."},
                             {"resource_type", "The product looked in."},
                             {"count", "How many resources of that product use the certificate."},
                             {"resources",
                              "Their ids (clb load balancers) or domains (cdn, live, waf, ddos, "
                              "teo)."}}),
                        framework::Nesting::List,
                        "Per certificate: count and the resource ids or domains."),
                },
            .description = "Cloud resources that use the given certificates."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    std::vector<std::string> ids;
    for (const auto& v : req.config.at("certificate_ids").elements()) ids.push_back(v.as_string());
    const std::string type = req.config.get_string("resource_type").value_or("");
    auto found = api::describe_deployed_resources(common::ssl_client(req.ctx), ids, type,
                                                  common::call_options(req.ctx));
    std::vector<Value> out;
    for (const auto& d : found) {
      std::vector<Value> resources;
      for (const auto& r : d.resources) resources.push_back(Value::string(r));
      out.push_back(Value::object(
          entry_type(), {{"certificate_id", Value::string(d.certificate_id)},
                         {"resource_type", Value::string(type)},
                         {"count", Value::number(d.count)},
                         {"resources", Value::list(Type::string(), std::move(resources))}}));
    }
    std::string id = type;
    for (const auto& i : ids) id += ":" + i;
    return req.config.with("id", Value::string(id))
        .with("resources", Value::list(entry_type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_deployed_resources_data_source() {
  return std::make_shared<DeployedResources>();
}

}  // namespace cloudssl::deployments
