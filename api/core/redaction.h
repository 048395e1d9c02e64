// Secrets out of logs: request/response bodies and headers pass through here before the
// client traces them. A JSON field is secret when its name is one of the known secret fields
// or ends in "Password", "PrivateKey", "SecretKey" or "Token" (any depth, any case, '_' and
// '-' ignored: Volcengine's "private_key" too).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cloudssl::api {

inline constexpr std::string_view kRedacted = "<redacted>";

bool is_secret_field(std::string_view name);
// Authorization, X-TC-Token, X-Security-Token (any case)
bool is_secret_header(std::string_view name);

// A copy of `value` with every secret field's value replaced by "<redacted>".
nlohmann::json redact(const nlohmann::json& value);

// A body as text fit for a log line: redacted JSON, or a placeholder when it is not JSON
// (an unparseable body may hold anything, so it is never logged verbatim).
std::string redact_body(std::string_view body);

}  // namespace cloudssl::api
