// cloudssl_paid_certificate's submission (update of an order awaiting its information) and
// destroy against a scripted SSL and Tag API: a submission the API answers as already made
// (CertificateOrderSubmitProcessing, or CertificateInfoSubmitStatusInvalid after an earlier
// CertificateOrderSubmit) while DescribeCertificate lists no OrderId yet is taken for submitted
// for an hour: a warning saying so, and the next plan does not offer to submit it again; a
// status refusal otherwise is not; a resubmission that fails before the CA takes the
// information leaves the state marked as holding what was not submitted; only a failed
// CertificateOrderSubmit marks a submission that may have landed unconfirmed; a failed
// read-back leaves the last status known; a destroy whose cancel is refused while another
// instance adopts the order leaves it to that instance; an order_id a refresh forgot is
// remembered, and only that order is the destroy's to cancel.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "provider/framework/private_state.h"
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
using codec::Type;
using codec::Value;
using nlohmann::json;

constexpr const char* kId = "Paid0001";
// A failed review's message (seed 004's message 4: the organisation's information refused).
constexpr const char* kInformationRefused = "证书资料未通过";

// DescribeCertificate's answer: an order in `status`, its OrderId listed or not (""), its
// owner tag (cloudssl-owner) listed or not ("").
Reply paid_order(int status, const std::string& order_id = "", const std::string& status_msg = "",
                 const std::string& owner = "") {
  json tags = json::array();
  if (!owner.empty()) tags.push_back({{"TagKey", "cloudssl-owner"}, {"TagValue", owner}});
  json c = {{"CertificateId", kId},
            {"Status", status},
            {"StatusMsg", status_msg},
            {"OrderId", order_id.empty() ? json(nullptr) : json(order_id)},
            {"Tags", tags}};
  return api::testing::ok(c);
}

class PaidSubmit : public testing::PlanHarness {
 protected:
  // The provider's clients go before the server they talk to (keep-alive, see
  // certificate_revocation_create_test).
  ~PaidSubmit() override { ctx_.provider_data.reset(); }

  PaidSubmit() : PlanHarness(make_paid_certificate_resource()) {
    ctx_.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  }

  void serve(api::testing::FakeApiServer::Handler handler) {
    ctx_.provider_data.reset();
    api_ = std::make_unique<api::testing::ScriptedSslApi>(std::move(handler));
    auto data = std::make_shared<common::ProviderData>();
    data->tencent.ssl = std::make_shared<api::Client>(api::testing::ssl_client_for(api_->server));
    data->tencent.tag = std::make_shared<api::Client>(api::testing::ssl_client_for(api_->server));
    ctx_.provider_data = data;
  }

  // The API showing the order as `view` (DescribeCertificate's answer) and refusing `refused`
  // with `code`; every other call succeeds.
  void serve_refusing(const Reply& view, const std::string& refused, const std::string& code) {
    serve([view, refused, code](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificate") return view;
      if (action == refused) return api::testing::api_error(code);
      return api::testing::ok(json::object());
    });
  }

  // CertificateInfoSubmit refused for the status while the order awaits its information (5);
  // CertificateOrderSubmit answers `answer`: an error code, or "SO-1", which places the order
  // (DescribeCertificate shows it validating, 4, with that OrderId from then on).
  void serve_information_refused(const std::string& answer) {
    auto ordered = std::make_shared<std::atomic<bool>>(false);
    serve([answer, ordered](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificate") return *ordered ? paid_order(4, "SO-1") : paid_order(5);
      if (action == "CertificateInfoSubmit")
        return api::testing::api_error("FailedOperation.CertificateInfoSubmitStatusInvalid");
      if (action == "CertificateOrderSubmit") {
        if (answer != "SO-1") return api::testing::api_error(answer);
        *ordered = true;
        return api::testing::ok({{"OrderId", "SO-1"}, {"Status", 4}});
      }
      return api::testing::ok(json::object());
    });
  }

  // product_: WoTrus DV multi-domain (26; awaits its information in status 0) unless a test
  // sets WoTrus OV multi-domain (29; status 5).
  Value configured(std::int64_t manager_id = 36383) const {
    return config({{"product_id", Value::number(product_)},
                   {"domain_num", Value::number(std::int64_t{2})},
                   {"common_name", Value::string("www.example.com")},
                   {"other_names", Value::list(Type::string(), {Value::string("api.example.com")})},
                   {"company_id", Value::number(std::int64_t{122})},
                   {"manager_id", Value::number(manager_id)}});
  }

  // A bought order awaiting its information (status 5 whatever the product, unless a test sets
  // another, no order_id, records without values).
  Value bought() {
    const Value planned = plan(configured()).planned;
    return applied(planned, kId)
        .with("status", Value::number(std::int64_t{5}))
        .with("status_msg", Value::string(""))
        .with("order_id", Value::null(Type::string()));
  }

  // A bought order whose review failed (status 2) with `message`.
  Value review_failed(const std::string& message = kInformationRefused) {
    return bought()
        .with("status", Value::number(std::int64_t{2}))
        .with("status_msg", Value::string(message));
  }

  // Plans the submission of `prior` (it must be planned) and applies it; `private_state` is
  // the instance's private state, before and after.
  Value submit(const Value& prior, framework::PrivateState& private_state) {
    return submit(prior, private_state, configured());
  }
  Value submit(const Value& prior, framework::PrivateState& private_state, const Value& cfg) {
    const Value planned = plan(cfg, prior, private_state.serialize()).planned;
    EXPECT_TRUE(planned.at("order_id").is_unknown()) << "no submission planned";
    diags_ = framework::Diagnostics();
    return resource_->update({prior, planned, cfg, private_state, ctx_}, diags_);
  }

