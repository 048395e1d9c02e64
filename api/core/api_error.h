// An API failure as a value, whatever the cloud: which action, the API's error code and
// message, the request id, and how the retry policy classified it. Thrown by Client::call
// after retries are spent (or at once for final errors); the typed actions turn the codes
// that mean something (e.g. "not found") into values.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace cloudssl::api {

enum class ErrorClass {
  Throttled,         // the API's "slow down" codes (the dialect's), HTTP 429: retried
  Transient,         // the API's "try again" codes, HTTP 5xx, resets, timeouts: retried
  Final,             // everything else: not retried
  Cancelled,         // the operation was cancelled (StopProvider) before it finished
  DeadlineExceeded,  // the operation's deadline passed while retrying or waiting
};

class ApiError : public std::runtime_error {
 public:
  ApiError(std::string action, std::string code, std::string message, std::string request_id,
           ErrorClass error_class, int http_status = 0);

  const std::string& action() const { return action_; }
  const std::string& code() const { return code_; }  // e.g. "FailedOperation.CertificateNotFound"
  const std::string& message() const { return message_; }
  const std::string& request_id() const { return request_id_; }
  ErrorClass error_class() const { return class_; }
  int http_status() const { return http_status_; }  // 0 when no HTTP answer arrived
  bool is(std::string_view code) const { return code_ == code; }
  bool code_starts_with(std::string_view prefix) const { return code_.rfind(prefix, 0) == 0; }
  // Whether the call may have reached the API. False only when Client::call sent none of its
  // attempts (cancelled or out of time before sending, no connection made): nothing it asked
  // for can have happened, so there is nothing to look up or undo.
  bool sent() const { return sent_; }
  void mark_not_sent() { sent_ = false; }

 private:
  std::string action_, code_, message_, request_id_;
  ErrorClass class_;
  int http_status_;
  bool sent_ = true;
};

// One documented error code as a predicate, declared beside the action that answers it and
// called like a function, so the code is spelled once, where it is named:
//   inline constexpr ErrorCode revoke_refused_bound{"FailedOperation.RevokeResourceFailed"};
//   if (revoke_refused_bound(e)) ...
struct ErrorCode {
  std::string_view code;
  bool operator()(const ApiError& e) const { return e.is(code); }
};

// Classification of what every cloud shares: the client's own transport codes
// (http_client.h: timeouts, resets and refused connections are transient) and the HTTP
// status (429 throttled, 5xx transient); anything else is final. A dialect classifies its
// API's codes first (dialect.h).
ErrorClass classify_generic(std::string_view code, int http_status);

}  // namespace cloudssl::api
