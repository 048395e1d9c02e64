// rotate_content (same-id rotation, rotate_in_place) against a scripted SSL API: the
// UploadUpdateCertificateInstance request and its DeployRecordId-0 "call again"; the run
// statuses of DescribeHostUploadUpdateRecordDetail (seed 004, DeployRecord: 0 waiting,
// 1 deployed, 2 failed, 3 deploying, 4 rolled back, 5 rollback failed) classified as done,
// still running, failed targets kept for UploadUpdateCertificateRecordRetry, or rolled back
// with UploadUpdateCertificateRecordRollback; the private state each outcome leaves.
#include "resources/certificates/content_rotation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using namespace api::testing;
using nlohmann::json;

constexpr std::int64_t kRecord = 4711;

struct RotationFixture : ScriptedSslApi {
  explicit RotationFixture(FakeApiServer::Handler handler) : ScriptedSslApi(std::move(handler)) {
    // A bound on every wait, so that a classification that never ends fails the test instead
    // of hanging it (the scripted waits take a second at most).
    ctx.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  }
  framework::Context ctx;
  framework::PrivateState private_state;
  framework::Diagnostics diags;

  ContentRotation rotation() const {
    ContentRotation r;
    r.certificate_id = "abc12345";
    r.certificate_pem = "-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n";
    r.private_key_pem = SecretString("-----BEGIN PRIVATE KEY-----\nk\n-----END PRIVATE KEY-----\n");
    r.fingerprint_sha256 = "fp-new";
    r.resource_types = {"clb"};
    r.regions = {"ap-guangzhou"};
    return r;
  }

  RotationOutcome run(bool rollback_on_failure = false) {
    ContentRotation r = rotation();
    r.rollback_on_failure = rollback_on_failure;
    return rotate_content(client, r, ctx, private_state, diags);
  }

  // The bodies of the requests to `action`, in order.
  std::vector<json> bodies_of(const std::string& action) const {
    std::vector<json> out;
    for (const auto& r : server.requests())
      if (action_of(r) == action) out.push_back(json::parse(r.body));
    return out;
  }

  std::string error_text() const {
    std::string out;
    for (const auto& d : diags.all())
      if (d.severity == framework::Severity::Error) out += d.summary + "\n" + d.detail + "\n";
    return out;
  }
};

// A listener of the record: item Status 1 updated, 2 failed.
json item(const std::string& listener, int status, const std::string& error = {}) {
  return {{"Id", 1},
          {"Status", status},
          {"ErrorMsg", error},
          {"InstanceId", "lb-1"},
          {"ListenerId", listener},
          {"Region", "ap-guangzhou"},
          {"ResourceType", "clb"}};
}

// One run of the record (Type 0 update, 1 rollback) with its status and items.
json run(int type, int status, std::vector<json> items, int running = 0) {
  const auto count = [&](int status) {
    return std::count_if(items.begin(), items.end(),
                         [&](const json& i) { return i["Status"] == status; });
  };
  const auto succeeded = count(1);
  const auto failed = count(2);
  return {{"Type", type},
          {"Status", status},
          {"TotalCount", items.size()},
          {"SuccessTotalCount", succeeded},
          {"FailedTotalCount", failed},
          {"RunningTotalCount", running},
          {"RecordDetailList", {{{"ResourceType", "clb"}, {"List", items}}}}};
}

Reply detail(std::vector<json> runs) { return ok({{"DeployRecordDetail", std::move(runs)}}); }

Reply created(std::int64_t record) { return ok({{"DeployRecordId", record}, {"DeployStatus", 1}}); }

// Private state as an earlier apply left it: the record of this content, failed or running.
void saved(framework::PrivateState& state, bool failed) {
  state.set("rotation", {{"record", kRecord}, {"fingerprint", "fp-new"}, {"failed", failed}});
}

