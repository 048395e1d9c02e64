// The SSL API 3.0 (ssl.tencentcloudapi.com, Version 2019-12-05, TC3 service "ssl") as a
// Tencent service: the typed actions (certificate_actions.h, deployment_actions.h) call a
// client made with make_client(kSslApi, config).
#pragma once

#include <string_view>

#include "api/tencent/tencent_dialect.h"

namespace cloudssl::api::tencent {

// The documented requests-per-second limit of an SSL API action: 20 for the six actions of
// the certificate-update family (CheckCertificateChain, UploadUpdateCertificateInstance and
// its records), 10 for every other (docs/design/ssl-api.md §1.9).
int ssl_rate_limit(std::string_view action);

inline constexpr Service kSslApi = {.name = "ssl",
                                    .version = "2019-12-05",
                                    .default_endpoint = "https://ssl.tencentcloudapi.com",
                                    .rate_limit = &ssl_rate_limit};

}  // namespace cloudssl::api::tencent
