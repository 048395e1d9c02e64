// cloudssl_certificate_revocation's create against a scripted SSL API: a revocation refused
// because the certificate is still bound (RevokeResourceFailed) names the bound resources; a
// certificate already being revoked (9) or revoked (10) is adopted with the records
// DescribeCertificate shows, never revoked twice; a wait that ends in another status or at the
// deadline is an error on certificate_id that says what to do.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "resources/certificates/factories.h"
#include "resources/common/provider_data.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::certificates {
namespace {

using api::testing::RecordedRequest;
using api::testing::Reply;
using codec::Path;
using codec::Value;
using nlohmann::json;

constexpr const char* kId = "Abc12345";

// DescribeCertificate's answer: the status and, while revoking, the revocation records.
Reply certificate(int status, bool with_records = false, const std::string& status_msg = {}) {
  json c = {{"CertificateId", kId}, {"Status", status}, {"From", "trustasia"}};
  if (!status_msg.empty()) c["StatusMsg"] = status_msg;
  if (with_records)
    c["DvRevokeAuthDetail"] = {{{"DvAuthKey", "_revoke.www.example.com"},
                                {"DvAuthValue", "adopted-value"},
                                {"DvAuthDomain", "www.example.com"},
                                {"DvAuthPath", ""}}};
  return api::testing::ok(c);
}

Reply revoked_with_records() {
  return api::testing::ok({{"RevokeDomainValidateAuths",
                            {{{"DomainValidateAuthPath", ""},
                              {"DomainValidateAuthKey", "_revoke.www.example.com"},
                              {"DomainValidateAuthValue", "fresh-value"},
                              {"DomainValidateAuthDomain", "www.example.com"}}}}});
}

class RevocationCreate : public testing::PlanHarness {
 protected:
  // The provider's client goes before the server it talks to: a server stopped while a client
  // keeps its connection alive waits out the keep-alive timeout (5 s).
  ~RevocationCreate() override { ctx_.provider_data.reset(); }

  RevocationCreate() : PlanHarness(make_certificate_revocation_resource()) {
    // A bound on the wait, so that a status classified wrongly fails the test, not hangs it.
    ctx_.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  }

  // Serves `handler` to the resource as the configured provider's SSL API.
  void serve(api::testing::FakeApiServer::Handler handler) {
    ctx_.provider_data.reset();  // its client first: see the destructor
    api_ = std::make_unique<api::testing::ScriptedSslApi>(std::move(handler));
    auto data = std::make_shared<common::ProviderData>();
    data->tencent.ssl = std::make_shared<api::Client>(api::testing::ssl_client_for(api_->server));
    ctx_.provider_data = data;
  }

  // Plans (with no API: the plan-time check is skipped) then creates.
  Value create(bool wait = true) {
    const Value cfg = config({{"certificate_id", Value::string(kId)},
                              {"reason", Value::string("key leaked")},
                              {"wait_for_revocation", Value::boolean(wait)}});
    auto provider_data = std::move(ctx_.provider_data);
    ctx_.provider_data.reset();
    const Value planned = plan(cfg).planned;
    EXPECT_FALSE(diags_.has_errors());
    ctx_.provider_data = std::move(provider_data);
    diags_ = framework::Diagnostics();
    framework::PrivateState private_state;
    return resource_->create({planned, cfg, private_state, ctx_}, diags_);
  }

  int calls(const std::string& action) const { return api_->calls(action); }

  // The one error, which must be on certificate_id.
  const framework::Diagnostic& the_error() const {
    static const framework::Diagnostic none{};
    EXPECT_EQ(diags_.all().size(), 1u);
    const auto* e = error_at("certificate_id");
    EXPECT_NE(e, nullptr) << (diags_.empty() ? "no diagnostics" : diags_.all().front().summary);
    return e ? *e : none;
  }

