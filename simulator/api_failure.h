// An API error the simulator answers inside the documented envelope (HTTP 200,
// {"Response":{"Error":{"Code","Message"},"RequestId"}}). Handlers throw it.
#pragma once

#include <stdexcept>
#include <string>

namespace cloudssl::sim {

class ApiFailure : public std::runtime_error {
 public:
  ApiFailure(std::string code, std::string message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// FailedOperation.InvalidParam: what the SSL API answers when a parameter breaks its action's
// documented rules.
[[noreturn]] inline void invalid_param(const std::string& message) {
  throw ApiFailure("FailedOperation.InvalidParam", message);
}

}  // namespace cloudssl::sim
