// Typed SSL API actions around a certificate's order and content checks (seed 004):
// CancelCertificateOrder, which ends an application that is not issued yet (status 7,
// cancelled), and CheckCertificateChain (documented at 20 requests per second), which says
// whether an uploaded chain is complete and issued by a trusted CA.
#pragma once

#include <string>
#include <vector>

#include "api/core/api_error.h"
#include "api/core/client.h"

namespace cloudssl::api {

// CancelCertificateOrder: the id the API cancelled. Throws ApiError.
std::string cancel_certificate_order(Client& client, const std::string& certificate_id,
                                     const CallOptions& options = {});

// The order is past cancelling (issued meanwhile, or already ended).
inline constexpr ErrorCode order_not_cancellable{"FailedOperation.InvalidCertificateStatusCode"};

struct ChainCheck {
  bool is_valid = false;            // IsValid: the chain is complete
  bool is_trusted_ca = false;       // IsTrustedCA
  std::vector<std::string> chains;  // Chains: each certificate's common name, leaf first
};

// CheckCertificateChain of a PEM chain (leaf first). Throws ApiError.
ChainCheck check_certificate_chain(Client& client, const std::string& certificate_chain,
                                   const CallOptions& options = {});

}  // namespace cloudssl::api
