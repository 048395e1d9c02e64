#include "api/tencent/tencent_dialect.h"

#include <array>
#include <stdexcept>

#include "api/core/json_fields.h"
#include "api/tencent/tc3_signer.h"

namespace cloudssl::api::tencent {
namespace {

// Content-Type is signed, so it must be exactly what goes on the wire.
constexpr std::string_view kContentType = "application/json; charset=utf-8";

// The SSL API's log lines were there first and log filters key on their message: every
// Tencent service logs as "SSL API ..." and the others add a "service" field.
constexpr std::string_view kLogName = "SSL API";
constexpr std::string_view kSslServiceName = "ssl";

// Tencent's "slow down" and "try again" codes; nullopt for any other.
std::optional<ErrorClass> classify_code(std::string_view code) {
  if (code.starts_with("RequestLimitExceeded") || code == "LimitExceeded.RateLimitExceeded") {
    return ErrorClass::Throttled;
  }
  // The API's own "try again later" codes (the SSL API's common and per-action error lists).
  static constexpr std::array<std::string_view, 5> kTransientCodes = {
      "FailedOperation.NetworkError", "FailedOperation.CannotGetOrder",
      "FailedOperation.SystemError", "ServiceUnavailable", "ResourceUnavailable"};
  if (code.starts_with("InternalError")) return ErrorClass::Transient;
  for (auto transient : kTransientCodes) {
    if (code == transient) return ErrorClass::Transient;
  }
  return std::nullopt;
}

}  // namespace

ErrorClass classify_error(std::string_view code, int http_status) {
  return classify_code(code).value_or(classify_generic(code, http_status));
}

TencentDialect::TencentDialect(const Service& service, Credentials credentials,
                               std::string language)
    : service_(service), credentials_(std::move(credentials)), language_(std::move(language)) {}

std::string_view TencentDialect::log_name() const { return kLogName; }

void TencentDialect::add_log_fields(nlohmann::json& fields) const {
  if (service_.name != kSslServiceName) fields["service"] = std::string(service_.name);
}

EncodedRequest TencentDialect::encode(std::string_view action, const nlohmann::json& params,
                                      HttpMethod method) const {
  if (method != HttpMethod::Post) {
    throw std::invalid_argument(std::string(action) +
                                ": the Tencent Cloud client sends every action as a POST");
  }
  return {.method = HttpMethod::Post,
          .query = {},
          .body = params.is_null()
                      ? std::string("{}")
                      : params.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

Headers TencentDialect::sign(const SigningInput& input) const {
  const auto timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(input.now.time_since_epoch()).count();
  tc3::CanonicalInput canonical;
  canonical.headers = {{"content-type", std::string(kContentType)},
                       {"host", input.endpoint.host},
                       {"x-tc-action", std::string(input.action)}};
  canonical.payload = input.request.body;
  const auto signed_request = tc3::sign(canonical, credentials_.secret_id, credentials_.secret_key,
                                        timestamp, service_.name);

  Headers out = {
      {"Host", input.endpoint.host},
      {"Content-Type", std::string(kContentType)},
      {"X-TC-Action", std::string(input.action)},
      {"X-TC-Version", std::string(service_.version)},
      {"X-TC-Timestamp", std::to_string(timestamp)},
      {"Authorization", signed_request.authorization},
  };
  if (!input.region.empty()) out.emplace_back("X-TC-Region", std::string(input.region));
  if (!credentials_.security_token.empty()) {
    out.emplace_back("X-TC-Token", credentials_.security_token);
  }
  if (!language_.empty()) out.emplace_back("X-TC-Language", language_);
  return out;
}

Answer TencentDialect::read(const HttpResponse& response) const {
  auto envelope = nlohmann::json::parse(response.body, nullptr, false);
  if (!envelope.is_object() || !envelope.contains("Response") ||
      !envelope["Response"].is_object()) {
    return Answer::unreadable("the answer is not the API's {\"Response\": {...}} envelope");
  }
  nlohmann::json& payload = envelope["Response"];
  // The envelope's members are read as tolerantly as any answer's fields (json_fields.h): a
  // Code, Message or RequestId of another type than documented must still end as an ApiError,
  // not as a type error no caller handles (found by tests/fuzz).
  std::string request_id = fields::text(payload, "RequestId");
  if (auto error = payload.find("Error"); error != payload.end() && error->is_object()) {
    std::string code = fields::text(*error, "Code");
    if (code.empty()) code = "InternalError";
    return Answer::error(std::move(code), fields::text(*error, "Message"), std::move(request_id));
  }
  return Answer::success(std::move(payload), std::move(request_id));  // RequestId included
}

std::optional<ErrorClass> TencentDialect::classify(std::string_view code, int) const {
  return classify_code(code);
}

bool TencentDialect::resign_once(std::string_view code) const {
  return code == "AuthFailure.SignatureExpire";
}

int TencentDialect::rate_limit(std::string_view action) const {
  return service_.rate_limit(action);
}

Client make_client(const Service& service, ClientConfig config, ClientTuning tuning) {
  if (config.endpoint.empty()) config.endpoint = std::string(service.default_endpoint);
  auto dialect = std::make_shared<const TencentDialect>(service, std::move(config.credentials),
                                                        std::move(config.language));
  return Client(std::move(dialect), static_cast<ClientSettings&&>(std::move(config)),
                std::move(tuning));
}

const TencentDialect& dialect_of(const Client& client) {
  if (const auto* dialect = dynamic_cast<const TencentDialect*>(&client.dialect())) {
    return *dialect;
  }
  throw std::logic_error("not a Tencent Cloud API client");
}

}  // namespace cloudssl::api::tencent
