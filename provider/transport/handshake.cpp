#include "provider/transport/handshake.h"

#include <nlohmann/json.hpp>

namespace cloudssl::transport {

std::string base64_raw_std(std::span<const std::uint8_t> bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t n = bytes[i] << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::string format_handshake_line(const ListenAddress& listen,
                                  std::span<const std::uint8_t> cert_der) {
  std::string line = std::to_string(kCoreProtocolVersion) + "|" +
                     std::to_string(kAppProtocolVersion) + "|" + listen.network + "|" +
                     listen.address + "|grpc|";
  line += base64_raw_std(cert_der);
  line += '\n';
  return line;
}

std::string format_reattach_json(std::string_view provider_address, long pid,
                                 const ListenAddress& listen) {
  // ProtocolVersion must be 6 (0 or missing means 5 to Terraform); Test:true tells the
  // client never to shut the process down, so one process serves many runs.
  const nlohmann::json config = {
      {"Protocol", "grpc"},
      {"ProtocolVersion", kAppProtocolVersion},
      {"Pid", pid},
      {"Test", true},
      {"Addr", {{"Network", listen.network}, {"String", listen.address}}},
  };
  return nlohmann::json{{std::string(provider_address), config}}.dump();
}

std::string format_debug_banner(std::string_view provider_address, long pid,
                                const ListenAddress& listen) {
  return "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment "
         "variable with the following:\n\n\tTF_REATTACH_PROVIDERS='" +
         format_reattach_json(provider_address, pid, listen) + "'\n\n";
}

}  // namespace cloudssl::transport
