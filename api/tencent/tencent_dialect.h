// Tencent Cloud API 3.0 as a Dialect (api/core/dialect.h): a POST of the JSON parameters to
// "/" signed with TC3-HMAC-SHA256 (tc3_signer.h), the X-TC-Action/Version/Region/Timestamp/
// Token/Language headers, the {"Response": {...}} envelope with Response.Error.{Code,
// Message} and Response.RequestId, and Tencent's throttling and "try again" codes. One
// dialect per service (Service: the credential scope, version and rate limits); the SSL API
// (ssl/ssl_api.h) and the Tag API (tag/tag_actions.h) are two clients of the same core.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/core/client.h"
#include "api/core/dialect.h"
#include "api/tencent/client_config.h"

namespace cloudssl::api::tencent {

// One Tencent Cloud API product as its calls name it.
struct Service {
  std::string_view name;                       // TC3 credential scope: "ssl", "tag"
  std::string_view version;                    // X-TC-Version: "2019-12-05"
  std::string_view default_endpoint;           // "https://ssl.tencentcloudapi.com"
  int (*rate_limit)(std::string_view action);  // documented requests per second
};

// The classification of Tencent's error codes (the retry policy's table): RequestLimitExceeded*
// and LimitExceeded.RateLimitExceeded are throttling; InternalError*, the "try again later"
// FailedOperation codes, ServiceUnavailable and ResourceUnavailable are transient; the rest
// as every cloud (classify_generic: transport codes, HTTP 429/5xx).
ErrorClass classify_error(std::string_view code, int http_status);

class TencentDialect final : public Dialect {
 public:
  TencentDialect(const Service& service, Credentials credentials, std::string language);

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
  const Credentials& credentials() const { return credentials_; }
  const std::string& language() const { return language_; }

 private:
  Service service_;
  Credentials credentials_;
  std::string language_;
};

// A client of `service` with the Tencent dialect: `config.endpoint`, or the service's
// default endpoint when it is empty. Throws std::invalid_argument for an unusable endpoint.
Client make_client(const Service& service, ClientConfig config, ClientTuning tuning = {});

// The Tencent dialect of a client made by make_client (throws std::logic_error otherwise).
const TencentDialect& dialect_of(const Client& client);

}  // namespace cloudssl::api::tencent
