// Typed deploy targets: InstanceIdList encoding per resource type, plan-time validation with
// paths, matching of record items and listed host instances.
#include "resources/deployments/deploy_targets.h"

#include <gtest/gtest.h>

#include "provider/framework/schema.h"
#include "provider/framework/validators.h"
#include "provider/util/utf8.h"

namespace cloudssl::deployments {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;

Type block_type(const std::string& kind) {
  return framework::implied_type(target_block(*find_kind(kind)).block);
}

// One block element with the given string/number/bool fields (others null).
Value element(const std::string& kind, std::map<std::string, Value> fields) {
  return Value::object(block_type(kind), std::move(fields));
}

Target target(const std::string& kind, std::map<std::string, Value> fields) {
  return {kind, element(kind, std::move(fields))};
}

Value S(const char* s) { return Value::string(s); }

// What ValidateResourceConfig runs on a deployment's targets: the fields' declarative rules,
// then validate_targets.
void validate_all(const Value& config, const std::optional<std::string>& region,
                  framework::Diagnostics& d) {
  framework::Block block{
      .attributes = {{.name = "region", .type = Type::string(), .optional = true}},
      .blocks = target_blocks()};
  framework::validate_attributes(block, config, d);
  validate_targets(config, region, d);
}

// A resource-shaped object: region plus every target block kind.
Value config(std::optional<std::string> region, const std::vector<Target>& targets) {
  std::map<std::string, Type> attrs{{"region", Type::string()}};
  for (const auto& k : target_kinds()) attrs[k.type] = Type::set(block_type(k.type));
  Value obj =
      Value::object(Type::object(attrs),
                    {{"region", region ? Value::string(*region) : Value::null(Type::string())}});
  for (const auto& k : target_kinds()) obj = obj.with(k.type, Value::set(block_type(k.type), {}));
  return with_targets(obj, targets);
}

TEST(DeployTargets, EncodesInstanceIdListPerResourceType) {
  struct Case {
    std::string kind;
    std::map<std::string, Value> fields;
    std::string region;
    std::string id;  // the InstanceIdList entry
  };
  const std::string r = "ap-guangzhou";
  const std::vector<Case> cases = {
      {"clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-2")}}, r, "lb-1|lbl-2"},
      {"clb",
       {{"load_balancer_id", S("lb-1")},
        {"listener_id", S("lbl-2")},
        {"domain", S("www.example.com")}},
       r,
       "lb-1|lbl-2|www.example.com"},
      {"cdn", {{"domain", S("cdn.example.com")}}, r, "cdn.example.com|off"},
      {"cdn",
       {{"domain", S("cdn.example.com")}, {"https_billing", Value::boolean(true)}},
       r,
       "cdn.example.com|on"},
      {"ddos",
       {{"instance_id", S("bgpip-1")}, {"domain", S("a.com")}, {"port", Value::number(443)}},
       r,
       "bgpip-1|a.com|443"},
      {"live", {{"domain", S("x.example.com")}}, r, "x.example.com"},
      {"vod", {{"domain", S("x.example.com")}}, r, "x.example.com"},
      {"waf", {{"domain", S("x.example.com")}}, r, "x.example.com"},
      {"teo", {{"domain", S("x.example.com")}}, r, "x.example.com"},
      {"apigateway",
       {{"service_id", S("service-1")}, {"domain", S("api.a.com")}},
       r,
       "service-1|api.a.com"},
      {"tke",
       {{"cluster_id", S("cls-1")}, {"namespace", S("default")}, {"secret_name", S("web-tls")}},
       r,
       "cls-1|default|web-tls"},
      {"cos",
       {{"bucket", S("assets-125")}, {"domain", S("s.a.com")}},
       r,
       "ap-guangzhou|assets-125|s.a.com"},
      {"lighthouse",
       {{"instance_id", S("lhins-1")}, {"domain", S("a.com")}},
       "ap-shanghai",
       "ap-shanghai|lhins-1|a.com"},
      {"tse",
       {{"gateway_id", S("gateway-1")}, {"certificate_id", S("gwcert-1")}},
       r,
       "gateway-1|gwcert-1"},
      {"tcb",
       {{"type", S("AccessService")}, {"env_id", S("env-1")}, {"domain", S("a.com")}},
       "ap-shanghai",
       "AccessService|ap-shanghai|env-1|a.com"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(instance_id(target(c.kind, c.fields), c.region), c.id) << c.kind;
}

