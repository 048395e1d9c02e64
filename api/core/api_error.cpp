#include "api/core/api_error.h"

namespace cloudssl::api {
namespace {

std::string describe(const std::string& action, const std::string& code, const std::string& message,
                     const std::string& request_id) {
  std::string text = action.empty() ? std::string() : action + ": ";
  text += code.empty() ? std::string("error") : code;
  if (!message.empty()) text += ": " + message;
  if (!request_id.empty()) text += " (RequestId: " + request_id + ")";
  return text;
}

}  // namespace

ApiError::ApiError(std::string action, std::string code, std::string message,
                   std::string request_id, ErrorClass error_class, int http_status)
    : std::runtime_error(describe(action, code, message, request_id)),
      action_(std::move(action)),
      code_(std::move(code)),
      message_(std::move(message)),
      request_id_(std::move(request_id)),
      class_(error_class),
      http_status_(http_status) {}

ErrorClass classify_generic(std::string_view code, int http_status) {
  if (code == "Transport.Timeout" || code == "Transport.ConnectionReset" ||
      code == "Transport.ConnectFailed") {
    return ErrorClass::Transient;
  }
  if (http_status == 429) return ErrorClass::Throttled;
  if (http_status >= 500 && http_status <= 599) return ErrorClass::Transient;
  return ErrorClass::Final;
}

}  // namespace cloudssl::api
