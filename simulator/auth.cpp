#include "simulator/auth.h"

#include <charconv>

#include "api/tencent/tc3_signer.h"
#include "simulator/api_failure.h"

namespace cloudssl::sim {

namespace tc3 = cloudssl::api::tencent::tc3;

std::string IncomingRequest::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

bool IncomingRequest::has_header(const std::string& lower_name) const {
  return headers.count(lower_name) > 0;
}

namespace {

[[noreturn]] void invalid_authorization(const std::string& why) {
  throw ApiFailure("AuthFailure.InvalidAuthorization",
                   "The Authorization header is invalid: " + why);
}

[[noreturn]] void signature_failure() {
  throw ApiFailure("AuthFailure.SignatureFailure",
                   "The provided credentials could not be validated. Please check your "
                   "signature is correct.");
}

}  // namespace

std::string verify_tc3(const IncomingRequest& req, const Credentials& creds, std::int64_t now,
                       const std::string& service) {
  if (!req.has_header("authorization")) invalid_authorization("it is missing.");
  auto parts = tc3::parse_authorization(req.header("authorization"));
  if (!parts || parts->algorithm != tc3::kAlgorithm) {
    invalid_authorization(
        "expected TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., "
        "Signature=....");
  }
  const std::string ts_text = req.header("x-tc-timestamp");
  std::int64_t timestamp = 0;
  auto [ptr, ec] = std::from_chars(ts_text.data(), ts_text.data() + ts_text.size(), timestamp);
  if (ts_text.empty() || ec != std::errc() || ptr != ts_text.data() + ts_text.size()) {
    invalid_authorization("X-TC-Timestamp is missing or not an integer.");
  }
  if (timestamp > now + 300 || timestamp < now - 300) {
    throw ApiFailure("AuthFailure.SignatureExpire", "Signature expired. Timestamp " + ts_text +
                                                        " is more than 5 minutes "
                                                        "from the server time.");
  }
  bool has_ct = false, has_host = false;
  for (const auto& h : parts->signed_headers) {
    has_ct |= h == "content-type";
    has_host |= h == "host";
  }
  if (!has_ct || !has_host)
    invalid_authorization("SignedHeaders must include content-type and host.");
  if (parts->secret_id != creds.secret_id) {
    throw ApiFailure("AuthFailure.SecretIdNotFound",
                     "The SecretId is not found, please ensure that your SecretId is correct.");
  }
  const bool has_token = req.has_header("x-tc-token") && !req.header("x-tc-token").empty();
  if (creds.token.empty() ? has_token : req.header("x-tc-token") != creds.token) {
    throw ApiFailure("AuthFailure.TokenFailure", "The token is invalid or not expected.");
  }
  if (parts->service != service || parts->terminator != "tc3_request" ||
      parts->date != tc3::utc_date(timestamp)) {
    signature_failure();
  }
  tc3::CanonicalInput input;
  input.method = req.method;
  input.uri = req.path.empty() ? "/" : req.path;
  input.query = req.query;
  input.payload = req.body;
  for (const auto& name : parts->signed_headers) {
    if (!req.has_header(name)) signature_failure();
    input.headers[name] = req.header(name);
  }
  const std::string key = tc3::signing_key(creds.secret_key, parts->date, service);
  const std::string scope = tc3::credential_scope(parts->date, service);
  auto matches = [&] {
    const std::string expected =
        tc3::signature(key, tc3::string_to_sign(timestamp, scope, tc3::canonical_request(input)));
    return tc3::constant_time_equal(expected, parts->signature);
  };
  if (matches()) return parts->secret_id;
  // The real service is only reached on the default port, where Host has no port. Clients
  // pointed at a local port differ: the official Node SDK sends "Host: name:PORT" but signs
  // the URL's hostname without the port. Accept that reading too.
  auto host = input.headers.find("host");
  if (host != input.headers.end()) {
    const auto colon = host->second.rfind(':');
    if (colon != std::string::npos && host->second.find(']', colon) == std::string::npos) {
      host->second.resize(colon);
      if (matches()) return parts->secret_id;
    }
  }
  signature_failure();
}

}  // namespace cloudssl::sim