  // Creates the configured order: a fresh purchase (no order held, CreateCertificate answers
  // kId) whose CertificateInfoSubmit is refused with `code`, the API answering DescribeCertificate
  // with `view`; `private_state` is the instance's after it.
  Value buy_with_refused_submission(const Reply& view, const std::string& code,
                                    framework::PrivateState& private_state) {
    serve([view, code](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificates")
        return api::testing::ok({{"TotalCount", 0}, {"Certificates", json::array()}});
      if (action == "CreateCertificate")
        return api::testing::ok({{"CertificateIds", {kId}}, {"DealIds", {"deal-1"}}});
      if (action == "DescribeCertificate") return view;
      if (action == "CertificateInfoSubmit") return api::testing::api_error(code);
      return api::testing::ok(json::object());
    });
    const Value cfg = configured();
    const Value planned = plan(cfg).planned;
    diags_ = framework::Diagnostics();
    return resource_->create({planned, cfg, private_state, ctx_}, diags_);
  }

  // The next plan of `state` (with the instance's `private_state`) submits the order again:
  // order_id unknown, and a warning containing `why`.
  void expect_next_plan_submits(const Value& state, const framework::PrivateState& private_state,
                                const char* why = "is not submitted yet") {
    const auto next = plan(configured(), state, private_state.serialize());
    EXPECT_TRUE(warning(why));
    EXPECT_TRUE(next.planned.at("order_id").is_unknown());
  }

  std::unique_ptr<api::testing::ScriptedSslApi> api_;
  std::int64_t product_ = 26;
};

// The API answers a submission as already made (seed 004) while DescribeCertificate still shows
// the order awaiting its information: CertificateOrderSubmitProcessing ("订单正在处理中"), or
// CertificateInfoSubmitStatusInvalid from CertificateInfoSubmit while an earlier
// CertificateOrderSubmit may have landed (submission_unconfirmed), confirmed by
// CertificateOrderSubmit's CertificateOrderSubmitProcessing.
TEST_F(PaidSubmit, ARefusalAsAlreadySubmittedIsTakenForASubmissionWhileTheViewLags) {
  struct Case {
    const char* refused_action;
    const char* code;
    bool earlier_order;  // submission_unconfirmed set before the apply
    std::int64_t product;
    std::int64_t awaiting;  // the product's status awaiting its information, no signs
  };
  for (const Case c : {Case{"CertificateOrderSubmit",
                            "FailedOperation.CertificateOrderSubmitProcessing", false, 29, 5},
                       Case{"CertificateOrderSubmit",
                            "FailedOperation.CertificateOrderSubmitProcessing", false, 26, 0},
                       Case{"CertificateInfoSubmit",
                            "FailedOperation.CertificateInfoSubmitStatusInvalid", true, 29, 5},
                       Case{"CertificateInfoSubmit",
                            "FailedOperation.CertificateInfoSubmitStatusInvalid", true, 26, 0}}) {
    SCOPED_TRACE(std::string(c.refused_action) + " " + c.code + " product " +
                 std::to_string(c.product));
    product_ = c.product;
    serve([c](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificate") return paid_order(static_cast<int>(c.awaiting));
      if (action == c.refused_action) return api::testing::api_error(c.code);
      if (action == "CertificateOrderSubmit")
        return api::testing::api_error("FailedOperation.CertificateOrderSubmitProcessing");
      return api::testing::ok(json::object());
    });
    const Value prior = bought().with("status", Value::number(c.awaiting));
    framework::PrivateState private_state;
    if (c.earlier_order) private_state.set("submission_unconfirmed", true);
    const Value state = submit(prior, private_state);
    ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
    EXPECT_FALSE(warning("not submitted")) << diags_.all().front().summary;
    const auto* said = warning("is submitted; the API does not list its OrderId yet");
    ASSERT_NE(said, nullptr) << (diags_.empty() ? "no diagnostics" : diags_.all().front().summary);
    EXPECT_NE(said->detail.find("FailedOperation.CertificateOrderSubmitProcessing"),
              std::string::npos)
        << said->detail;
    EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 1);
    EXPECT_EQ(said->attribute, Path::root("order_id"));
    EXPECT_TRUE(state.at("order_id").is_null());
    EXPECT_EQ(state.get_int("status"), c.awaiting);
    // The order is this instance's (its destroy cancels it) until its OrderId is listed.
    EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());

    // The next plan takes the order for submitted: nothing to submit, nothing planned.
    const auto next = plan(configured(), state, private_state.serialize());
    EXPECT_FALSE(warning("is not submitted yet"));
    EXPECT_FALSE(next.planned.at("order_id").is_unknown());
    EXPECT_EQ(next.planned, state);
    // Without the API's answer (the same view, no mark) the order would be submitted.
    plan(configured(), state);
    EXPECT_TRUE(warning("is not submitted yet"));
  }
}

