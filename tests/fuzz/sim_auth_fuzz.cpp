// Fuzz target: the simulator's TC3 signature verification (Authorization header parsing,
// timestamp, credential scope, canonical request rebuilt from what was received). Input: an
// HTTP request head as text ("METHOD /path?query" line, "Name: value" lines, a blank line) and
// the body. The server clock is fixed at kNow so that committed seeds stay inside the
// five-minute window.
// Property: verification either returns the SecretId or throws ApiFailure (an API error code);
// any other exception escapes and is reported as a crash.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simulator/api_failure.h"
#include "simulator/auth.h"

namespace {

constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

std::string_view next_line(std::string_view& text) {
  const auto end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cloudssl::sim::IncomingRequest req;
  const std::string_view start = next_line(text);
  const auto space = start.find(' ');
  req.method = std::string(start.substr(0, space));
  const std::string_view target =
      space == std::string_view::npos ? std::string_view("/") : start.substr(space + 1);
  const auto q = target.find('?');
  req.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  while (!text.empty()) {
    const std::string_view line = next_line(text);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.emplace(std::move(name), std::string(value));
  }
  req.body = std::string(text);

  const cloudssl::sim::Credentials credentials{"AKIDCLOUDSSLSIMULATOR", "cloudssl-sim-secret-key",
                                               ""};
  for (const char* service : {"ssl", "tag"}) {
    try {
      (void)cloudssl::sim::verify_tc3(req, credentials, kNow, service);
    } catch (const cloudssl::sim::ApiFailure&) {
    }
  }
  return 0;
}
