// Tencent's retry classification table (docs/design/ssl-api.md §1.8): throttling, transient
// and final codes, and HTTP statuses whatever the code.
#include <gtest/gtest.h>

#include "api/tencent/tencent_dialect.h"

namespace cloudssl::api::tencent {
namespace {

TEST(Classification, ThrottlingCodes) {
  for (const char* code :
       {"RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded",
        "RequestLimitExceeded.IPLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        "LimitExceeded.RateLimitExceeded"}) {
    EXPECT_EQ(classify_error(code, 200), ErrorClass::Throttled) << code;
  }
}

TEST(Classification, QuotaIsNotThrottling) {
  EXPECT_EQ(classify_error("LimitExceeded", 200), ErrorClass::Final);
}

TEST(Classification, TransientCodes) {
  for (const char* code :
       {"InternalError", "InternalError.BackendResponseEmpty", "InternalError.BackendResponseError",
        "FailedOperation.NetworkError", "FailedOperation.SystemError",
        "FailedOperation.CannotGetOrder", "ServiceUnavailable", "ResourceUnavailable",
        "Transport.Timeout", "Transport.ConnectionReset", "Transport.ConnectFailed"}) {
    EXPECT_EQ(classify_error(code, 200), ErrorClass::Transient) << code;
  }
}

TEST(Classification, Http5xxIsTransientWhateverTheCode) {
  EXPECT_EQ(classify_error("Transport.HttpStatus", 502), ErrorClass::Transient);
  EXPECT_EQ(classify_error("Transport.HttpStatus", 503), ErrorClass::Transient);
  EXPECT_EQ(classify_error("", 500), ErrorClass::Transient);
  EXPECT_EQ(classify_error("Transport.HttpStatus", 429), ErrorClass::Throttled);
  EXPECT_EQ(classify_error("Transport.HttpStatus", 404), ErrorClass::Final);
}

TEST(Classification, EverythingElseIsFinal) {
  for (const char* code :
       {"AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound", "InvalidParameter",
        "InvalidParameterValue", "MissingParameter", "UnknownParameter", "InvalidAction",
        "FailedOperation.CertificateNotFound", "FailedOperation.CertificateMismatch",
        "FailedOperation", "FailedOperation.CannotBeDeletedWithinHour", "Transport.ResolveFailed",
        "Transport.TlsError", "Transport.Error", "UnauthorizedOperation"}) {
    EXPECT_EQ(classify_error(code, 200), ErrorClass::Final) << code;
  }
}

TEST(Classification, TheDialectNamesOnlyTencentCodes) {
  const TencentDialect dialect(
      {.name = "ssl", .version = "v", .default_endpoint = "", .rate_limit = nullptr}, {}, "en-US");
  EXPECT_EQ(dialect.classify("RequestLimitExceeded", 200), ErrorClass::Throttled);
  EXPECT_EQ(dialect.classify("InternalError.X", 200), ErrorClass::Transient);
  // Transport codes and HTTP statuses are the core's (classify_generic).
  EXPECT_EQ(dialect.classify("Transport.Timeout", 0), std::nullopt);
  EXPECT_EQ(dialect.classify("Transport.HttpStatus", 503), std::nullopt);
  EXPECT_EQ(dialect.classify("FailedOperation.CertificateNotFound", 200), std::nullopt);
}

}  // namespace
}  // namespace cloudssl::api::tencent