  std::unique_ptr<api::testing::ScriptedSslApi> api_;
};

TEST_F(RevocationCreate, ABoundCertificateIsRefusedNamingWhatUsesIt) {
  serve([](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return certificate(1);
    if (action == "RevokeCertificate")
      return api::testing::api_error("FailedOperation.RevokeResourceFailed");
    if (action == "CreateCertificateBindResourceSyncTask")
      return api::testing::ok({{"CertTaskIds", {{{"CertId", kId}, {"TaskId", "task-1"}}}}});
    return api::testing::ok(
        {{"Status", 1},
         {"CLB",
          {{{"Region", "ap-guangzhou"},
            {"InstanceList",
             {{{"LoadBalancerId", "lb-1"}, {"Listeners", {{{"ListenerId", "lbl-1"}}}}}}}}}},
         {"CDN", {{{"InstanceList", {{{"Domain", "cdn.example.com"}}}}, {"TotalCount", 3}}}}});
  });
  const Value state = create();
  EXPECT_TRUE(state.is_null());
  const auto& e = the_error();
  EXPECT_EQ(e.summary, "Certificate Abc12345 is still bound to cloud resources");
  for (const char* part :
       {"(RevokeResourceFailed)", "Bound resources:", "- clb lb-1/lbl-1 (ap-guangzhou)",
        "- cdn cdn.example.com", "(and 2 more not listed)", "cloudssl_certificate_replacement"})
    EXPECT_NE(e.detail.find(part), std::string::npos) << part << " in:\n" << e.detail;
  EXPECT_EQ(calls("DescribeCertificateBindResourceTaskDetail"), 1);
}

TEST_F(RevocationCreate, ABoundCertificateWhoseResourcesCannotBeListedSaysWhy) {
  serve([](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return certificate(1);
    if (action == "RevokeCertificate")
      return api::testing::api_error("FailedOperation.RevokeResourceFailed");
    return api::testing::api_error("FailedOperation.RoleNotFoundAuthorization", "req-bind");
  });
  EXPECT_TRUE(create().is_null());
  const auto& e = the_error();
  EXPECT_NE(e.detail.find("(The bound resources could not be listed: "
                          "FailedOperation.RoleNotFoundAuthorization"),
            std::string::npos)
      << e.detail;
  EXPECT_NE(e.detail.find("Move them to another certificate first"), std::string::npos) << e.detail;
}

TEST_F(RevocationCreate, ACertificateBeingRevokedIsAdoptedAndWaitedFor) {
  int reads = 0;
  serve([&](const RecordedRequest&, int) -> Reply {
    return certificate(reads++ == 0 ? 9 : 10, true);  // then revoked
  });
  const Value state = create();
  EXPECT_TRUE(diags_.empty()) << diags_.all().front().detail;
  EXPECT_EQ(calls("RevokeCertificate"), 0);  // never revoked twice
  EXPECT_EQ(calls("DescribeCertificate"), 2);
  EXPECT_TRUE(state.at("status") == Value::number(10));
  EXPECT_EQ(state.get_string("id"), kId);
  const Value& records = state.at("validation_records");
  ASSERT_EQ(records.length(), 1u);
  EXPECT_EQ(records.elements()[0].get_string("key"), "_revoke.www.example.com");
  EXPECT_EQ(records.elements()[0].get_string("value"), "adopted-value");
}

TEST_F(RevocationCreate, ARevokedCertificateIsAdoptedWithoutWaiting) {
  serve([](const RecordedRequest&, int) -> Reply { return certificate(10); });
  const Value state = create();
  EXPECT_TRUE(diags_.empty());
  EXPECT_EQ(calls("RevokeCertificate"), 0);
  EXPECT_EQ(calls("DescribeCertificate"), 1);
  EXPECT_TRUE(state.at("status") == Value::number(10));
  EXPECT_EQ(state.at("validation_records").length(), 0u);
}

TEST_F(RevocationCreate, RevokesWithTheReasonAndReturnsAtOnceWithoutWaiting) {
  serve([](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) == "RevokeCertificate") return revoked_with_records();
    return certificate(1);
  });
  const Value state = create(false);
  EXPECT_TRUE(diags_.empty());
  ASSERT_EQ(calls("RevokeCertificate"), 1);
  EXPECT_EQ(calls("DescribeCertificate"), 1);  // no wait
  const auto bodies = api::testing::request_bodies(api_->server);
  EXPECT_EQ(bodies.at(1), (json{{"CertificateId", kId}, {"Reason", "key leaked"}}));
  EXPECT_TRUE(state.at("status") == Value::number(9));
  ASSERT_EQ(state.at("validation_records").length(), 1u);
  EXPECT_EQ(state.at("validation_records").elements()[0].get_string("value"), "fresh-value");
}

TEST_F(RevocationCreate, AWaitEndingInAnotherStatusIsAnErrorWithThatStatus) {
  // The CA turned the revocation down (back to 1, with its message): no state is kept.
  int reads = 0;
  serve([&](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) == "RevokeCertificate") return revoked_with_records();
    return reads++ == 0 ? certificate(1) : certificate(1, false, "CA says no");
  });
  EXPECT_TRUE(create().is_null());
  const auto& e = the_error();
  EXPECT_EQ(e.summary, "Certificate Abc12345 was not revoked");
  EXPECT_NE(e.detail.find("CA says no"), std::string::npos) << e.detail;
}

TEST_F(RevocationCreate, ARevocationWaitingForItsLetterIsKeptAndSaysWhereToUploadIt) {
  // The CA wants the revocation letter (12): the revocation was requested, so the state is
  // kept (the next apply adopts it), and the error says what to do where.
  int reads = 0;
  serve([&](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) == "RevokeCertificate") return revoked_with_records();
    return reads++ == 0 ? certificate(1) : certificate(12, false);
  });
  const Value state = create();
  ASSERT_FALSE(state.is_null());
  EXPECT_TRUE(state.at("status") == Value::number(12));
  const auto& e = the_error();
  EXPECT_EQ(e.summary, "Certificate Abc12345 needs action: it is waiting for a revocation letter");
  EXPECT_NE(e.detail.find("(status 12)"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("UploadRevokeLetter is no longer maintained"), std::string::npos)
      << e.detail;
}

TEST_F(RevocationCreate, ATimeoutKeepsTheRevocationAndListsTheRecordsToPublish) {
  serve([this](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) != "RevokeCertificate") return certificate(1);
    // The deadline passes while the API accepts the revocation. Written before the answer is
    // sent; create reads it only once the answer arrived.
    ctx_.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    return revoked_with_records();
  });
  const Value state = create();
  // Kept, so that the next apply adopts the revocation in progress.
  ASSERT_FALSE(state.is_null());
  EXPECT_TRUE(state.at("status") == Value::number(9));
  EXPECT_EQ(state.at("validation_records").length(), 1u);
  const auto& e = the_error();
  EXPECT_EQ(e.summary, "Timed out waiting for certificate Abc12345 to be revoked");
  for (const char* part : {"Still being revoked at the deadline (timeouts.create)",
                           "Publish the revocation validation records:",
                           "www.example.com: TXT _revoke.www.example.com = fresh-value",
                           "set wait_for_revocation = false"})
    EXPECT_NE(e.detail.find(part), std::string::npos) << part << " in:\n" << e.detail;
}

}  // namespace
}  // namespace cloudssl::certificates