TEST(ContentRotation, StartsTheRecordAndFollowsItToDeployed) {
  // DeployRecordId 0 means "call again" (creation is asynchronous too); the run then goes
  // 0 waiting, 3 deploying, 1 deployed with targets still running, 1 deployed with none.
  int creations = 0;
  const std::vector<Reply> polls = {
      detail({run(0, 0, {item("lbl-1", 0)})}), detail({run(0, 3, {item("lbl-1", 3)}, 1)}),
      detail({run(0, 1, {item("lbl-1", 1)}, 1)}), detail({run(0, 1, {item("lbl-1", 1)})})};
  std::size_t next = 0;
  RotationFixture f([&](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "UploadUpdateCertificateInstance")
      return created(creations++ ? kRecord : 0);
    return polls.at(std::min(next++, polls.size() - 1));
  });
  const RotationOutcome out = f.run();
  EXPECT_TRUE(out.done) << f.error_text();
  EXPECT_TRUE(out.failed_targets.empty());
  EXPECT_TRUE(f.diags.empty()) << f.error_text();
  EXPECT_EQ(f.calls("UploadUpdateCertificateInstance"), 2);
  EXPECT_EQ(f.calls("DescribeHostUploadUpdateRecordDetail"), 4);
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRetry"), 0);
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRollback"), 0);
  const auto uploads = f.bodies_of("UploadUpdateCertificateInstance");
  EXPECT_EQ(
      uploads.front(),
      (json{{"OldCertificateId", "abc12345"},
            {"ResourceTypes", {"clb"}},
            {"CertificatePublicKey", f.rotation().certificate_pem},
            {"CertificatePrivateKey", f.rotation().private_key_pem.value()},
            {"ResourceTypesRegions", {{{"ResourceType", "clb"}, {"Regions", {"ap-guangzhou"}}}}}}));
  EXPECT_EQ(uploads.back(), uploads.front());  // the same request, called again
  for (const auto& body : f.bodies_of("DescribeHostUploadUpdateRecordDetail"))
    EXPECT_EQ(body.at("DeployRecordId"), kRecord);
  EXPECT_TRUE(f.private_state.empty()) << f.private_state.serialize();  // done: nothing kept
}

TEST(ContentRotation, FailedTargetsAreKeptForARetryOnTheSameRecord) {
  RotationFixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "UploadUpdateCertificateInstance") return created(kRecord);
    return detail({run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2, "listener busy")})});
  });
  const RotationOutcome out = f.run();
  EXPECT_FALSE(out.done);
  EXPECT_EQ(out.failed_targets,
            std::vector<std::string>{"clb lb-1/lbl-bad (ap-guangzhou): listener busy"});
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("1 target(s) of certificate abc12345 did not get the new content"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("UploadUpdateCertificateRecordRetry"), std::string::npos) << errors;
  EXPECT_NE(errors.find("rotate_in_place_on_failure = \"rollback\""), std::string::npos) << errors;
  EXPECT_TRUE(rotation_awaits_retry(f.private_state, "fp-new"));
  EXPECT_FALSE(rotation_awaits_retry(f.private_state, "fp-other"));  // other content: afresh
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRollback"), 0);
}

TEST(ContentRotation, TheNextApplyRetriesTheFailedTargets) {
  RotationFixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "UploadUpdateCertificateRecordRetry") return ok(json::object());
    return detail({run(0, 1, {item("lbl-ok", 1), item("lbl-bad", 1)})});
  });
  saved(f.private_state, true);
  const RotationOutcome out = f.run();
  EXPECT_TRUE(out.done) << f.error_text();
  EXPECT_EQ(f.calls("UploadUpdateCertificateInstance"), 0);  // no new record
  ASSERT_EQ(f.calls("UploadUpdateCertificateRecordRetry"), 1);
  // Seed 004, UploadUpdateCertificateRecordRetry: DeployRecordId retries every failed item.
  EXPECT_EQ(f.bodies_of("UploadUpdateCertificateRecordRetry").front(),
            (json{{"DeployRecordId", kRecord}}));
  EXPECT_TRUE(f.private_state.empty());
}

