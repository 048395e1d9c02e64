// Volcengine's OpenAPI as a Dialect (api/core/dialect.h): Action and Version in the query string
// (a GET carries every parameter there), HMAC-SHA256 signing with X-Date (signer.h), the
// {"ResponseMetadata": {RequestId, Error: {Code, Message}}, "Result": {...}} envelope, the
// gateway's throttling and "try again" codes, and each service's documented rate limits. One
// dialect per service (credential scope and version); the certificate center
// (certificate/certificate_get_instance.h) is its first client.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/core/client.h"
#include "api/core/dialect.h"
#include "api/volcengine/signer.h"

namespace cloudssl::api::volcengine {

// One Volcengine service as its calls name it.
struct Service {
  std::string_view name;                       // credential scope: "certificate_service"
  std::string_view version;                    // Version: "2021-06-01"
  int (*rate_limit)(std::string_view action);  // documented requests per second
};

inline constexpr std::string_view kDefaultRegion = "cn-north-1";
inline constexpr std::string_view kDefaultEndpoint = "https://open.volcengineapi.com";

// The core's connection settings plus Volcengine's credentials. `region` is the credential
// scope's region (kDefaultRegion when empty); `endpoint` empty = kDefaultEndpoint.
struct ClientConfig : ClientSettings {
  Credentials credentials;
};

// Volcengine's gateway codes: FlowLimitExceeded is throttling; InternalError,
// InternalServiceTimeout, InternalServiceError, ServiceUnavailableTemp and FailToConnect are
// transient; the rest as every cloud (classify_generic: transport codes, HTTP 429/5xx).
ErrorClass classify_error(std::string_view code, int http_status);

// What the user should fix for a refusal by the gateway's code (wrong or missing credentials,
// an X-Date outside the accepted window, a missing permission); "" for other codes.
std::string error_advice(std::string_view code, std::string_view action);

// The query string of a call: Action, Version and the parameters (a JSON object of strings,
// numbers and booleans; nulls left out), sorted and escaped exactly as the signature's
// canonical query, so the bytes signed are the bytes sent. Throws std::invalid_argument for
// anything else.
std::string encode_query(std::string_view action, std::string_view version,
                         const nlohmann::json& params);

class VolcengineDialect final : public Dialect {
 public:
  VolcengineDialect(const Service& service, Credentials credentials);

  std::string_view log_name() const override;
  void add_log_fields(nlohmann::json& fields) const override;
  EncodedRequest encode(std::string_view action, const nlohmann::json& params,
                        HttpMethod method) const override;
  Headers sign(const SigningInput& input) const override;
  Answer read(const HttpResponse& response) const override;
  std::optional<ErrorClass> classify(std::string_view code, int http_status) const override;
  bool resign_once(std::string_view code) const override;
  int rate_limit(std::string_view action) const override;

  const Service& service() const { return service_; }

 private:
  Service service_;
  Credentials credentials_;
};

// A client of `service` with the Volcengine dialect. Throws std::invalid_argument for an
// unusable endpoint.
Client make_client(const Service& service, ClientConfig config, ClientTuning tuning = {});

}  // namespace cloudssl::api::volcengine