// CertificateInfoSubmitStatusInvalid says only that the status takes no information or order
// now (seed 004), not that an order was placed: refused by CertificateInfoSubmit with no earlier
// CertificateOrderSubmit (an OV order whose purchase is not settled), the order is bought but not
// submitted; refused by CertificateOrderSubmit after CertificateInfoSubmit took the information
// (the CA not done with it), no order was placed: an error saying so, the mark of a
// CertificateOrderSubmit that was sent kept. Either way the next plan submits it again.
TEST_F(PaidSubmit, AStatusRefusalIsNotTakenForASubmission) {
  for (const char* refused : {"CertificateInfoSubmit", "CertificateOrderSubmit"}) {
    SCOPED_TRACE(refused);
    serve_refusing(paid_order(5), refused, "FailedOperation.CertificateInfoSubmitStatusInvalid");
    framework::PrivateState private_state;
    const Value state = submit(bought(), private_state);
    EXPECT_FALSE(warning("does not list its OrderId"));
    EXPECT_FALSE(private_state.get("submission_acknowledged").has_value());
    if (std::string(refused) == "CertificateInfoSubmit") {
      ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
      EXPECT_TRUE(warning("is bought but its order is not submitted"));
      EXPECT_FALSE(private_state.get("submission_unconfirmed").has_value());
    } else {
      ASSERT_TRUE(diags_.has_errors());
      const auto& said = diags_.all().front();
      EXPECT_EQ(said.summary,
                std::string("The order of certificate ") + kId + " was not submitted");
      for (const char* part :
           {"FailedOperation.CertificateInfoSubmitStatusInvalid",
            "CertificateOrderSubmit was refused", "Applying again retries", "nothing is bought"})
        EXPECT_NE(said.detail.find(part), std::string::npos) << part << "\n" << said.detail;
      EXPECT_EQ(said.attribute, Path::root("order_id"));
      EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
    }
    EXPECT_TRUE(state.at("order_id").is_null());
    EXPECT_EQ(state.get_int("status"), 5);
    expect_next_plan_submits(state, private_state);
  }
}

// A fresh purchase whose CertificateInfoSubmit is refused for its status (the purchase not
// settled) while the view shows the order awaiting its information (0 for this DV product): not
// taken for a submission, the next plan submits it.
TEST_F(PaidSubmit, AStatusRefusalOfAFreshPurchaseIsNotTakenForASubmission) {
  framework::PrivateState private_state;
  const Value state = buy_with_refused_submission(
      paid_order(0), "FailedOperation.CertificateInfoSubmitStatusInvalid", private_state);
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(warning("is bought but its order is not submitted"));
  EXPECT_FALSE(warning("does not list its OrderId"));
  EXPECT_FALSE(private_state.get("submission_acknowledged").has_value());
  expect_next_plan_submits(state, private_state);
}

// The acknowledgment expires: an hour after the API answered the order submitted (or at once
// when the stamp lies further in this clock's future than clocks differ, 5 minutes), a view
// still showing it awaiting its information gets the submission offered again, with a warning.
TEST_F(PaidSubmit, AnAcknowledgedSubmissionIsOfferedAgainAfterAnHour) {
  const Value state = bought();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  // A negative age (this clock behind the one that wrote the stamp) counts as expired beyond
  // the skew clocks may have.
  for (const std::int64_t age :
       {std::int64_t{600}, std::int64_t{7200}, std::int64_t{-600}, std::int64_t{-60}}) {
    SCOPED_TRACE(age);
    framework::PrivateState private_state;
    private_state.set("submission_unconfirmed", true);
    private_state.set("submission_acknowledged", now - age);
    const auto next = plan(configured(), state, private_state.serialize());
    const auto* again = warning("is still not listed as submitted");
    if (age > -300 && age < 3600) {
      EXPECT_EQ(again, nullptr);
      EXPECT_FALSE(next.planned.at("order_id").is_unknown());
      continue;
    }
    ASSERT_NE(again, nullptr);
    EXPECT_NE(again->detail.find("the API refuses the second one"), std::string::npos);
    EXPECT_EQ(again->attribute, Path::root("order_id"));
    EXPECT_TRUE(next.planned.at("order_id").is_unknown());
  }
}

// Refused as already submitted, but the order was cancelled meanwhile (status 7): that is why
// the API refused it, so it proves no submission.
TEST_F(PaidSubmit, ARefusalOfACancelledOrderIsNotTakenForASubmission) {
  serve_refusing(paid_order(7), "CertificateInfoSubmit",
                 "FailedOperation.CertificateInfoSubmitStatusInvalid");
  framework::PrivateState private_state;
  const Value state = submit(bought(), private_state);
  EXPECT_TRUE(warning("is bought but its order is not submitted"));
  EXPECT_FALSE(warning("does not list its OrderId"));
  EXPECT_FALSE(private_state.get("submission_acknowledged"));
  EXPECT_EQ(state.get_int("status"), 7);
}

// A failed review is resubmitted, but the API's view lags behind ModifyCertificateResubmit: it
// still shows the failed review (2) with the earlier order's OrderId when CertificateInfoSubmit
// is refused for the status. That refusal proves no submission: the order is bought but not
// submitted, the earlier unconfirmed mark stays, and the next plan reports the failed review and
// resubmits.
TEST_F(PaidSubmit, AStatusRefusalOfAFailedReviewIsNotTakenForASubmission) {
  serve_refusing(paid_order(2, "SO-OLD", kInformationRefused), "CertificateInfoSubmit",
                 "FailedOperation.CertificateInfoSubmitStatusInvalid");
  const Value prior = review_failed();
  framework::PrivateState private_state;
  private_state.set("submission_unconfirmed", true);
  const Value state = submit(prior, private_state);
  ASSERT_EQ(api_->calls("ModifyCertificateResubmit"), 1);
  EXPECT_TRUE(warning("is bought but its order is not submitted"));
  EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
  EXPECT_EQ(state.get_int("status"), 2);
  expect_next_plan_submits(state, private_state, "The review of certificate");
}

