#include "api/core/client.h"

#include <atomic>
#include <optional>

#include "api/core/redaction.h"
#include "provider/log/logger.h"

namespace cloudssl::api {
namespace {

using Clock = std::chrono::steady_clock;

long long millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

struct Client::Impl {
  Impl(std::shared_ptr<const Dialect> d, ClientSettings s, ClientTuning tuning)
      : dialect(std::move(d)),
        settings(std::move(s)),
        endpoint(parse_endpoint(settings.endpoint)),
        http(settings.ca_file),
        limiter([dialect = dialect.get()](
                    std::string_view action) { return dialect->rate_limit(action); },
                tuning.rate_limits),
        retry(settings.max_retries, tuning.backoff),
        request_message(std::string(dialect->log_name()) + " request"),
        response_message(std::string(dialect->log_name()) + " response"),
        call_message(std::string(dialect->log_name()) + " call"),
        retry_message(std::string(dialect->log_name()) + " retry") {}

  std::shared_ptr<const Dialect> dialect;
  ClientSettings settings;
  Endpoint endpoint;
  HttpClient http;
  RateLimiter limiter;
  RetryPolicy retry;
  const std::string request_message, response_message, call_message, retry_message;
  std::atomic<long> calls{0}, attempts{0}, throttled_retries{0}, transient_retries{0},
      failed_calls{0};

  ErrorClass classify(std::string_view code, int http_status) const {
    return dialect->classify(code, http_status).value_or(classify_generic(code, http_status));
  }

  // One exchange; returns the answer's result and request id, or throws ApiError.
  // `sent` becomes true once the request may have reached the API (see ApiError::sent).
  std::pair<nlohmann::json, std::string> attempt(std::string_view action,
                                                 const EncodedRequest& encoded,
                                                 const CallOptions& options, bool& sent);
};

std::pair<nlohmann::json, std::string> Client::Impl::attempt(std::string_view action,
                                                             const EncodedRequest& encoded,
                                                             const CallOptions& options,
                                                             bool& sent) {
  const std::string name(action);
  limiter.acquire(action, options.deadline, options.cancel);

  // One exchange may take request_timeout, but never past the call's deadline.
  auto timeout = settings.request_timeout;
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
  request.method = encoded.method;
  request.url = endpoint.url();
  if (!encoded.query.empty()) request.url += "?" + encoded.query;
  request.headers =
      dialect->sign({.action = action,
                     .endpoint = endpoint,
                     .request = encoded,
                     .region = options.region.empty() ? settings.region : options.region,
                     .now = std::chrono::system_clock::now()});
  request.body = encoded.body;
  request.connect_timeout = std::min(settings.connect_timeout, timeout);
  request.total_timeout = timeout;
  // A call that must not land twice goes on a connection of its own: libcurl writes a request
  // again by itself when a reused connection turns out dead after the write.
  request.fresh_connection = options.send_once || static_cast<bool>(options.find_landed);

  ++attempts;
  if (log::enabled(log::Level::Trace)) {
    nlohmann::json fields = {{"action", name}, {"body", redact_body(encoded.body)}};
    // The query of a GET holds the parameters: logged only as a count, never verbatim.
    if (!encoded.query.empty()) fields["query_bytes"] = encoded.query.size();
    log::trace(request_message, fields);
  }
  HttpResponse response;
  try {
    response = http.send(request, options.cancel);
    sent = true;
  } catch (const TransportError& e) {
    // Not sent: nothing written and no connection made, or a connect or TLS handshake that timed
    // out before the request was written. Anything else may have been, a failed connect too
    // when libcurl reconnected by itself after writing to a dead reused connection.
    const bool connect_failed =
        e.code() == "Transport.ConnectFailed" || e.code() == "Transport.ResolveFailed";
    const bool never_left =
        !e.request_written() && (connect_failed || e.kind() == TransportError::Kind::Timeout);
    if (!never_left) sent = true;
    if (e.kind() == TransportError::Kind::Cancelled) {
      throw ApiError(name, "Cancelled", "the operation was cancelled", "", ErrorClass::Cancelled);
    }
    // The limit was rounded down to whole milliseconds, so libcurl may give up a moment
    // before the deadline: a timeout of a deadline-bound exchange is the deadline.
    const bool timed_out_at_deadline =
        e.kind() == TransportError::Kind::Timeout &&
        (deadline_bound ||
         (options.deadline != Clock::time_point::max() && Clock::now() >= options.deadline));
    // A request written before the connect failed lost its answer: it is classified as a reset
    // connection, so a retry looks for what it did first (find_landed, send_once).
    if (connect_failed && e.request_written()) {
      throw ApiError(name, "Transport.ConnectionReset",
                     std::string(e.what()) +
                         " (after the request was written to a kept connection "
                         "that died: it may have been processed)",
                     "", classify("Transport.ConnectionReset", 0));
    }
    const ApiError error(
        name, e.code(),
        std::string(e.what()) +
            (never_left && !connect_failed ? " (before the request was written)" : ""),
        "", timed_out_at_deadline ? ErrorClass::DeadlineExceeded : classify(e.code(), 0));
    throw error;
  }
  if (log::enabled(log::Level::Trace)) {
    log::trace(
        response_message,
        {{"action", name}, {"http_status", response.status}, {"body", redact_body(response.body)}});
  }

  const int status = static_cast<int>(response.status);
  Answer answer = dialect->read(response);
  if (answer.kind == Answer::Kind::Error) {
    throw ApiError(name, answer.code, answer.message, answer.request_id,
                   classify(answer.code, status), status);
  }
  if (response.status != 200) {
    const std::string code = "Transport.HttpStatus";
    throw ApiError(name, code, "HTTP status " + std::to_string(response.status), answer.request_id,
                   classify(code, status), status);
  }
  if (answer.kind == Answer::Kind::Unreadable) {
    throw ApiError(name, "Transport.InvalidResponse", answer.message, "", ErrorClass::Final,
                   status);
  }
  return {std::move(answer.result), std::move(answer.request_id)};
}

Client::Client(std::shared_ptr<const Dialect> dialect, ClientSettings settings, ClientTuning tuning)
    : impl_(std::make_unique<Impl>(std::move(dialect), std::move(settings), std::move(tuning))) {}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

const ClientSettings& Client::settings() const { return impl_->settings; }
const Dialect& Client::dialect() const { return *impl_->dialect; }

double Client::allowed_rate(std::string_view action) const {
  return impl_->limiter.rate_of(action);
}

ClientStats Client::stats() const {
  return {impl_->calls.load(), impl_->attempts.load(), impl_->throttled_retries.load(),
          impl_->transient_retries.load(), impl_->failed_calls.load()};
}

namespace {

// An attempt that may have reached the API (Impl::attempt says whether it did) but whose answer
// never came back.
bool answer_lost(const ApiError& e) {
  return e.is("Transport.Timeout") || e.is("Transport.ConnectionReset") ||
         e.is("Transport.Error") || e.is("Transport.InvalidResponse") ||
         (e.is("Transport.HttpStatus") && e.http_status() >= 500);
}

}  // namespace

nlohmann::json Client::call(std::string_view action, const nlohmann::json& params,
                            const CallOptions& options) {
  return call(HttpMethod::Post, action, params, options);
}

nlohmann::json Client::call(HttpMethod method, std::string_view action,
                            const nlohmann::json& params, const CallOptions& options) {
  const std::string name(action);
  const auto started = Clock::now();
  const EncodedRequest encoded = impl_->dialect->encode(action, params, method);
  ++impl_->calls;

  int attempts = 0;
  int retries = 0;
  bool sent = false;          // whether an attempt may have reached the API (ApiError::sent)
  bool attempt_sent = false;  // whether the last one may have
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
    impl_->dialect->add_log_fields(fields);
    log::debug(impl_->call_message, fields);
  };

