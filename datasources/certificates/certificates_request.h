// How data "cloudssl_certificates" turns its configuration into a DescribeCertificates
// request (docs/design/ssl-api.md §2.1 DescribeCertificates). Separate from the read so that every
// attribute's mapping can be tested without an API.
#pragma once

#include <optional>

#include "api/tencent/ssl/certificate_actions.h"
#include "provider/codec/value.h"

namespace cloudssl::certificates {

// The request for `config` (an object of the data source's schema type), without paging
// (Offset/Limit are describe_all_certificates' business). nullopt when the filters can match
// nothing: `ids = []` or `statuses = []` (also lists of nothing but nulls). The API reads an
// absent CertIds/CertificateStatus as "no filter" and would return every certificate, so the
// data source answers an empty result without calling it.
std::optional<api::DescribeCertificatesRequest> describe_request_from_config(
    const codec::Value& config);

}  // namespace cloudssl::certificates
