// How a create_before_destroy renewal finds the certificate it renews when Terraform does not
// say (renewal_lineage.h, route 3), against the simulator: only the single issued, unrenewed
// free certificate of the domain and project inside the window qualifies. Also the in-process
// hand-over of the default replacement order.
#include <gtest/gtest.h>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "resources/certificates/renewal_lineage.h"
#include "tests/support/simulator_client.h"

namespace cloudssl::certificates {
namespace {

using namespace std::chrono_literals;
using testing::SimulatorProcess;

class RenewalCandidate : public ::testing::Test {
 protected:
  RenewalCandidate()
      : client_(api::tencent::make_client(api::tencent::kSslApi,
                                          testing::simulator_client_config(sim_))) {}
  // An issued free certificate expiring in `days`.
  std::string issued_free(const std::string& domain, int days, std::int64_t project = 0) {
    api::ApplyCertificateRequest r;
    r.domain_name = domain;
    r.dv_auth_method = "DNS_AUTO";
    r.project_id = project;
    const std::string id = api::apply_certificate(client_, r);
    sim_.admin("POST", "/certificates/" + id,
               {{"Status", 1}, {"CertEndTime", testing::beijing_time_in_days(days)}});
    return id;
  }
  std::optional<RenewalSource> find(const std::string& domain, std::int64_t project = 0) {
    why_not_.clear();
    return find_renewal_candidate(client_, domain, project, 720h, ctx_, why_not_);
  }

  SimulatorProcess sim_;
  api::Client client_;
  framework::Context ctx_;
  std::string why_not_;
};

TEST_F(RenewalCandidate, TheSingleQualifyingCertificateIsFound) {
  const std::string old_id = issued_free("www.example.com", 10);
  issued_free("www.example.com", 60);    // outside the window
  issued_free("other.example.com", 10);  // another domain
  // An uploaded certificate of the same domain is not a free one the API could renew.
  sim_.admin("POST", "/seed",
             {{"certificates", {{{"Generate", {{"Domain", "www.example.com"}, {"Days", 10}}}}}}});
  auto found = find("WWW.example.com");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->certificate_id, old_id);
  EXPECT_TRUE(why_not_.empty());
  EXPECT_FALSE(find("www.example.com", 7));  // another project
}

TEST_F(RenewalCandidate, RenewedExpiredAndPendingCertificatesDoNotQualify) {
  const std::string renewed = issued_free("a.example.com", 10);
  sim_.admin("POST", "/certificates/" + renewed, {{"RenewOrder", "Next0001"}});
  EXPECT_FALSE(find("a.example.com"));
  issued_free("b.example.com", -1);  // expired yesterday
  EXPECT_FALSE(find("b.example.com"));
  const std::string pending = issued_free("c.example.com", 10);
  sim_.admin("POST", "/certificates/" + pending, {{"Status", 0}});
  EXPECT_FALSE(find("c.example.com"));
  EXPECT_TRUE(why_not_.empty());
}

TEST_F(RenewalCandidate, SeveralCandidatesRenewNoneAndSayWhich) {
  const std::string first = issued_free("twice.example.com", 5);
  const std::string second = issued_free("twice.example.com", 12);
  EXPECT_FALSE(find("twice.example.com"));
  EXPECT_NE(why_not_.find(first), std::string::npos) << why_not_;
  EXPECT_NE(why_not_.find(second), std::string::npos) << why_not_;
}

TEST(RenewalHandover, EachDepositIsTakenOnceByDomain) {
  RenewalHandover handover;
  handover.deposit({"Old00001", "Www.Example.com", "2026-12-01T00:00:00Z"});
  handover.deposit({"Old00002", "www.example.com", ""});
  EXPECT_FALSE(handover.take("api.example.com"));
  auto a = handover.take("www.example.com");
  auto b = handover.take("WWW.EXAMPLE.COM");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->certificate_id, b->certificate_id);
  EXPECT_FALSE(handover.take("www.example.com"));
}

TEST(RenewalSourceState, RoundTripsThroughPrivateStateAndClears) {
  framework::PrivateState state;
  EXPECT_FALSE(renewal_source(state));
  set_renewal_source(state, {"Old00001", "www.example.com", "2025-12-01T00:00:00Z"});
  auto back = renewal_source(framework::PrivateState::parse(state.serialize()));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->certificate_id, "Old00001");
  EXPECT_EQ(back->domain, "www.example.com");
  EXPECT_TRUE(renewal_source_expired(*back, std::chrono::system_clock::now()));
  clear_renewal_source(state);
  EXPECT_TRUE(state.empty());
}

}  // namespace
}  // namespace cloudssl::certificates
