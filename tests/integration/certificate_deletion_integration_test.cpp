// delete_certificate_checked (resources/certificates/certificate_deletion.h) against cloudssl-sim,
// in both service-role states: a certificate already gone counts as deleted (also when its
// delete task lost the race to another delete); an unused one is deleted through the checked
// task, or, without the role, after the bound-resource query found nothing; a bound one is
// never deleted (the simulator, like the API, would delete it on a plain DeleteCertificate)
// unless force_delete; one whose bindings cannot be checked is refused. Concurrent deletes
// share their task polls.
#include <gtest/gtest.h>

#include <thread>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "resources/certificates/certificate_deletion.h"
#include "resources/certificates/delete_task_polls.h"
#include "tests/support/simulator_client.h"

namespace cloudssl::certificates {
namespace {

using namespace std::chrono_literals;
using testing::SimulatorProcess;

class CertificateDeletion : public ::testing::Test {
 protected:
  CertificateDeletion()
      : client_(api::tencent::make_client(api::tencent::kSslApi,
                                          testing::simulator_client_config(sim_))) {
    ctx_.deadline = std::chrono::steady_clock::now() + 60s;
    // A CDN domain a certificate can be bound to.
    sim_.seed_cdn_domain("cdn.example.com");
  }
  std::string seeded() {
    return sim_
        .admin("POST", "/seed",
               {{"certificates", {{{"Generate", {{"Domain", "gone.example.com"}, {"Days", 90}}}}}}})
        .at("certificates")
        .at(0)
        .get<std::string>();
  }
  bool exists(const std::string& id) {
    try {
      sim_.admin("GET", "/certificates/" + id);
      return true;
    } catch (const std::runtime_error&) {
      return false;
    }
  }
  int calls(const std::string& action) { return sim_.calls(action); }
  void bind_cdn(const std::string& id) { sim_.bind("cdn", "cdn.example.com", id); }
  void config(const nlohmann::json& patch) { sim_.admin("POST", "/tasks/config", patch); }
  // The service role is revoked while the checked delete's task is pending: the task ends
  // in status 3.
  void revoke_role_during_the_delete_task() {
    sim_.admin("POST", "/faults",
               {{"rules",
                 {{{"action", "DescribeDeleteCertificatesTaskResult"},
                   {"count", 1},
                   {"settings", {{"service_role", false}}}}}}});
  }
  // delete_certificate_checked on `id`; its diagnostics.
  framework::Diagnostics delete_checked(const std::string& id,
                                        const certificates::CertificateDeletion& how = {}) {
    framework::Diagnostics d;
    delete_certificate_checked(client_, id, ctx_, d, how);
    return d;
  }
  // A refusal because `id` is bound to the seeded CDN domain: it says so and names the
  // domain, the certificate stays, and only the refused checked delete was sent.
  void expect_refused_as_bound_to_cdn(const framework::Diagnostics& d, const std::string& id) {
    EXPECT_TRUE(mentions(d, "still bound to cloud resources")) << summaries(d);
    EXPECT_TRUE(mentions(d, "cdn cdn.example.com")) << summaries(d);
    EXPECT_TRUE(exists(id));
    EXPECT_EQ(calls("DeleteCertificate"), 1);
  }
  // Waits (bounded) until the simulator answered `action` at least `n` times.
  bool wait_for_calls(const std::string& action, int n) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (calls(action) >= n) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }
  static bool mentions(const framework::Diagnostics& d, const std::string& text) {
    return summaries(d).find(text) != std::string::npos;
  }
  static std::string summaries(const framework::Diagnostics& d) {
    std::string out;
    for (const auto& x : d.all()) out += x.summary + ": " + x.detail + "\n";
    return out;
  }

