// cloudssl_companies: the companies of the account (DescribeCompanies, every page), whose ids a
// paid certificate's submission names instead of spelling out the organisation.
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

const framework::ResultFields& company_fields() {
  static const framework::ResultFields fields{
      {"company_id", Type::number(),
       "The company's id: `company_id` of a cloudssl_paid_certificate."},
      {"name", Type::string(), "The company's name."},
      {"country", Type::string(), "Its country."},
      {"province", Type::string(), "Its province or state."},
      {"city", Type::string(), "Its city."},
      {"address", Type::string(), "Its address."},
      {"phone", Type::string(), "Its phone number."},
      {"id_type", Type::string(), "Its registration document type (TYDMZ, OTHERS), if any."},
      {"id_number", Type::string(), "Its registration number, if any."},
  };
  return fields;
}

class Companies final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {.block = {.attributes =
                          {
                              framework::optional_argument(
                                  "company_id", Type::number(),
                                  "Only this company; every company of the account when unset.",
                                  {v::int_at_least(1)}),
                              framework::read_only("id", Type::string(), "An id for this lookup."),
                              framework::read_only("companies", company_fields().attributes(),
                                                   framework::Nesting::List,
                                                   "The companies, in the API's order."),
                          },
                      .description = "The companies of the account that paid certificates can be "
                                     "submitted for (DescribeCompanies)."}};
  }

  Value read(const framework::DataSourceReadRequest& req, framework::Diagnostics&) const override {
    const auto only = req.config.get_int("company_id");
    std::vector<Value> out;
    for (const auto& c : api::describe_companies(common::ssl_client(req.ctx), only,
                                                 common::call_options(req.ctx))) {
      out.push_back(
          Value::object(company_fields().type(), {{"company_id", Value::number(c.id)},
                                                  {"name", Value::string(c.name)},
                                                  {"country", Value::string(c.country)},
                                                  {"province", Value::string(c.province)},
                                                  {"city", Value::string(c.city)},
                                                  {"address", Value::string(c.address)},
                                                  {"phone", Value::string(c.phone)},
                                                  {"id_type", Value::string(c.id_type)},
                                                  {"id_number", Value::string(c.id_number)}}));
    }
    return req.config.with("id", Value::string(only ? std::to_string(*only) : "all"))
        .with("companies", Value::list(company_fields().type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_companies_data_source() {
  return std::make_shared<Companies>();
}

}  // namespace cloudssl::certificates