// The review failed (the organisation's information refused) and the user changes manager_id;
// ModifyCertificateResubmit then fails transiently, so the CA never received the new manager.
// The state holds it all the same: the next plan must not say that the configuration has not
// changed since the refused submission.
TEST_F(PaidSubmit, AResubmissionFailingTransientlyIsNotTakenForTheRefusedSubmission) {
  serve_refusing(paid_order(2, "", kInformationRefused), "ModifyCertificateResubmit",
                 "InternalError");
  const Value prior = review_failed();
  plan(configured(), prior);
  ASSERT_NE(warning("The review of certificate"), nullptr);
  ASSERT_NE(warning("The review of certificate")->detail.find("has not changed"),
            std::string::npos);  // unchanged: said

  framework::PrivateState private_state;
  const Value state = submit(prior, private_state, configured(777));
  ASSERT_TRUE(warning("is bought but its order is not submitted"));
  ASSERT_EQ(api_->calls("CertificateInfoSubmit"), 0);
  ASSERT_EQ(state.get_int("manager_id"), 777);

  plan(configured(777), state, private_state.serialize());
  const auto* review = warning("The review of certificate");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->detail.find("has not changed"), std::string::npos) << review->detail;
}

// The same after a failed review: an unchanged resubmission failing transiently keeps the hint
// that the configuration has not changed since the refused submission.
TEST_F(PaidSubmit, AnUnchangedResubmissionFailingTransientlyKeepsTheUnchangedHint) {
  serve_refusing(paid_order(2, "", kInformationRefused), "ModifyCertificateResubmit",
                 "InternalError");
  const Value prior = review_failed();
  framework::PrivateState private_state;
  const Value state = submit(prior, private_state);
  ASSERT_TRUE(warning("is bought but its order is not submitted"));
  EXPECT_FALSE(private_state.get("recorded_since_submission").has_value());
  plan(configured(), state, private_state.serialize());
  const auto* review = warning("The review of certificate");
  ASSERT_NE(review, nullptr);
  EXPECT_NE(review->detail.find("has not changed"), std::string::npos) << review->detail;
}

// CertificateInfoSubmit refused for the status after an earlier CertificateOrderSubmit that may
// have landed proves nothing alone (the CA may not be done with the information it sent):
// CertificateOrderSubmit is sent and decides. CertificateOrderSubmitProcessing: submitted, the
// view lagging (acknowledged). An OrderId: confirmed. CertificateInfoSubmitStatusInvalid:
// undecided (the CA not done, or a placed order refused that way): "may not be submitted",
// submission_unconfirmed kept (the destroy still takes the order for this instance's), the next
// plan submits again. It is sent once, so a refusal answers the one attempt sent, which placed
// nothing: the order a refresh forgot stays the only one this instance claims. An answer lost
// (here a transient error, which a send-once call does not retry): it may have landed, so any
// OrderId may be this instance's from then on.
TEST_F(PaidSubmit, AnInformationRefusalAfterALostOrderSubmissionAsksTheOrder) {
  for (const char* answer : {"FailedOperation.CertificateOrderSubmitProcessing",
                             "FailedOperation.CertificateInfoSubmitStatusInvalid", "InternalError",
                             "FailedOperation.CertificateStatusNotAllowSubmit", "SO-1"}) {
    SCOPED_TRACE(answer);
    const bool placed = std::string(answer) == "SO-1";
    const bool transient = std::string(answer) == "InternalError";
    const bool other = std::string(answer) == "FailedOperation.CertificateStatusNotAllowSubmit";
    serve_information_refused(answer);
    framework::PrivateState private_state;
    private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
    private_state.set("forgotten_order_id", "SO-X");    // a refresh forgot it meanwhile
    const Value state = submit(bought(), private_state);
    EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 1);
    EXPECT_EQ(private_state.get("forgotten_order_id").has_value(), !placed && !transient);
    const bool acknowledged = std::string(answer).ends_with("Processing");
    EXPECT_EQ(warning("is submitted; the API does not list its OrderId yet") != nullptr,
              acknowledged);
    EXPECT_EQ(private_state.get("submission_acknowledged").has_value(), acknowledged);
    if (placed) {
      ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
      EXPECT_EQ(state.get_string("order_id"), "SO-1");
      EXPECT_EQ(state.get_int("status"), 4);
      EXPECT_FALSE(private_state.get("submission_unconfirmed").has_value());
      continue;
    }
    EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
    EXPECT_TRUE(state.at("order_id").is_null());
    if (acknowledged) {
      ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
    } else if (transient) {
      const auto* said = warning("may have been submitted");
      ASSERT_NE(said, nullptr);
      EXPECT_NE(said->detail.find("may have been processed and is not sent again"),
                std::string::npos)
          << said->detail;
      EXPECT_NE(said->detail.find("the next apply asks the API"), std::string::npos)
          << said->detail;
    } else if (other) {
      // An answer that is neither: it placed nothing, and says so as any refusal does.
      EXPECT_TRUE(warning("is bought but its order is not submitted"));
    } else {
      ASSERT_TRUE(diags_.has_errors());
      const auto& said = diags_.all().front();
      EXPECT_EQ(said.summary,
                std::string("The order of certificate ") + kId + " may not be submitted");
      for (const char* part : {"CertificateInfoSubmit and CertificateOrderSubmit were both refused",
                               "either the CA is not done",
                               "placed the order and the API does "
                               "not list it yet",
                               "nothing is bought"})
        EXPECT_NE(said.detail.find(part), std::string::npos) << part << "\n" << said.detail;
      plan(configured(), state, private_state.serialize());
      EXPECT_TRUE(warning("is not submitted yet"));
    }
  }
}

