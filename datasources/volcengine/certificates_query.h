// How data "cloudssl_volcengine_certificates" turns its arguments into CertificateGetInstance
// filters, and what it refuses at plan time. Separate from the read so that every argument's
// mapping and check can be tested without an API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "provider/codec/value.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/schema.h"

namespace cloudssl::volcengine {

// The data source's filter arguments (all optional), in documentation order.
std::vector<framework::Attribute> certificate_filter_arguments();

// Which API parameter each filter argument fills ("instance_ids" → "instance_id", ...):
// the table the documentation prints; page_size fills "limit".
const std::vector<std::pair<std::string, std::string>>& argument_parameters();

struct CertificatesQuery {
  api::volcengine::CertificateFilters filters;
  int page_size = api::volcengine::kMaxPageSize;
};

// The filters of `config` (an object of the data source's schema type). nullopt when an id list
// (`instance_ids`, `chain_ids`, `source_ids`) is empty: the API reads an absent list as "no
// filter", so the data source answers an empty result without calling it. Call
// validate_certificates_config first: values it refuses are not checked again here.
std::optional<CertificatesQuery> certificates_query_from_config(const codec::Value& config);

// Plan-time checks, each on its attribute: values outside the documented sets (instance_type,
// type, purpose, order_brand, order_status, order_san_number), page_size outside 1..100,
// expiry bounds that are not RFC 3339 or out of order; a warning for a boolean filter set to
// false (the API has no "only those that are not").
void validate_certificates_config(const codec::Value& config, framework::Diagnostics& diagnostics);

}  // namespace cloudssl::volcengine
