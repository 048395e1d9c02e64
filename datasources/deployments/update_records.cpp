// cloudssl_update_records: replacement ("one-click update") records by new and/or old
// certificate (DescribeHostUpdateRecord, every page) and, for one record, its per-target
// details (DescribeHostUpdateRecordDetail).
#include <memory>

#include "api/tencent/ssl/deployment_actions.h"
#include "datasources/deployments/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/record_wait.h"
#include "resources/deployments/replace_flow.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

const framework::ResultFields& update_record_fields() {
  static const framework::ResultFields fields{
      {"id", Type::number(), "The record id (what deploy_record_id takes)."},
      {"certificate_id", Type::string(), "The certificate the resources moved to."},
      {"old_certificate_id", Type::string(), "The certificate they moved from."},
      {"resource_types", Type::list(Type::string()), "The products the record covers."},
      {"regions", Type::list(Type::string()), "The regions it covers, for region-aware products."},
      {"status", Type::number(), "0 not finished, 1 succeeded, 2 failed."},
      {"create_time", Type::string(), "When the record was created, as the API reports it."},
      {"update_time", Type::string(), "When it last changed, as the API reports it."},
  };
  return fields;
}

class UpdateRecords final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {.block = {
                .attributes = with_record_progress_attributes(
                    {
                        framework::optional_argument("certificate_id", Type::string(),
                                                     "The new certificate.", {v::non_empty()}),
                        framework::optional_argument("old_certificate_id", Type::string(),
                                                     "The replaced certificate.", {v::non_empty()}),
                        framework::read_only(
                            "id", Type::string(),
                            "An id for this lookup: the new and old certificate ids joined "
                            "with \":\"."),
                        framework::read_only("records", update_record_fields().attributes(),
                                             framework::Nesting::List,
                                             "Replacement records, as the API lists them."),
                    },
                    "moved"),
                .description = "Certificate replacement records and their per-target results."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const auto& c = req.config;
    const std::string cert = c.get_string("certificate_id").value_or("");
    const std::string old = c.get_string("old_certificate_id").value_or("");
    auto& client = common::ssl_client(req.ctx);
    std::vector<Value> records;
    const auto list = records_of_every_page([&](std::int64_t offset, std::int64_t limit) {
      return api::describe_host_update_record(client, cert, old, offset, limit,
                                              common::call_options(req.ctx));
    });
    for (const auto& r : list)
      records.push_back(Value::object(update_record_fields().type(),
                                      {{"id", Value::number(r.id)},
                                       {"certificate_id", Value::string(r.cert_id)},
                                       {"old_certificate_id", Value::string(r.old_cert_id)},
                                       {"resource_types", framework::string_list(r.resource_types)},
                                       {"regions", framework::string_list(r.regions)},
                                       {"status", Value::number(r.status)},
                                       {"create_time", Value::string(r.create_time)},
                                       {"update_time", Value::string(r.update_time)}}));
    const auto progress = selected_record_progress(c, [&](std::int64_t id) {
      return api::describe_host_update_record_detail(client, id, common::call_options(req.ctx));
    });
    return with_record_progress(
        c.with("id", Value::string(cert + ":" + old))
            .with("records", Value::list(update_record_fields().type(), std::move(records))),
        progress);
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_update_records_data_source() {
  return std::make_shared<UpdateRecords>();
}

}  // namespace cloudssl::deployments
