// data cloudssl_deployed_resources through the real terraform CLI against cloudssl-sim (seeded
// with simulator/seed.example.json, one instance of every type): a certificate bound on all 12
// resource types is found on each, with the region of the regional ones; resource_type narrows
// the answer, and a product that does not use a certificate gives it one entry of count 0; a
// bound-resource query that cannot read the lists is an error on certificate_ids (never a
// partial answer that would show the certificate unused); an unknown type is refused at plan.
#include <filesystem>
#include <set>

#include "tests/acceptance/simulator_test.h"

namespace {

std::string seed_path() {
  return (std::filesystem::path(CLOUDSSL_ACC_SOURCE_DIR) / "simulator/seed.example.json").string();
}

std::string new_certificate(SimulatorProcess& sim, const std::string& domain) {
  return sim.seed_certificate({{"Generate", {{"Domain", domain}, {"Days", 90}}}});
}

// One target of every type the bound-resource query covers, in the example seed.
const std::vector<std::pair<std::string, std::string>> kEverywhere = {
    {"clb", "lb-web1|lbl-plain"},
    {"cdn", "cdn.example.com"},
    {"waf", "www.example.com"},
    {"ddos", "bgpip-1|www.example.com|443"},
    {"live", "live.example.com"},
    {"vod", "vod.example.com"},
    {"tke", "cls-1|default|web-tls"},
    {"apigateway", "service-1|api.example.com"},
    {"tcb", "AccessService|ap-shanghai|env-1|www.example.com"},
    {"teo", "edge.example.com"},
    {"tse", "gateway-1|gwcert-1"},
    {"cos", "ap-guangzhou|assets-1250000000|static.example.com"}};

}  // namespace

TEST(DeployedResources, EveryResourceTypeThroughTheBoundResourceQuery) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--seed", seed_path(), "--quiet"}});
  const std::string used = new_certificate(sim, "used.example.com");
  const std::string unused = new_certificate(sim, "unused.example.com");
  for (const auto& [type, target] : kEverywhere) sim.bind(type, target, used);

  const std::string tf =
      "data \"cloudssl_deployed_resources\" \"all\" {\n"
      "  certificate_ids = [\"" +
      used + "\"]\n}\n" +
      "data \"cloudssl_deployed_resources\" \"vod\" {\n"
      "  certificate_ids = [\"" +
      used + "\", \"" + unused + "\"]\n  resource_type = \"vod\"\n}\n";
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = tf,
       .check =
           [&](const acc::State& s) {
             const json* all = s.attribute("data.cloudssl_deployed_resources.all", "resources");
             ASSERT_TRUE(all && all->is_array());
             std::set<std::string> types;
             for (const auto& e : *all) {
               types.insert(e.at("resource_type").get<std::string>());
               EXPECT_EQ(e.at("certificate_id"), used);
               EXPECT_EQ(e.at("count"), 1) << e.dump();
               EXPECT_FALSE(e.at("resources").empty()) << e.dump();
               if (e.at("resource_type") == "clb") {
                 EXPECT_EQ(e.at("region"), "ap-guangzhou");
                 EXPECT_EQ(e.at("resources"), json({"lb-web1/lbl-plain"}));
               }
               if (e.at("resource_type") == "cdn") {
                 EXPECT_EQ(e.at("region"), "");
                 EXPECT_EQ(e.at("resources"), json({"cdn.example.com"}));
               }
             }
             std::set<std::string> expected;
             for (const auto& [type, target] : kEverywhere) expected.insert(type);
             EXPECT_EQ(types, expected) << all->dump();

             const json* vod = s.attribute("data.cloudssl_deployed_resources.vod", "resources");
             ASSERT_TRUE(vod && vod->size() == 2u) << (vod ? vod->dump() : "null");
             EXPECT_EQ((*vod)[0].at("certificate_id"), used);
             EXPECT_EQ((*vod)[0].at("resources"), json({"vod.example.com"}));
             EXPECT_EQ((*vod)[1].at("certificate_id"), unused);
             EXPECT_EQ((*vod)[1].at("count"), 0);
             EXPECT_EQ((*vod)[1].at("resources"), json::array());
           }},
  };
  acc::run(tc);
}

TEST(DeployedResources, UnreadableListsAndUnknownTypesAreErrors) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--seed", seed_path(), "--quiet"}});
  const std::string id = new_certificate(sim, "q.example.com");
  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      acc::plan_error_step("data \"cloudssl_deployed_resources\" \"x\" {\n  certificate_ids = [\"" +
                               id + "\"]\n  resource_type = \"lighthouse\"\n}\n",
                           "lighthouse", "resource_type"),
      {.config = "data \"cloudssl_deployed_resources\" \"x\" {\n  certificate_ids = [\"" + id +
                 "\"]\n}\n",
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/tasks/config", {{"bind_query_authorised", false}});
           },
       .plan_only = true,
       .expect_error = acc::error_like(
           "The resources using certificate \\w+ could not be listed: .*"
           "RoleNotFoundAuthorization.* A partial answer could wrongly show the certificate "
           "unused",
           "certificate_ids")},
  };
  acc::run(tc);
}

// examples/data-sources/deployed_resources works as written.
TEST(DeployedResources, ExampleWorksAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  SimulatorProcess sim({.args = {"--seed", seed_path(), "--quiet"}});
  const std::string id = new_certificate(sim, "ex.example.com");
  sim.bind("cdn", "cdn.example.com", id);
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("data-sources/deployed_resources"));
  auto applied =
      ws.terraform({"apply", "-auto-approve", "-input=false", "-var=certificate_id=" + id});
  ASSERT_TRUE(applied.ok()) << applied.text();
  auto out = ws.terraform({"output", "-json", "cdn_domains"});
  ASSERT_TRUE(out.ok()) << out.text();
  EXPECT_EQ(json::parse(out.out), json({"cdn.example.com"}));
}
