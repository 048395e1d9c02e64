// cloudssl_certificate_validation's view of the issuance state machine (docs/design/ssl-api.md
// §3.7): every documented status 0..15 is classified as the wait loop must treat it (keep polling,
// done, stop with the message, stop because a person must act), unknown values keep polling,
// each has a message text, and the create timeout defaults to 75 minutes.
#include <gtest/gtest.h>

#include <chrono>

#include "resources/certificates/certificate_status.h"
#include "resources/certificates/factories.h"

namespace cloudssl::certificates {
namespace {

using State = IssuanceState;

struct StatusCase {
  std::optional<std::int64_t> status;
  State state;
  const char* text;
};

std::string name_of(const std::optional<std::int64_t>& s) {
  if (!s) return "Missing";
  return *s < 0 ? "Minus" + std::to_string(-*s) : "Status" + std::to_string(*s);
}

// Readable, stable CTest names (gtest_discover_tests prints the parameter).
void PrintTo(const StatusCase& c, std::ostream* os) { *os << name_of(c.status); }

class IssuanceStateOf : public ::testing::TestWithParam<StatusCase> {};

TEST_P(IssuanceStateOf, ClassifiesAndNamesTheStatus) {
  const StatusCase& c = GetParam();
  EXPECT_EQ(issuance_state(c.status), c.state);
  EXPECT_EQ(status_text(c.status), c.text);
}

INSTANTIATE_TEST_SUITE_P(
    EveryDocumentedStatus, IssuanceStateOf,
    ::testing::Values(
        StatusCase{0, State::Pending, "under review"}, StatusCase{1, State::Issued, "issued"},
        StatusCase{2, State::Failed, "review failed"}, StatusCase{3, State::Failed, "expired"},
        StatusCase{4, State::Pending, "DNS validation record added"},
        StatusCase{5, State::NeedsAction, "an enterprise certificate waiting for documents"},
        StatusCase{6, State::Pending, "order being cancelled"},  // transitional → 7
        StatusCase{7, State::Failed, "cancelled"},
        StatusCase{8, State::NeedsAction, "waiting for a confirmation letter"},
        StatusCase{9, State::Pending, "being revoked"},  // transitional → 10
        StatusCase{10, State::Failed, "revoked"}, StatusCase{11, State::Pending, "being reissued"},
        StatusCase{12, State::NeedsAction, "waiting for a revocation letter"},
        StatusCase{13, State::NeedsAction, "a free certificate waiting for information"},
        StatusCase{14, State::Failed, "refunded"}, StatusCase{15, State::Pending, "being migrated"},
        // Beyond the documented range: decode, keep polling (the timeout bounds the wait).
        StatusCase{16, State::Pending, "status 16"}, StatusCase{-1, State::Pending, "status -1"},
        StatusCase{std::nullopt, State::Pending, "unknown"}),
    [](const ::testing::TestParamInfo<StatusCase>& info) { return name_of(info.param.status); });

// Each status a person (or another resource's apply) must act on says what to do and where:
// the console for the letters, whose API actions are no longer maintained (seed 004,
// UploadConfirmLetter, UploadRevokeLetter), and for a free certificate's information, which no
// action submits; cloudssl_paid_certificate's apply for an organisation's information.
TEST(NeedsActionFix, AConfirmationLetterIsUploadedInTheConsole) {
  const std::string fix = needs_action_fix(8);
  EXPECT_NE(fix.find("Upload the certificate's confirmation letter"), std::string::npos) << fix;
  EXPECT_NE(fix.find("https://console.cloud.tencent.com/ssl"), std::string::npos) << fix;
  EXPECT_NE(fix.find("UploadConfirmLetter is no longer maintained"), std::string::npos) << fix;
}

TEST(NeedsActionFix, AnOrganisationsInformationIsSubmittedByThePaidCertificatesApply) {
  const std::string fix = needs_action_fix(5);
  EXPECT_NE(fix.find("For a certificate bought by cloudssl_paid_certificate, that resource's "
                     "apply submits it (CertificateInfoSubmit, then CertificateOrderSubmit"),
            std::string::npos)
      << fix;
  // Its refusal warning quotes the API's error, which names no attribute.
  EXPECT_NE(fix.find("correct what the API refused (the warning quotes its error), usually "
                     "company_id or organisation, manager_id or admin and tech"),
            std::string::npos)
      << fix;
  EXPECT_NE(fix.find("https://console.cloud.tencent.com/ssl (the certificate's 提交资料)"),
            std::string::npos)
      << fix;
}

TEST(NeedsActionFix, ARevocationsWaitUploadsTheRevocationLetterInTheConsole) {
  const std::string fix = needs_action_fix(12, NeedsActionWait::Revocation);
  EXPECT_NE(fix.find("waits for its revocation letter (吊销确认函)"), std::string::npos) << fix;
  EXPECT_NE(fix.find("https://console.cloud.tencent.com/ssl"), std::string::npos) << fix;
  EXPECT_NE(fix.find("UploadRevokeLetter is no longer maintained"), std::string::npos) << fix;
  EXPECT_NE(fix.find("cancel the revocation in the console"), std::string::npos) << fix;
}

// Uploading the letter completes the revocation (9, then 10), so a wait for the certificate's
// issuance is told to cancel the revocation instead, or to wait on another certificate.
TEST(NeedsActionFix, AnIssuancesWaitOnARevocationCancelsItOrPointsElsewhere) {
  const std::string fix = needs_action_fix(12);
  EXPECT_EQ(fix, needs_action_fix(12, NeedsActionWait::Issuance));
  EXPECT_NE(fix.find("To keep waiting for this certificate, cancel the revocation"),
            std::string::npos)
      << fix;
  EXPECT_NE(fix.find("this validation can never pass: point certificate_id at another "
                     "certificate"),
            std::string::npos)
      << fix;
  EXPECT_EQ(fix.find("download the template"), std::string::npos) << fix;
  EXPECT_EQ(fix.find("UploadRevokeLetter"), std::string::npos) << fix;
}

TEST(NeedsActionFix, AFreeCertificatesInformationIsSubmittedInTheConsole) {
  const std::string fix = needs_action_fix(13);
  EXPECT_NE(fix.find("https://console.cloud.tencent.com/ssl (the certificate's 提交资料)"),
            std::string::npos)
      << fix;
  EXPECT_NE(fix.find("no API action submits it"), std::string::npos) << fix;
  EXPECT_NE(fix.find("cloudssl_free_certificate"), std::string::npos) << fix;
  // The seed does not say a new application never waits in 13.
  EXPECT_NE(fix.find("does not need this console step"), std::string::npos) << fix;
  EXPECT_EQ(fix.find("never waits"), std::string::npos) << fix;
}

TEST(NeedsActionFix, OnlyTheStatusesWaitingForAPersonHaveOne) {
  for (std::int64_t status = -1; status <= 16; ++status)
    for (const auto wait : {NeedsActionWait::Issuance, NeedsActionWait::Revocation})
      EXPECT_EQ(needs_action_fix(status, wait).empty(),
                issuance_state(status) != IssuanceState::NeedsAction)
          << status;
  EXPECT_EQ(needs_action_fix(std::nullopt), "");
}

// An empty or unlisted StatusMsg (seed 004, DescribeCertificate StatusMsg) is no reason the API
// documents: it concerns nothing in particular.
TEST(ReviewFailure, AnUnlistedMessageIsNotDocumented) {
  for (const std::string msg : {"", "organisation not verified"}) {
    const ReviewFailure failure = review_failure(msg);
    EXPECT_FALSE(failure.documented) << msg;
    EXPECT_NE(failure.fix.find("not one the API documents"), std::string::npos) << failure.fix;
  }
  EXPECT_TRUE(review_failure("订单审核失败").documented);
  EXPECT_TRUE(review_failure("域名验证超时").documented);
}

TEST(CertificateValidationResource, CreateTimeoutDefaultsTo75Minutes) {
  const auto resource = make_certificate_validation_resource();
  EXPECT_EQ(resource->default_timeouts().create, std::chrono::minutes(75));
}

}  // namespace
}  // namespace cloudssl::certificates
