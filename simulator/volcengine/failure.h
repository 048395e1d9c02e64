// An error the Volcengine side answers: HTTP status plus ResponseMetadata.Error {CodeN, Code,
// Message} (the common error codes of Volcengine's OpenAPI gateway; CodeN 0 = not sent).
#pragma once

#include <stdexcept>
#include <string>

namespace cloudssl::sim::volcengine {

class Failure : public std::runtime_error {
 public:
  Failure(int http_status, std::string code, int code_n, const std::string& message)
      : std::runtime_error(message),
        http_status_(http_status),
        code_(std::move(code)),
        code_n_(code_n) {}
  int http_status() const { return http_status_; }
  const std::string& code() const { return code_; }
  int code_n() const { return code_n_; }

 private:
  int http_status_;
  std::string code_;
  int code_n_;
};

// A bad business parameter of CertificateGetInstance (HTTP 400).
inline Failure invalid_parameter(const std::string& message) {
  return Failure(400, "InvalidParameter", 0, message);
}

}  // namespace cloudssl::sim::volcengine
