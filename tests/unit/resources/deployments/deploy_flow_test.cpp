// The per-type deployment flow against a scripted API: already-bound targets are skipped,
// DeployStatus 0 is waited out before our task, failures carry the API's message and are
// retried in their record, a carried record is resumed without a new task, and StopProvider
// ends the wait leaving the record id behind.
#include "resources/deployments/deploy_flow.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::deployments {
namespace {

using namespace api::testing;
using nlohmann::json;

constexpr const char* kCert = "CERT0001";
constexpr const char* kRegion = "ap-guangzhou";

api::tencent::ClientConfig config_for(const FakeApiServer& server) {
  api::tencent::ClientConfig config;
  config.credentials = {"AKIDTEST", "test-secret-key", ""};
  config.endpoint = server.endpoint();
  config.max_retries = 2;
  return config;
}

framework::Block clb_block() { return target_block(*find_kind("clb")).block; }

Target clb(const std::string& listener) {
  return {"clb", codec::Value::object(framework::implied_type(clb_block()),
                                      {{"load_balancer_id", codec::Value::string("lb-1")},
                                       {"listener_id", codec::Value::string(listener)}})};
}

json listing(std::map<std::string, std::string> listener_certs) {
  json listeners = json::array();
  for (const auto& [id, cert] : listener_certs)
    listeners.push_back(
        {{"ListenerId", id}, {"SniSwitch", 0}, {"Certificate", {{"CertId", cert}}}});
  return {{"TotalCount", 1},
          {"InstanceList", {{{"LoadBalancerId", "lb-1"}, {"Listeners", listeners}}}}};
}

json item(std::int64_t id, const std::string& listener, int status, const std::string& error = "") {
  return {
      {"Id", id},          {"InstanceId", "lb-1"}, {"ListenerId", listener},  {"Status", status},
      {"ErrorMsg", error}, {"Port", "0"},          {"Domains", json::array()}};
}

json detail(std::vector<json> items) {
  int success = 0, failed = 0, running = 0;
  for (const auto& i : items) {
    int s = i["Status"];
    (s == 1 ? success : s == 2 ? failed : running)++;
  }
  return {{"TotalCount", items.size()},
          {"SuccessTotalCount", success},
          {"FailedTotalCount", failed},
          {"RunningTotalCount", running},
          {"DeployRecordDetailList", items}};
}

std::string action(const RecordedRequest& r) { return r.headers.at("x-tc-action"); }

struct Fixture {
  framework::Context ctx;
  DeployLocks locks;
  PollSettings fast{std::chrono::milliseconds(1), std::chrono::milliseconds(2), 1.5, 3};

  TypeOutcome run(FakeApiServer& server, const std::vector<Target>& targets,
                  const Carried& carried = {}) {
    api::Client client = api::tencent::make_client(api::tencent::kSslApi, config_for(server));
    DeploySession session{client, locks, ctx, kCert, kRegion, fast};
    return deploy_type(session, "clb", targets, carried);
  }
};

std::vector<std::string> actions(const FakeApiServer& server) {
  std::vector<std::string> out;
  for (const auto& r : server.requests()) out.push_back(action(r));
  return out;
}

TEST(DeployFlow, SkipsTargetsThatHoldTheCertificateAndDeploysTheRest) {
  std::atomic<int> polls{0};
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    const auto a = action(r);
    if (a == "DescribeHostClbInstanceList") {
      EXPECT_EQ(json::parse(r.body)["IsCache"], 0);  // drift needs the truth
      return ok(listing({{"lbl-a", kCert}, {"lbl-b", ""}}));
    }
    if (a == "DeployCertificateInstance") {
      auto body = json::parse(r.body);
      EXPECT_EQ(body["InstanceIdList"], json::array({"lb-1|lbl-b"}));
      EXPECT_EQ(body["ResourceType"], "clb");
      EXPECT_EQ(r.headers.at("x-tc-region"), kRegion);
      return ok({{"DeployRecordId", 7}, {"DeployStatus", 1}});
    }
    if (a == "DescribeHostDeployRecordDetail") {
      EXPECT_EQ(json::parse(r.body)["DeployRecordId"], "7");  // a String on this action
      return ok(detail({item(70, "lbl-b", ++polls < 2 ? 3 : 1)}));
    }
    return api::testing::api_error("InvalidAction");
  });
  Fixture f;
  auto out = f.run(server, {clb("lbl-a"), clb("lbl-b")});
  ASSERT_EQ(out.results.size(), 2u);
  EXPECT_FALSE(out.interrupted);
  EXPECT_EQ(out.results[0].state, TargetState::Deployed);
  EXPECT_EQ(out.results[0].record_id, 0);  // it already held the certificate
  EXPECT_EQ(out.results[1].state, TargetState::Deployed);
  EXPECT_EQ(out.results[1].record_id, 7);
  EXPECT_EQ(out.results[1].detail_id, 70);
  EXPECT_EQ(out.record_id, 7);
  EXPECT_GE(polls.load(), 2);  // polled until no item was running
}

