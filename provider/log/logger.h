// Logging as go-hclog JSON lines on stderr, which Terraform parses and re-levels
// (TF_LOG=debug, TF_LOG_PROVIDER=trace, TF_LOG_PATH=file). Never log secrets: callers pass
// values through the API layer's redaction before they get here.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace cloudssl::log {

enum class Level { Trace = 0, Debug, Info, Warn, Error, Off };

// The threshold, read once from TF_LOG_PROVIDER, else TF_LOG ("JSON" means trace), else Warn.
Level threshold();
bool enabled(Level level);
Level parse_level(std::string_view text);  // unknown text → Off

// Extra key/value pairs go beside @level/@message/@module/@timestamp.
void write(Level level, std::string_view message, const nlohmann::json& fields = nlohmann::json::object(),
           std::string_view module = "provider.cloudssl");

inline void trace(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { write(Level::Trace, m, f); }
inline void debug(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { write(Level::Debug, m, f); }
inline void info(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { write(Level::Info, m, f); }
inline void warn(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { write(Level::Warn, m, f); }
inline void error(std::string_view m, const nlohmann::json& f = nlohmann::json::object()) { write(Level::Error, m, f); }

// One formatted line without the trailing newline (exposed for tests).
std::string format_line(Level level, std::string_view message, const nlohmann::json& fields,
                        std::string_view module);

}  // namespace cloudssl::log