TEST(DeployTargets, KeyIgnoresDeployOnlySwitches) {
  auto off = target("cdn", {{"domain", S("cdn.example.com")}});
  auto on =
      target("cdn", {{"domain", S("cdn.example.com")}, {"https_billing", Value::boolean(true)}});
  EXPECT_EQ(target_key(off, ""), target_key(on, ""));
  EXPECT_EQ(target_key(off, ""), "cdn:cdn.example.com");
}

TEST(DeployTargets, ValidConfigurationHasNoDiagnostics) {
  framework::Diagnostics d;
  validate_all(config("ap-guangzhou", {target("clb", {{"load_balancer_id", S("lb-1")},
                                                      {"listener_id", S("lbl-2")},
                                                      {"domain", S("*.example.com")}}),
                                       target("cdn", {{"domain", S("cdn.example.com")}})}),
               std::string("ap-guangzhou"), d);
  EXPECT_TRUE(d.empty());
}

TEST(DeployTargets, RegionAwareTypeWithoutRegionIsAnErrorOnTheBlock) {
  framework::Diagnostics d;
  validate_targets(
      config(std::nullopt,
             {target("clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-2")}}),
              target("waf", {{"domain", S("a.example.com")}})}),
      std::string(), d);
  ASSERT_EQ(d.all().size(), 1u);  // reported once, on the first block that needs it
  EXPECT_EQ(d.all()[0].attribute, Path::root("clb"));
  // Unknown region (a value known only after apply): no region error at plan.
  framework::Diagnostics unknown;
  validate_targets(config(std::nullopt, {target("waf", {{"domain", S("a.example.com")}})}),
                   std::nullopt, unknown);
  EXPECT_TRUE(unknown.empty());
  // Non-regional types need none.
  framework::Diagnostics cdn;
  validate_targets(config(std::nullopt, {target("cdn", {{"domain", S("a.example.com")}})}),
                   std::string(), cdn);
  EXPECT_TRUE(cdn.empty());
}

TEST(DeployTargets, BadFieldsAreErrorsOnTheBlockPath) {
  framework::Diagnostics d;
  validate_all(
      config("ap-guangzhou",
             {target("clb", {{"load_balancer_id", S("ins-1")}, {"listener_id", S("lbl-2")}}),
              target("ddos", {{"instance_id", S("bgpip-1")},
                              {"domain", S("a.com")},
                              {"port", Value::number(70000)}}),
              target("tcb", {{"type", S("Other")}, {"env_id", S("e")}, {"domain", S("a.com")}}),
              target("live", {{"domain", S("bad domain.com")}}),
              target("vod", {{"domain", S("a|b.com")}})}),
      std::string("ap-guangzhou"), d);
  std::set<std::string> paths;
  for (const auto& diag : d.all()) {
    ASSERT_TRUE(diag.attribute);
    paths.insert(diag.attribute->to_string());
    EXPECT_EQ(diag.severity, framework::Severity::Error);
  }
  EXPECT_EQ(paths, (std::set<std::string>{"clb", "ddos", "tcb", "live", "vod"}));
  EXPECT_NE(d.all()[0].detail.find("lb-"), std::string::npos);
}

