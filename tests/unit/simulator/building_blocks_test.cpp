// Units below the HTTP layer: certificate parsing, target formats, time formats, settings.
#include <gtest/gtest.h>

#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/instances.h"
#include "simulator/options.h"
#include "simulator/settings.h"
#include "simulator/sim_clock.h"

namespace cloudssl::sim {
namespace {

TEST(CertInfoTest, ParsesGeneratedCertificateAndMatchesItsKey) {
  KeyPair kp = make_self_signed("www.example.com", {"*.example.com"}, 1700000000, 90, "RSA");
  CertInfo info = parse_certificate(kp.certificate_pem);
  EXPECT_EQ(info.domain, "www.example.com");
  EXPECT_EQ(info.all_domains(), (std::vector<std::string>{"www.example.com", "*.example.com"}));
  EXPECT_EQ(info.not_before, 1700000000);
  EXPECT_EQ(info.not_after, 1700000000 + 90 * 86400);
  EXPECT_EQ(info.encrypt_algorithm, "RSA 2048");
  EXPECT_TRUE(key_matches_certificate(kp.certificate_pem, kp.private_key_pem));
  KeyPair other = make_self_signed("www.example.com", {}, 1700000000, 90);
  EXPECT_FALSE(key_matches_certificate(kp.certificate_pem, other.private_key_pem));
  try {
    key_matches_certificate(kp.certificate_pem, "garbage");
    FAIL();
  } catch (const ApiFailure& e) {
    EXPECT_EQ(e.code(), "FailedOperation.CertificateParseError");
  }
}

TEST(CertInfoTest, WildcardCoversOneLabelOnly) {
  EXPECT_TRUE(name_covers("*.example.com", "www.example.com"));
  EXPECT_FALSE(name_covers("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(name_covers("*.example.com", "example.com"));
  EXPECT_TRUE(name_covers("WWW.example.com", "www.EXAMPLE.com"));
}

TEST(InstancesTest, CanonicalTargetsPerType) {
  EXPECT_EQ(canonical_target("cdn", "cdn.example.com|on"), "cdn.example.com");
  EXPECT_EQ(canonical_target("clb", "lb-1|lbl-1|a.com"), "lb-1|lbl-1|a.com");
  EXPECT_EQ(canonical_target("tcb", "AccessService|ap-shanghai|env|a.com"),
            "AccessService|ap-shanghai|env|a.com");
  EXPECT_THROW(canonical_target("cdn", "a.com|maybe"), ApiFailure);
  EXPECT_THROW(canonical_target("tke", "cls-1|default"), ApiFailure);
  EXPECT_THROW(canonical_target("clb", "lb-1||x"), ApiFailure);
  EXPECT_TRUE(deploy_requires_region("lighthouse"));
  EXPECT_FALSE(update_requires_region("lighthouse"));
}

TEST(ClockTest, BeijingTimeRoundTripsAndIsoIsUtc) {
  EXPECT_EQ(beijing_time(0), "1970-01-01 08:00:00");
  EXPECT_EQ(parse_beijing_time("2025-02-26 07:59:59"), parse_beijing_time("2025-02-26 07:59:59"));
  EXPECT_EQ(beijing_time(parse_beijing_time("2025-02-26 07:59:59")), "2025-02-26 07:59:59");
  EXPECT_EQ(iso_utc(1719401793), "2024-06-26T11:36:33.000000Z");
}

TEST(SettingsTest, FailureRulesCountTheirUses) {
  std::vector<FailureRule> rules = {{"lbl-1", "busy", 1, "clb", 0}};
  EXPECT_EQ(take_failure(rules, "lb|lbl-1", "cdn"), nullptr);
  ASSERT_NE(take_failure(rules, "lb|lbl-1", "clb"), nullptr);
  EXPECT_EQ(take_failure(rules, "lb|lbl-1", "clb"), nullptr);
  Settings s;
  patch_settings(s, {{"running_polls", 3}, {"service_role", false}});
  EXPECT_EQ(s.running_polls, 3);
  EXPECT_FALSE(s.service_role);
  EXPECT_THROW(patch_settings(s, {{"nope", 1}}), std::invalid_argument);
  // All or none: the valid member of a refused patch is not applied either.
  EXPECT_THROW(patch_settings(s, {{"creation_calls", 5}, {"dns_record_type", "MX"}}),
               std::invalid_argument);
  EXPECT_EQ(s.creation_calls, 1);
  EXPECT_EQ(s.dns_record_type, "TXT");
  EXPECT_EQ(settings_to_json(s).at("running_polls"), 3);
}

TEST(OptionsTest, ParsesFlags) {
  CommandLine cl = parse_command_line({"--listen", "127.0.0.1:8080", "--no-rate-limit", "--fault",
                                       "DescribeCertificates:InternalError:0.5", "--fail-target",
                                       "lbl-2=listener busy", "--drop", "*"});
  EXPECT_EQ(cl.port, 8080);
  EXPECT_FALSE(cl.simulator.rate_limits);
  ASSERT_EQ(cl.simulator.faults.size(), 2u);
  EXPECT_EQ(cl.simulator.faults[0].code, "InternalError");
  EXPECT_DOUBLE_EQ(cl.simulator.faults[0].rate, 0.5);
  EXPECT_TRUE(cl.simulator.faults[1].drop);
  EXPECT_EQ(cl.simulator.settings.failures[0].message, "listener busy");
  EXPECT_THROW(parse_command_line({"--listen"}), std::invalid_argument);
  EXPECT_THROW(parse_command_line({"--pending-polls", "-1"}), std::invalid_argument);
}

}  // namespace
}  // namespace cloudssl::sim
