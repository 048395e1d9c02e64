#include "api/tencent/ssl/ssl_api.h"

#include <algorithm>
#include <array>

namespace cloudssl::api::tencent {

int ssl_rate_limit(std::string_view action) {
  static constexpr std::array<std::string_view, 6> k20PerSecond = {
      "CheckCertificateChain",
      "DescribeHostUploadUpdateRecord",
      "UploadUpdateCertificateInstance",
      "UploadUpdateCertificateRecordRetry",
      "UploadUpdateCertificateRecordRollback",
      "DescribeHostUploadUpdateRecordDetail"};
  return std::find(k20PerSecond.begin(), k20PerSecond.end(), action) != k20PerSecond.end() ? 20
                                                                                           : 10;
}

}  // namespace cloudssl::api::tencent
