// The reissue workflow (certificate_reissue.h) against a scripted SSL API: one reissue even when
// repeated (a reissue the original already has is taken, not made again; a lost answer whose
// repeat is refused finds its reissue), the request built from the reissue_* arguments, the
// plan-time refusals (second reissue, not issued, not RSA 2048) and the fixes for the API's
// refusals.
#include "resources/certificates/certificate_reissue.h"

#include <gtest/gtest.h>

#include "api/tencent/ssl/ssl_api.h"
#include "lib/pem/pem.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/factories.h"
#include "simulator/cert_info.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using namespace api::testing;
using codec::Type;
using codec::Value;
using nlohmann::json;

// A scripted SSL API, its client and the context the workflow runs in.
struct Fixture : ScriptedSslApi {
  using ScriptedSslApi::ScriptedSslApi;
  framework::Context ctx;
};

Reply original(const std::string& replaced_for) {
  return ok({{"CertificateId", "Orig0001"},
             {"Status", 1},
             {"CertificateExtra",
              {{"ReplacedBy", nullptr},
               {"ReplacedFor", replaced_for.empty() ? json(nullptr) : json(replaced_for)}}}});
}

const api::ReplaceCertificateRequest kRequest{.certificate_id = "Orig0001", .valid_type = "DNS"};

TEST(ReissueOnce, ReissuesAnOriginalWithoutAReissue) {
  Fixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "ReplaceCertificate") return ok({{"CertificateId", "New00001"}});
    return original("");
  });
  auto outcome = reissue_once(f.client, kRequest, f.ctx);
  EXPECT_EQ(outcome.certificate_id, "New00001");
  EXPECT_FALSE(outcome.adopted);
  EXPECT_EQ(f.calls("ReplaceCertificate"), 1);
}

TEST(ReissueOnce, AReissueTheOriginalHasIsTakenNotMadeAgain) {
  Fixture f([](const RecordedRequest&, int) { return original("Done0001"); });
  auto outcome = reissue_once(f.client, kRequest, f.ctx);
  EXPECT_EQ(outcome.certificate_id, "Done0001");
  EXPECT_TRUE(outcome.adopted);
  EXPECT_EQ(f.calls("ReplaceCertificate"), 0);
}

// The first answer was lost: the original reads without a reissue, the call is refused as
// already reissued, and the original now names its reissue.
TEST(ReissueOnce, ALostAnswerRefusedOnRepeatFindsItsReissue) {
  int reads = 0;
  Fixture f([&](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "ReplaceCertificate")
      return api_error("FailedOperation.OrderAlreadyReplaced");
    return original(reads++ == 0 ? "" : "Lost0001");
  });
  auto outcome = reissue_once(f.client, kRequest, f.ctx);
  EXPECT_EQ(outcome.certificate_id, "Lost0001");
  EXPECT_TRUE(outcome.adopted);
  EXPECT_EQ(f.calls("ReplaceCertificate"), 1);
}

TEST(ReissueOnce, OtherRefusalsThrowWithTheirFix) {
  Fixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "ReplaceCertificate")
      return api_error("InvalidParameter.RenewAlgorithmInvalid");
    return original("");
  });
  try {
    reissue_once(f.client, kRequest, f.ctx);
    ADD_FAILURE() << "no error";
  } catch (const api::ApiError& e) {
    EXPECT_NE(reissue_refusal_fix(e).find("RSA 2048"), std::string::npos);
  }
  EXPECT_EQ(reissue_refusal_fix(api::ApiError("ReplaceCertificate", "InternalError", "busy", "req",
                                              api::ErrorClass::Final)),
            "");
}

// A cloudssl_free_certificate state/configuration with `attrs` set (everything else null).
Value free_certificate(const std::map<std::string, Value>& attrs) {
  const Type type = framework::implied_type(make_free_certificate_resource()->schema());
  std::map<std::string, Value> fields;
  for (const auto& [name, t] : type.attribute_types()) {
    auto given = attrs.find(name);
    fields.emplace(name, given != attrs.end() ? given->second : Value::null(t));
  }
  return Value::object(type, std::move(fields));
}

TEST(ReissueRequest, MapsTheReissueArgumentsAndDefaultsTheMethod) {
  const Value prior = free_certificate({{"id", Value::string("Orig0001")}});
  auto minimal =
      reissue_request(prior, free_certificate({{"dv_auth_method", Value::string("FILE")}}));
  EXPECT_EQ(minimal.certificate_id, "Orig0001");
  EXPECT_EQ(minimal.valid_type, "FILE");  // dv_auth_method when reissue_dv_auth_method is unset
  EXPECT_EQ(minimal.csr_type, "");
  EXPECT_TRUE(minimal.csr_key_password.empty());

  auto full = reissue_request(
      prior, free_certificate({{"dv_auth_method", Value::string("FILE")},
                               {"reissue_dv_auth_method", Value::string("DNS_AUTO")},
                               {"reissue_csr_type", Value::string("Online")},
                               {"reissue_key_algorithm", Value::string("RSA")},
                               {"reissue_key_parameter", Value::string("2048")},
                               {"reissue_csr_key_password", Value::string("pw")},
                               {"reissue_reason", Value::string("key leaked")}}));
  EXPECT_EQ(full.valid_type, "DNS_AUTO");
  EXPECT_EQ(full.csr_type, "Online");
  EXPECT_EQ(full.cert_csr_encrypt_algo, "RSA");
  EXPECT_EQ(full.cert_csr_key_parameter, "2048");
  EXPECT_EQ(full.csr_key_password.value(), "pw");
  EXPECT_EQ(full.reason, "key leaked");
}

std::string certificate_pem(const std::string& algorithm) {
  return sim::make_self_signed("www.example.com", {}, 1'700'000'000, 90, algorithm).certificate_pem;
}

TEST(ReissueRefusal, SecondReissueNotIssuedAndNotRsa2048AreRefused) {
  const std::map<std::string, Value> issued = {
      {"id", Value::string("Cert0001")},
      {"status", Value::number(1)},
      {"certificate_pem", Value::string(certificate_pem("RSA"))}};
  EXPECT_FALSE(reissue_refusal(free_certificate(issued), "1"));

  auto again = issued;
  again["replaced_by"] = Value::string("Orig0001");
  auto refusal = reissue_refusal(free_certificate(again), "1");
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->detail.find("reissue of certificate Orig0001"), std::string::npos);
  EXPECT_NE(refusal->detail.find("Set reissue back to 1"), std::string::npos);

  auto pending = issued;
  pending["status"] = Value::number(0);
  refusal = reissue_refusal(free_certificate(pending), "2");
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->summary.find("cannot be reissued yet"), std::string::npos);

  auto ecc = issued;
  ecc["certificate_pem"] = Value::string(certificate_pem("ECC"));
  refusal = reissue_refusal(free_certificate(ecc), "3");
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->detail.find("EC_prime256v1"), std::string::npos);

  // A reissue of the original made elsewhere is not a refusal: the plan takes it.
  auto reissued_elsewhere = issued;
  reissued_elsewhere["replaced_for"] = Value::string("Else0001");
  EXPECT_FALSE(reissue_refusal(free_certificate(reissued_elsewhere), "1"));
}

}  // namespace
}  // namespace cloudssl::certificates
