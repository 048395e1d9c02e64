#include "api/tencent/ssl_client.h"

#include <atomic>
#include <optional>
#include <stdexcept>

#include "api/core/http_client.h"
#include "api/core/redaction.h"
#include "api/tencent/tc3_signer.h"
#include "provider/log/logger.h"

namespace cloudssl::api {
namespace {

// Content-Type is signed, so it must be exactly what goes on the wire (§1.3).
constexpr std::string_view kContentType = "application/json; charset=utf-8";

using Clock = std::chrono::steady_clock;

// "https://ssl.tencentcloudapi.com" → URL with the path "/" and the Host header value.
struct Endpoint {
  std::string url;
  std::string host;
};

Endpoint parse_endpoint(const std::string& endpoint) {
  const auto scheme_end = endpoint.find("://");
  if (scheme_end == std::string::npos) {
    throw std::invalid_argument("endpoint \"" + endpoint +
                                "\" has no scheme (expected https://HOST or http://HOST:PORT)");
  }
  const std::string scheme = endpoint.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument("endpoint \"" + endpoint + "\": scheme must be http or https");
  }
  std::string rest = endpoint.substr(scheme_end + 3);
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    if (rest.find_first_not_of('/', slash) != std::string::npos) {
      throw std::invalid_argument("endpoint \"" + endpoint +
                                  "\" must not have a path (the API path is always /)");
    }
    rest.resize(slash);
  }
  if (rest.empty()) throw std::invalid_argument("endpoint \"" + endpoint + "\" has no host");
  return {scheme + "://" + rest + "/", rest};
}

long long millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

struct SslClient::Impl {
  Impl(ClientConfig c, ClientTuning tuning)
      : config(std::move(c)),
        endpoint(parse_endpoint(config.endpoint)),
        http(config.ca_file),
        limiter(tuning.rate_limits),
        retry(config.max_retries, tuning.backoff) {}

  ClientConfig config;
  Endpoint endpoint;
  HttpClient http;
  RateLimiter limiter;
  RetryPolicy retry;
  std::atomic<long> calls{0}, attempts{0}, throttled_retries{0}, transient_retries{0},
      failed_calls{0};

  nlohmann::json attempt(std::string_view action, const std::string& body,
                         const CallOptions& options);
  std::vector<std::pair<std::string, std::string>> headers(std::string_view action,
                                                           const std::string& body,
                                                           const std::string& region) const;
};

std::vector<std::pair<std::string, std::string>> SslClient::Impl::headers(
    std::string_view action, const std::string& body, const std::string& region) const {
  const auto timestamp = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  tc3::CanonicalInput input;
  input.headers = {{"content-type", std::string(kContentType)},
                   {"host", endpoint.host},
                   {"x-tc-action", std::string(action)}};
  input.payload = body;
  const auto signed_request = tc3::sign(input, config.credentials.secret_id,
                                        config.credentials.secret_key, timestamp, config.service);

  std::vector<std::pair<std::string, std::string>> out = {
      {"Host", endpoint.host},
      {"Content-Type", std::string(kContentType)},
      {"X-TC-Action", std::string(action)},
      {"X-TC-Version", config.version},
      {"X-TC-Timestamp", std::to_string(timestamp)},
      {"Authorization", signed_request.authorization},
  };
  if (!region.empty()) out.emplace_back("X-TC-Region", region);
  if (!config.credentials.security_token.empty()) {
    out.emplace_back("X-TC-Token", config.credentials.security_token);
  }
  if (!config.language.empty()) out.emplace_back("X-TC-Language", config.language);
  return out;
}

nlohmann::json SslClient::Impl::attempt(std::string_view action, const std::string& body,
                                        const CallOptions& options) {
  const std::string name(action);
  limiter.acquire(action, options.deadline, options.cancel);

  // One exchange may take request_timeout, but never past the call's deadline.
  auto timeout = config.request_timeout;
  bool deadline_bound = false;  // the exchange's time limit is what is left before the deadline
  if (options.deadline != Clock::time_point::max()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(options.deadline - Clock::now());
    if (left <= std::chrono::milliseconds(0)) {
      throw ApiError(name, "DeadlineExceeded", "the deadline passed before the call was sent", "",
                     ErrorClass::DeadlineExceeded);
    }
    deadline_bound = left < timeout;
    timeout = std::min(timeout, left);
  }

  HttpRequest request;
  request.url = endpoint.url;
  request.headers = headers(action, body, options.region.empty() ? config.region : options.region);
  request.body = body;
  request.connect_timeout = std::min(config.connect_timeout, timeout);
  request.total_timeout = timeout;

  ++attempts;
  if (log::enabled(log::Level::Trace)) {
    log::trace("SSL API request", {{"action", name}, {"body", redact_body(body)}});
  }
  HttpResponse response;
  try {
    response = http.post(request, options.cancel);
  } catch (const TransportError& e) {
    if (e.kind() == TransportError::Kind::Cancelled) {
      throw ApiError(name, "Cancelled", "the operation was cancelled", "", ErrorClass::Cancelled);
    }
    // The limit was rounded down to whole milliseconds, so libcurl may give up a moment
    // before the deadline: a timeout of a deadline-bound exchange is the deadline.
    const bool timed_out_at_deadline =
        e.kind() == TransportError::Kind::Timeout &&
        (deadline_bound ||
         (options.deadline != Clock::time_point::max() && Clock::now() >= options.deadline));
    throw ApiError(
        name, e.code(), e.what(), "",
        timed_out_at_deadline ? ErrorClass::DeadlineExceeded : classify_error(e.code(), 0));
  }
  if (log::enabled(log::Level::Trace)) {
    log::trace(
        "SSL API response",
        {{"action", name}, {"http_status", response.status}, {"body", redact_body(response.body)}});
  }

  const auto envelope = nlohmann::json::parse(response.body, nullptr, false);
  const nlohmann::json* payload = nullptr;
  if (envelope.is_object() && envelope.contains("Response") && envelope["Response"].is_object()) {
    payload = &envelope["Response"];
  }
  const std::string request_id =
      payload && payload->contains("RequestId") && (*payload)["RequestId"].is_string()
          ? (*payload)["RequestId"].get<std::string>()
          : std::string();
  if (payload && payload->contains("Error") && (*payload)["Error"].is_object()) {
    const auto& error = (*payload)["Error"];
    const std::string code = error.value("Code", std::string("InternalError"));
    const std::string message = error.value("Message", std::string());
    throw ApiError(name, code, message, request_id,
                   classify_error(code, static_cast<int>(response.status)),
                   static_cast<int>(response.status));
  }
  if (response.status != 200) {
    const std::string code = "Transport.HttpStatus";
    throw ApiError(name, code, "HTTP status " + std::to_string(response.status), request_id,
                   classify_error(code, static_cast<int>(response.status)),
                   static_cast<int>(response.status));
  }
  if (!payload) {
    throw ApiError(name, "Transport.InvalidResponse",
                   "the answer is not the API's {\"Response\": {...}} envelope", "",
                   ErrorClass::Final, static_cast<int>(response.status));
  }
  return *payload;
}

