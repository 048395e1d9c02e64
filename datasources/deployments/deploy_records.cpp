// cloudssl_deploy_records: a certificate's deployment records (DescribeHostDeployRecord, every
// page) and, for one record, its per-target details (DescribeHostDeployRecordDetail).
#include <memory>

#include "api/tencent/ssl/deployment_actions.h"
#include "datasources/deployments/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/deployments/record_wait.h"
#include "resources/deployments/replace_flow.h"

namespace cloudssl::deployments {
namespace {

using codec::Type;
using codec::Value;

const framework::ResultFields& deploy_record_fields() {
  static const framework::ResultFields fields{
      {"id", Type::number(), "The record id (what deploy_record_id takes)."},
      {"resource_type", Type::string(), "The product deployed to."},
      {"region", Type::string(), "The region, for region-aware products."},
      {"status", Type::number(), "0 not finished, 1 succeeded, 2 failed."},
      {"create_time", Type::string(), "When the record was created, as the API reports it."},
      {"update_time", Type::string(), "When it last changed, as the API reports it."},
  };
  return fields;
}

class DeployRecords final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {
        .block = {
            .attributes = with_record_progress_attributes(
                {
                    common::certificate_id_argument(
                        "certificate_id", "The certificate whose deployment records to read."),
                    framework::optional_argument("resource_type", Type::string(),
                                                 "Only records of this resource type."),
                    framework::read_only(
                        "id", Type::string(),
                        "The certificate id, with \":\" and the resource type filter when set."),
                    framework::read_only("records", deploy_record_fields().attributes(),
                                         framework::Nesting::List,
                                         "Records, newest first as the API lists them."),
                },
                "succeeded"),
            .description = "Deployment records of a certificate and their per-target results."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const auto& c = req.config;
    const std::string cert = c.get_string("certificate_id").value_or("");
    const std::string type = c.get_string("resource_type").value_or("");
    auto& client = common::ssl_client(req.ctx);
    std::vector<Value> records;
    const auto list = records_of_every_page([&](std::int64_t offset, std::int64_t limit) {
      return api::describe_host_deploy_record(client, cert, type, offset, limit,
                                              common::call_options(req.ctx));
    });
    for (const auto& r : list)
      records.push_back(Value::object(deploy_record_fields().type(),
                                      {{"id", Value::number(r.id)},
                                       {"resource_type", Value::string(r.resource_type)},
                                       {"region", Value::string(r.region)},
                                       {"status", Value::number(r.status)},
                                       {"create_time", Value::string(r.create_time)},
                                       {"update_time", Value::string(r.update_time)}}));
    auto progress = selected_record_progress(c, [&](std::int64_t id) {
      return api::describe_host_deploy_record_detail(client, id, common::call_options(req.ctx));
    });
    for (auto& d : progress.details)
      if (d.resource_type.empty()) d.resource_type = type;
    return with_record_progress(
        c.with("id", Value::string(cert + (type.empty() ? "" : ":" + type)))
            .with("records", Value::list(deploy_record_fields().type(), std::move(records))),
        progress);
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_deploy_records_data_source() {
  return std::make_shared<DeployRecords>();
}

}  // namespace cloudssl::deployments