// After a lost CertificateOrderSubmit, a view showing the order submitted (validating, 4;
// waiting for its letter, 8; under review with a review message, 0) but no OrderId yet:
// CertificateInfoSubmit's refusal is the earlier submission's, and no order is sent again. This
// apply's manager_id was not sent: the state keeps the earlier one, and an error says so.
TEST_F(PaidSubmit, AnOrderTheViewShowsSubmittedIsNotOrderedAgain) {
  for (const auto& [status, message] :
       {std::pair{4, ""}, std::pair{8, ""}, std::pair{0, "PENDING-DCV"}}) {
    SCOPED_TRACE(status);
    serve_refusing(paid_order(status, "", message), "CertificateInfoSubmit",
                   "FailedOperation.CertificateInfoSubmitStatusInvalid");
    framework::PrivateState private_state;
    private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
    const Value state = submit(bought(), private_state, configured(777));
    EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 0);
    const auto* said = warning("is submitted; the API does not list its OrderId yet");
    ASSERT_NE(said, nullptr);
    EXPECT_NE(said->detail.find("DescribeCertificate shows the order submitted"), std::string::npos)
        << said->detail;
    const framework::Diagnostic* unsent = error_at("manager_id");
    ASSERT_NE(unsent, nullptr);
    EXPECT_NE(unsent->detail.find("submitted by an earlier attempt"), std::string::npos)
        << unsent->detail;
    EXPECT_EQ(state.get_int("manager_id"), 36383);
    EXPECT_TRUE(private_state.get("submission_acknowledged").has_value());
    EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
    EXPECT_EQ(state.get_int("status"), status);
    EXPECT_TRUE(state.at("order_id").is_null());
  }
}

// Sending CertificateOrderSubmit after a lost one while the CA is not done with the earlier
// information would place the order for the earlier names: a certified change is not ordered.
// The state keeps the earlier names (an error says so), the marks stay, and the next plan
// submits the change in place (no order is listed, so no replacement: nothing is bought).
TEST_F(PaidSubmit, ACertifiedChangeIsNotOrderedWithTheEarlierInformation) {
  serve_refusing(paid_order(5), "CertificateInfoSubmit",
                 "FailedOperation.CertificateInfoSubmitStatusInvalid");
  framework::PrivateState private_state;
  private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
  const Value cfg = configured().with("common_name", Value::string("new.example.com"));
  const Value state = submit(bought(), private_state, cfg);
  EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 0);
  const framework::Diagnostic* said = error_at("common_name");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(said->summary,
            std::string("The changes to certificate ") + kId + " were not submitted");
  for (const char* part :
       {"common_name were not sent", "not placed for the earlier names", "nothing is bought",
        "Apply again later", "revert common_name", "-replace=ADDRESS"})
    EXPECT_NE(said->detail.find(part), std::string::npos) << part << "\n" << said->detail;
  EXPECT_EQ(state.get_string("common_name"), "www.example.com");
  EXPECT_TRUE(state.at("order_id").is_null());
  EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
  EXPECT_TRUE(private_state.get("recorded_since_submission").has_value());
  EXPECT_FALSE(private_state.get("submission_acknowledged").has_value());
  const auto next = plan(cfg, state, private_state.serialize());
  EXPECT_EQ(next.planned.get_string("common_name"), "new.example.com");
  EXPECT_FALSE(replaces(next, "common_name"));
  EXPECT_TRUE(next.planned.at("order_id").is_unknown());
}

// A submission taken as made whose information this apply did not send (CertificateInfoSubmit
// refused, CertificateOrderSubmit answering the order placed by an earlier attempt, or placing
// it): the CA reviews what that attempt sent, so the state keeps the prior's manager_id (not this
// apply's), is marked as holding what was not submitted, and an error says the change was not
// sent; the next plan shows it again, recorded for the next submission.
TEST_F(PaidSubmit, ASubmissionTakenAsMadeKeepsWhatThisApplyDidNotSend) {
  for (const char* answer : {"FailedOperation.CertificateOrderSubmitProcessing", "SO-1"}) {
    SCOPED_TRACE(answer);
    const bool placed = std::string(answer) == "SO-1";
    serve_information_refused(answer);
    framework::PrivateState private_state;
    private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
    const Value cfg = configured(777);
    const Value state = submit(bought(), private_state, cfg);
    EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 1);
    const framework::Diagnostic* said = error_at("manager_id");
    ASSERT_NE(said, nullptr);
    EXPECT_EQ(said->summary,
              std::string("The changes to certificate ") + kId + " were not submitted");
    EXPECT_NE(said->detail.find("manager_id were not sent"), std::string::npos) << said->detail;
    EXPECT_NE(said->detail.find(placed ? "CertificateOrderSubmit placed the order with the "
                                         "information an earlier submission sent"
                                       : "submitted by an earlier attempt"),
              std::string::npos)
        << said->detail;
    EXPECT_NE(said->detail.find("revert them to keep this order"), std::string::npos)
        << said->detail;
    EXPECT_EQ(state.get_int("manager_id"), 36383);
    EXPECT_EQ(state.get_string("order_id").value_or(""), placed ? "SO-1" : "");
    EXPECT_TRUE(private_state.get("recorded_since_submission").has_value());
    const auto next = plan(cfg, state, private_state.serialize());
    EXPECT_EQ(next.planned.get_int("manager_id"), 777);
    EXPECT_FALSE(next.planned.at("order_id").is_unknown()) << "nothing to submit";
    EXPECT_TRUE(warning("Recorded only: the submitted order keeps its information"));
  }
}

