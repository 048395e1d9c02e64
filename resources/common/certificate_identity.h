// The resource identity (Terraform >= 1.12) of every resource that stands for one certificate
// of the account (cloudssl_certificate, cloudssl_free_certificate,
// cloudssl_certificate_validation, cloudssl_hosting_config): the certificate id. Certificates
// are not regional, so the id alone names one; `import { identity = { id = "..." } }` imports
// each of them as an import by that id would. Such a resource inherits CertificateIdentity.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// ResourceWithIdentity for a resource standing for one certificate, whose id is the state
// attribute `id_attribute` ("id", or "certificate_id" where the resource configures a
// certificate it does not own).
class CertificateIdentity : public framework::ResourceWithIdentity {
 public:
  explicit CertificateIdentity(std::string_view id_attribute) : id_attribute_(id_attribute) {}

  framework::IdentitySchema identity_schema() const override {
    return certificate_identity_schema();
  }
  std::optional<codec::Value> identity_of(const codec::Value& state,
                                          const framework::Context&) const override {
    return certificate_identity(state.at(id_attribute_));
  }
  std::string import_id(const codec::Value& identity, const framework::Context&,
                        framework::Diagnostics& diagnostics) const override {
    return certificate_id_of_identity(identity, diagnostics);
  }

 private:
  std::string id_attribute_;
};

}  // namespace cloudssl::common
