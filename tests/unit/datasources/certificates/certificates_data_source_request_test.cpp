// data "cloudssl_certificates": every configuration attribute and the DescribeCertificates
// request JSON it produces (docs/design/ssl-api.md §2.1 DescribeCertificates; seed
// 004:20405-20520): Deployable/Hostable filter both ways (1 / 0), the "only" switches are 1 or
// absent (the API reads 0 as "no filter"), and an empty ids/statuses list matches nothing (no
// request).
#include <gtest/gtest.h>

#include <set>

#include "datasources/certificates/certificates_request.h"
#include "datasources/certificates/factories.h"
#include "provider/codec/json_codec.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  json config;    // the data source's configuration (unset attributes are null)
  json expected;  // the request body, or null: no request (matches nothing)
};

// Readable, stable CTest names (gtest_discover_tests prints the parameter).
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class CertificatesRequest : public ::testing::TestWithParam<Case> {};

TEST_P(CertificatesRequest, MapsTheConfigurationToTheRequest) {
  const Case& c = GetParam();
  const auto type = framework::implied_type(make_certificates_data_source()->schema());
  const codec::Value config = codec::from_json(c.config.dump(), type);

  const auto request = describe_request_from_config(config);

  if (c.expected.is_null()) {
    EXPECT_FALSE(request) << json(*request).dump();
  } else {
    ASSERT_TRUE(request) << "expected a request";
    EXPECT_EQ(json(*request), c.expected);
  }
}

const json kNoFilter = json::object();

const std::vector<Case> kCases = {
    Case{"NothingSet", json::object(), kNoFilter},
    Case{"SearchKey", {{"search_key", "K926htp2"}}, {{"SearchKey", "K926htp2"}}},
    Case{"TypeCa", {{"type", "CA"}}, {{"CertificateType", "CA"}}},
    Case{"TypeSvr", {{"type", "SVR"}}, {{"CertificateType", "SVR"}}},
    Case{"ProjectId", {{"project_id", 1234}}, {{"ProjectId", 1234}}},
    Case{"ProjectIdZero", {{"project_id", 0}}, {{"ProjectId", 0}}},
    Case{"Statuses", {{"statuses", {1, 3, 10}}}, {{"CertificateStatus", {1, 3, 10}}}},
    Case{"StatusesEmptyMatchesNothing", {{"statuses", json::array()}}, nullptr},
    Case{"StatusesOnlyNullsMatchNothing", {{"statuses", json::array({nullptr})}}, nullptr},
    Case{"ExpirationSortAsc", {{"expiration_sort", "ASC"}}, {{"ExpirationSort", "ASC"}}},
    Case{"ExpirationSortDesc", {{"expiration_sort", "DESC"}}, {{"ExpirationSort", "DESC"}}},
    Case{"DeployableTrue", {{"deployable", true}}, {{"Deployable", 1}}},
    Case{"DeployableFalse", {{"deployable", false}}, {{"Deployable", 0}}},
    Case{"UploadedOnlyTrue", {{"uploaded_only", true}}, {{"Upload", 1}}},
    Case{"UploadedOnlyFalse", {{"uploaded_only", false}}, kNoFilter},
    Case{"RenewableOnlyTrue", {{"renewable_only", true}}, {{"Renew", 1}}},
    Case{"RenewableOnlyFalse", {{"renewable_only", false}}, kNoFilter},
    Case{"SourceUpload", {{"source", "upload"}}, {{"FilterSource", "upload"}}},
    Case{"SourceBuy", {{"source", "buy"}}, {{"FilterSource", "buy"}}},
    Case{"SmOnlyTrue", {{"sm_only", true}}, {{"IsSM", 1}}},
    Case{"SmOnlyFalse", {{"sm_only", false}}, kNoFilter},
    Case{"ExpiringOnlyTrue", {{"expiring_only", true}}, {{"FilterExpiring", 1}}},
    Case{"ExpiringOnlyFalse", {{"expiring_only", false}}, kNoFilter},
    Case{"HostableTrue", {{"hostable", true}}, {{"Hostable", 1}}},
    Case{"HostableFalse", {{"hostable", false}}, {{"Hostable", 0}}},
    Case{"PendingIssueOnlyTrue", {{"pending_issue_only", true}}, {{"IsPendingIssue", 1}}},
    Case{"PendingIssueOnlyFalse", {{"pending_issue_only", false}}, kNoFilter},
    Case{"TagsSortedByKey",
         {{"tags", {{"team", "edge"}, {"env", "ci"}}}},
         {{"Tags",
           {{{"TagKey", "env"}, {"TagValue", "ci"}}, {{"TagKey", "team"}, {"TagValue", "edge"}}}}}},
    Case{"TagsEmptyIsNoTagFilter", {{"tags", json::object()}}, kNoFilter},
    Case{"Ids",
         {{"ids", json::array({"LtIaSxlb", "Li1AKHnS"})}},
         {{"CertIds", json::array({"LtIaSxlb", "Li1AKHnS"})}}},
    Case{"IdsEmptyMatchesNothing", {{"ids", json::array()}}, nullptr},
    Case{"IdsOnlyNullsMatchNothing", {{"ids", json::array({nullptr})}}, nullptr},
    Case{"IdsEmptyWinsOverOtherFilters",
         {{"ids", json::array()}, {"search_key", "x"}, {"type", "SVR"}},
         nullptr},
    Case{"Everything",
         {{"search_key", "example"},
          {"type", "SVR"},
          {"project_id", 7},
          {"statuses", {1}},
          {"expiration_sort", "ASC"},
          {"deployable", true},
          {"uploaded_only", true},
          {"renewable_only", true},
          {"source", "upload"},
          {"sm_only", true},
          {"expiring_only", true},
          {"hostable", false},
          {"pending_issue_only", true},
          {"tags", {{"env", "ci"}}},
          {"ids", json::array({"LtIaSxlb"})}},
         {{"SearchKey", "example"},
          {"CertificateType", "SVR"},
          {"ProjectId", 7},
          {"CertificateStatus", {1}},
          {"ExpirationSort", "ASC"},
          {"Deployable", 1},
          {"Upload", 1},
          {"Renew", 1},
          {"FilterSource", "upload"},
          {"IsSM", 1},
          {"FilterExpiring", 1},
          {"Hostable", 0},
          {"IsPendingIssue", 1},
          {"Tags", {{{"TagKey", "env"}, {"TagValue", "ci"}}}},
          {"CertIds", json::array({"LtIaSxlb"})}}},
};

INSTANTIATE_TEST_SUITE_P(EveryAttribute, CertificatesRequest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

// Every configurable attribute of the schema has a row above, so a new filter cannot be added
// without deciding (and testing) how it maps.
TEST(CertificatesRequestCoverage, EveryConfigurableAttributeIsInTheTable) {
  std::set<std::string> tested;
  for (const Case& c : kCases)
    for (const auto& [name, value] : c.config.items()) tested.insert(name);
  for (const auto& a : make_certificates_data_source()->schema().block.attributes)
    if (a.optional || a.required) {
      EXPECT_TRUE(tested.count(a.name)) << a.name << " untested";
    }
}

}  // namespace
}  // namespace cloudssl::certificates
