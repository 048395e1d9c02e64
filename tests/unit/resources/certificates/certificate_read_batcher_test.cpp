// The read batcher against a scripted DescribeCertificates: concurrent reads share calls, a
// refresh of many certificates costs a few listing calls, missing ids are reported gone, and
// this process's own writes are never answered from an older snapshot; the reads-back of
// concurrent creates share one call.
#include "resources/certificates/certificate_read_batcher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>

#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using api::testing::FakeApiServer;
using api::testing::Reply;
using nlohmann::json;

// An account of `n` certificates "c0000".."c<n-1>" whose alias is "alias-<id>".
class Account {
 public:
  explicit Account(int n) {
    for (int i = 0; i < n; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "c%04d", i);
      ids.push_back(id);
    }
  }

  Reply answer(const api::testing::RecordedRequest& request) {
    json body = json::parse(request.body);
    std::lock_guard lock(mutex);
    json items = json::array();
    std::int64_t total = 0;
    if (body.contains("CertIds")) {
      ++by_id_calls;
      for (const auto& id : body["CertIds"])
        if (std::find(ids.begin(), ids.end(), id.get<std::string>()) != ids.end() &&
            !deleted.count(id.get<std::string>()))
          items.push_back(item(id.get<std::string>()));
      total = static_cast<std::int64_t>(items.size());
    } else {
      ++listing_calls;
      if (fail_listing) return api::testing::api_error("FailedOperation.SystemError");
      std::vector<std::string> live;
      for (const auto& id : ids)
        if (!deleted.count(id)) live.push_back(id);
      std::int64_t offset = body.value("Offset", 0);
      std::int64_t limit = body.value("Limit", 10);
      for (std::int64_t i = offset;
           i < offset + limit && i < static_cast<std::int64_t>(live.size()); ++i)
        items.push_back(item(live[static_cast<std::size_t>(i)]));
      total = static_cast<std::int64_t>(live.size());
    }
    // TotalCount as a string, ProjectId as a string: the doc's type wobble.
    if (omit_total_count)
      return api::testing::ok({{"TotalCount", nullptr}, {"Certificates", items}});
    return api::testing::ok({{"TotalCount", std::to_string(total)}, {"Certificates", items}});
  }

  json item(const std::string& id) const {
    auto alias = aliases.count(id) ? aliases.at(id) : "alias-" + id;
    return {{"CertificateId", id}, {"Alias", alias},      {"ProjectId", "0"},
            {"Status", 1},         {"HostingStatus", -1}, {"HostingConfig", nullptr}};
  }

  std::vector<std::string> ids;
  std::set<std::string> deleted;
  std::map<std::string, std::string> aliases;
  std::mutex mutex;
  int by_id_calls = 0;
  int listing_calls = 0;
  bool fail_listing = false;
  bool omit_total_count = false;  // the API documents TotalCount as nullable
};

class ReadBatcher : public ::testing::Test {
 protected:
  explicit ReadBatcher(int certificates = 1000)
      : account_(certificates),
        server_([this](const api::testing::RecordedRequest& r, int) { return account_.answer(r); }),
        client_(std::make_unique<api::Client>(api::testing::ssl_client_for(server_))) {}

  // Reads every id from `threads` threads, as Terraform's parallel refresh does.
  void read_all(CertificateReadBatcher& batcher, int threads, const std::vector<std::string>& ids) {
    std::atomic<std::size_t> next{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < ids.size(); i = next++) {
          auto c = batcher.get(*client_, ids[i]);
          if (!c || c->alias != "alias-" + ids[i]) ++wrong;
        }
      });
    }
    for (auto& th : pool) th.join();
    EXPECT_EQ(wrong.load(), 0);
  }

  Account account_;
  FakeApiServer server_;
  std::unique_ptr<api::Client> client_;
};

TEST_F(ReadBatcher, RefreshOfAThousandCertificatesCostsAFewCalls) {
  CertificateReadBatcher batcher;
  read_all(batcher, 10, account_.ids);
  const int calls = account_.by_id_calls + account_.listing_calls;
  // Target: at most 3 + ceil(N/1000) calls instead of N.
  EXPECT_LE(calls, 3 + 1) << account_.by_id_calls << " by id, " << account_.listing_calls
                          << " listing";
  EXPECT_EQ(batcher.stats().by_id_calls + batcher.stats().listing_calls, calls);
}

class UnsizedAccountReadBatcher : public ReadBatcher {
 protected:
  UnsizedAccountReadBatcher() : ReadBatcher(2500) { account_.omit_total_count = true; }
};

// Without TotalCount, a full first page must not pass for the whole account: certificates
// on later pages are still found, never reported gone.
TEST_F(UnsizedAccountReadBatcher, WithoutTotalCountAFullPageIsNotTheWholeAccount) {
  CertificateReadBatcher batcher;
  read_all(batcher, 10, account_.ids);
  EXPECT_GE(account_.listing_calls, 1);
  // Without a size the listing cannot plan its pages, so it costs more than the sized case,
  // still far fewer calls than one per certificate.
  EXPECT_LE(account_.by_id_calls + account_.listing_calls, 30)
      << account_.by_id_calls << " by id, " << account_.listing_calls << " listing";
}

TEST_F(ReadBatcher, AFewReadsNeverListTheAccount) {
  CertificateReadBatcher batcher;
  read_all(batcher, 3, {"c0001", "c0002", "c0003"});
  EXPECT_EQ(account_.listing_calls, 0);
  EXPECT_LE(account_.by_id_calls, 3);
}

