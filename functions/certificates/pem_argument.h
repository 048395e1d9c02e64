// The `pem` argument both certificate functions take: parsed with lib/pem, or a FunctionError
// on argument 0 that says what is wrong and how to pass it (never quoting the input).
#pragma once

#include <string>

#include "lib/pem/pem.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

inline pem::Chain parse_pem_argument(const codec::Value& argument) {
  try {
    return pem::parse_chain(argument.as_string());
  } catch (const pem::PemError& e) {
    throw framework::FunctionError(std::string("pem is not a usable certificate: ") + e.what() +
                                       ". Pass the certificate's PEM text (for example "
                                       "file(\"cert.pem\")), leaf first.",
                                   0);
  }
}

}  // namespace cloudssl::certificates