// A lost CertificateOrderSubmit, then an apply whose CertificateOrderSubmit fails transiently
// after CertificateInfoSubmit refused this apply's information: the earlier submission may have
// placed the order with its own, so the state keeps the prior's values and an error says so.
// Without that, the next apply (the order answered submitted) would find nothing unsent and the
// state would claim values the CA never received.
TEST_F(PaidSubmit, AFailedOrderSubmissionAfterALostOneKeepsWhatWasNotSent) {
  auto processing = std::make_shared<std::atomic<bool>>(false);
  serve([processing](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return paid_order(5);
    if (action == "CertificateInfoSubmit")
      return api::testing::api_error("FailedOperation.CertificateInfoSubmitStatusInvalid");
    if (action == "CertificateOrderSubmit")
      return api::testing::api_error(
          *processing ? "FailedOperation.CertificateOrderSubmitProcessing" : "InternalError");
    return api::testing::ok(json::object());
  });
  framework::PrivateState private_state;
  private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
  const Value cfg = configured(777);
  const Value first = submit(bought(), private_state, cfg);
  EXPECT_TRUE(warning("may have been submitted"));
  ASSERT_NE(error_at("manager_id"), nullptr);
  EXPECT_EQ(first.get_int("manager_id"), 36383);
  *processing = true;
  const Value second = submit(first, private_state, cfg);
  ASSERT_TRUE(warning("is submitted; the API does not list its OrderId yet"));
  ASSERT_NE(error_at("manager_id"), nullptr) << "the change is still not sent";
  EXPECT_EQ(second.get_int("manager_id"), 36383);
  EXPECT_TRUE(private_state.get("recorded_since_submission").has_value());
}

// Only CertificateOrderSubmit places an order: a CertificateInfoSubmit that fails (even
// transiently, its answer possibly lost) does not mark a submission that may have landed; a
// CertificateOrderSubmit that fails so does.
TEST_F(PaidSubmit, OnlyAnOrderSubmissionMayHaveLandedUnconfirmed) {
  for (const char* failing : {"CertificateInfoSubmit", "CertificateOrderSubmit"}) {
    SCOPED_TRACE(failing);
    serve_refusing(paid_order(5), failing, "InternalError");
    framework::PrivateState private_state;
    submit(bought(), private_state);
    ASSERT_TRUE(warning("is bought but its order is not submitted"));
    EXPECT_EQ(private_state.get("submission_unconfirmed").has_value(),
              std::string(failing) == "CertificateOrderSubmit");
  }
}

// A failed CertificateInfoSubmit sends no order: it leaves the unconfirmed mark as an earlier
// CertificateOrderSubmit left it (kept when set, InternalError), and creates none, also when its
// refusal is taken for a submission made elsewhere (CertificateOrderSubmitProcessing).
TEST_F(PaidSubmit, AFailedInformationSubmissionLeavesTheUnconfirmedMarkAsItWas) {
  struct Case {
    const char* code;
    bool earlier_order;
  };
  for (const Case c : {Case{"InternalError", true},
                       Case{"FailedOperation.CertificateOrderSubmitProcessing", false}}) {
    SCOPED_TRACE(c.code);
    serve_refusing(paid_order(5), "CertificateInfoSubmit", c.code);
    framework::PrivateState private_state;
    if (c.earlier_order) private_state.set("submission_unconfirmed", true);
    submit(bought(), private_state);
    ASSERT_EQ(api_->calls("CertificateOrderSubmit"), 0);
    EXPECT_EQ(private_state.get("submission_unconfirmed").has_value(), c.earlier_order);
  }
}

// A failed review resubmitted and ordered again, then the read-back fails: the state keeps the
// status CertificateOrderSubmit answered, not the failed review's (2), so the next plan (without
// a refresh) does not resubmit the order again.
TEST_F(PaidSubmit, AFailedReadBackKeepsTheStatusTheOrderAnswered) {
  serve([](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return api::testing::api_error("InternalError");
    if (action == "CertificateOrderSubmit")
      return api::testing::ok({{"OrderId", "SO1"}, {"Status", 0}});
    return api::testing::ok(json::object());
  });
  const Value prior = review_failed("订单审核失败");
  framework::PrivateState private_state;
  const Value state = submit(prior, private_state);
  ASSERT_TRUE(warning("could not be read back"));
  ASSERT_EQ(api_->calls("ModifyCertificateResubmit"), 1);
  EXPECT_EQ(state.get_string("order_id"), "SO1");
  EXPECT_EQ(state.get_int("status"), 0);

  const auto next = plan(configured(), state, private_state.serialize());
  EXPECT_FALSE(warning("The review of certificate"));
  EXPECT_FALSE(next.planned.at("order_id").is_unknown());
}

// A create whose submission is refused and whose read-back fails: the order was just bought, so
// its status is the one of an order of its product awaiting its information (awaiting_status: 0
// for a DV product, 5 for an OV one), never null, and the next plan (without a refresh) submits
// it again.
TEST_F(PaidSubmit, AFailedReadBackAfterTheCreateLeavesTheBoughtOrdersStatus) {
  for (const auto& [product, awaiting] : {std::pair{26, 0}, std::pair{29, 5}}) {
    SCOPED_TRACE(product);
    product_ = product;
    framework::PrivateState private_state;
    const Value state = buy_with_refused_submission(api::testing::api_error("InternalError"),
                                                    "InvalidParameter", private_state);
    ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
    ASSERT_TRUE(warning("is bought but its order is not submitted"));
    ASSERT_TRUE(warning("could not be read back"));
    ASSERT_EQ(state.get_string("id"), kId);
    EXPECT_EQ(state.get_int("status"), awaiting);

    expect_next_plan_submits(state, private_state);
  }
}

