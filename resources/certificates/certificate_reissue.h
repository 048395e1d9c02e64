// The reissue of a free certificate (ReplaceCertificate, seed 004): what cloudssl_free_certificate
// asks of it at plan time (whether the certificate can be reissued at all) and at apply (the
// request from the reissue_* arguments, and one reissue even when an apply is repeated).
//
// A reissue is a NEW certificate with a new id. The API links the two in CertificateExtra:
// ReplacedFor on the original names its reissue, ReplacedBy on the reissue names its original
// (the seed's words: "the reissued certificate's ID" and "the original ID of the reissued
// certificate"). The original is left as it is: still valid, still in the account.
#pragma once

#include <optional>
#include <string>

#include "api/core/client.h"
#include "api/tencent/ssl/reissue_actions.h"
#include "provider/codec/value.h"
#include "provider/framework/resource.h"

namespace cloudssl::certificates {

// Why the certificate in `prior` (a cloudssl_free_certificate state) cannot be reissued, as a
// summary and a detail naming the fix; nullopt when it can. A free certificate can be reissued
// once, only when issued, and only with an RSA 2048 key (the key of its certificate_pem).
struct ReissueRefusal {
  std::string summary;
  std::string detail;
};
std::optional<ReissueRefusal> reissue_refusal(const codec::Value& prior,
                                              const std::string& reverted_value);

// ReplaceCertificate's request for the certificate in `prior` from the reissue_* arguments of
// `config`: the validation method defaults to dv_auth_method; unset options are omitted (the
// API's defaults: the original CSR, RSA 2048).
api::ReplaceCertificateRequest reissue_request(const codec::Value& prior,
                                               const codec::Value& config);

// The method the reissue is validated with (reissue_dv_auth_method, else dv_auth_method).
std::string reissue_dv_auth_method(const codec::Value& config);

// The reissue of request.certificate_id: the one it already has (ReplacedFor: an earlier apply
// whose answer was lost, or the console), else a new one from ReplaceCertificate. A call whose
// answer is lost asks the same before any retry (CallOptions::find_landed), and one refused as
// already reissued (OrderAlreadyReplaced) too, so an apply never reissues twice. API errors
// throw.
struct ReissueOutcome {
  std::string certificate_id;
  bool adopted = false;  // found, not made by this call
};
ReissueOutcome reissue_once(api::Client& ssl, const api::ReplaceCertificateRequest& request,
                            const framework::Context& ctx);

// The fix for a refusal of ReplaceCertificate, "" when `e` is not one.
std::string reissue_refusal_fix(const api::ApiError& e);

}  // namespace cloudssl::certificates
