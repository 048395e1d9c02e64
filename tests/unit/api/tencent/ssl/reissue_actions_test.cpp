// replace_certificate against a scripted ReplaceCertificate: the request carries what is given
// and omits what is not (the API's defaults: Original CSR), the key password under the API's
// spelling CsrkeyPassword, the new id is decoded; CertificateExtra's ReplacedBy / ReplacedFor
// reach api::Certificate; the refusals the resource explains are recognised by code.
#include "api/tencent/ssl/reissue_actions.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/certificate_actions.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

TEST(ReplaceCertificate, SendsWhatIsGivenAndAnswersTheNewId) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok({{"CertificateId", "a91hoLqo"}});
  });
  Client client = ssl_client_for(server);
  EXPECT_EQ(replace_certificate(client, {.certificate_id = "KPX97tim", .valid_type = "DNS"}),
            "a91hoLqo");
  EXPECT_EQ(replace_certificate(client, {.certificate_id = "KPX97tim",
                                         .valid_type = "FILE",
                                         .csr_type = "Online",
                                         .csr_key_password = std::string("pw"),
                                         .reason = "key leaked",
                                         .cert_csr_encrypt_algo = "RSA",
                                         .cert_csr_key_parameter = "2048"}),
            "a91hoLqo");
  replace_certificate(client, {.certificate_id = "KPX97tim",
                               .valid_type = "DNS_AUTO",
                               .csr_type = "Upload",
                               .csr_content = "-----BEGIN CERTIFICATE REQUEST-----"});
  const auto bodies = request_bodies(server);
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[0], (json{{"CertificateId", "KPX97tim"}, {"ValidType", "DNS"}}));
  EXPECT_EQ(bodies[1], (json{{"CertificateId", "KPX97tim"},
                             {"ValidType", "FILE"},
                             {"CsrType", "Online"},
                             {"CsrkeyPassword", "pw"},
                             {"Reason", "key leaked"},
                             {"CertCSREncryptAlgo", "RSA"},
                             {"CertCSRKeyParameter", "2048"}}));
  EXPECT_EQ(bodies[2], (json{{"CertificateId", "KPX97tim"},
                             {"ValidType", "DNS_AUTO"},
                             {"CsrType", "Upload"},
                             {"CsrContent", "-----BEGIN CERTIFICATE REQUEST-----"}}));
}

TEST(ReplaceCertificate, RefusalsAreRecognisedByCode) {
  for (const char* code :
       {"FailedOperation.OrderAlreadyReplaced", "InvalidParameter.RenewAlgorithmInvalid",
        "FailedOperation.InvalidCertificateSource", "FailedOperation.InvalidCertificateStatusCode",
        "FailedOperation.OrderReplaceFailed"}) {
    FakeApiServer server([&](const RecordedRequest&, int) { return testing::api_error(code); });
    Client client = ssl_client_for(server);
    const ApiError e = error_of(
        [&] { replace_certificate(client, {.certificate_id = "KPX97tim", .valid_type = "DNS"}); });
    const std::string c = code;
    EXPECT_EQ(e.code(), c);
    EXPECT_EQ(reissue_refused_already_replaced(e), c == "FailedOperation.OrderAlreadyReplaced");
    EXPECT_EQ(reissue_refused_algorithm(e), c == "InvalidParameter.RenewAlgorithmInvalid");
    EXPECT_EQ(reissue_refused_source(e), c == "FailedOperation.InvalidCertificateSource");
    EXPECT_EQ(reissue_refused_status(e), c == "FailedOperation.InvalidCertificateStatusCode");
  }
}

// The seed's DescribeCertificates example carries both; null (no reissue) is empty.
TEST(ReplaceCertificate, CertificateExtraCarriesTheReissueLinks) {
  auto linked =
      json{{"CertificateId", "hdhd1234"},
           {"CertificateExtra", {{"ReplacedBy", "hkk12345"}, {"ReplacedFor", "ete12345"}}}}
          .get<Certificate>();
  EXPECT_EQ(linked.replaced_by, "hkk12345");
  EXPECT_EQ(linked.replaced_for, "ete12345");
  auto plain = json{{"CertificateExtra", {{"ReplacedBy", nullptr}, {"ReplacedFor", nullptr}}}}
                   .get<Certificate>();
  EXPECT_TRUE(plain.replaced_by.empty());
  EXPECT_TRUE(plain.replaced_for.empty());
}

}  // namespace
}  // namespace cloudssl::api::tencent
