// Conversions between Terraform values and the SSL API's types that the certificate resources
// and data sources share: tags, the API's Beijing-time timestamps as RFC 3339, and the
// plan-time facts of a certificate PEM.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"
#include "lib/pem/pem.h"
#include "provider/codec/value.h"

namespace cloudssl::certificates {

codec::Value tags_value(const std::vector<api::Tag>& tags);
std::vector<api::Tag> tags_of(const codec::Value& map);  // sorted by key

// The API's "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8) as RFC 3339 UTC; nullopt when the
// text is empty or malformed ("--", "0000-00-00 00:00:00").
std::optional<std::chrono::system_clock::time_point> parse_api_time(std::string_view text);
codec::Value api_time_value(std::string_view text);

// `object` with the facts cloudssl_certificate keeps about its PEM set (domain,
// subject_alt_names, not_before, not_after, fingerprint_sha256, key_algorithm): computed while
// planning and recomputed by a move from another provider. With `facts` null they are unknown
// (the PEM is not known yet).
codec::Value with_certificate_facts(codec::Value object, const pem::CertificateFacts* facts);

}  // namespace cloudssl::certificates
