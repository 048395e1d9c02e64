// The read-only view of a certificate the data sources return: every field DescribeCertificates
// reports that a configuration may want (hosting included), never key material. Its hosting
// attributes are cloudssl_certificate's too.
#pragma once

#include <vector>

#include "api/tencent/ssl/certificate_actions.h"
#include "provider/codec/value.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {

// Computed attributes (the `id` attribute included unless `with_id` is false).
std::vector<framework::Attribute> certificate_summary_attributes(bool with_id = true);

// Sets every summary attribute of `object` (which has them all) from `c`.
codec::Value with_summary(codec::Value object, const api::Certificate& c, bool with_id = true);

// The hosting fields DescribeCertificates reports, computed (the API has no action that writes
// them), described once for the data sources and cloudssl_certificate. `kept`: later plans keep
// them from the state (a resource; they change only when read).
std::vector<framework::Attribute> hosting_attributes(bool kept);
std::vector<framework::Attribute> hosting_config_attributes();
codec::Value hosting_config_value(const codec::Type& type,
                                  const std::optional<api::HostingConfig>& config);

}  // namespace cloudssl::certificates