TEST(DeployFlow, NothingToDoWhenEveryTargetHoldsTheCertificate) {
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    if (action(r) == "DescribeHostClbInstanceList") return ok(listing({{"lbl-a", kCert}}));
    return api::testing::api_error("FailedOperation.CertificateNotDeployInstance");
  });
  Fixture f;
  auto out = f.run(server, {clb("lbl-a")});
  EXPECT_EQ(out.results[0].state, TargetState::Deployed);
  EXPECT_EQ(actions(server), std::vector<std::string>{"DescribeHostClbInstanceList"});
}

TEST(DeployFlow, DeployStatusZeroWaitsForTheRunningTaskThenIssuesOurs) {
  std::atomic<int> deploys{0};
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    const auto a = action(r);
    if (a == "DescribeHostClbInstanceList") return ok(listing({{"lbl-a", ""}}));
    if (a == "DeployCertificateInstance")
      return ++deploys == 1 ? ok({{"DeployRecordId", 5}, {"DeployStatus", 0}})
                            : ok({{"DeployRecordId", 6}, {"DeployStatus", 1}});
    if (a == "DescribeHostDeployRecordDetail") {
      auto id = json::parse(r.body)["DeployRecordId"].get<std::string>();
      if (id == "5") return ok(detail({item(50, "lbl-other", 1)}));  // someone else's task
      return ok(detail({item(60, "lbl-a", 1)}));
    }
    return api::testing::api_error("InvalidAction");
  });
  Fixture f;
  auto out = f.run(server, {clb("lbl-a")});
  EXPECT_EQ(deploys.load(), 2);
  EXPECT_EQ(out.results[0].state, TargetState::Deployed);
  EXPECT_EQ(out.results[0].record_id, 6);
}

TEST(DeployFlow, FailureCarriesTheApiMessageAndIsRetriedInItsRecord) {
  std::atomic<bool> retried{false};
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    const auto a = action(r);
    if (a == "DescribeHostClbInstanceList")
      return ok(listing({{"lbl-a", retried ? kCert : ""}, {"lbl-b", ""}}));
    if (a == "DeployCertificateInstance") return ok({{"DeployRecordId", 8}, {"DeployStatus", 1}});
    if (a == "DeployCertificateRecordRetry") {
      auto body = json::parse(r.body);
      EXPECT_EQ(body["DeployRecordDetailId"], 82);
      retried = true;
      return ok(json::object());
    }
    if (a == "DescribeHostDeployRecordDetail") {
      if (!retried)
        return ok(detail({item(81, "lbl-a", 1), item(82, "lbl-b", 2, "listener busy")}));
      return ok(detail({item(81, "lbl-a", 1), item(82, "lbl-b", 1)}));
    }
    return api::testing::api_error("InvalidAction");
  });
  Fixture f;
  auto first = f.run(server, {clb("lbl-a"), clb("lbl-b")});
  EXPECT_EQ(first.results[0].state, TargetState::Deployed);
  ASSERT_EQ(first.results[1].state, TargetState::Failed);
  EXPECT_EQ(first.results[1].message, "listener busy");
  EXPECT_EQ(first.results[1].detail_id, 82);

  Carried carried;
  carried.failed[target_key(clb("lbl-b"), kRegion)] = {8, 82};
  const auto before = server.count();
  auto second = f.run(server, {clb("lbl-b")}, carried);
  EXPECT_EQ(second.results[0].state, TargetState::Deployed);
  EXPECT_EQ(second.results[0].record_id, 8);
  auto all = actions(server);
  std::vector<std::string> later(all.begin() + static_cast<long>(before), all.end());
  EXPECT_EQ(std::count(later.begin(), later.end(), "DeployCertificateInstance"), 0);
  EXPECT_EQ(std::count(later.begin(), later.end(), "DeployCertificateRecordRetry"), 1);
}

