// The Dialect seam: a made-up cloud (its own encoding, headers, envelope and error codes)
// drives the core Client through GET and POST, retries, re-signing, classification and rate
// limits, which proves the core knows no cloud. The Tencent dialect's own tests are in
// tests/unit/api/tencent/.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "api/core/client.h"
#include "tests/support/api_error_of.h"
#include "tests/support/fake_api_server.h"

namespace cloudssl::api {
namespace {

using std::chrono::milliseconds;
using namespace testing;

// "Fake API": parameters as "k=v" pairs in the query (GET) or as JSON (POST); every header
// says what was signed; answers are {"id": ..., "ok": {...}} or {"id": ..., "fail": {"code",
// "text"}}; "SlowDown" is throttling, "TryAgain" transient, "Stale" asks for a new signature.
class FakeDialect final : public Dialect {
 public:
  std::string_view log_name() const override { return "Fake API"; }
  void add_log_fields(nlohmann::json& fields) const override { fields["cloud"] = "fake"; }

  EncodedRequest encode(std::string_view, const nlohmann::json& params,
                        HttpMethod method) const override {
    EncodedRequest out{.method = method, .query = {}, .body = {}};
    if (method == HttpMethod::Post) {
      out.body = params.dump();
      return out;
    }
    for (const auto& [key, value] : params.items()) {  // nlohmann::json sorts the keys
      out.query += (out.query.empty() ? "" : "&") + key + "=" + value.get<std::string>();
    }
    return out;
  }

  Headers sign(const SigningInput& input) const override {
    ++signatures;
    return {{"Host", input.endpoint.host},
            {"X-Fake-Action", std::string(input.action)},
            {"X-Fake-Region", std::string(input.region)},
            {"X-Fake-Signed", input.request.query + "|" + input.request.body},
            {"X-Fake-Signature", std::to_string(signatures.load())}};
  }

  Answer read(const HttpResponse& response) const override {
    const auto envelope = nlohmann::json::parse(response.body, nullptr, false);
    if (!envelope.is_object() || !envelope.contains("id")) {
      return Answer::unreadable("not the fake envelope");
    }
    const std::string id = envelope["id"].get<std::string>();
    if (envelope.contains("fail")) {
      return Answer::error(envelope["fail"]["code"], envelope["fail"]["text"], id);
    }
    return Answer::success(envelope["ok"], id);
  }

  std::optional<ErrorClass> classify(std::string_view code, int) const override {
    if (code == "SlowDown") return ErrorClass::Throttled;
    if (code == "TryAgain") return ErrorClass::Transient;
    return std::nullopt;
  }
  bool resign_once(std::string_view code) const override { return code == "Stale"; }
  int rate_limit(std::string_view action) const override { return action == "Scarce" ? 1 : 1000; }

  mutable std::atomic<int> signatures{0};
};

Reply result(nlohmann::json ok, const std::string& id = "fake-ok") {
  return {200, nlohmann::json{{"id", id}, {"ok", std::move(ok)}}.dump()};
}
Reply failure(const std::string& code, const std::string& id = "fake-err") {
  return {200,
          nlohmann::json{{"id", id}, {"fail", {{"code", code}, {"text", "said " + code}}}}.dump()};
}

struct Fixture {
  explicit Fixture(FakeApiServer::Handler handler, bool limits = false)
      : server(std::move(handler)) {
    ClientSettings settings;
    settings.endpoint = server.endpoint();
    settings.region = "home-1";
    settings.max_retries = 3;
    ClientTuning tuning;
    tuning.backoff = {milliseconds(1), milliseconds(2), milliseconds(0)};
    tuning.rate_limits.enabled = limits;
    // A hundredth of the documented limits: "Scarce" one call per 100 s, the others 10/s.
    tuning.rate_limits.utilisation = 0.01;
    client = std::make_unique<Client>(dialect, settings, tuning);
  }
  FakeApiServer server;
  std::shared_ptr<FakeDialect> dialect = std::make_shared<FakeDialect>();
  std::unique_ptr<Client> client;
};

TEST(ClientDialect, TheDialectEncodesSignsAndReadsAGet) {
  Fixture f([](const RecordedRequest&, int) { return result({{"Name", "cert"}}); });
  CallOptions options;
  options.region = "away-2";
  const auto answer = f.client->call(HttpMethod::Get, "GetThing", {{"b", "2"}, {"a", "1"}});
  f.client->call(HttpMethod::Get, "GetThing", {{"a", "1"}}, options);
  EXPECT_EQ(answer, (nlohmann::json{{"Name", "cert"}}));  // the envelope's result only

  const auto sent = f.server.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].query, "a=1&b=2");
  EXPECT_EQ(sent[0].body, "");
  EXPECT_EQ(sent[0].headers.at("host"), f.server.host());
  EXPECT_EQ(sent[0].headers.at("x-fake-action"), "GetThing");
  EXPECT_EQ(sent[0].headers.at("x-fake-signed"), "a=1&b=2|");
  EXPECT_EQ(sent[0].headers.at("x-fake-region"), "home-1");  // the client's default
  EXPECT_EQ(sent[1].headers.at("x-fake-region"), "away-2");  // the call's own
}

TEST(ClientDialect, APostCarriesTheEncodedBody) {
  Fixture f([](const RecordedRequest&, int) { return result({}); });
  f.client->call("PutThing", {{"Key", "v"}});
  const auto sent = f.server.requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.body, R"({"Key":"v"})");
  EXPECT_EQ(sent.headers.at("x-fake-signed"), R"(|{"Key":"v"})");
}

