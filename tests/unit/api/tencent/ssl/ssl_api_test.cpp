// The SSL API as a Tencent service: its documented per-action rate limits
// (docs/design/ssl-api.md §1.9) and its name, version and default endpoint.
#include "api/tencent/ssl/ssl_api.h"

#include <gtest/gtest.h>

namespace cloudssl::api::tencent {
namespace {

TEST(DocumentedLimits, TwentyPerSecondForTheSixActions) {
  for (const char* action :
       {"CheckCertificateChain", "DescribeHostUploadUpdateRecord",
        "UploadUpdateCertificateInstance", "UploadUpdateCertificateRecordRetry",
        "UploadUpdateCertificateRecordRollback", "DescribeHostUploadUpdateRecordDetail"}) {
    EXPECT_EQ(ssl_rate_limit(action), 20) << action;
  }
  for (const char* action : {"DescribeCertificates", "UploadCertificate",
                             "DeployCertificateInstance", "DescribeHostDeployRecordDetail"}) {
    EXPECT_EQ(ssl_rate_limit(action), 10) << action;
  }
}

TEST(SslApi, ServiceNameVersionAndEndpoint) {
  EXPECT_EQ(kSslApi.name, "ssl");
  EXPECT_EQ(kSslApi.version, "2019-12-05");
  EXPECT_EQ(kSslApi.default_endpoint, "https://ssl.tencentcloudapi.com");
  EXPECT_EQ(kSslApi.rate_limit("CheckCertificateChain"), 20);
}

}  // namespace
}  // namespace cloudssl::api::tencent
