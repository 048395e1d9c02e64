// revoke_certificate against a scripted RevokeCertificate: the request carries the id and the
// reason only when one is given, the RevokeDomainValidateAuths are decoded (nulls and odd
// items forgiven), and the refusals the resource handles are recognised by code.
#include "api/tencent/ssl/revocation_actions.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/certificate_actions.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

TEST(RevokeCertificate, SendsIdAndReasonAndDecodesTheRecords) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok({{"RevokeDomainValidateAuths",
                         {{{"DomainValidateAuthPath", "/.well-known/pki-validation/"},
                           {"DomainValidateAuthKey", "fileauth.txt"},
                           {"DomainValidateAuthValue", "v1"},
                           {"DomainValidateAuthDomain", "a.example.com"}},
                          {{"DomainValidateAuthPath", nullptr},
                           {"DomainValidateAuthKey", "_revoke_x.b.example.com"},
                           {"DomainValidateAuthValue", "v2"},
                           {"DomainValidateAuthDomain", "b.example.com"}},
                          "not an object"}}});
  });
  Client client = ssl_client_for(server);
  const auto records = revoke_certificate(client, "abcd1234", "key leaked");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], (RevocationRecord{"a.example.com", "/.well-known/pki-validation/",
                                          "fileauth.txt", "v1"}));
  EXPECT_EQ(records[1], (RevocationRecord{"b.example.com", "", "_revoke_x.b.example.com", "v2"}));
  revoke_certificate(client, "abcd1234", "");
  const auto bodies = request_bodies(server);
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0], (json{{"CertificateId", "abcd1234"}, {"Reason", "key leaked"}}));
  EXPECT_EQ(bodies[1], (json{{"CertificateId", "abcd1234"}}));  // no empty Reason
}

TEST(RevokeCertificate, NullRecordsAreNone) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok({{"RevokeDomainValidateAuths", nullptr}});
  });
  Client client = ssl_client_for(server);
  EXPECT_TRUE(revoke_certificate(client, "abcd1234", "").empty());
}

TEST(RevokeCertificate, RefusalsAreRecognisedByCode) {
  for (const char* code :
       {"FailedOperation.RevokeResourceFailed", "FailedOperation.InvalidCertificateSource",
        "FailedOperation.InvalidCertificateStatusCode", "FailedOperation.RevokeFailed"}) {
    FakeApiServer server([&](const RecordedRequest&, int) { return testing::api_error(code); });
    Client client = ssl_client_for(server);
    const ApiError e = error_of([&] { revoke_certificate(client, "abcd1234", ""); });
    const std::string c = code;
    EXPECT_EQ(e.code(), c);
    EXPECT_EQ(revoke_refused_bound(e), c == "FailedOperation.RevokeResourceFailed") << c;
    EXPECT_EQ(revoke_refused_source(e), c == "FailedOperation.InvalidCertificateSource") << c;
    EXPECT_EQ(revoke_refused_status(e), c == "FailedOperation.InvalidCertificateStatusCode") << c;
  }
}

// DescribeCertificate shows the records of a revocation in progress (DvRevokeAuthDetail, DvAuths
// objects); the list shows when it was revoked.
TEST(RevokeCertificate, CertificateCarriesTheRevocationRecordsAndTime) {
  auto c = json{{"DvRevokeAuthDetail",
                 {{{"DvAuthKey", "_revoke_x.a.example.com"},
                   {"DvAuthValue", "v"},
                   {"DvAuthDomain", "a.example.com"},
                   {"DvAuthPath", ""}}}},
                {"CertRevokedTime", "2026-12-06 18:00:00"}}
               .get<Certificate>();
  ASSERT_EQ(c.dv_revoke_auths.size(), 1u);
  EXPECT_EQ(c.dv_revoke_auths[0].key, "_revoke_x.a.example.com");
  EXPECT_EQ(c.dv_revoke_auths[0].domain, "a.example.com");
  EXPECT_EQ(c.cert_revoked_time, "2026-12-06 18:00:00");
  const auto none = json{{"DvRevokeAuthDetail", nullptr}}.get<Certificate>();
  EXPECT_TRUE(none.dv_revoke_auths.empty());
}

}  // namespace
}  // namespace cloudssl::api::tencent