SslClient::SslClient(ClientConfig config) : SslClient(std::move(config), ClientTuning{}) {}

SslClient::SslClient(ClientConfig config, ClientTuning tuning)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(tuning))) {}

SslClient::~SslClient() = default;

const ClientConfig& SslClient::config() const { return impl_->config; }

ClientStats SslClient::stats() const {
  return {impl_->calls.load(), impl_->attempts.load(), impl_->throttled_retries.load(),
          impl_->transient_retries.load(), impl_->failed_calls.load()};
}

nlohmann::json SslClient::call(std::string_view action, const nlohmann::json& request,
                               const CallOptions& options) {
  const std::string name(action);
  const auto started = Clock::now();
  // Serialised once: these exact bytes are hashed, signed and sent on every attempt.
  const std::string body =
      request.is_null() ? std::string("{}")
                        : request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  ++impl_->calls;

  int attempts = 0;
  int retries = 0;
  bool resigned = false;
  std::optional<ApiError> last_error;  // the previous attempt's, while retrying
  const auto log_call = [&](const char* outcome, const std::string& request_id,
                            const std::string& code) {
    nlohmann::json fields = {{"action", name},
                             {"duration_ms", millis_since(started)},
                             {"attempts", attempts},
                             {"outcome", outcome}};
    if (!request_id.empty()) fields["request_id"] = request_id;
    if (!code.empty()) fields["error_code"] = code;
    // Same message for every service (log filters key on it); the Tag API's calls say so.
    if (impl_->config.service != "ssl") fields["service"] = impl_->config.service;
    log::debug("SSL API call", fields);
  };

  for (;;) {
    ++attempts;
    try {
      nlohmann::json response = impl_->attempt(action, body, options);
      log_call("ok", response.value("RequestId", std::string()), "");
      return response;
    } catch (const ApiError& e) {
      // Counts and logs the failure; the caller throws what it returns.
      const auto fail = [&](const ApiError& error) -> const ApiError& {
        ++impl_->failed_calls;
        log_call("error", error.request_id(), error.code());
        return error;
      };
      if (e.error_class() == ErrorClass::DeadlineExceeded && last_error) {
        // Out of time while retrying: the API's last answer says more than "timeout".
        throw fail(ApiError(name, last_error->code(),
                            "deadline exceeded after " + std::to_string(attempts) +
                                " attempt(s); last error: " + last_error->message(),
                            last_error->request_id(), ErrorClass::DeadlineExceeded,
                            last_error->http_status()));
      }
      if (e.error_class() == ErrorClass::Cancelled ||
          e.error_class() == ErrorClass::DeadlineExceeded) {
        throw fail(e);
      }
      last_error = e;
      // A stale timestamp (clock skew or a long rate-limit wait) is re-signed once (§1.8).
      if (e.is("AuthFailure.SignatureExpire") && !resigned) {
        resigned = true;
        continue;
      }
      const auto wait = impl_->retry.next_wait(e.error_class(), retries);
      if (!wait) throw fail(e);
      if (options.deadline != Clock::time_point::max() &&
          Clock::now() + *wait >= options.deadline) {
        throw fail(ApiError(name, e.code(),
                            "deadline exceeded after " + std::to_string(attempts) +
                                " attempt(s); last error: " + e.message(),
                            e.request_id(), ErrorClass::DeadlineExceeded, e.http_status()));
      }
      ++(e.error_class() == ErrorClass::Throttled ? impl_->throttled_retries
                                                  : impl_->transient_retries);
      log::debug("SSL API retry", {{"action", name},
                                   {"attempt", attempts},
                                   {"error_code", e.code()},
                                   {"request_id", e.request_id()},
                                   {"wait_ms", wait->count()}});
      if (options.cancel.wait_for(*wait)) {
        throw fail(ApiError(name, "Cancelled",
                            "the operation was cancelled while retrying " + e.code(),
                            e.request_id(), ErrorClass::Cancelled));
      }
      ++retries;
    }
  }
}

}  // namespace cloudssl::api
