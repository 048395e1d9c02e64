// Destroying a free certificate that is still an order (seed 004 status 0 reviewing or 4 DNS
// record added): DeleteCertificate refuses it within an hour of the application
// (FailedOperation.CannotBeDeletedWithinHour), so it is cancelled first with
// CancelCertificateOrder and followed through 6 (cancelling) to 7 (cancelled), after which it
// is deleted as any other certificate.
#pragma once

#include <string>

#include "api/core/client.h"
#include "provider/framework/diagnostics.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

enum class OrderCancellation {
  NotAnOrder,  // issued, failed or otherwise past ordering: delete as usual
  Cancelled,   // now status 7
  Gone,        // the certificate no longer exists
  Failed,      // an error diagnostic says why
};

// Cancels `certificate_id` when it is a pending order and waits (ctx's deadline) for status 7.
OrderCancellation cancel_pending_order(api::Client& ssl, const std::string& certificate_id,
                                       const framework::Context& ctx,
                                       framework::Diagnostics& diags);

}  // namespace cloudssl::certificates
