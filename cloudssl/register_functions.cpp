#include "cloudssl/registration.h"
#include "functions/certificates/factories.h"

namespace cloudssl {

// One line per function; Terraform calls them provider::cloudssl::<name>.
void register_functions(framework::Registry& registry) {
  registry.add_function("parse_certificate", certificates::make_parse_certificate_function());
  registry.add_function("expires_within", certificates::make_expires_within_function());
}

}  // namespace cloudssl
