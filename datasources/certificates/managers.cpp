// cloudssl_managers: the managers (administrators verified for OV/EV orders) of one company
// (DescribeManagers, every page), whose ids a paid certificate's submission names instead of
// spelling out the administrator and the technical contact.
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

// The Status values DescribeManagers filters by (seed 004).
const std::vector<std::string> kStatuses = {"none",    "audit",    "CAaudit", "ok",
                                            "invalid", "expiring", "expired"};

const framework::ResultFields& manager_fields() {
  static const framework::ResultFields fields{
      {"manager_id", Type::number(),
       "The manager's id: `manager_id` of a cloudssl_paid_certificate."},
      {"status", Type::string(), "audit, CAaudit, ok (verified), invalid, expiring or expired."},
      {"first_name", Type::string(), "First name."},
      {"last_name", Type::string(), "Last name."},
      {"position", Type::string(), "Position."},
      {"phone", Type::string(), "Phone number."},
      {"mail", Type::string(), "Email address."},
      {"department", Type::string(), "Department."},
      {"create_time", Type::string(), "When the manager was added (the API's time)."},
      {"expire_time", Type::string(), "When the verification expires; empty if unknown."},
      {"verify_time", Type::string(), "When it was verified; empty if not yet."},
      {"domain_count", Type::number(), "Domains under the manager."},
      {"cert_count", Type::number(), "Certificates under the manager."},
  };
  return fields;
}

class Managers final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {.block = {
                .attributes =
                    {
                        {.name = "company_id",
                         .type = Type::number(),
                         .required = true,
                         .description = "The company (see data cloudssl_companies).",
                         .validators = {v::int_at_least(1)}},
                        framework::optional_argument("status", Type::string(),
                                                     "Only managers in this state (ok = verified).",
                                                     {v::one_of(kStatuses)}),
                        framework::read_only("id", Type::string(), "An id for this lookup."),
                        framework::read_only("managers", manager_fields().attributes(),
                                             framework::Nesting::List,
                                             "The company's managers, in the API's order."),
                    },
                .description = "The managers of a company that OV and EV paid certificates can "
                               "name (DescribeManagers)."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const std::int64_t company = req.config.get_int("company_id").value_or(0);
    const std::string status = req.config.get_string("status").value_or("");
    std::vector<Value> out;
    for (const auto& m : api::describe_managers(common::ssl_client(req.ctx), company, status,
                                                common::call_options(req.ctx))) {
      out.push_back(
          Value::object(manager_fields().type(), {{"manager_id", Value::number(m.id)},
                                                  {"status", Value::string(m.status)},
                                                  {"first_name", Value::string(m.first_name)},
                                                  {"last_name", Value::string(m.last_name)},
                                                  {"position", Value::string(m.position)},
                                                  {"phone", Value::string(m.phone)},
                                                  {"mail", Value::string(m.mail)},
                                                  {"department", Value::string(m.department)},
                                                  {"create_time", Value::string(m.create_time)},
                                                  {"expire_time", Value::string(m.expire_time)},
                                                  {"verify_time", Value::string(m.verify_time)},
                                                  {"domain_count", Value::number(m.domain_count)},
                                                  {"cert_count", Value::number(m.cert_count)}}));
    }
    return req.config.with("id", Value::string(std::to_string(company) + "/" + status))
        .with("managers", Value::list(manager_fields().type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_managers_data_source() {
  return std::make_shared<Managers>();
}

}  // namespace cloudssl::certificates
