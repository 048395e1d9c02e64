// CheckCertificateChain (seed 004, 20/s): Chains names each certificate by its common name,
// IsValid says each certificate is issued by the next (a lone one must be self-signed), IsTrustedCA
// is false for one self-signed certificate or an issuer listed in the untrusted_issuers setting.
#include "tests/support/test_certificates.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using ChainCheckTest = SimTest;

TEST_F(ChainCheckTest, ACompleteChainIsValidAndTrustedUnlessItsIssuerIsNot) {
  const auto chain = cloudssl::testing::make_chain();
  auto r = client.ok("CheckCertificateChain", {{"CertificateChain", chain.leaf_and_chain()}});
  EXPECT_EQ(r["IsValid"], true);
  EXPECT_EQ(r["IsTrustedCA"], true);
  EXPECT_EQ(r["Chains"], nlohmann::json({"www.example.test", "cloudssl test intermediate"}));

  // The leaf alone: its intermediate is missing.
  EXPECT_EQ(client.ok("CheckCertificateChain", {{"CertificateChain", chain.leaf.pem}})["IsValid"],
            false);

  server->admin("POST", "/tasks/config", {{"untrusted_issuers", {"cloudssl test root"}}});
  r = client.ok("CheckCertificateChain", {{"CertificateChain", chain.leaf_and_chain()}});
  EXPECT_EQ(r["IsValid"], true);
  EXPECT_EQ(r["IsTrustedCA"], false);
}

TEST_F(ChainCheckTest, ASelfSignedCertificateIsUntrustedAndADisorderedChainInvalid) {
  const Pem a = make_pem("a.example.com"), b = make_pem("b.example.com");
  auto r = client.ok("CheckCertificateChain", {{"CertificateChain", a.cert}});
  EXPECT_EQ(r["IsValid"], true);
  EXPECT_EQ(r["IsTrustedCA"], false);
  EXPECT_EQ(r["Chains"], nlohmann::json({"a.example.com"}));
  r = client.ok("CheckCertificateChain", {{"CertificateChain", a.cert + b.cert}});
  EXPECT_EQ(r["IsValid"], false);
  EXPECT_EQ(client.call("CheckCertificateChain", {{"CertificateChain", "not a pem"}}).code(),
            "FailedOperation.CertificateInvalid");
}

}  // namespace
}  // namespace cloudssl::sim::test
