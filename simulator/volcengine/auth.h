// Verification of Volcengine's HMAC-SHA256 request signature, by the simulator's own reading of
// the request (the shared pure signer recomputes the signature; api/volcengine/signer.h). The
// canonical request is rebuilt from the method, path, the query as received (decoded and
// re-encoded), the signed headers exactly as received and the body. Failures throw Failure with
// the gateway's common error codes.
#pragma once

#include <cstdint>
#include <string>

#include "api/volcengine/signer.h"
#include "simulator/auth.h"

namespace cloudssl::sim::volcengine {

// How far X-Date may be from the server's clock, either way (the simulator's window; the real
// gateway answers InvalidTimestamp outside its own).
inline constexpr std::int64_t kXDateWindowSeconds = 15 * 60;

// Verifies `request` (its query already parsed into `query`); returns the access key it was
// signed with. `now` is the server's signature clock (SimClock::signature_now); `service`
// what the credential scope must name.
std::string verify(const IncomingRequest& request, const api::volcengine::QueryParams& query,
                   const api::volcengine::Credentials& credentials, std::int64_t now,
                   const std::string& service);

}  // namespace cloudssl::sim::volcengine
