// describe_all_certificates against a scripted DescribeCertificates: it pages by TotalCount
// when the API reports one, and by page size (a full page means "ask again", a short one means
// "done") when TotalCount comes back null or missing, which the doc allows.
#include <gtest/gtest.h>

#include <mutex>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::api::tencent {
namespace {

using nlohmann::json;
using namespace testing;

enum class TotalCount { Number, Null, Missing };

// An account of `size` certificates; pages are cut as the API does (Limit capped at 1000).
class PagedAccount {
 public:
  PagedAccount(std::int64_t size, TotalCount total) : size_(size), total_(total) {}

  Reply answer(const RecordedRequest& request) {
    const json body = json::parse(request.body);
    const std::int64_t offset = body.value("Offset", std::int64_t{0});
    json items = json::array();
    for (const std::string& id : requested_page(body, size_, 10))
      items.push_back({{"CertificateId", id}, {"Status", 1}});
    json response = {{"Certificates", items}};
    if (total_ == TotalCount::Number) response["TotalCount"] = size_;
    if (total_ == TotalCount::Null) response["TotalCount"] = nullptr;
    std::lock_guard lock(mutex_);
    offsets_.push_back(offset);
    return testing::ok(response);
  }

  std::vector<std::int64_t> offsets() {
    std::lock_guard lock(mutex_);
    return offsets_;
  }

 private:
  std::int64_t size_;
  TotalCount total_;
  std::mutex mutex_;
  std::vector<std::int64_t> offsets_;
};

struct Case {
  const char* name;
  std::int64_t size;
  TotalCount total;
  std::optional<std::int64_t> limit;  // the request's Limit (default: 1000)
  std::vector<std::int64_t> offsets;  // the pages asked for
};

// Readable, stable CTest names (gtest_discover_tests prints the parameter).
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class DescribeAllCertificates : public ::testing::TestWithParam<Case> {};

TEST_P(DescribeAllCertificates, FetchesEveryPageAndNoMore) {
  const Case& c = GetParam();
  PagedAccount account(c.size, c.total);
  FakeApiServer server([&](const RecordedRequest& r, int) { return account.answer(r); });
  Client client = testing::ssl_client_for(server);

  DescribeCertificatesRequest request;
  request.limit = c.limit;
  const std::vector<Certificate> all = describe_all_certificates(client, request);

  ASSERT_EQ(static_cast<std::int64_t>(all.size()), c.size);
  for (std::int64_t i = 0; i < c.size; ++i)
    ASSERT_EQ(all[static_cast<std::size_t>(i)].certificate_id,
              std::string("c").append(std::to_string(i)));
  EXPECT_EQ(account.offsets(), c.offsets);
}

INSTANTIATE_TEST_SUITE_P(
    TotalCountOrPageSize, DescribeAllCertificates,
    ::testing::Values(
        // TotalCount present: stop once it is reached (no trailing empty page).
        Case{"CountedTwoPages", 1005, TotalCount::Number, std::nullopt, {0, 1000}},
        Case{"CountedExactlyFull", 2000, TotalCount::Number, std::nullopt, {0, 1000}},
        Case{"CountedEmpty", 0, TotalCount::Number, std::nullopt, {0}},
        // TotalCount null or missing: a full page asks again, a short or empty page ends it.
        Case{"NullTotalThreePages", 2500, TotalCount::Null, std::nullopt, {0, 1000, 2000}},
        Case{"MissingTotalThreePages", 2500, TotalCount::Missing, std::nullopt, {0, 1000, 2000}},
        Case{"NullTotalExactlyFull", 2000, TotalCount::Null, std::nullopt, {0, 1000, 2000}},
        Case{"NullTotalOneShortPage", 7, TotalCount::Null, std::nullopt, {0}},
        Case{"NullTotalEmpty", 0, TotalCount::Null, std::nullopt, {0}},
        Case{"NullTotalSmallLimit", 25, TotalCount::Null, 10, {0, 10, 20}},
        // A Limit above the API's cap: pages of 1000 are still full pages.
        Case{"NullTotalLimitAboveCap", 1500, TotalCount::Null, 5000, {0, 1000}}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// Found by tests/fuzz (api_response): an answer that ignores Offset and claims more than it
// delivers was listed forever (a page per call, without end). A page of nothing new ends it.
TEST(DescribeAllCertificatesHostile, RepeatedPageEndsTheListing) {
  FakeApiServer server([](const RecordedRequest&, int) {
    return testing::ok(
        {{"TotalCount", 1000000000000LL},
         {"Certificates", json::array({{{"CertificateId", "a"}}, {{"CertificateId", "b"}}})}});
  });
  Client client = testing::ssl_client_for(server);

  DescribeCertificatesRequest request;
  request.limit = 2;
  const std::vector<Certificate> all = describe_all_certificates(client, request);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].certificate_id, "a");
  EXPECT_EQ(all[1].certificate_id, "b");
  EXPECT_EQ(server.count(), 2u);  // the second page repeated the first: done
}

}  // namespace
}  // namespace cloudssl::api::tencent
