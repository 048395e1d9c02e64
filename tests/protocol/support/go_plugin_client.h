// The go-plugin host's side of the handshake, for tests: a client certificate made like
// go-plugin's (ECDSA P-521, CN/SAN localhost, CA, clientAuth+serverAuth), the handshake line
// parser with the client's checks, and gRPC channels that trust only the server's certificate.
#pragma once

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cloudssl::testing {

struct ClientCertificate {
  std::string cert_pem;
  std::string key_pem;
};
ClientCertificate make_go_plugin_client_certificate();

struct Handshake {
  int core_version = 0;
  int app_version = 0;
  std::string network;
  std::string address;
  std::string protocol;
  std::string cert_base64;             // as printed
  std::vector<std::uint8_t> cert_der;  // decoded; empty for plaintext
};

// Parses like go-plugin's client (split on '|', trim the line); returns nullopt with `error`
// set when the client would refuse it: fewer than 6 fields, core != 1, app != 6, protocol not
// grpc, any '=' or invalid character in the certificate field.
std::optional<Handshake> parse_handshake(const std::string& line, std::string& error);

// Standard-alphabet base64 without padding (Go's RawStdEncoding); nullopt if invalid.
std::optional<std::vector<std::uint8_t>> decode_base64_raw_std(const std::string& text);

std::string der_to_pem(const std::vector<std::uint8_t>& der);

// "unix:/path" or "127.0.0.1:port".
std::string grpc_target(const Handshake& handshake);

// TLS channel: trusts only the handshake's certificate, checks the name "localhost", presents
// `client` when given.
std::shared_ptr<grpc::Channel> tls_channel(const Handshake& handshake,
                                           const std::optional<ClientCertificate>& client);
std::shared_ptr<grpc::Channel> plaintext_channel(const Handshake& handshake);

}  // namespace cloudssl::testing
