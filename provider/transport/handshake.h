// The lines a plugin prints on stdout for its host: go-plugin's handshake line (§2.3 of
// docs/docs/design/tfplugin6.md) and, in -debug mode, the TF_REATTACH_PROVIDERS banner (§2.9).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace cloudssl::transport {

// go-plugin's CoreProtocolVersion and the tfplugin app-protocol version we speak.
inline constexpr int kCoreProtocolVersion = 1;
inline constexpr int kAppProtocolVersion = 6;

// Where the server listens: network "unix" (address = socket path) or "tcp" (127.0.0.1:PORT).
struct ListenAddress {
  std::string network;
  std::string address;
};

// Base64, standard alphabet, no padding, no line breaks (Go's base64.RawStdEncoding), which is
// how the go-plugin client decodes the certificate field.
std::string base64_raw_std(std::span<const std::uint8_t> bytes);

// `1|6|NETWORK|ADDR|grpc|CERT\n`; `cert_der` empty means plaintext (the field stays empty).
std::string format_handshake_line(const ListenAddress& listen,
                                  std::span<const std::uint8_t> cert_der);

// The TF_REATTACH_PROVIDERS JSON value for one provider served in debug mode.
std::string format_reattach_json(std::string_view provider_address, long pid,
                                 const ListenAddress& listen);

// The complete stdout text of debug mode (what terraform-plugin-go prints, ready to paste).
std::string format_debug_banner(std::string_view provider_address, long pid,
                                const ListenAddress& listen);

}  // namespace cloudssl::transport
