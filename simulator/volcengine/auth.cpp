#include "simulator/volcengine/auth.h"

#include <algorithm>

#include "simulator/volcengine/failure.h"

namespace cloudssl::sim::volcengine {

namespace signer = cloudssl::api::volcengine;

namespace {

[[noreturn]] void signature_mismatch() {
  throw Failure(401, "SignatureDoesNotMatch", 100010,
                "The request signature we calculated does not match the signature you provided. "
                "Check your Secret Access Key and signing method. Consult the service "
                "documentation for details.");
}

}  // namespace

std::string verify(const IncomingRequest& req, const signer::QueryParams& query,
                   const signer::Credentials& creds, std::int64_t now, const std::string& service) {
  if (!req.has_header("authorization") || req.header("authorization").empty()) {
    throw Failure(401, "MissingAuthenticationToken", 100003,
                  "Request is missing Authentication Token.");
  }
  const auto parts = signer::parse_authorization(req.header("authorization"));
  if (!parts || parts->algorithm != signer::kAlgorithm) {
    throw Failure(400, "InvalidAuthorization", 0,
                  "Invalid 'Authorization' header, Pls check authorization header.");
  }
  if (parts->terminator != signer::kTerminator || parts->date.size() != 8) {
    throw Failure(400, "InvalidCredential", 0,
                  "Invalid credential in 'Authorization', Pls check credential in authorization "
                  "header.");
  }
  const std::string date_text = req.header("x-date");
  if (date_text.empty()) {
    throw Failure(400, "MissingRequestInfo", 100004, "The request is missing X-Date information.");
  }
  const auto date = signer::parse_x_date(date_text);
  if (!date || *date > now + kXDateWindowSeconds || *date < now - kXDateWindowSeconds) {
    throw Failure(400, "InvalidTimestamp", 100006,
                  "The Signature of the request is expired. X-Date " + date_text +
                      " is not within 15 minutes of the server time.");
  }
  if (parts->access_key != creds.access_key) {
    throw Failure(401, "InvalidAccessKey", 100009,
                  "The accesskey [" + parts->access_key + "] included in the request is invalid.");
  }
  const std::string token = req.header("x-security-token");
  if (token != creds.session_token) {
    throw Failure(401, "InvalidSecretToken", 0,
                  creds.session_token.empty() ? "Invalid secret token, msg: not expected."
                                              : "Invalid secret token, msg: missing or wrong.");
  }
  if (parts->service != service) {
    throw Failure(404, "ServiceNotFound", 100007,
                  "This service[" + parts->service + "] not found.");
  }
  const auto& signed_names = parts->signed_headers;
  const bool signs_date =
      std::find(signed_names.begin(), signed_names.end(), "x-date") != signed_names.end();
  if (!signs_date || parts->date != date_text.substr(0, 8)) signature_mismatch();
  if (!token.empty() && std::find(signed_names.begin(), signed_names.end(), "x-security-token") ==
                            signed_names.end()) {
    signature_mismatch();
  }

  signer::CanonicalInput input;
  input.method = req.method;
  input.path = req.path.empty() ? "/" : req.path;
  input.query = query;
  input.payload = req.body;
  for (const auto& name : signed_names) {
    if (!req.has_header(name)) signature_mismatch();
    input.headers[name] = req.header(name);
  }
  const std::string key =
      signer::signing_key(creds.secret_key, parts->date, parts->region, parts->service);
  const std::string scope = signer::credential_scope(parts->date, parts->region, parts->service);
  const std::string expected = signer::signature(
      key, signer::string_to_sign(date_text, scope, signer::canonical_request(input)));
  if (!signer::constant_time_equal(expected, parts->signature)) signature_mismatch();
  return parts->access_key;
}

}  // namespace cloudssl::sim::volcengine
