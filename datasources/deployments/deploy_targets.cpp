// cloudssl_deploy_targets: the instances of one product a certificate can be deployed to, and
// the certificate each holds now (the DescribeHost*InstanceList family, one action per type).
// `use_cache = false` (default) asks the API for a fresh listing (IsCache 0); true accepts the
// server's half-hour snapshot, whose time is reported in `cache_time` where the API gives it.
#include "resources/deployments/deploy_targets.h"

#include <memory>

#include "api/core/api_error.h"
#include "api/tencent/ssl/deployment_actions.h"
#include "datasources/deployments/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/record_wait.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

// The deployable resource types that have a DescribeHost*InstanceList action.
std::vector<std::string> listed_types() {
  std::vector<std::string> out;
  for (const auto& kind : target_kinds())
    if (!api::host_instance_list_action(kind.type).empty()) out.push_back(kind.type);
  return out;
}

const framework::ResultFields& target_fields() {
  static const framework::ResultFields fields{
      {"key", Type::string(), "The InstanceIdList entry to deploy to: the parts joined with |."},
      {"parts", Type::list(Type::string()),
       "The parts that identify the instance (for clb: load balancer, listener and, for a rule, "
       "its domain)."},
      {"name", Type::string(), "The instance's display name, where the API gives one."},
      {"certificate_id", Type::string(), "The certificate the instance holds now (empty: none)."},
      {"status", Type::string(), "The instance's status as the API reports it."},
  };
  return fields;
}

class DeployTargets final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {
        .block = {
            .attributes =
                {
                    {.name = "resource_type",
                     .type = Type::string(),
                     .required = true,
                     .description = "The product to list.",
                     .validators = {v::one_of(
                         listed_types(), "tse and tcb have no DescribeHost*InstanceList action")}},
                    common::certificate_id_argument(
                        "certificate_id",
                        "The certificate to deploy (targets are matched to its domains)."),
                    framework::optional_argument("old_certificate_id", Type::string(),
                                                 "Only instances holding this certificate.",
                                                 {v::non_empty()}),
                    framework::optional_argument(
                        "domain_match", Type::boolean(),
                        "true (API default): instances whose domain matches the "
                        "certificate; false: those that do not."),
                    framework::optional_argument(
                        "use_cache", Type::boolean(),
                        "Accept the API's half-hour snapshot (IsCache 1). Default false."),
                    framework::read_only("id", Type::string(),
                                         "An id for this listing (resource type and certificate)."),
                    framework::read_only("total_count", Type::number(),
                                         "How many instances the listing returned."),
                    framework::read_only("cache_time", Type::string(),
                                         "When the (cached) listing was produced, if reported."),
                    framework::read_only("targets", target_fields().attributes(),
                                         framework::Nesting::List, "Each deployable endpoint."),
                },
            .description = "Deployable instances of one resource type."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const auto& c = req.config;
    api::HostInstanceListRequest request;
    request.resource_type = c.get_string("resource_type").value_or("");
    request.certificate_id = c.get_string("certificate_id").value_or("");
    request.old_certificate_id = c.get_string("old_certificate_id").value_or("");
    request.use_cache = c.get_bool("use_cache").value_or(false);
    if (auto m = c.get_bool("domain_match")) request.domain_match = *m;
    auto& client = common::ssl_client(req.ctx);
    const auto listing =
        api::describe_host_instance_list(client, request, common::call_options(req.ctx));
    std::vector<Value> targets;
    for (const auto& inst : api::flatten_host_instances(request.resource_type, listing.instances)) {
      std::string key;
      std::vector<Value> parts;
      for (const auto& p : inst.id_parts) {
        key += (key.empty() ? "" : "|") + p;
        parts.push_back(Value::string(p));
      }
      targets.push_back(Value::object(target_fields().type(),
                                      {{"key", Value::string(key)},
                                       {"parts", Value::list(Type::string(), std::move(parts))},
                                       {"name", Value::string(inst.name)},
                                       {"certificate_id", Value::string(inst.cert_id)},
                                       {"status", Value::string(inst.status)}}));
    }
    return c.with("id", Value::string(request.resource_type + ":" + request.certificate_id))
        .with("total_count", Value::number(listing.total_count))
        .with("cache_time", Value::string(listing.async_cache_time))
        .with("targets", Value::list(target_fields().type(), std::move(targets)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_deploy_targets_data_source() {
  return std::make_shared<DeployTargets>();
}

}  // namespace cloudssl::deployments