  for (;;) {
    ++attempts;
    try {
      attempt_sent = false;
      auto [result, request_id] = impl_->attempt(action, encoded, options, attempt_sent);
      impl_->limiter.succeeded(action);
      log_call("ok", request_id, "");
      return std::move(result);
    } catch (const ApiError& e) {
      sent = sent || attempt_sent;
      // Counts and logs the failure; the caller throws what it returns.
      const auto fail = [&](ApiError error) {
        ++impl_->failed_calls;
        log_call("error", error.request_id(), error.code());
        if (!sent) error.mark_not_sent();
        return error;
      };
      // The request may have been processed although its answer never came (or, for a
      // send-once action, although the API answered "try again").
      const bool may_have_landed =
          attempt_sent &&
          (answer_lost(e) || (options.send_once && e.error_class() == ErrorClass::Transient));
      if (may_have_landed && (options.find_landed || options.send_once)) {
        std::optional<nlohmann::json> landed;
        std::string unknown;  // why the check could not tell, "" when it answered
        if (options.find_landed) {
          try {
            landed = options.find_landed();
          } catch (const ApiError& check) {
            // Unknown whether it landed: carry on as without the check (retry or give up).
            log::debug("API landed-check failed", {{"action", name}, {"error_code", check.code()}});
            unknown = "; looking for it failed (" + check.code() + ")";
          }
        }
        if (landed) {
          log::info("API call landed though its answer was lost; not sent again",
                    {{"action", name}, {"attempt", attempts}, {"error_code", e.code()}});
          log_call("ok", "", "");
          return std::move(*landed);
        }
        // Not found (the lookup's index may lag), or the lookup failed: a send-once request
        // is still not sent again.
        if (options.send_once) {
          throw fail(ApiError(name, e.code(),
                              e.message() +
                                  " — the request may have been processed and is not sent "
                                  "again (a second one would repeat it); its result was not "
                                  "found yet" +
                                  unknown + ": run again later, the next run looks for it first",
                              e.request_id(), ErrorClass::Final, e.http_status()));
        }
      }
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
      // Throttled although this client kept to its bucket: others share the account's limit.
      if (e.error_class() == ErrorClass::Throttled) impl_->limiter.throttled(action);
      // A stale signature (clock skew or a long rate-limit wait) is signed again once.
      if (!resigned && impl_->dialect->resign_once(e.code())) {
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
      log::debug(impl_->retry_message, {{"action", name},
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