TEST(DeployTargets, DomainAndIdChecks) {
  EXPECT_EQ(check_domain("www.example.com"), "");
  EXPECT_EQ(check_domain("*.example.com"), "");
  EXPECT_NE(check_domain(""), "");
  EXPECT_NE(check_domain("a..com"), "");
  EXPECT_NE(check_domain("-a.com"), "");
  EXPECT_NE(check_domain("a|b.com"), "");
  EXPECT_EQ(check_id("lb-abc", "lb-"), "");
  EXPECT_NE(check_id("lb abc", ""), "");
  EXPECT_NE(check_id("x|y", ""), "");
  EXPECT_NE(check_id("", ""), "");
}

// Internationalised domains: the API gets the ASCII (IDNA2008) form; an invalid one is a
// diagnostic that is valid UTF-8 (it once quoted one byte of a multi-byte character).
TEST(DeployTargets, InternationalisedDomainsUseTheirAsciiFormOrAreRefused) {
  EXPECT_EQ(instance_id(target("cdn", {{"domain", S("\u8bc1\u4e66.example.com")}}), ""),
            "xn--1jqs90m.example.com|off");
  EXPECT_EQ(instance_id(target("clb", {{"load_balancer_id", S("lb-1")},
                                       {"listener_id", S("lbl-2")},
                                       {"domain", S("B\u00fccher.example.com")}}),
                        ""),
            "lb-1|lbl-2|xn--bcher-kva.example.com");
  EXPECT_EQ(check_domain("\u8bc1\u4e66.example.com"), "");
  EXPECT_EQ(check_domain("*.b\u00fccher.example.com"), "");
  const std::string bad = check_domain("b\u00fccher\U0001F4A9.example.com");
  EXPECT_NE(bad.find("not a valid internationalised domain name"), std::string::npos) << bad;
  EXPECT_TRUE(util::is_valid_utf8(bad)) << bad;
  framework::Diagnostics d;
  validate_all(
      config("ap-guangzhou", {target("cdn", {{"domain", S("\xe8\xaf\x81\xff.example.com")}})}),
      "ap-guangzhou", d);
  ASSERT_TRUE(d.has_errors());
  for (const auto& x : d.all()) EXPECT_TRUE(util::is_valid_utf8(x.detail)) << x.detail;
  // A listing that reports the ASCII form matches the configured Unicode name.
  api::HostInstance listed;
  listed.id_parts = {"xn--1jqs90m.example.com"};
  EXPECT_TRUE(
      instance_matches(target("cdn", {{"domain", S("\u8bc1\u4e66.example.com")}}), "", listed));
}

TEST(DeployTargets, MatchesRecordItemsAsTheApiReportsThem) {
  api::RecordDetail clb;
  clb.instance_id = "lb-1";
  clb.listener_id = "lbl-2";
  clb.domains = {"www.example.com"};
  EXPECT_TRUE(detail_matches(
      target("clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-2")}}), "", clb));
  EXPECT_TRUE(detail_matches(target("clb", {{"load_balancer_id", S("lb-1")},
                                            {"listener_id", S("lbl-2")},
                                            {"domain", S("WWW.example.com")}}),
                             "", clb));
  EXPECT_FALSE(detail_matches(
      target("clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-3")}}), "", clb));

  api::RecordDetail cdn;
  cdn.domains = {"cdn.tencent.com.cn|on"};  // the doc's cdn example
  EXPECT_TRUE(detail_matches(target("cdn", {{"domain", S("cdn.tencent.com.cn")}}), "", cdn));

  api::RecordDetail tke;
  tke.instance_id = "cls-1";
  tke.namespace_name = "prod";
  tke.secret_name = "tls";
  EXPECT_TRUE(detail_matches(
      target("tke",
             {{"cluster_id", S("cls-1")}, {"namespace", S("prod")}, {"secret_name", S("tls")}}),
      "", tke));
  // An update record item of another type never matches.
  cdn.resource_type = "live";
  EXPECT_FALSE(detail_matches(target("cdn", {{"domain", S("cdn.tencent.com.cn")}}), "", cdn));
}

