// data "cloudssl_certificate" and data "cloudssl_certificates" through the real terraform CLI
// against cloudssl-sim: lookup by id without any key, filters, empty id/status lists matching
// nothing without a call, and automatic paging past the API's 1000-per-call limit (counted
// with the simulator's request counter).
#include <gtest/gtest.h>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;

TEST(CertificateDataSourcesAcceptance, LookupByIdAndFilteredListNeverShowKeys) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim;
  certs::Pki pki;
  const auto leaf = pki.leaf("data.example.com", {"data.example.com", "www.data.example.com"});
  const std::string config =
      "resource \"cloudssl_certificate\" \"c\" {\n"
      "  certificate_pem = " +
      certs::heredoc(leaf.chain) + "  private_key_pem = " + certs::heredoc(leaf.key) +
      "  alias = \"data\"\n}\n"
      "data \"cloudssl_certificate\" \"one\" {\n  id = cloudssl_certificate.c.id\n}\n"
      "data \"cloudssl_certificates\" \"mine\" {\n  ids = [cloudssl_certificate.c.id]\n}\n"
      "data \"cloudssl_certificates\" \"by_alias\" {\n"
      "  search_key = cloudssl_certificate.c.alias\n  type = \"SVR\"\n}\n";
  const std::string probe = certs::key_probe(leaf.key);

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {{
      .config = config,
      .check = acc::all({
          acc::attr_equals("data.cloudssl_certificate.one", "domain", "data.example.com"),
          acc::attr_equals("data.cloudssl_certificate.one", "alias", "data"),
          acc::attr_pair("data.cloudssl_certificate.one", "fingerprint_sha256",
                         "cloudssl_certificate.c", "fingerprint_sha256"),
          acc::attr_set("data.cloudssl_certificate.one", "certificate_pem"),
          acc::attr_equals("data.cloudssl_certificate.one", "hosting_status", "-1"),
          acc::attr_equals("data.cloudssl_certificates.mine", "total_count", "1"),
          acc::attr_pair("data.cloudssl_certificates.mine", "certificates.0.id",
                         "cloudssl_certificate.c", "id"),
          acc::attr_equals("data.cloudssl_certificates.by_alias", "total_count", "1"),
          [&](const acc::State& s) {
            // The key is in state only where Terraform keeps the sensitive argument.
            for (const char* ds :
                 {"data.cloudssl_certificate.one", "data.cloudssl_certificates.mine"}) {
              const auto* values = s.resource(ds);
              ASSERT_TRUE(values);
              EXPECT_EQ(values->dump().find(probe), std::string::npos) << ds;
              EXPECT_EQ(values->dump().find("PRIVATE KEY"), std::string::npos) << ds;
            }
          },
      }),
  }};
  acc::run(tc);
}

TEST(CertificateDataSourcesAcceptance, ListingPagesPastAThousand) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--no-rate-limit", "--quiet"}});
  certs::Pki pki;
  const auto leaf = pki.leaf("many.example.com");
  constexpr int kCount = 1005;
  nlohmann::json seed = {{"certificates", nlohmann::json::array()}};
  for (int i = 0; i < kCount; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "Many%04d", i);
    seed["certificates"].push_back({{"CertificateId", id},
                                    {"CertificatePublicKey", leaf.chain},
                                    {"CertificatePrivateKey", leaf.key},
                                    {"Alias", "many"}});
  }
  sim.admin("POST", "/seed", seed);
  sim.admin("DELETE", "/requests");

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {{
      .config =
          "data \"cloudssl_certificates\" \"all\" {\n  search_key = \"many\"\n}\n"
          "output \"n\" {\n  value = length(data.cloudssl_certificates.all.certificates)\n}\n",
      .check =
          acc::attr_equals("data.cloudssl_certificates.all", "total_count", std::to_string(kCount)),
  }};
  acc::run(tc);
  // Every read of the data source is ceil(1005/1000) = 2 calls (plan, apply, re-plan, destroy
  // refresh each read it once).
  const int calls = sim.calls("DescribeCertificates");
  EXPECT_GT(calls, 0);
  EXPECT_EQ(calls % 2, 0) << calls << " DescribeCertificates calls: expected pairs of pages";
  EXPECT_EQ(sim.calls("DescribeCertificateDetail"), 0)
      << "the listing must not read certificates one by one";
}

// An empty ids or statuses list (e.g. built from resources that happen to be none) matches no
// certificate and costs no call; the API would read the missing filter as "everything".
TEST(CertificateDataSourcesAcceptance, EmptyIdOrStatusListsMatchNothingWithoutACall) {
  CLOUDSSL_REQUIRE_PROVIDER();
  cloudssl::testing::SimulatorProcess sim({.args = {"--quiet"}});
  nlohmann::json seed = {{"certificates", nlohmann::json::array()}};
  for (const char* domain : {"a.example.com", "b.example.com", "c.example.com"})
    seed["certificates"].push_back({{"Generate", {{"Domain", domain}, {"Days", 90}}}});
  const auto ids = sim.admin("POST", "/seed", seed)["certificates"];
  ASSERT_EQ(ids.size(), 3u);
  sim.admin("DELETE", "/requests");
  auto listing_calls = [&] { return sim.calls("DescribeCertificates"); };
  std::string id_list;
  for (const auto& id : ids)
    id_list += (id_list.empty() ? "\"" : ", \"") + id.get<std::string>() + "\"";

  acc::TestCase tc = certs::simulator_case(sim.endpoint());
  tc.steps = {
      {.config = "locals {\n  none = []\n}\n"
                 "data \"cloudssl_certificates\" \"no_ids\" {\n  ids = local.none\n}\n"
                 "data \"cloudssl_certificates\" \"no_statuses\" {\n  statuses = []\n}\n"
                 "data \"cloudssl_certificates\" \"null_ids\" {\n  ids = [null]\n"
                 "  search_key = \"example\"\n}\n",
       .check = acc::all({
           acc::attr_equals("data.cloudssl_certificates.no_ids", "total_count", "0"),
           acc::attr_json("data.cloudssl_certificates.no_ids", "certificates",
                          nlohmann::json::array()),
           acc::attr_equals("data.cloudssl_certificates.no_statuses", "total_count", "0"),
           acc::attr_json("data.cloudssl_certificates.no_statuses", "certificates",
                          nlohmann::json::array()),
           acc::attr_equals("data.cloudssl_certificates.null_ids", "total_count", "0"),
           [&](const acc::State&) { EXPECT_EQ(listing_calls(), 0); },
       })},
      // The same account with the lists filled: all three are there.
      {.config = "data \"cloudssl_certificates\" \"by_ids\" {\n  ids = [" + id_list +
                 "]\n}\n"
                 "data \"cloudssl_certificates\" \"issued\" {\n  statuses = [1]\n}\n",
       .check = acc::all({
           acc::attr_equals("data.cloudssl_certificates.by_ids", "total_count", "3"),
           acc::attr_equals("data.cloudssl_certificates.issued", "total_count", "3"),
       })},
  };
  acc::run(tc);
}
