// AutoMTLS (§2.4 of docs/docs/design/tfplugin6.md): a fresh server key and self-signed certificate made
// like go-plugin's, and gRPC server credentials that require and verify the client's
// certificate against PLUGIN_CLIENT_CERT.
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cloudssl::transport {

class TlsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServerCertificate {
  std::string cert_pem;
  std::string key_pem;                 // secret: never logged
  std::vector<std::uint8_t> cert_der;  // what the handshake line carries
};

// ECDSA P-256 key; positive random 128-bit serial; CN and SAN DNS "localhost", O "HashiCorp";
// CA:TRUE; KU digitalSignature|keyEncipherment|keyAgreement|keyCertSign; EKU serverAuth and
// clientAuth; valid from now-30s for `lifetime_hours`; signed with SHA-256. Throws TlsError.
ServerCertificate generate_server_certificate(long lifetime_hours = 262980);

// Throws TlsError unless `pem` holds at least one parseable X.509 certificate.
void check_client_certificate_pem(const std::string& pem);

// TLS ≥ 1.2 server credentials presenting `server`, requiring a client certificate that
// verifies against `client_cert_pem` (and nothing else).
std::shared_ptr<grpc::ServerCredentials> make_mtls_server_credentials(
    const ServerCertificate& server, const std::string& client_cert_pem);

}  // namespace cloudssl::transport