// The destroy of an order this instance holds (owner tag "mine").
class PaidDestroy : public PaidSubmit {
 protected:
  // `marks`: more of the instance's private state.
  void destroy(const Value& prior, const std::map<std::string, json>& marks = {}) {
    framework::PrivateState private_state;
    private_state.set("order_owner", "mine");
    for (const auto& [key, value] : marks) private_state.set(key, value);
    destroy(prior, private_state);
  }
  void destroy(const Value& prior, framework::PrivateState& private_state) {
    diags_ = framework::Diagnostics();
    resource_->remove({prior, private_state, ctx_}, diags_);
  }
};

// Another instance tags the order while this destroy's cancel call is refused
// (InvalidCertificateStatusCode): nothing was cancelled, so the warning does not say it was, and
// the order is left to that instance (nothing more is called on it).
TEST_F(PaidDestroy, AnAdoptionDuringARefusedCancelIsLeftToTheAdopter) {
  auto cancel_called = std::make_shared<std::atomic<bool>>(false);
  serve([cancel_called](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate")
      return paid_order(5, "", "", *cancel_called ? "theirs" : "mine");
    if (action == "CancelCertificateOrder") {
      *cancel_called = true;
      return api::testing::api_error("FailedOperation.InvalidCertificateStatusCode");
    }
    return api::testing::ok(json::object());
  });
  destroy(bought());
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_FALSE(warning("while it was cancelled"));
  const auto* said = warning("was adopted by another instance during this destroy");
  ASSERT_NE(said, nullptr) << (diags_.empty() ? "no diagnostics" : diags_.all().front().summary);
  for (const char* part : {"FailedOperation.InvalidCertificateStatusCode", "nothing was cancelled",
                           "cloudssl-owner = theirs", "mine"})
    EXPECT_NE(said->detail.find(part), std::string::npos) << part << "\n" << said->detail;
  EXPECT_EQ(api_->calls("CancelCertificateOrder"), 1);
  EXPECT_EQ(api_->calls("DeleteCertificate"), 0);
}

// The destroy of a DV order whose submission the API answered as made while its view lags
// (status 0, no OrderId, no review message or records): its review is stopped
// (CancelAuditCertificate) before the order is cancelled, as for any submitted order.
TEST_F(PaidDestroy, AnAcknowledgedSubmissionHasItsReviewStopped) {
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  serve([cancelled](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return paid_order(*cancelled ? 7 : 0, "", "", "mine");
    if (action == "CancelCertificateOrder") *cancelled = true;
    return api::testing::ok(json::object());
  });
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  destroy(bought().with("status", Value::number(std::int64_t{0})),
          {{"submission_unconfirmed", true}, {"submission_acknowledged", now}});
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_FALSE(warning("was left"));
  EXPECT_EQ(api_->calls("CancelAuditCertificate"), 1);
  EXPECT_EQ(api_->calls("CancelCertificateOrder"), 1);
}

// A refresh while the API's view lags behind a confirmed submission (status 5, no OrderId)
// forgets the order_id, and remembers which order it forgot.
TEST_F(PaidSubmit, ARefreshDuringALaggingViewRemembersTheOrderItForgets) {
  serve([](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) == "DescribeCertificate") return paid_order(5);
    return api::testing::ok(json::object());
  });
  const Value state = bought()
                          .with("status", Value::number(std::int64_t{0}))
                          .with("order_id", Value::string("SO-X"));
  framework::PrivateState private_state;
  const auto read = resource_->read({state, private_state, ctx_}, diags_);
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(read->at("order_id").is_null());
  EXPECT_TRUE(private_state.get("submission_unconfirmed").has_value());
  EXPECT_EQ(private_state.get("forgotten_order_id"), std::optional<json>("SO-X"));
}

// A refresh that finds the OrderId of an order answered as submitted while the view lagged
// erases the acknowledgment (and the unconfirmed mark): the view decides from then on.
TEST_F(PaidSubmit, ARefreshListingTheOrderIdErasesTheAcknowledgment) {
  serve([](const RecordedRequest& r, int) -> Reply {
    if (api::testing::action_of(r) == "DescribeCertificate")
      return paid_order(0, "SO-LISTED", "PENDING-DCV");
    return api::testing::ok(json::object());
  });
  framework::PrivateState private_state;
  private_state.set("submission_unconfirmed", true);
  private_state.set("submission_acknowledged",
                    std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count());
  const auto read = resource_->read({bought(), private_state, ctx_}, diags_);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->get_string("order_id"), "SO-LISTED");
  EXPECT_FALSE(private_state.get("submission_acknowledged").has_value());
  EXPECT_FALSE(private_state.get("submission_unconfirmed").has_value());
}

