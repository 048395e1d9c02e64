// cloudssl_packages: the account's benefit packages (DescribePackages, every page): points
// that pay for certificates instead of money, with the usable balance.
#include <memory>

#include "api/tencent/ssl/paid_actions.h"
#include "datasources/certificates/factories.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {
namespace {

using namespace common::schema_names;

const framework::ResultFields& package_fields() {
  static const framework::ResultFields fields{
      {"package_id", Type::string(), "The package's id."},
      {"type", Type::string(), "Its kind (ssl_100, ssl_500, ssl_2000, ...)."},
      {"status", Type::string(), "usable, used, expired or refund."},
      {"source_type", Type::string(), "How the account got it (bought, transferred in)."},
      {"total", Type::number(), "Points it held."},
      {"balance", Type::number(), "Points left."},
      {"expire_time", Type::string(), "When it expires (the API's time)."},
      {"create_time", Type::string(), "When it was created (the API's time)."},
  };
  return fields;
}

class Packages final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {.block = {
                .attributes =
                    {
                        framework::optional_argument(
                            "status", Type::string(), "Only packages in this state.",
                            {v::one_of({"usable", "used", "expired", "refund"})}),
                        framework::read_only("id", Type::string(), "An id for this lookup."),
                        framework::read_only("total_balance", Type::number(),
                                             "Points left in the usable packages (TotalBalance)."),
                        framework::read_only("packages", package_fields().attributes(),
                                             framework::Nesting::List,
                                             "The packages, in the API's order."),
                    },
                .description = "The account's certificate benefit packages (DescribePackages)."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const std::string status = req.config.get_string("status").value_or("");
    const api::Packages found =
        api::describe_packages(common::ssl_client(req.ctx), status, common::call_options(req.ctx));
    std::vector<Value> out;
    for (const auto& p : found.packages) {
      out.push_back(
          Value::object(package_fields().type(), {{"package_id", Value::string(p.id)},
                                                  {"type", Value::string(p.type)},
                                                  {"status", Value::string(p.status)},
                                                  {"source_type", Value::string(p.source_type)},
                                                  {"total", Value::number(p.total)},
                                                  {"balance", Value::number(p.balance)},
                                                  {"expire_time", Value::string(p.expire_time)},
                                                  {"create_time", Value::string(p.create_time)}}));
    }
    return req.config.with("id", Value::string(status.empty() ? "all" : status))
        .with("total_balance", Value::number(found.total_balance))
        .with("packages", Value::list(package_fields().type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_packages_data_source() {
  return std::make_shared<Packages>();
}

}  // namespace cloudssl::certificates
