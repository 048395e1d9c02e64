// What the free-certificate resource, the validation waiter and the certificate data source
// share: the dv_auths object shape and filling API-side values into a state object.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/core/client.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/codec/value.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {

// The free DV certificate's product number (docs/design/ssl-api.md Appendix B,
// ApplyCertificate's PackageType): only these are renewed.
inline constexpr std::string_view kFreePackageType = "83";

// The attributes of one dv_auths element.
std::vector<framework::Attribute> dv_auth_attributes();

// The records as a dv_auths list. `domain` is the domain a record validates: the
// certificate's `certificate_domain` when there is a single record (free certificates have one
// domain), else the API's DvAuthDomain; `zone` is always DvAuthDomain.
codec::Value dv_auths_value(const codec::Type& list_type, const std::vector<api::DvAuth>& auths,
                            const std::string& certificate_domain);

// The plan-time shape of DNS/FILE validation records: one element for `domain` whose other
// fields are known after apply, so that `for_each` over dv_auths keyed by domain works in the
// first apply (the ACM pattern).
codec::Value planned_dv_auths(const codec::Type& list_type, const std::string& domain);

// The dv_auth_method of ApplyCertificate for a certificate whose API VerifyType is
// `verify_type` (the *_PROXY variants are DNS and FILE).
std::string dv_auth_method_of(const std::string& verify_type);

// The renewal applied for certificate `c` (CertificateExtra.RenewOrder, or HasRenewOrder
// where it holds an id), "" when none.
std::string renewal_of(const api::Certificate& c);

// The issued certificate's PEM (DescribeCertificateDetail, key dropped at once); "" when the
// API has none yet.
std::string issued_certificate_pem(api::Client& ssl, const std::string& id,
                                   const framework::Context& ctx);

}  // namespace cloudssl::certificates