TEST_F(ReadBatcher, ConcurrentReadsShareByIdCalls) {
  CertificateReadBatcher::Options options;
  options.listing_threshold = 1000000;  // by-id only
  CertificateReadBatcher batcher(options);
  std::vector<std::string> ids(account_.ids.begin(), account_.ids.begin() + 200);
  read_all(batcher, 10, ids);
  EXPECT_EQ(account_.listing_calls, 0);
  EXPECT_LT(account_.by_id_calls, 200 / 3);  // most calls carry several ids
}

TEST_F(ReadBatcher, AMissingCertificateIsGoneEvenWithASnapshot) {
  CertificateReadBatcher batcher;
  read_all(batcher, 10, std::vector<std::string>(account_.ids.begin(), account_.ids.begin() + 50));
  EXPECT_FALSE(batcher.get(*client_, "zzzz9999"));
  {
    std::lock_guard lock(account_.mutex);
    account_.deleted.insert("c0001");
  }
  batcher.forget("c0001");
  EXPECT_FALSE(batcher.get(*client_, "c0001"));
}

TEST_F(ReadBatcher, ForgetMakesTheNextReadFresh) {
  CertificateReadBatcher batcher;
  read_all(batcher, 10, std::vector<std::string>(account_.ids.begin(), account_.ids.begin() + 50));
  {
    std::lock_guard lock(account_.mutex);
    account_.aliases["c0002"] = "renamed";
  }
  EXPECT_EQ(batcher.get(*client_, "c0002")->alias, "alias-c0002");  // the snapshot
  batcher.forget("c0002");
  EXPECT_EQ(batcher.get(*client_, "c0002")->alias, "renamed");
}

TEST_F(ReadBatcher, AFailedListingFallsBackToReadsById) {
  account_.fail_listing = true;
  CertificateReadBatcher batcher;
  read_all(batcher, 10, std::vector<std::string>(account_.ids.begin(), account_.ids.begin() + 100));
  EXPECT_GE(account_.listing_calls, 1);
  EXPECT_GE(account_.by_id_calls, 1);
}

class LargeAccountReadBatcher : public ReadBatcher {
 protected:
  LargeAccountReadBatcher() : ReadBatcher(5000) {}
};

TEST_F(LargeAccountReadBatcher, ListsOnlyWhenTheReadsPayForIt) {
  CertificateReadBatcher batcher;
  // 30 reads in an account of 5000: listing it all (5 calls) would not pay off.
  read_all(batcher, 10, std::vector<std::string>(account_.ids.begin(), account_.ids.begin() + 30));
  EXPECT_LE(account_.listing_calls, 1);  // at most the first page, to learn the size
}

// Polls `done` until it holds or 10 s pass (never a timed assertion: the deadline only stops a
// hung test).
template <typename F>
bool eventually(F done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// k creates announce their read-back before uploading; their uploads end one after another
// (each create reads only once the previous one has either finished its read or is waiting
// in the batcher). The reads still share one DescribeCertificates call: a read-back waits for
// the reads announced before it. Without the announcement each read goes alone (k calls).
TEST_F(ReadBatcher, ReadsAfterConcurrentCreatesShareOneCall) {
  CertificateReadBatcher::Options options;
  options.listing_threshold = 1000000;  // by-id only
  CertificateReadBatcher batcher(options);
  constexpr int k = 6;
  std::vector<CertificateReadBatcher::Announcement> announced;
  for (int i = 0; i < k; ++i) announced.push_back(batcher.announce());

  std::atomic<int> returned{0}, wrong{0};
  std::vector<std::thread> creates;
  for (int i = 0; i < k; ++i) {
    // "Upload i finishes" once every earlier create has read or is waiting to.
    ASSERT_TRUE(eventually([&] { return returned + batcher.stats().waiting_reads >= i; }));
    const std::string id = account_.ids[static_cast<std::size_t>(i)];
    creates.emplace_back([&, i, id] {
      auto c = batcher.get(*client_, id, {}, &announced[static_cast<std::size_t>(i)]);
      if (!c || c->certificate_id != id) ++wrong;
      ++returned;
    });
  }
  for (auto& t : creates) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(account_.by_id_calls, 1);
  EXPECT_EQ(batcher.stats().waiting_reads, 0);
}

// A create whose upload fails withdraws its announcement: the others' reads do not wait for it.
TEST_F(ReadBatcher, AWithdrawnAnnouncementIsNotWaitedFor) {
  CertificateReadBatcher batcher;
  auto mine = batcher.announce();
  std::optional<CertificateReadBatcher::Announcement> failed = batcher.announce();
  std::atomic<bool> done{false};
  std::thread reader([&] {
    EXPECT_TRUE(batcher.get(*client_, "c0001", {}, &mine));
    done = true;
  });
  ASSERT_TRUE(eventually([&] { return batcher.stats().waiting_reads == 1; }));
  EXPECT_FALSE(done.load());  // it waits for the other create's read
  failed.reset();             // whose upload failed
  reader.join();
  EXPECT_TRUE(done.load());
  EXPECT_EQ(account_.by_id_calls, 1);
}

// A read without an announcement (refresh) never waits for creates in flight.
TEST_F(ReadBatcher, PlainReadsDoNotWaitForAnnouncedOnes) {
  CertificateReadBatcher batcher;
  auto pending = batcher.announce();
  EXPECT_TRUE(batcher.get(*client_, "c0002"));
  EXPECT_EQ(account_.by_id_calls, 1);
}

}  // namespace
}  // namespace cloudssl::certificates
