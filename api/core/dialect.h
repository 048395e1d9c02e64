// The seam between the cloud-neutral Client (client.h) and one cloud's API conventions.
// A Dialect says how a call is encoded (JSON body or query string), how an attempt is signed
// (the headers to send, signature included), how an answer's envelope is read (the result,
// or the error's code, message and request id), which error codes are throttling or
// transient, and the documented rate limit of each action. The Client owns everything else:
// transport and its connection pool, rate limiting, retries with backoff within the deadline,
// re-signing, cancellation, redacted logging and counters.
//
// Adding a cloud = a signer + a Dialect + typed actions (docs/architecture.md). Dialects are
// immutable after construction and used by concurrent calls: every member is const and must
// be thread-safe.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/core/api_error.h"
#include "api/core/endpoint.h"
#include "api/core/http_client.h"

namespace cloudssl::api {

// A call's parameters as they go on the wire, encoded once: these exact bytes are signed and
// sent on every attempt.
struct EncodedRequest {
  HttpMethod method = HttpMethod::Post;
  std::string query;  // the text after '?', exactly as sent; empty for none
  std::string body;   // empty for a GET
};

// One attempt, as the Client is about to send it.
struct SigningInput {
  std::string_view action;
  const Endpoint& endpoint;
  const EncodedRequest& request;
  std::string_view region;                    // the call's region, else the client's; may be empty
  std::chrono::system_clock::time_point now;  // the attempt's signing time
};

// What an HTTP answer says, read from the cloud's envelope.
struct Answer {
  enum class Kind {
    Result,      // success: `result` is what Client::call returns
    Error,       // the API's error: `code`, `message`
    Unreadable,  // not the envelope at all: `message` says what was expected
  };
  Kind kind = Kind::Unreadable;
  nlohmann::json result;
  std::string code;
  std::string message;
  std::string request_id;  // whenever the envelope carries one

  static Answer success(nlohmann::json result, std::string request_id) {
    return {Kind::Result, std::move(result), {}, {}, std::move(request_id)};
  }
  static Answer error(std::string code, std::string message, std::string request_id) {
    return {Kind::Error, {}, std::move(code), std::move(message), std::move(request_id)};
  }
  static Answer unreadable(std::string message) {
    return {Kind::Unreadable, {}, {}, std::move(message), {}};
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class Dialect {
 public:
  virtual ~Dialect() = default;

  // Log lines read "<log_name> call", "<log_name> retry", ... ("SSL API call").
  virtual std::string_view log_name() const = 0;
  // Fields added to every call's log line (e.g. which service); secrets never.
  virtual void add_log_fields(nlohmann::json& /*fields*/) const {}

  // Encodes `params` for `action` (throws std::invalid_argument for a method the API does
  // not take).
  virtual EncodedRequest encode(std::string_view action, const nlohmann::json& params,
                                HttpMethod method) const = 0;

  // Every header of one attempt, signature included (sent exactly as returned).
  virtual Headers sign(const SigningInput& input) const = 0;

  // Reads an answer's envelope, whatever its HTTP status (the Client judges the status when
  // the envelope holds no error).
  virtual Answer read(const HttpResponse& response) const = 0;

  // Throttled or Transient for the cloud's "slow down" / "try again" codes; nullopt for any
  // other code, which the Client then classifies by transport code and HTTP status
  // (classify_generic in api_error.h).
  virtual std::optional<ErrorClass> classify(std::string_view code, int http_status) const = 0;

  // True for a code answered by signing again once at once (an expired signature after clock
  // skew or a long wait).
  virtual bool resign_once(std::string_view /*code*/) const { return false; }

  // The documented requests-per-second limit of `action` (the Client allows itself a margin
  // below it: RateLimitSettings::utilisation).
  virtual int rate_limit(std::string_view action) const = 0;
};

}  // namespace cloudssl::api
