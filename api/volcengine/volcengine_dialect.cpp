#include "api/volcengine/volcengine_dialect.h"

#include <array>
#include <stdexcept>

#include "api/core/json_fields.h"

namespace cloudssl::api::volcengine {
namespace {

constexpr std::string_view kLogName = "Volcengine API";

// The gateway's "slow down" and "try again" codes (Volcengine's common error codes); nullopt
// for any other.
std::optional<ErrorClass> classify_code(std::string_view code) {
  if (code == "FlowLimitExceeded") return ErrorClass::Throttled;
  static constexpr std::array<std::string_view, 5> kTransient = {
      "InternalError", "InternalServiceTimeout", "InternalServiceError", "ServiceUnavailableTemp",
      "FailToConnect"};
  for (auto transient : kTransient) {
    if (code == transient) return ErrorClass::Transient;
  }
  return std::nullopt;
}

std::string scalar_text(std::string_view action, const std::string& name,
                        const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  throw std::invalid_argument(std::string(action) + ": parameter " + name +
                              " must be a string, number or boolean");
}

}  // namespace

ErrorClass classify_error(std::string_view code, int http_status) {
  return classify_code(code).value_or(classify_generic(code, http_status));
}

std::string error_advice(std::string_view code, std::string_view action) {
  if (code == "SignatureDoesNotMatch" || code == "InvalidAccessKey" ||
      code == "InvalidSecretToken" || code == "MissingAuthenticationToken" ||
      code == "InvalidCredential" || code == "InvalidAuthorization" || code == "MissingSignature") {
    return "Check the Volcengine access key, secret key and session token (the provider's "
           "volcengine block, or VOLCENGINE_ACCESS_KEY, VOLCENGINE_SECRET_KEY, "
           "VOLCENGINE_SESSION_TOKEN).";
  }
  if (code == "InvalidTimestamp" || code == "SignatureExpired") {
    return "The request's X-Date was outside the API's accepted time window: check this "
           "machine's clock (UTC).";
  }
  if (code == "AccessDenied" || code == "LackPolicy") {
    return "The access key needs the permission certificate_service:" + std::string(action) + ".";
  }
  return "";
}

std::string encode_query(std::string_view action, std::string_view version,
                         const nlohmann::json& params) {
  QueryParams query = {{"Action", std::string(action)}, {"Version", std::string(version)}};
  if (!params.is_null()) {
    if (!params.is_object()) {
      throw std::invalid_argument(std::string(action) + ": parameters must be an object");
    }
    for (const auto& [name, value] : params.items()) {
      if (value.is_null()) continue;
      query.emplace_back(name, scalar_text(action, name, value));
    }
  }
  return canonical_query(std::move(query));
}

VolcengineDialect::VolcengineDialect(const Service& service, Credentials credentials)
    : service_(service), credentials_(std::move(credentials)) {}

std::string_view VolcengineDialect::log_name() const { return kLogName; }

void VolcengineDialect::add_log_fields(nlohmann::json& fields) const {
  fields["service"] = std::string(service_.name);
}

EncodedRequest VolcengineDialect::encode(std::string_view action, const nlohmann::json& params,
                                         HttpMethod method) const {
  // The certificate center's actions are GETs (seed 003); a POST would need the body signed
  // in a form no action of ours uses yet.
  if (method != HttpMethod::Get) {
    throw std::invalid_argument(std::string(action) +
                                ": the Volcengine client sends its actions as GET");
  }
  return {.method = HttpMethod::Get,
          .query = encode_query(action, service_.version, params),
          .body = {}};
}

Headers VolcengineDialect::sign(const SigningInput& input) const {
  const auto timestamp =
      std::chrono::duration_cast<std::chrono::seconds>(input.now.time_since_epoch()).count();
  const auto query = parse_query(input.request.query);
  if (!query) throw std::logic_error("the encoded query does not parse back");
  const auto headers =
      signing_headers(credentials_, input.request.method == HttpMethod::Get ? "GET" : "POST",
                      input.endpoint.host, "/", *query, input.request.body, timestamp,
                      input.region.empty() ? kDefaultRegion : input.region, service_.name);
  return Headers(headers.begin(), headers.end());
}

Answer VolcengineDialect::read(const HttpResponse& response) const {
  auto envelope = nlohmann::json::parse(response.body, nullptr, false);
  if (!envelope.is_object() || !envelope.contains("ResponseMetadata") ||
      !envelope["ResponseMetadata"].is_object()) {
    return Answer::unreadable(
        "the answer is not Volcengine's {\"ResponseMetadata\": {...}} envelope");
  }
  const nlohmann::json& metadata = envelope["ResponseMetadata"];
  // The envelope's members are read as tolerantly as any answer's fields (json_fields.h): a
  // Code, Message or RequestId of another type than documented must still end as an ApiError,
  // not as a type error no caller handles (found by tests/fuzz).
  std::string request_id = fields::text(metadata, "RequestId");
  if (auto error = metadata.find("Error"); error != metadata.end() && error->is_object()) {
    std::string code = fields::text(*error, "Code");
    if (code.empty()) code = "InternalError";
    return Answer::error(std::move(code), fields::text(*error, "Message"), std::move(request_id));
  }
  auto result = envelope.find("Result");
  if (result == envelope.end()) {
    Answer answer =
        Answer::unreadable("the envelope has neither ResponseMetadata.Error nor Result");
    answer.request_id = std::move(request_id);
    return answer;
  }
  return Answer::success(std::move(*result), std::move(request_id));
}

std::optional<ErrorClass> VolcengineDialect::classify(std::string_view code, int) const {
  return classify_code(code);
}

bool VolcengineDialect::resign_once(std::string_view code) const {
  return code == "InvalidTimestamp";
}

int VolcengineDialect::rate_limit(std::string_view action) const {
  return service_.rate_limit(action);
}

Client make_client(const Service& service, ClientConfig config, ClientTuning tuning) {
  if (config.endpoint.empty()) config.endpoint = std::string(kDefaultEndpoint);
  if (config.region.empty()) config.region = std::string(kDefaultRegion);
  auto dialect = std::make_shared<const VolcengineDialect>(service, std::move(config.credentials));
  return Client(std::move(dialect), static_cast<ClientSettings&&>(std::move(config)),
                std::move(tuning));
}

}  // namespace cloudssl::api::volcengine