TEST(DeployFlow, CreationRefusalFailsEachTargetWithTheApiReason) {
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    if (action(r) == "DescribeHostClbInstanceList") return ok(listing({{"lbl-a", ""}}));
    return api::testing::api_error("FailedOperation.CertificateNotDeployInstance");
  });
  Fixture f;
  auto out = f.run(server, {clb("lbl-a")});
  ASSERT_EQ(out.results[0].state, TargetState::Failed);
  EXPECT_NE(out.results[0].message.find("FailedOperation.CertificateNotDeployInstance"),
            std::string::npos);
}

TEST(DeployFlow, ResumesACarriedRecordInsteadOfDeployingAgain) {
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    if (action(r) == "DescribeHostDeployRecordDetail") {
      EXPECT_EQ(json::parse(r.body)["DeployRecordId"], "9");
      return ok(detail({item(90, "lbl-a", 1)}));
    }
    return api::testing::api_error("InvalidAction");
  });
  Fixture f;
  Carried carried;
  carried.running_record_id = 9;
  auto out = f.run(server, {clb("lbl-a")}, carried);
  EXPECT_EQ(out.results[0].state, TargetState::Deployed);
  EXPECT_EQ(out.results[0].record_id, 9);
  EXPECT_EQ(actions(server), std::vector<std::string>{"DescribeHostDeployRecordDetail"});
}

TEST(DeployFlow, StopProviderEndsTheWaitAndKeepsTheRecordId) {
  Fixture f;
  FakeApiServer server([&](const RecordedRequest& r, int) -> Reply {
    const auto a = action(r);
    if (a == "DescribeHostClbInstanceList") return ok(listing({{"lbl-a", ""}}));
    if (a == "DeployCertificateInstance") return ok({{"DeployRecordId", 11}, {"DeployStatus", 1}});
    if (a == "DescribeHostDeployRecordDetail") {
      f.ctx.cancel.cancel();  // StopProvider arrives while the task runs
      return ok(detail({item(110, "lbl-a", 3)}));
    }
    return api::testing::api_error("InvalidAction");
  });
  f.fast.first_interval = std::chrono::milliseconds(50);
  auto out = f.run(server, {clb("lbl-a")});
  EXPECT_TRUE(out.interrupted);
  EXPECT_TRUE(out.cancelled);
  EXPECT_EQ(out.results[0].state, TargetState::Pending);
  EXPECT_EQ(out.results[0].record_id, 11);
}

TEST(DeployFlow, AnotherHolderOfTheLockIsWaitedFor) {
  FakeApiServer server([&](const RecordedRequest&, int) -> Reply {
    return api::testing::api_error("InvalidAction");
  });
  Fixture f;
  auto held = f.locks.acquire(kCert, "clb", f.ctx.cancel);
  f.ctx.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(30);
  auto out = f.run(server, {clb("lbl-a")});
  EXPECT_TRUE(out.interrupted);
  EXPECT_FALSE(out.cancelled);
  EXPECT_EQ(server.count(), 0u);  // nothing was sent while another apply held the pair
}

}  // namespace
}  // namespace cloudssl::deployments