// The mark a refresh left when it forgot order SO-X makes only that order this instance's: the
// API showing another order (SO-Y, submitted by another instance whose owner tag is not listed
// yet) is left with a warning naming both, not cancelled; SO-X itself is cancelled.
TEST_F(PaidDestroy, OnlyTheOrderARefreshForgotCountsAsThisInstances) {
  for (const std::string listed : {"SO-Y", "SO-X"}) {
    SCOPED_TRACE(listed);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    serve([listed, cancelled](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificate")
        return paid_order(*cancelled ? 7 : 0, listed, "PENDING-DCV", "mine");
      if (action == "CancelCertificateOrder") *cancelled = true;
      return api::testing::ok(json::object());
    });
    destroy(bought(), {{"submission_unconfirmed", true}, {"forgotten_order_id", "SO-X"}});
    ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
    const auto* left = warning("was left to the instance that submitted it");
    if (listed == "SO-Y") {
      ASSERT_NE(left, nullptr);
      EXPECT_NE(left->detail.find("The API shows order SO-Y, not SO-X"), std::string::npos)
          << left->detail;
      EXPECT_EQ(api_->calls("CancelAuditCertificate"), 0);
      EXPECT_EQ(api_->calls("CancelCertificateOrder"), 0);
    } else {
      EXPECT_EQ(left, nullptr);
      EXPECT_EQ(api_->calls("CancelCertificateOrder"), 1);
    }
  }
}

// After a lost CertificateOrderSubmit and a refresh that forgot order SO-X, an apply sends
// CertificateOrderSubmit again (CertificateInfoSubmit refused, the view awaiting its
// information), then the resource is destroyed while the API lists SO-Y, its owner tag still
// showing this instance's (tags lag). Refused (CertificateOrderSubmitProcessing: another
// instance's SO-Y), throttled until the retries ran out, or refused otherwise, the send placed
// nothing: SO-Y is left, not cancelled. Its answer lost, the send may have placed SO-Y: it is
// cancelled.
TEST_F(PaidDestroy, AnOrderSubmittedAgainAfterAForgottenOneIsCancelledOnlyIfThatSendMayHaveLanded) {
  for (const char* answer :
       {"FailedOperation.CertificateOrderSubmitProcessing", "RequestLimitExceeded",
        "FailedOperation.CertificateStatusNotAllowSubmit", "InternalError"}) {
    SCOPED_TRACE(answer);
    const bool lost = std::string(answer) == "InternalError";
    auto destroying = std::make_shared<std::atomic<bool>>(false);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    serve([answer, destroying, cancelled](const RecordedRequest& r, int) -> Reply {
      const std::string action = api::testing::action_of(r);
      if (action == "DescribeCertificate")
        return *destroying ? paid_order(*cancelled ? 7 : 0, "SO-Y", "PENDING-DCV", "mine")
                           : paid_order(5, "", "", "mine");
      if (action == "CertificateInfoSubmit")
        return api::testing::api_error("FailedOperation.CertificateInfoSubmitStatusInvalid");
      if (action == "CertificateOrderSubmit") return api::testing::api_error(answer);
      if (action == "CancelCertificateOrder") *cancelled = true;
      return api::testing::ok(json::object());
    });
    framework::PrivateState private_state;
    private_state.set("order_owner", "mine");
    private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
    private_state.set("forgotten_order_id", "SO-X");    // a refresh forgot it meanwhile
    const Value state = submit(bought(), private_state);
    ASSERT_EQ(api_->calls("CertificateOrderSubmit"), 1);
    *destroying = true;
    destroy(state, private_state);
    ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
    const auto* left = warning("was left to the instance that submitted it");
    EXPECT_EQ(left == nullptr, lost);
    EXPECT_EQ(api_->calls("CancelCertificateOrder"), lost ? 1 : 0);
  }
}

// The second CertificateOrderSubmit after a lost one is throttled (answered: nothing placed), and
// StopProvider cancels the apply during the client's retry wait: the call ends Cancelled although
// an attempt of it was sent (ApiError::sent). Nothing can have landed, so the order a refresh
// forgot stays the only one this instance claims.
TEST_F(PaidSubmit, AnOrderSubmissionCancelledAfterAThrottledAnswerKeepsTheForgottenOrder) {
  const CancellationToken cancel = ctx_.cancel;
  serve([cancel](const RecordedRequest& r, int) -> Reply {
    const std::string action = api::testing::action_of(r);
    if (action == "DescribeCertificate") return paid_order(5);
    if (action == "CertificateInfoSubmit")
      return api::testing::api_error("FailedOperation.CertificateInfoSubmitStatusInvalid");
    if (action == "CertificateOrderSubmit") {
      cancel.cancel();  // StopProvider while the client waits to retry
      return api::testing::api_error("RequestLimitExceeded");
    }
    return api::testing::ok(json::object());
  });
  // A client that retries (the shared test client does not), so that the cancellation comes
  // during its retry wait.
  api::tencent::ClientConfig client_config;
  client_config.endpoint = api_->server.endpoint();
  client_config.credentials = {"AKIDTEST", "test-secret", ""};
  client_config.max_retries = 2;
  api::ClientTuning tuning;
  tuning.rate_limits.enabled = false;
  auto data = std::make_shared<common::ProviderData>(
      *std::any_cast<std::shared_ptr<common::ProviderData>>(ctx_.provider_data));
  data->tencent.ssl = std::make_shared<api::Client>(
      api::tencent::make_client(api::tencent::kSslApi, client_config, tuning));
  ctx_.provider_data = data;
  framework::PrivateState private_state;
  private_state.set("submission_unconfirmed", true);  // an earlier CertificateOrderSubmit
  private_state.set("forgotten_order_id", "SO-X");    // a refresh forgot it meanwhile
  submit(bought(), private_state);
  EXPECT_EQ(api_->calls("CertificateOrderSubmit"), 1);
  EXPECT_TRUE(warning("is bought but its order is not submitted"));
  EXPECT_EQ(private_state.get("forgotten_order_id"), std::optional<json>("SO-X"));
}

}  // namespace
}  // namespace cloudssl::certificates
