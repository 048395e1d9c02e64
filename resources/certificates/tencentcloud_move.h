// Moving state from the official Tencent Cloud provider (tencentcloudstack/tencentcloud) with a
// `moved` block: tencentcloud_ssl_certificate → cloudssl_certificate and
// tencentcloud_ssl_free_certificate → cloudssl_free_certificate. Pure functions: the source
// state JSON in (as that provider stored it), an object of the target schema out, with ids
// kept, attribute names mapped and plan-time facts recomputed from the PEM. Anything that
// cannot be mapped is an error naming the source attribute (a secret's value is never
// quoted); nothing remote is called. docs/guides/moving-from-tencentcloud.md has the table.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {

// The source provider as MoveSource names it (any registry host).
inline constexpr const char* kTencentCloudProvider = "tencentcloudstack/tencentcloud";
inline constexpr const char* kTencentCloudCertificate = "tencentcloud_ssl_certificate";
inline constexpr const char* kTencentCloudFreeCertificate = "tencentcloud_ssl_free_certificate";
// The schema version of both source resources in every tencentcloud release so far (the
// provider never set SchemaVersion on them); older releases differ only in which optional
// attributes exist (notification_switch came later), which the mapping tolerates.
inline constexpr std::int64_t kTencentCloudSslSchemaVersion = 0;

// `target` is cloudssl_certificate's schema; the result has its type (null on errors).
codec::Value move_tencentcloud_certificate(const nlohmann::json& source,
                                           std::int64_t schema_version,
                                           const framework::Schema& target,
                                           framework::Diagnostics& diagnostics);

// `target` is cloudssl_free_certificate's schema; the result has its type (null on errors).
codec::Value move_tencentcloud_free_certificate(const nlohmann::json& source,
                                                std::int64_t schema_version,
                                                const framework::Schema& target,
                                                framework::Diagnostics& diagnostics);

}  // namespace cloudssl::certificates
