// What the free-certificate resource, the validation waiter and the certificate data source
// share: the dv_auths object shape and filling API-side values into a state object.
#pragma once

#include <vector>

#include "provider/api/certificate_actions.h"
#include "provider/api/ssl_client.h"
#include "provider/codec/value.h"
#include "provider/framework/resource.h"
#include "provider/framework/schema.h"

namespace cloudssl::resources {

// The attributes of one dv_auths element.
std::vector<framework::Attribute> dv_auth_attributes();
codec::Value dv_auths_value(const codec::Type& list_type, const std::vector<api::DvAuth>& auths);

// The issued certificate's PEM (DescribeCertificateDetail, key dropped at once); "" when the
// API has none yet.
std::string issued_certificate_pem(api::SslClient& ssl, const std::string& id,
                                   const framework::Context& ctx);

}  // namespace cloudssl::resources