  SimulatorProcess sim_;
  api::Client client_;
  framework::Context ctx_;
};

TEST_F(CertificateDeletion, AnExistingCertificateIsDeletedThroughTheCheckedTask) {
  const std::string id = seeded();
  const framework::Diagnostics d = delete_checked(id);
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_FALSE(exists(id));
  EXPECT_GE(calls("DescribeDeleteCertificatesTaskResult"), 1);
}

TEST_F(CertificateDeletion, ACertificateAlreadyGoneIsSuccess) {
  const std::string id = seeded();
  sim_.admin("DELETE", "/certificates/" + id);  // deleted in the console meanwhile
  framework::Diagnostics d;
  EXPECT_NO_THROW(d = delete_checked(id));
  EXPECT_TRUE(d.all().empty()) << summaries(d);
  EXPECT_EQ(calls("DeleteCertificate"), 1);  // answered CertificateNotFound, not retried
}

TEST_F(CertificateDeletion, ACertificateGoneWithoutTheServiceRoleIsSuccess) {
  const std::string id = seeded();
  config({{"service_role", false}});
  sim_.admin("DELETE", "/certificates/" + id);
  framework::Diagnostics d;
  EXPECT_NO_THROW(d = delete_checked(id));
  EXPECT_FALSE(d.has_errors()) << summaries(d);
}

// Role present: the checked task ends in status 4 and the refusal lists what uses the
// certificate — from the bound-resource query, not the task's Domains (the certificate's own
// domains).
TEST_F(CertificateDeletion, RolePresentABoundCertificateIsRefusedWithWhatUsesIt) {
  const std::string id = seeded();
  bind_cdn(id);
  const framework::Diagnostics d = delete_checked(id);
  ASSERT_TRUE(d.has_errors()) << summaries(d);
  expect_refused_as_bound_to_cdn(d, id);
  EXPECT_FALSE(mentions(d, "gone.example.com")) << summaries(d);
  EXPECT_GE(calls("DescribeDeleteCertificatesTaskResult"), 1);
}

// Role missing: the checked delete is refused, the bound-resource query finds the binding,
// and no plain DeleteCertificate is sent (the simulator, like the API, would delete a bound
// certificate on one).
TEST_F(CertificateDeletion, RoleMissingABoundCertificateIsRefusedAfterTheBindQuery) {
  const std::string id = seeded();
  bind_cdn(id);
  config({{"service_role", false}});
  const framework::Diagnostics d = delete_checked(id);
  ASSERT_TRUE(d.has_errors()) << summaries(d);
  expect_refused_as_bound_to_cdn(d, id);
  EXPECT_GE(calls("CreateCertificateBindResourceSyncTask"), 1);
}

TEST_F(CertificateDeletion, RoleMissingAnUnusedCertificateIsDeletedAfterTheBindQuery) {
  const std::string id = seeded();
  config({{"service_role", false}});
  const framework::Diagnostics d = delete_checked(id);
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_TRUE(mentions(d, "checking its bound resources separately")) << summaries(d);
  EXPECT_FALSE(exists(id));
  EXPECT_EQ(calls("DeleteCertificate"), 2);
  EXPECT_GE(calls("DescribeCertificateBindResourceTaskDetail"), 1);
}

// Without the role, a bound-resource query that cannot answer leaves the certificate in place.
TEST_F(CertificateDeletion, RoleMissingAndBindQueryRefusedLeavesTheCertificate) {
  const std::string id = seeded();
  config({{"service_role", false}, {"bind_query_authorised", false}});
  const framework::Diagnostics d = delete_checked(id);
  ASSERT_TRUE(d.has_errors()) << summaries(d);
  EXPECT_TRUE(mentions(d, "could not be checked")) << summaries(d);
  EXPECT_TRUE(mentions(d, "RoleNotFoundAuthorization")) << summaries(d);
  EXPECT_TRUE(mentions(d, "force_delete")) << summaries(d);
  EXPECT_TRUE(exists(id));
  EXPECT_EQ(calls("DeleteCertificate"), 1);
}

// A bound-resource query that fails leaves the answer incomplete: refused as well.
TEST_F(CertificateDeletion, RoleMissingAndTheBindQueryFailingLeavesTheCertificate) {
  const std::string id = seeded();
  config({{"service_role", false}});
  sim_.admin("POST", "/faults",
             {{"rules",
               {{{"action", "DescribeCertificateBindResourceTaskDetail"},
                 {"code", "FailedOperation"},
                 {"message", "The query failed."}}}}});
  const framework::Diagnostics d = delete_checked(id);
  ASSERT_TRUE(d.has_errors()) << summaries(d);
  EXPECT_TRUE(mentions(d, "could not be checked")) << summaries(d);
  EXPECT_TRUE(exists(id));
}

// The role is revoked while the checked delete's task is pending: the task ends in status 3
// and the bound-resource query takes over.
TEST_F(CertificateDeletion, DeleteTaskStatus3ABoundCertificateIsRefusedAfterTheBindQuery) {
  const std::string id = seeded();
  bind_cdn(id);
  revoke_role_during_the_delete_task();
  const framework::Diagnostics d = delete_checked(id);
  ASSERT_TRUE(d.has_errors()) << summaries(d);
  expect_refused_as_bound_to_cdn(d, id);
  EXPECT_GE(calls("CreateCertificateBindResourceSyncTask"), 1);
}

TEST_F(CertificateDeletion, DeleteTaskStatus3AnUnusedCertificateIsDeleted) {
  const std::string id = seeded();
  revoke_role_during_the_delete_task();
  const framework::Diagnostics d = delete_checked(id);
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_FALSE(exists(id));
  EXPECT_EQ(calls("DeleteCertificate"), 2);
}

// force_delete: the plain delete, no check at all — a bound certificate goes.
TEST_F(CertificateDeletion, ForceDeleteDeletesABoundCertificateWithoutAnyCheck) {
  const std::string id = seeded();
  bind_cdn(id);
  const framework::Diagnostics d = delete_checked(id, {.force = true});
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_TRUE(mentions(d, "without any bound-resource check")) << summaries(d);
  EXPECT_FALSE(exists(id));
  EXPECT_EQ(calls("DeleteCertificate"), 1);
  EXPECT_EQ(calls("CreateCertificateBindResourceSyncTask"), 0);
}

// Two resources on one id: the other resource's delete removes the certificate while this
// delete's task is pending, so the task fails (status 2, certificate gone). Gone is deleted.
TEST_F(CertificateDeletion, ADeleteTaskThatFailsBecauseTheCertificateIsGoneIsSuccess) {
  const std::string id = seeded();
  config({{"running_polls", 100000}});  // the task stays pending until completed below
  framework::Diagnostics d;
  std::thread destroy([&] { delete_certificate_checked(client_, id, ctx_, d); });
  const bool polled = wait_for_calls("DescribeDeleteCertificatesTaskResult", 1);
  if (polled) {
    api::Client other =
        api::tencent::make_client(api::tencent::kSslApi, testing::simulator_client_config(sim_));
    api::delete_certificate(other, id, /*is_check_resource=*/false);
    sim_.admin("POST", "/tasks/complete", {{"kind", "delete"}});
  }
  destroy.join();
  ASSERT_TRUE(polled);
  EXPECT_FALSE(d.has_errors()) << summaries(d);
  EXPECT_FALSE(exists(id));
}

// Concurrent deletes of one process share their task polls: one
// DescribeDeleteCertificatesTaskResult call carries several task ids, observed in the simulator
// as more task polls (each task counts the calls that carried it) than calls.
TEST_F(CertificateDeletion, ConcurrentDeletesShareTaskPolls) {
  constexpr int k = 3;
  std::vector<std::string> ids;
  for (int i = 0; i < k; ++i) ids.push_back(seeded());
  config({{"running_polls", 100000}});  // the tasks stay pending until completed below
  DeleteTaskPolls polls;
  std::vector<framework::Diagnostics> diags(k);
  std::vector<std::thread> destroys;
  for (int i = 0; i < k; ++i)
    destroys.emplace_back([&, i] {
      delete_certificate_checked(client_, ids[static_cast<std::size_t>(i)], ctx_,
                                 diags[static_cast<std::size_t>(i)], {.polls = &polls});
    });
  // Task polls counted by the simulator beyond its calls: some call carried several ids.
  auto shared = [&] {
    long task_polls = 0;
    // Held in a variable: a range-for over a member of a temporary would read freed memory.
    const nlohmann::json tasks = sim_.admin("GET", "/tasks");
    for (const auto& t : tasks.at("delete_tasks")) task_polls += t.value("polls", 0L);
    return task_polls - calls("DescribeDeleteCertificatesTaskResult");
  };
  bool observed = false;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (!observed && std::chrono::steady_clock::now() < deadline) {
    observed = calls("DeleteCertificate") == k && shared() >= k - 1;
    if (!observed) std::this_thread::sleep_for(5ms);
  }
  sim_.admin("POST", "/tasks/complete", {{"kind", "delete"}});
  for (auto& t : destroys) t.join();
  EXPECT_TRUE(observed) << "no DescribeDeleteCertificatesTaskResult call carried all " << k
                        << " task ids";
  for (int i = 0; i < k; ++i) {
    EXPECT_FALSE(diags[static_cast<std::size_t>(i)].has_errors())
        << summaries(diags[static_cast<std::size_t>(i)]);
    EXPECT_FALSE(exists(ids[static_cast<std::size_t>(i)]));
  }
  EXPECT_EQ(polls.calls(), calls("DescribeDeleteCertificatesTaskResult"));
}

}  // namespace
}  // namespace cloudssl::certificates
