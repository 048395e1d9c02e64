// A certificate held in Volcengine's certificate center, as cloudssl-sim keeps it: the fields
// CertificateGetInstance filters on and answers with (seed 003, CertificateGetInstance), plus
// the seed format that creates them (simulator/README.md "Volcengine").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cloudssl::sim {
class World;
}

namespace cloudssl::sim::volcengine {

struct Certificate {
  std::string id;  // "cert-" + 32 hex digits
  std::string chain_id;
  std::string source_id;  // the renewed certificate's id, "" when none
  std::string tag;        // the certificate's name
  std::string purpose = "ssl";
  int instance_type = 2;  // 0 paid, 1 free, 2 uploaded, 4 test
  std::string type = "dv";
  std::string common_name;
  std::vector<std::string> san;  // every DNS name the certificate protects
  bool order_exist = false;
  std::string order_brand;  // "" for uploads
  int order_status = 300;
  bool revoked = false;
  std::string project_name = "default";
  std::vector<std::string> chain;  // PEM blocks, leaf first
  std::string private_key;         // a secret: never in admin views or logs
  std::string csr;
  std::string key_type;  // "rsa" / "ecc"
  std::int64_t not_before = 0, not_after = 0;
  std::string issuer;  // the issuer's common name
  std::string serial_number, fingerprint_sha1, fingerprint_sha256, encryption_algorithm;
  std::int64_t created = 0;  // simulated clock, for the listing order
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Certificate, id, chain_id, source_id, tag, purpose,
                                                instance_type, type, common_name, san, order_exist,
                                                order_brand, order_status, revoked, project_name,
                                                chain, private_key, csr, key_type, not_before,
                                                not_after, issuer, serial_number, fingerprint_sha1,
                                                fingerprint_sha256, encryption_algorithm, created)

// The documented value sets of the enumerated filters.
bool known_instance_type(int value);               // 0, 1, 2, 4
bool known_type(const std::string& value);         // dv, ov, ev
bool known_order_brand(const std::string& value);  // digicert_free, digicert, ...
bool known_order_status(int value);                // -2, 100, 101, 200, ...

// order_san_number as the API reports it: -1 wildcard, 0 single domain, else the name count.
int order_san_number(const Certificate& c);
bool issued(const Certificate& c);                   // certificate_exist
bool valid(const Certificate& c, std::int64_t now);  // issued, in its validity, not revoked

// One element of Result.content, in the documented shape (seed 003 "返回示例"), private key and
// CSR included as the API answers them.
nlohmann::json instance_view(const Certificate& c);
// The same without private key and CSR, for the admin endpoint.
nlohmann::json admin_view(const Certificate& c);

// Adds the seed's "volcengine" member ({"certificates": [...]}) to the world; returns the new
// ids. Throws std::invalid_argument on a malformed seed.
std::vector<std::string> apply_seed(World& world, const nlohmann::json& seed);

}  // namespace cloudssl::sim::volcengine
