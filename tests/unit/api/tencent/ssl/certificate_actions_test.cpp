// The typed certificate actions decode what the doc's examples really send: ids and counts as
// numbers or strings, nulls, missing members, and the variants of a few structures.
#include "api/tencent/ssl/certificate_actions.h"

#include <gtest/gtest.h>

namespace cloudssl::api {
namespace {

using nlohmann::json;

TEST(CertificateActionsDecoding, CertificateToleratesTypeWobbleAndNulls) {
  auto c =
      json{{"CertificateId", "LtIaSxlb"},
           {"ProjectId", "0"},
           {"Status", "1"},
           {"Alias", nullptr},
           {"IsIgnore", 1},
           {"Deployable", "true"},
           {"SubjectAltName", "only-one.example.com"},
           {"Tags", {{{"TagKey", "env"}, {"TagValue", "ci"}}}},
           {"HostingStatus", -1},
           {"HostingConfig",
            {{"ReplaceTime", "30"}, {"MessageTypes", {0, "1"}}, {"ReplaceStartTime", "00:00:00"}}},
           {"CertificateExtra", {{"OriginCertificateId", nullptr}, {"RenewOrder", "feg1"}}}}
          .get<Certificate>();
  EXPECT_EQ(c.certificate_id, "LtIaSxlb");
  EXPECT_EQ(c.project_id, 0);
  EXPECT_EQ(c.status, 1);
  EXPECT_EQ(c.alias, "");
  EXPECT_EQ(c.is_ignore, true);
  EXPECT_EQ(c.deployable, true);
  EXPECT_EQ(c.subject_alt_name, std::vector<std::string>{"only-one.example.com"});
  EXPECT_EQ(c.tags, (std::vector<Tag>{{"env", "ci"}}));
  EXPECT_EQ(c.hosting_status, -1);
  ASSERT_TRUE(c.hosting_config);
  EXPECT_EQ(c.hosting_config->replace_time, 30);
  EXPECT_EQ(c.hosting_config->message_types, (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(c.origin_certificate_id, "");
  EXPECT_EQ(c.renew_order, "feg1");
  EXPECT_FALSE(c.renew_able);  // missing stays unknown
}

TEST(CertificateActionsDecoding, ValidationRecordsFromItemsOrTheTopLevel) {
  auto items = json{{"DvAuthDetail",
                     {{"DvAuthKey", "masked"},
                      {"DvAuths",
                       {{{"DvAuthKey", "_abc.example.com"},
                         {"DvAuthValue", "v"},
                         {"DvAuthDomain", "example.com"},
                         {"DvAuthSubDomain", "_abc"},
                         {"DvAuthVerifyType", "CNAME"}}}}}}}
                   .get<Certificate>();
  ASSERT_EQ(items.dv_auths.size(), 1u);
  EXPECT_EQ(items.dv_auths[0].key, "_abc.example.com");
  EXPECT_EQ(items.dv_auths[0].sub_domain, "_abc");
  EXPECT_EQ(items.dv_auths[0].verify_type, "CNAME");

  auto top = json{{"DvAuthDetail",
                   {{"DvAuthKey", "_t.example.com"},
                    {"DvAuthValue", "tv"},
                    {"DvAuthKeySubDomain", "_t"},
                    {"DvAuths", nullptr}}}}
                 .get<Certificate>();
  ASSERT_EQ(top.dv_auths.size(), 1u);
  EXPECT_EQ(top.dv_auths[0].sub_domain, "_t");

  Certificate none = json{{"DvAuthDetail", nullptr}}.get<Certificate>();
  EXPECT_TRUE(none.dv_auths.empty());
}

TEST(CertificateActionsDecoding, DeleteTaskErrorIsAStringOrAStruct) {
  auto s = json{{"TaskId", 14},
                {"Status", "4"},
                {"Error", "unbound resources remain"},
                {"Domains", {"www.example.com"}}}
               .get<DeleteTaskResult>();
  EXPECT_EQ(s.task_id, "14");
  EXPECT_EQ(s.status, 4);
  EXPECT_EQ(s.error, "unbound resources remain");
  auto e = json{{"TaskId", "15"}, {"Error", {{"Code", "X"}, {"Message", "not allowed"}}}}
               .get<DeleteTaskResult>();
  EXPECT_EQ(e.error, "not allowed");
  EXPECT_FALSE(e.status);
}

// The lists of an answer forgive what every list does (fields::objects): null or missing is
// empty, and an item that is no object is skipped rather than read as an empty one.
TEST(CertificateActionsDecoding, AnswerListsSkipWhatIsNoObject) {
  auto d = json{{"Success", {"a1"}},
                {"Fail", {{{"CertId", "b2"}, {"Msg", "bound"}}, "not an object", nullptr}},
                {"CertTaskIds", nullptr}}
               .get<DeleteCertificatesResponse>();
  ASSERT_EQ(d.fail.size(), 1u);
  EXPECT_EQ(d.fail[0].cert_id, "b2");
  EXPECT_EQ(d.fail[0].msg, "bound");
  EXPECT_TRUE(d.cert_task_ids.empty());
  auto r = json{{"TotalCount", 2},
                {"DeployRecordList", {{{"Id", "7"}, {"OldCertId", "old1"}, {"Status", 1}}, 3}}}
               .get<DescribeHostUploadUpdateRecordResponse>();
  EXPECT_EQ(r.total_count, 2);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, 7);
  EXPECT_EQ(r.records[0].old_cert_id, "old1");
}

TEST(CertificateActionsDecoding, SameIdUpdateRunsAndBoundResources) {
  auto run = json{{"Type", 0},
                  {"Status", 2},
                  {"TotalCount", "1"},
                  {"FailedTotalCount", 1},
                  {"RecordDetailList",
                   {{{"ResourceType", "clb"},
                     {"List",
                      {{{"Id", 57},
                        {"Status", 2},
                        {"ErrorMsg", "listener busy"},
                        {"InstanceId", "lb-1"},
                        {"ListenerId", "lbl-1"},
                        {"Region", "ap-guangzhou"}}}}}}}}
                 .get<UploadUpdateRun>();
  EXPECT_EQ(run.total_count, 1);
  ASSERT_EQ(run.items.size(), 1u);
  EXPECT_EQ(run.items[0].resource_type, "clb");  // taken from the group
  EXPECT_EQ(run.items[0].error_msg, "listener busy");

  auto bound =
      json{{"Status", 1},
           {"CLB",
            {{{"Region", "ap-guangzhou"},
              {"InstanceList",
               {{{"LoadBalancerId", "lb-1"}, {"Listeners", {{{"ListenerId", "lbl-1"}}}}}}}}}},
           {"CDN", {{{"InstanceList", {{{"Domain", "cdn.example.com"}}}}}}}}
          .get<BindResourceTaskDetail>();
  ASSERT_EQ(bound.resources.size(), 2u);
  EXPECT_EQ(bound.resources[0].resource_type, "clb");
  EXPECT_EQ(bound.resources[0].description, "lb-1/lbl-1");
  EXPECT_EQ(bound.resources[0].region, "ap-guangzhou");
  EXPECT_EQ(bound.resources[1].description, "cdn.example.com");
  EXPECT_EQ(bound.unlisted, 0);
  EXPECT_TRUE(bound.query_errors.empty());

  // TCB lists environments; a count beyond the page and a list's Error are kept.
  auto more =
      json{{"Status", 1},
           {"TCB",
            {{{"Region", "ap-shanghai"},
              {"Error", ""},
              {"Environments",
               {{{"Environment", {{"ID", "env-1"}}},
                 {"AccessService",
                  {{"InstanceList", {{{"Domain", "a.example.com"}}}}, {"TotalCount", 1}}},
                 {"HostService",
                  {{"InstanceList", {{{"Domain", "h.example.com"}}}}, {"TotalCount", 1}}}}}}}}},
           {"CDN", {{{"InstanceList", {{{"Domain", "c.example.com"}}}}, {"TotalCount", 150}}}},
           {"WAF",
            {{{"Region", "ap-guangzhou"},
              {"InstanceList", json::array()},
              {"TotalCount", 0},
              {"Error", "no service"}}}}}
          .get<BindResourceTaskDetail>();
  ASSERT_EQ(more.resources.size(), 3u);
  EXPECT_EQ(more.resources[1].description, "env-1/a.example.com");
  EXPECT_EQ(more.resources[2].description, "env-1/h.example.com");
  EXPECT_EQ(more.unlisted, 149);
  ASSERT_EQ(more.query_errors.size(), 1u);
  EXPECT_EQ(more.query_errors[0], "waf (ap-guangzhou): no service");
}

// The eight other types of DescribeCertificateBindResourceTaskDetail, with the fields seed 004
// gives their lists and instance details (DdosInstanceList/DdosInstanceDetail, LiveInstanceList,
// VODInstanceList/VodInstanceDetail, TkeInstanceList/TkeInstanceDetail/TkeNameSpaceDetail/
// TkeSecretDetail, ApiGatewayInstanceList/ApiGatewayInstanceDetail, TeoInstanceList/
// TeoInstanceDetail, TSEInstanceList/TSEInstanceDetail, COSInstanceList/CosInstanceDetail):
// each bound instance named by its identifying fields, the region where the list has one.
TEST(CertificateActionsDecoding, BoundResourcesOfTheOtherEightTypes) {
  auto bound = json{{"Status", 1},
                    {"DDOS",
                     {{{"TotalCount", 1},
                       {"InstanceList",
                        {{{"Domain", "www.example.com"},
                          {"InstanceId", "bgpip-1"},
                          {"Protocol", "https"},
                          {"CertId", "abc12345"},
                          {"VirtualPort", "443"}}}},
                       {"Error", ""}}}},
                    {"LIVE",
                     {{{"TotalCount", 1},
                       {"InstanceList",
                        {{{"Domain", "live.example.com"}, {"CertId", "abc12345"}, {"Status", 1}}}},
                       {"Error", ""}}}},
                    {"VOD",
                     {{{"InstanceList", {{{"Domain", "vod.example.com"}, {"CertId", "abc12345"}}}},
                       {"TotalCount", 1},
                       {"Error", ""}}}},
                    {"TKE",
                     {{{"Region", "ap-guangzhou"},
                       {"InstanceList",
                        {{{"ClusterId", "cls-1"},
                          {"ClusterName", "web"},
                          {"NamespaceList",
                           {{{"Name", "default"},
                             {"SecretList",
                              {{{"Name", "web-tls"},
                                {"CertId", "abc12345"},
                                {"IngressList", json::array()},
                                {"NoMatchDomains", json::array()}}}}}}},
                          {"ClusterType", "TKE"},
                          {"ClusterVersion", "1.30"}}}},
                       {"TotalCount", 1},
                       {"Error", ""}}}},
                    {"APIGATEWAY",
                     {{{"Region", "ap-guangzhou"},
                       {"InstanceList",
                        {{{"ServiceId", "service-1"},
                          {"ServiceName", "api"},
                          {"Domain", "api.example.com"},
                          {"CertId", "abc12345"},
                          {"Protocol", "https"}}}},
                       {"TotalCount", 1},
                       {"Error", ""}}}},
                    {"TEO",
                     {{{"InstanceList",
                        {{{"Host", "edge.example.com"},
                          {"CertId", "abc12345"},
                          {"ZoneId", "zone-1"},
                          {"Status", "deployed"}}}},
                       {"TotalCount", 1},
                       {"Error", ""}}}},
                    {"TSE",
                     {{{"InstanceList",
                        {{{"GatewayId", "gateway-1"},
                          {"GatewayName", "gw"},
                          {"CertificateList",
                           {{{"Id", "gwcert-1"},
                             {"Name", "web"},
                             {"BindDomains", {"gw.example.com"}},
                             {"CertSource", "ssl"},
                             {"CertId", "abc12345"}}}}}}},
                       {"TotalCount", 1},
                       {"Region", "ap-shanghai"},
                       {"Error", ""}}}},
                    {"COS",
                     {{{"Region", "ap-guangzhou"},
                       {"InstanceList",
                        {{{"Domain", "static.example.com"},
                          {"CertId", "abc12345"},
                          {"Status", "ENABLED"},
                          {"Bucket", "assets-1250000000"},
                          {"Region", "ap-guangzhou"}}}},
                       {"TotalCount", 1},
                       {"Error", ""}}}}}
                   .get<BindResourceTaskDetail>();
  std::vector<std::string> seen;
  for (const auto& r : bound.resources)
    seen.push_back(r.resource_type + " " + r.description +
                   (r.region.empty() ? "" : " (" + r.region + ")"));
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "ddos bgpip-1/www.example.com", "live live.example.com",
                      "vod vod.example.com", "tke cls-1/default/web-tls (ap-guangzhou)",
                      "apigateway service-1/api.example.com (ap-guangzhou)",
                      "teo zone-1/edge.example.com", "tse gateway-1 (ap-shanghai)",
                      "cos assets-1250000000/static.example.com (ap-guangzhou)"}));
  ASSERT_EQ(bound.groups.size(), 8u);
  for (const auto& g : bound.groups) {
    EXPECT_EQ(g.total, 1) << g.resource_type;
    EXPECT_EQ(g.error, "") << g.resource_type;
  }
  EXPECT_EQ(bound.unlisted, 0);
  EXPECT_TRUE(bound.query_errors.empty());
}

TEST(CertificateActionsEncoding, UploadSendsOnlyWhatIsSet) {
  UploadCertificateRequest r;
  r.certificate_public_key = "PEM";
  r.certificate_type = "CA";
  r.repeatable = false;
  json j = r;
  EXPECT_EQ(
      j, (json{{"CertificatePublicKey", "PEM"}, {"CertificateType", "CA"}, {"Repeatable", false}}));
  DescribeCertificatesRequest list;
  list.cert_ids = {"a", "b"};
  list.limit = 1000;
  list.certificate_status = {1, 4};
  EXPECT_EQ(json(list),
            (json{{"CertIds", {"a", "b"}}, {"Limit", 1000}, {"CertificateStatus", {1, 4}}}));
}

}  // namespace
}  // namespace cloudssl::api