TEST(ClientDialect, TheDialectsCodesDecideRetriesAndEachAttemptIsSignedAnew) {
  Fixture f([](const RecordedRequest&, int index) {
    if (index == 0) return failure("SlowDown");
    if (index == 1) return failure("TryAgain");
    return result({{"done", true}});
  });
  EXPECT_EQ(f.client->call("PutThing", {})["done"], true);
  const auto stats = f.client->stats();
  EXPECT_EQ(stats.attempts, 3);
  EXPECT_EQ(stats.throttled_retries, 1);
  EXPECT_EQ(stats.transient_retries, 1);
  EXPECT_EQ(f.dialect->signatures.load(), 3);
  const auto sent = f.server.requests();
  EXPECT_NE(sent[0].headers.at("x-fake-signature"), sent[2].headers.at("x-fake-signature"));
}

TEST(ClientDialect, ACodeTheDialectDoesNotNameIsFinalAndKeepsTheEnvelope) {
  Fixture f([](const RecordedRequest&, int) { return failure("NoSuchThing", "fake-rid-9"); });
  const ApiError e = testing::error_of([&] { f.client->call("GetThing", {}); });
  EXPECT_EQ(e.action(), "GetThing");
  EXPECT_EQ(e.code(), "NoSuchThing");
  EXPECT_EQ(e.message(), "said NoSuchThing");
  EXPECT_EQ(e.request_id(), "fake-rid-9");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_EQ(f.server.count(), 1u);
  EXPECT_EQ(f.client->stats().failed_calls, 1);
}

TEST(ClientDialect, HttpStatusesAreClassifiedByTheCoreWhenTheDialectIsSilent) {
  Fixture f([](const RecordedRequest&, int index) -> Reply {
    if (index == 0) return {503, "busy"};
    if (index == 1) return {429, "{}"};
    return result({});
  });
  f.client->call("PutThing", {});
  EXPECT_EQ(f.client->stats().transient_retries, 1);
  EXPECT_EQ(f.client->stats().throttled_retries, 1);

  Fixture gone([](const RecordedRequest&, int) -> Reply { return {404, "nothing"}; });
  const ApiError e = testing::error_of([&] { gone.client->call("PutThing", {}); });
  EXPECT_EQ(e.code(), "Transport.HttpStatus");
  EXPECT_EQ(e.http_status(), 404);
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
}

TEST(ClientDialect, AnUnreadableAnswerIsFinalWithTheDialectsWords) {
  Fixture f([](const RecordedRequest&, int) -> Reply { return {200, "<html>"}; });
  const ApiError e = testing::error_of([&] { f.client->call("PutThing", {}); });
  EXPECT_EQ(e.code(), "Transport.InvalidResponse");
  EXPECT_EQ(e.message(), "not the fake envelope");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_EQ(f.server.count(), 1u);
}

TEST(ClientDialect, TheDialectAsksForOneNewSignature) {
  Fixture once(
      [](const RecordedRequest&, int index) { return index == 0 ? failure("Stale") : result({}); });
  once.client->call("PutThing", {});
  EXPECT_EQ(once.client->stats().attempts, 2);
  EXPECT_EQ(once.client->stats().transient_retries + once.client->stats().throttled_retries, 0);

  Fixture always([](const RecordedRequest&, int) { return failure("Stale"); });
  EXPECT_THROW(always.client->call("PutThing", {}), ApiError);
  EXPECT_EQ(always.client->stats().attempts, 2);  // re-signed once, then final
}

TEST(ClientDialect, RateLimitsAreTheDialectsPerAction) {
  Fixture f([](const RecordedRequest&, int) { return result({}); }, /*limits=*/true);
  CallOptions soon;
  soon.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  f.client->call("Scarce", {}, soon);
  // "Scarce"'s next turn is 100 s away, after the deadline, so the call fails at once without
  // being sent; another action has its own bucket at its own rate.
  const ApiError e = testing::error_of([&] { f.client->call("Scarce", {}, soon); });
  EXPECT_EQ(e.error_class(), ErrorClass::DeadlineExceeded);
  f.client->call("Plenty", {}, soon);
  f.client->call("Plenty", {}, soon);
  EXPECT_EQ(f.server.count(), 3u);
}

// A throttling answer although the client kept to its bucket means others share the limit:
// the client slows down for that action (the retry then succeeds) and speeds up again on
// successes.
TEST(ClientDialect, AThrottlingAnswerLowersTheActionsRate) {
  Fixture f([](const RecordedRequest&,
               int index) { return index == 0 ? failure("SlowDown") : result({}); },
            /*limits=*/true);
  EXPECT_DOUBLE_EQ(f.client->allowed_rate("Plenty"), 10.0);
  f.client->call("Plenty", {});
  EXPECT_EQ(f.client->stats().throttled_retries, 1);
  const double slowed = f.client->allowed_rate("Plenty");
  EXPECT_LT(slowed, 10.0);
  EXPECT_DOUBLE_EQ(f.client->allowed_rate("Scarce"), 0.01);  // its own bucket
  f.client->call("Plenty", {});
  EXPECT_GT(f.client->allowed_rate("Plenty"), slowed);
}

TEST(ClientDialect, TheClientIsMovableAndKeepsItsDialect) {
  Fixture f([](const RecordedRequest&, int) { return result({}); });
  Client moved = std::move(*f.client);
  moved.call("PutThing", {});
  EXPECT_EQ(&moved.dialect(), f.dialect.get());
  EXPECT_EQ(moved.settings().region, "home-1");
  EXPECT_EQ(moved.stats().calls, 1);
}

}  // namespace
}  // namespace cloudssl::api
