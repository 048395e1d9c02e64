// The resource identity (Terraform >= 1.12) of every resource that stands for one certificate
// of the account (cloudssl_certificate, cloudssl_free_certificate,
// cloudssl_certificate_validation, cloudssl_hosting_config): the certificate id. Certificates
// are not regional, so the id alone names one; `import { identity = { id = "..." } }` imports
// each of them as an import by that id would.
#pragma once

#include <string>

#include "provider/codec/value.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/diagnostics.h"

namespace cloudssl::common {

framework::IdentitySchema certificate_identity_schema();
// The identity naming certificate `id` (a string value; unknown while a create is planned).
codec::Value certificate_identity(const codec::Value& id);
// The id an identity names, or "" with an error on identity attribute "id".
std::string certificate_id_of_identity(const codec::Value& identity,
                                       framework::Diagnostics& diagnostics);

}  // namespace cloudssl::common
