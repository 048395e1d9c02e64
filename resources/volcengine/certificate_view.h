// A Volcengine certificate as Terraform sees it: the attributes the data source
// cloudssl_volcengine_certificates lists and the ephemeral resource cloudssl_volcengine_certificate
// returns, named as cloudssl_certificates names the same facts (id, alias, domain,
// subject_alt_names, not_before, not_after, status, certificate_pem, encrypt_algorithm,
// fingerprint_sha256). Never a private key nor a CSR: the ephemeral resource adds its key
// itself.
#pragma once

#include <vector>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "provider/codec/value.h"
#include "provider/framework/schema.h"

namespace cloudssl::volcengine {

// Computed attributes of one certificate, `id` included.
std::vector<framework::Attribute> certificate_attributes();

// `base` (an object of those attributes, possibly with more) with every attribute set.
codec::Value with_certificate(codec::Value base, const api::volcengine::VolcengineCertificate& c);

// The chain as one PEM text, leaf first (each block ends with a newline).
std::string chain_pem(const api::volcengine::VolcengineCertificate& c);

}  // namespace cloudssl::volcengine