TEST(DeployTargets, MatchesListedHostInstances) {
  const nlohmann::json clb = R"({"LoadBalancerId":"lb-1","LoadBalancerName":"web","Listeners":[
      {"ListenerId":"lbl-sni","SniSwitch":1,"Rules":[{"Domain":"www.example.com","Certificate":{"CertId":"AAAA1111"}}]},
      {"ListenerId":"lbl-plain","SniSwitch":0,"Certificate":{"CertId":""}}]})"_json;
  const auto flat = api::flatten_host_instances("clb", {clb});
  ASSERT_EQ(flat.size(), 2u);
  EXPECT_EQ(flat[0].cert_id, "AAAA1111");
  EXPECT_TRUE(instance_matches(target("clb", {{"load_balancer_id", S("lb-1")},
                                              {"listener_id", S("lbl-sni")},
                                              {"domain", S("www.example.com")}}),
                               "", flat[0]));
  EXPECT_TRUE(instance_matches(
      target("clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-plain")}}), "",
      flat[1]));
  EXPECT_FALSE(instance_matches(
      target("clb", {{"load_balancer_id", S("lb-1")}, {"listener_id", S("lbl-sni")}}), "",
      flat[0]));

  const nlohmann::json tke = R"({"ClusterId":"cls-1","NamespaceList":[{"Name":"default",
      "SecretList":[{"Name":"web-tls","CertId":"BBBB2222"}]}]})"_json;
  const auto tflat = api::flatten_host_instances("tke", {tke});
  ASSERT_EQ(tflat.size(), 1u);
  EXPECT_TRUE(instance_matches(target("tke", {{"cluster_id", S("cls-1")},
                                              {"namespace", S("default")},
                                              {"secret_name", S("web-tls")}}),
                               "", tflat[0]));

  const nlohmann::json lh =
      R"({"InstanceId":"lhins-1","Domain":["a.com","b.com"],"CertIds":{"a.com":"CCCC3333"}})"_json;
  const auto lflat = api::flatten_host_instances("lighthouse", {lh});
  ASSERT_EQ(lflat.size(), 2u);
  EXPECT_TRUE(lflat[0].cert_known);
  EXPECT_EQ(lflat[0].cert_id, "CCCC3333");
  const nlohmann::json lh_doc =
      R"({"InstanceId":"lhins-1","Domain":["a.com"]})"_json;  // as documented
  EXPECT_FALSE(api::flatten_host_instances("lighthouse", {lh_doc})[0].cert_known);

  const nlohmann::json cos =
      R"({"Domain":"s.a.com","CertId":"D","Bucket":"b-1","Region":"ap-guangzhou"})"_json;
  EXPECT_TRUE(instance_matches(target("cos", {{"bucket", S("b-1")}, {"domain", S("s.a.com")}}),
                               "ap-guangzhou", api::flatten_host_instances("cos", {cos})[0]));
}

TEST(DeployTargets, ReadAndWriteTargetBlocksKeepUserValues) {
  auto with_null = target("cdn", {{"domain", S("a.com")}});  // https_billing null
  Value obj = config("ap-guangzhou", {with_null, target("waf", {{"domain", S("w.com")}})});
  auto back = read_targets(obj);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].type, "cdn");
  EXPECT_TRUE(back[0].element.at("https_billing").is_null());
  EXPECT_EQ(types_of(back), (std::vector<std::string>{"cdn", "waf"}));
  Value only_waf = with_targets(obj, {back[1]});
  EXPECT_EQ(only_waf.at("cdn").length(), 0u);
  EXPECT_EQ(only_waf.at("waf").length(), 1u);
}

TEST(DeployTargets, BlocksFormAValidSchema) {
  framework::Schema schema{
      .block = {.attributes = {{.name = "region", .type = Type::string(), .optional = true}},
                .blocks = target_blocks()}};
  EXPECT_TRUE(framework::validate_schema(schema, "resource").empty());
  EXPECT_EQ(target_blocks().size(), 13u);
}

}  // namespace
}  // namespace cloudssl::deployments