TEST(ContentRotation, ARetryWithNothingFailedAnyMoreLooksAtTheRecord) {
  // CertificateDeployRetryStatusInvalid: the record has no failed item any more (someone
  // retried in the console); the record decides.
  RotationFixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "UploadUpdateCertificateRecordRetry")
      return api_error("FailedOperation.CertificateDeployRetryStatusInvalid");
    return detail({run(0, 1, {item("lbl-1", 1)})});
  });
  saved(f.private_state, true);
  EXPECT_TRUE(f.run().done) << f.error_text();
  EXPECT_EQ(f.calls("DescribeHostUploadUpdateRecordDetail"), 1);
}

TEST(ContentRotation, ARecordStillRunningIsResumedNotRestarted) {
  RotationFixture f(
      [](const RecordedRequest&, int) -> Reply { return detail({run(0, 1, {item("lbl-1", 1)})}); });
  saved(f.private_state, false);
  EXPECT_TRUE(f.run().done) << f.error_text();
  EXPECT_EQ(f.calls("UploadUpdateCertificateInstance"), 0);
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRetry"), 0);
}

TEST(ContentRotation, AFailedRunWithoutFailedTargetsStartsAfreshNextTime) {
  RotationFixture f([](const RecordedRequest& r, int) -> Reply {
    if (action_of(r) == "UploadUpdateCertificateInstance") return created(kRecord);
    return detail({run(0, 2, {})});
  });
  const RotationOutcome out = f.run();
  EXPECT_FALSE(out.done);
  EXPECT_TRUE(out.failed_targets.empty());
  EXPECT_NE(f.error_text().find("Rotating certificate abc12345 in place failed"), std::string::npos)
      << f.error_text();
  EXPECT_TRUE(f.private_state.empty());  // nothing to retry
}

TEST(ContentRotation, ARunTheApiRolledBackIsAFailureWithNothingToRetry) {
  // Status 4 (rolled back) and 5 (rollback failed) on the update itself: the API already
  // undid it, so no retry is kept and no rollback is sent, even with rollback_on_failure.
  for (const int status : {4, 5}) {
    for (const bool rollback_on_failure : {false, true}) {
      RotationFixture f([&](const RecordedRequest& r, int) -> Reply {
        if (action_of(r) == "UploadUpdateCertificateInstance") return created(kRecord);
        return detail({run(0, status, {item("lbl-1", 2, "gone")})});
      });
      const RotationOutcome out = f.run(rollback_on_failure);
      EXPECT_FALSE(out.done);
      EXPECT_TRUE(out.failed_targets.empty()) << status;
      EXPECT_NE(f.error_text().find("the update was rolled back"), std::string::npos)
          << status << f.error_text();
      EXPECT_TRUE(f.private_state.empty()) << status;
      EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRollback"), 0) << status;
    }
  }
}

TEST(ContentRotation, RollbackOnFailurePutsTheUpdatedTargetsBack) {
  // After the failed run, the rollback run (Type 1) is not listed at once; then it runs (3)
  // and ends rolled back (4).
  std::vector<Reply> after_rollback = {
      detail({run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2, "busy")})}),
      detail({run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2)}), run(1, 3, {item("lbl-ok", 3)})}),
      detail({run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2)}), run(1, 4, {item("lbl-ok", 1)})})};
  std::size_t next = 0;
  bool rolled = false;
  RotationFixture f([&](const RecordedRequest& r, int) -> Reply {
    const std::string action = action_of(r);
    if (action == "UploadUpdateCertificateInstance") return created(kRecord);
    if (action == "UploadUpdateCertificateRecordRollback") {
      rolled = true;
      return ok(json::object());
    }
    if (!rolled) return detail({run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2, "busy")})});
    return after_rollback.at(std::min(next++, after_rollback.size() - 1));
  });
  const RotationOutcome out = f.run(true);
  EXPECT_FALSE(out.done);
  ASSERT_EQ(f.calls("UploadUpdateCertificateRecordRollback"), 1);
  // Seed 004, UploadUpdateCertificateRecordRollback: DeployRecordId (required).
  EXPECT_EQ(f.bodies_of("UploadUpdateCertificateRecordRollback").front(),
            (json{{"DeployRecordId", kRecord}}));
  EXPECT_EQ(f.calls("DescribeHostUploadUpdateRecordDetail"), 4);  // 1 update + 3 rollback polls
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("failed and was rolled back"), std::string::npos) << errors;
  EXPECT_NE(errors.find("clb lb-1/lbl-bad (ap-guangzhou): busy"), std::string::npos) << errors;
  EXPECT_NE(errors.find("were put back on the old content"), std::string::npos) << errors;
  EXPECT_TRUE(f.private_state.empty());  // the next apply starts a new rotation
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRetry"), 0);
}

