// The API client against the simulator (cloudssl-sim): a round trip of real actions over
// real signatures, and every fault class through the simulator's fault injection
// (/_sim/faults): throttling and 5xx are retried to success, timeouts and dropped
// connections are retried or end in DeadlineExceeded, final errors surface with Code and
// RequestId, bad credentials and a clock outside the signature window are refused, and an
// async task's failure reaches the poller.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <thread>

#include "api/core/client.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/ssl_api.h"
#include "tests/support/api_error_of.h"
#include "tests/support/simulator_client.h"
#include "tests/support/simulator_process.h"

namespace cloudssl::api::tencent {
namespace {

using api::testing::error_of;
using cloudssl::testing::fast_backoff;
using cloudssl::testing::SimulatorProcess;
using nlohmann::json;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// --- a self-signed certificate to upload ---------------------------------------------------

struct KeyPair {
  std::string certificate_pem;
  std::string private_key_pem;
};

KeyPair make_self_signed(const std::string& domain) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 90L * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(domain.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_sign(cert.get(), key.get(), EVP_sha256());

  const auto to_pem = [](auto write) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    write(bio.get());
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  KeyPair pair;
  pair.certificate_pem = to_pem([&](BIO* bio) { PEM_write_bio_X509(bio, cert.get()); });
  pair.private_key_pem = to_pem([&](BIO* bio) {
    PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  return pair;
}

// --- fixtures ---------------------------------------------------------------------------

ClientConfig sim_config(const SimulatorProcess& sim) {
  ClientConfig config = cloudssl::testing::simulator_client_config(sim);
  config.max_retries = 5;
  return config;
}

class ClientAgainstSimulator : public ::testing::Test {
 protected:
  SimulatorProcess sim{{{"--quiet"}}};

  void faults(json rules) { sim.admin("POST", "/faults", {{"rules", std::move(rules)}}); }
  long requests_of(const std::string& action) {
    const auto answer = sim.admin("GET", "/requests?action=" + action);
    return answer["counters"].contains(action) ? answer["counters"][action]["total"].get<long>()
                                               : 0;
  }
  std::string upload(Client& client, const std::string& domain) {
    const KeyPair pair = make_self_signed(domain);
    const auto answer =
        client.call("UploadCertificate", {{"CertificatePublicKey", pair.certificate_pem},
                                          {"CertificatePrivateKey", pair.private_key_pem},
                                          {"CertificateType", "SVR"},
                                          {"Alias", "integration"}});
    return answer.at("CertificateId").get<std::string>();
  }
  // Call options whose lookup for a lost attempt finds nothing and counts its calls in `asked`.
  static CallOptions finding_nothing(int& asked, bool send_once) {
    CallOptions options;
    options.send_once = send_once;
    options.find_landed = [&asked]() -> std::optional<json> {
      ++asked;
      return std::nullopt;
    };
    return options;
  }
};

// --- a round trip -------------------------------------------------------------------------

TEST_F(ClientAgainstSimulator, UploadDescribeListDelete) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  const std::string id = upload(client, "roundtrip.example.com");
  EXPECT_EQ(id.size(), 8u);

  const auto described = client.call("DescribeCertificate", {{"CertificateId", id}});
  EXPECT_EQ(described.at("Domain"), "roundtrip.example.com");
  EXPECT_EQ(described.at("Alias"), "integration");
  EXPECT_FALSE(described.at("RequestId").get<std::string>().empty());

  const auto listed =
      client.call("DescribeCertificates", {{"CertIds", json::array({id})}, {"Limit", 10}});
  ASSERT_EQ(listed.at("Certificates").size(), 1u);
  EXPECT_EQ(listed.at("Certificates")[0].at("CertificateId"), id);

  client.call("ModifyCertificateAlias", {{"CertificateId", id}, {"Alias", "renamed"}});
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", id}}).at("Alias"), "renamed");

  const auto deleted = client.call("DeleteCertificate", {{"CertificateId", id}});
  EXPECT_EQ(deleted.at("DeleteResult"), true);
  const ApiError e = error_of([&] { client.call("DescribeCertificate", {{"CertificateId", id}}); });
  EXPECT_EQ(e.code(), "FailedOperation.CertificateNotFound");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_EQ(client.stats().failed_calls, 1);
  EXPECT_EQ(client.stats().throttled_retries + client.stats().transient_retries, 0);
}

// --- faults -------------------------------------------------------------------------------

TEST_F(ClientAgainstSimulator, ThrottlingIsRetriedThenSucceeds) {
  faults({{{"action", "DescribeCertificates"}, {"code", "RequestLimitExceeded"}, {"count", 2}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_EQ(client.stats().throttled_retries, 2);
  EXPECT_EQ(requests_of("DescribeCertificates"), 3);
}

TEST_F(ClientAgainstSimulator, TheSimulatorsOwnRateLimitIsAbsorbedByRetries) {
  // Client-side limiting off and the server at 2/s: the server throttles, the client retries.
  sim.admin("POST", "/rate-limits", {{"enabled", true}, {"limits", {{"DescribeCertificates", 2}}}});
  ClientTuning tuning;
  tuning.rate_limits.enabled = false;
  tuning.backoff = {milliseconds(100), milliseconds(1000), milliseconds(100)};
  ClientConfig config = sim_config(sim);
  config.max_retries = 20;
  Client client = make_client(kSslApi, config, tuning);
  for (int i = 0; i < 6; ++i) EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_GT(client.stats().throttled_retries, 0);
  const auto counters = sim.admin("GET", "/requests?action=DescribeCertificates")["counters"];
  EXPECT_GT(counters["DescribeCertificates"]["errors"].value("LimitExceeded.RateLimitExceeded", 0),
            0);
}

TEST_F(ClientAgainstSimulator, ClientSideLimitKeepsTheSimulatorFromThrottling) {
  sim.admin("POST", "/rate-limits", {{"enabled", true}, {"limits", {{"DescribeCertificates", 4}}}});
  ClientTuning tuning = fast_backoff();
  tuning.rate_limits.overrides["DescribeCertificates"] = 4 * 0.95;
  Client client = make_client(kSslApi, sim_config(sim), tuning);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2; ++i) client.call("DescribeCertificates", {{"Limit", 1}});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(client.stats().throttled_retries, 0);
  EXPECT_EQ(client.stats().failed_calls, 0);
}

TEST_F(ClientAgainstSimulator, Http5xxIsRetried) {
  faults({{{"action", "DescribeCertificates"}, {"http_status", 503}, {"count", 2}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_EQ(client.stats().transient_retries, 2);
}

TEST_F(ClientAgainstSimulator, InternalErrorIsRetried) {
  faults({{{"action", "*"}, {"code", "InternalError"}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_EQ(client.stats().transient_retries, 1);
}

TEST_F(ClientAgainstSimulator, DroppedConnectionIsRetried) {
  faults({{{"action", "DescribeCertificates"}, {"drop", true}, {"count", 2}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_EQ(client.stats().transient_retries, 2);
}

// "Processed, reply lost" (the simulator runs the action, then cuts the connection): a call
// with find_landed asks whether the lost attempt landed before sending it again.
TEST_F(ClientAgainstSimulator, AnAnswerLostAfterProcessingIsFoundNotSentAgain) {
  const KeyPair pair = make_self_signed("landed.example.com");
  faults({{{"action", "UploadCertificate"}, {"drop_reply", true}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  int asked = 0;
  CallOptions options;
  options.find_landed = [&]() -> std::optional<json> {
    ++asked;
    const auto listed = client.call("DescribeCertificates", {{"SearchKey", "landed.example.com"}});
    if (listed.at("Certificates").empty()) return std::nullopt;
    return json{{"CertificateId", listed.at("Certificates")[0].at("CertificateId")}};
  };
  const auto answer = client.call("UploadCertificate",
                                  {{"CertificatePublicKey", pair.certificate_pem},
                                   {"CertificatePrivateKey", pair.private_key_pem},
                                   {"Repeatable", true}},
                                  options);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(answer.at("CertificateId").get<std::string>().size(), 8u);
  EXPECT_EQ(requests_of("UploadCertificate"), 1) << "the lost upload was sent again";
  EXPECT_EQ(sim.admin("GET", "/state")["certificates"].size(), 1u);
}

// The connection dropped before the action ran: find_landed finds nothing, so it is retried.
TEST_F(ClientAgainstSimulator, AnAttemptThatDidNotLandIsRetried) {
  const KeyPair pair = make_self_signed("notlanded.example.com");
  faults({{{"action", "UploadCertificate"}, {"drop", true}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  int asked = 0;
  const CallOptions options = finding_nothing(asked, false);
  EXPECT_NO_THROW(client.call("UploadCertificate",
                              {{"CertificatePublicKey", pair.certificate_pem},
                               {"CertificatePrivateKey", pair.private_key_pem},
                               {"Repeatable", true}},
                              options));
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(requests_of("UploadCertificate"), 2);
  EXPECT_EQ(sim.admin("GET", "/state")["certificates"].size(), 1u);
}

// A send-once action (a purchase) answered "internal error, try later": the API may have acted,
// so it is looked up, and when not found the call fails instead of sending it again.
TEST_F(ClientAgainstSimulator, ASendOnceActionIsNeverSentAgainAfterATransientAnswer) {
  faults({{{"action", "DescribeCertificates"}, {"code", "InternalError"}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  int asked = 0;
  const CallOptions options = finding_nothing(asked, true);
  try {
    client.call("DescribeCertificates", {{"Limit", 1}}, options);
    FAIL() << "a send-once call was retried after a transient answer";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "InternalError");
    EXPECT_EQ(e.error_class(), ErrorClass::Final);
    EXPECT_NE(e.message().find("not sent again"), std::string::npos) << e.message();
  }
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(requests_of("DescribeCertificates"), 1);
  EXPECT_EQ(client.stats().transient_retries, 0);
}

// The same with a lost answer the lookup finds nothing for: failed, not sent a second time.
TEST_F(ClientAgainstSimulator, ASendOnceActionWhoseLostAnswerIsNotFoundFails) {
  const KeyPair pair = make_self_signed("sendonce.example.com");
  faults({{{"action", "UploadCertificate"}, {"drop", true}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  CallOptions options;
  options.send_once = true;
  options.find_landed = []() -> std::optional<json> { return std::nullopt; };
  EXPECT_THROW(client.call("UploadCertificate",
                           {{"CertificatePublicKey", pair.certificate_pem},
                            {"CertificatePrivateKey", pair.private_key_pem},
                            {"Repeatable", true}},
                           options),
               ApiError);
  EXPECT_EQ(requests_of("UploadCertificate"), 1);
}

// A lookup that fails cannot tell whether the request landed: a send-once request is still
// not sent again (an ordinary one would be retried).
TEST_F(ClientAgainstSimulator, ASendOnceActionWhoseLookupFailsIsNotSentAgain) {
  faults({{{"action", "DescribeCertificates"}, {"code", "InternalError"}, {"count", 1}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  CallOptions options;
  options.send_once = true;
  options.find_landed = []() -> std::optional<json> {
    throw ApiError("DescribeCertificates", "UnauthorizedOperation", "lookup refused", "",
                   ErrorClass::Final);
  };
  try {
    client.call("DescribeCertificates", {{"Limit", 1}}, options);
    FAIL() << "a send-once call was retried after its lookup failed";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.error_class(), ErrorClass::Final);
    EXPECT_NE(e.message().find("looking for it failed (UnauthorizedOperation)"), std::string::npos)
        << e.message();
  }
  EXPECT_EQ(requests_of("DescribeCertificates"), 1);
}

// A connection that never happened (nothing listens: Transport.ConnectFailed) cannot have
// delivered the request, so a send-once request is sent again without a lookup, unlike one
// whose connection failed after the request went out (the two tests above).
TEST_F(ClientAgainstSimulator, ASendOnceActionWhoseConnectNeverHappenedIsRetriedWithoutALookup) {
  // A port nothing listens on: bound, read and released.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  ClientConfig config = sim_config(sim);
  config.endpoint = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  config.max_retries = 2;
  Client client = make_client(kSslApi, config, fast_backoff());
  int asked = 0;
  const CallOptions options = finding_nothing(asked, true);
  try {
    client.call("DescribeCertificates", {{"Limit", 1}}, options);
    FAIL() << "a call to a closed port succeeded";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "Transport.ConnectFailed") << e.message();
    EXPECT_EQ(e.message().find("not sent again"), std::string::npos) << e.message();
  }
  EXPECT_EQ(asked, 0);
  EXPECT_EQ(client.stats().attempts, 3);  // the first and both retries
  EXPECT_EQ(client.stats().transient_retries, 2);
}

// Send-once without a lookup: an "internal error" answer fails at once; a throttled answer
// (the request was not processed) is still retried.
TEST_F(ClientAgainstSimulator, ASendOnceActionIsRetriedOnlyWhenNothingCanHaveLanded) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  CallOptions options;
  options.send_once = true;
  faults({{{"action", "DescribeCertificates"}, {"code", "RequestLimitExceeded"}, {"count", 1}}});
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}, options));
  EXPECT_EQ(requests_of("DescribeCertificates"), 2);
  EXPECT_EQ(client.stats().throttled_retries, 1);
  faults({{{"action", "DescribeCertificates"}, {"code", "InternalError"}, {"count", 1}}});
  EXPECT_THROW(client.call("DescribeCertificates", {{"Limit", 1}}, options), ApiError);
  EXPECT_EQ(requests_of("DescribeCertificates"), 3);
  EXPECT_EQ(client.stats().transient_retries, 0);
}

TEST_F(ClientAgainstSimulator, TimeoutIsRetried) {
  faults({{{"action", "DescribeCertificates"}, {"latency_ms", 1500}, {"count", 1}}});
  ClientConfig config = sim_config(sim);
  config.request_timeout = milliseconds(300);
  Client client = make_client(kSslApi, config, fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  EXPECT_EQ(client.stats().transient_retries, 1);
}

TEST_F(ClientAgainstSimulator, PersistentSlownessEndsInDeadlineExceeded) {
  faults({{{"action", "DescribeCertificates"}, {"latency_ms", 1500}}});
  ClientConfig config = sim_config(sim);
  config.request_timeout = milliseconds(200);
  config.max_retries = 100;
  Client client = make_client(kSslApi, config, fast_backoff());
  CallOptions options;
  options.deadline = Clock::now() + milliseconds(700);
  const ApiError e = error_of([&] {
    client.call("DescribeCertificates", {{"Limit", 1}}, options);
  });
  EXPECT_EQ(e.error_class(), ErrorClass::DeadlineExceeded) << e.what();
  EXPECT_EQ(e.code(), "Transport.Timeout");
}

TEST_F(ClientAgainstSimulator, PersistentTransientErrorsStopAtMaxRetries) {
  faults({{{"action", "DescribeCertificates"}, {"code", "FailedOperation.NetworkError"}}});
  ClientConfig config = sim_config(sim);
  config.max_retries = 3;
  Client client = make_client(kSslApi, config, fast_backoff());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_EQ(e.code(), "FailedOperation.NetworkError");
  EXPECT_EQ(e.error_class(), ErrorClass::Transient);
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_EQ(requests_of("DescribeCertificates"), 4);
}

// A client clock off by more than the API's 5-minute window (the simulator's signature clock
// skewed): refused with SignatureExpire after exactly one fresh signature; inside the window,
// and once the clocks agree again, the same call succeeds.
TEST_F(ClientAgainstSimulator, AClockOutsideTheSignatureWindowIsRefusedAfterOneFreshSignature) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  sim.admin("POST", "/clock", {{"signature_skew_seconds", 10 * 60}});
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_EQ(e.code(), "AuthFailure.SignatureExpire");
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_EQ(requests_of("DescribeCertificates"), 2);

  EXPECT_EQ(sim.admin("POST", "/clock", {{"signature_skew_seconds", -4 * 60}})
                .at("signature_skew_seconds"),
            -4 * 60);
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
  sim.admin("POST", "/clock", {{"signature_skew_seconds", 0}});
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
}

TEST_F(ClientAgainstSimulator, FinalErrorSurfacesAtOnceWithCodeAndRequestId) {
  faults({{{"action", "DescribeCertificates"},
           {"code", "UnauthorizedOperation"},
           {"message", "CAM denies"}}});
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_EQ(e.action(), "DescribeCertificates");
  EXPECT_EQ(e.code(), "UnauthorizedOperation");
  EXPECT_EQ(e.message(), "CAM denies");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_FALSE(e.request_id().empty());
  // The RequestId is the one the simulator logged for that request.
  const auto log = sim.admin("GET", "/requests?action=DescribeCertificates")["log"];
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back()["request_id"], e.request_id());
  EXPECT_EQ(requests_of("DescribeCertificates"), 1);
}

TEST_F(ClientAgainstSimulator, ParameterErrorsAreFinal) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"NoSuchField", 1}}); });
  EXPECT_EQ(e.code(), "UnknownParameter");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  const ApiError unknown = error_of([&] { client.call("NoSuchAction", json::object()); });
  EXPECT_EQ(unknown.code(), "InvalidAction");
}

TEST_F(ClientAgainstSimulator, WrongSecretKeyIsASignatureFailure) {
  ClientConfig config = sim_config(sim);
  config.credentials.secret_key = "not-the-key";
  Client client = make_client(kSslApi, config, fast_backoff());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_EQ(e.code(), "AuthFailure.SignatureFailure");
  EXPECT_EQ(e.error_class(), ErrorClass::Final);
  EXPECT_FALSE(e.request_id().empty());
  EXPECT_EQ(client.stats().attempts, 1);
}

TEST_F(ClientAgainstSimulator, UnknownSecretIdIsRefused) {
  ClientConfig config = sim_config(sim);
  config.credentials.secret_id = "AKIDSOMEONEELSE";
  Client client = make_client(kSslApi, config, fast_backoff());
  const ApiError e = error_of([&] { client.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_EQ(e.code(), "AuthFailure.SecretIdNotFound");
}

TEST_F(ClientAgainstSimulator, IntlStyleHostHeaderStillVerifies) {
  // The endpoint may be any host; the simulator verifies with the Host header as received.
  ClientConfig config = sim_config(sim);
  config.endpoint = "http://localhost:" + std::to_string(sim.port());
  Client client = make_client(kSslApi, config, fast_backoff());
  EXPECT_NO_THROW(client.call("DescribeCertificates", {{"Limit", 1}}));
}

TEST(ClientAgainstSimulatorWithToken, TemporaryCredentialsSendTheToken) {
  SimulatorProcess sim({{"--quiet", "--token", "sts-token-123"}});
  ClientConfig config = sim_config(sim);
  config.credentials.security_token = "sts-token-123";
  Client with_token = make_client(kSslApi, config, fast_backoff());
  EXPECT_NO_THROW(with_token.call("DescribeCertificates", {{"Limit", 1}}));

  config.credentials.security_token = "";
  Client without = make_client(kSslApi, config, fast_backoff());
  const ApiError e = error_of([&] { without.call("DescribeCertificates", {{"Limit", 1}}); });
  EXPECT_TRUE(e.code_starts_with("AuthFailure")) << e.code();
}

// --- an async task through the poller -------------------------------------------------------

PollReport wait_for_delete_task(Client& client, const std::string& task_id) {
  PollOptions options;
  options.what = "delete task " + task_id;
  options.first_interval = milliseconds(10);
  options.max_interval = milliseconds(50);
  options.deadline = Clock::now() + std::chrono::seconds(20);
  return poll_until_done(
      [&] {
        const auto answer = client.call("DescribeDeleteCertificatesTaskResult",
                                        {{"TaskIds", json::array({task_id})}});
        const auto& results = answer.at("DeleteTaskResult");
        if (results.empty()) return PollResult{PollResult::State::Pending, "no result yet"};
        const int status = results[0].at("Status").get<int>();
        if (status == 0) return PollResult{PollResult::State::Pending, "status 0"};
        if (status == 1) return PollResult{PollResult::State::Done, "deleted"};
        return PollResult{PollResult::State::Failed, "status " + std::to_string(status) + ": " +
                                                         results[0].value("Error", std::string())};
      },
      options);
}

TEST_F(ClientAgainstSimulator, CheckedDeleteTaskSucceeds) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  const std::string id = upload(client, "checked.example.com");
  const auto started =
      client.call("DeleteCertificate", {{"CertificateId", id}, {"IsCheckResource", true}});
  const auto report = wait_for_delete_task(client, started.at("TaskId").get<std::string>());
  EXPECT_EQ(report.outcome, PollOutcome::Done) << report.message;
}

TEST_F(ClientAgainstSimulator, CheckedDeleteTaskFailureReachesThePoller) {
  Client client = make_client(kSslApi, sim_config(sim), fast_backoff());
  const std::string id = upload(client, "www.example.com");
  sim.seed_cdn_domain("www.example.com", /*https_billing=*/true);
  sim.bind("cdn", "www.example.com", id);
  const auto started =
      client.call("DeleteCertificate", {{"CertificateId", id}, {"IsCheckResource", true}});
  const auto report = wait_for_delete_task(client, started.at("TaskId").get<std::string>());
  EXPECT_EQ(report.outcome, PollOutcome::Failed);
  EXPECT_NE(report.message.find("status 4"), std::string::npos) << report.message;
}

}  // namespace
}  // namespace cloudssl::api::tencent
