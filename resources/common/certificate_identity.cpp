#include "resources/common/certificate_identity.h"

namespace cloudssl::common {

framework::IdentitySchema certificate_identity_schema() {
  return {.version = 0,
          .attributes = {{.name = "id",
                          .type = codec::Type::string(),
                          .required_for_import = true,
                          .description = "The certificate id, e.g. \"a1b2C3d4\"."}}};
}

codec::Value certificate_identity(const codec::Value& id) {
  return codec::Value::object(framework::implied_type(certificate_identity_schema()), {{"id", id}});
}

std::string certificate_id_of_identity(const codec::Value& identity,
                                       framework::Diagnostics& diagnostics) {
  const std::string id = identity.get_string("id").value_or("");
  if (id.empty())
    diagnostics.error("Missing certificate id", "identity.id must be the certificate id.",
                      codec::Path::root("id"));
  return id;
}

}  // namespace cloudssl::common