TEST(ContentRotation, AFailedRollbackSaysToCheckTheTargets) {
  bool rolled = false;
  RotationFixture f([&](const RecordedRequest& r, int) -> Reply {
    const std::string action = action_of(r);
    if (action == "UploadUpdateCertificateInstance") return created(kRecord);
    const json update = run(0, 2, {item("lbl-ok", 1), item("lbl-bad", 2)});
    if (action == "UploadUpdateCertificateRecordRollback") {
      rolled = true;
      return ok(json::object());
    }
    if (!rolled) return detail({update});
    return detail({update, run(1, 5, {item("lbl-ok", 2)})});  // rollback failed
  });
  f.run(true);
  EXPECT_EQ(f.calls("UploadUpdateCertificateRecordRollback"), 1);
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("failed and was rolled back"), std::string::npos) << errors;
  EXPECT_NE(errors.find("Rolling back the targets already updated did not finish"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("check them in the console"), std::string::npos) << errors;
  EXPECT_TRUE(f.private_state.empty());
}

TEST(ContentRotation, NothingToRollBackWhenEveryTargetFailed) {
  RotationFixture f([](const RecordedRequest& r, int) -> Reply {
    const std::string action = action_of(r);
    if (action == "UploadUpdateCertificateInstance") return created(kRecord);
    if (action == "UploadUpdateCertificateRecordRollback")
      return api_error("FailedOperation.CertificateDeployRollbackStatusInvalid");
    return detail({run(0, 2, {item("lbl-bad", 2, "busy")})});
  });
  f.run(true);
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("Nothing was updated, so nothing was rolled back"), std::string::npos)
      << errors;
  EXPECT_EQ(f.calls("DescribeHostUploadUpdateRecordDetail"), 1);  // no rollback to wait for
  EXPECT_TRUE(f.private_state.empty());
}

TEST(ContentRotation, ATimeoutKeepsTheRecordForTheNextApply) {
  // The deadline has passed: the poller gives up before asking (deterministic, no wait).
  RotationFixture f([](const RecordedRequest&, int) -> Reply {
    return detail({run(0, 3, {item("lbl-1", 3)}, 1)});
  });
  saved(f.private_state, false);
  f.ctx.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  const RotationOutcome out = f.run();
  EXPECT_FALSE(out.done);
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("Timed out rotating certificate abc12345 in place"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("record 4711"), std::string::npos) << errors;
  EXPECT_NE(errors.find("resumes waiting for the same record"), std::string::npos) << errors;
  EXPECT_FALSE(f.private_state.empty());
  EXPECT_FALSE(rotation_awaits_retry(f.private_state, "fp-new"));  // resumed, not retried
}

TEST(ContentRotation, CancellationKeepsTheRecordForTheNextApply) {
  // StopProvider came first: the poller gives up before asking.
  RotationFixture f([](const RecordedRequest&, int) -> Reply {
    return detail({run(0, 3, {item("lbl-1", 3)}, 1)});
  });
  saved(f.private_state, false);
  f.ctx.cancel.cancel();
  EXPECT_FALSE(f.run().done);
  const std::string errors = f.error_text();
  EXPECT_NE(errors.find("Rotating certificate abc12345 in place was interrupted"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("the next apply resumes waiting for it"), std::string::npos) << errors;
  EXPECT_FALSE(f.private_state.empty());
}

}  // namespace
}  // namespace cloudssl::certificates
