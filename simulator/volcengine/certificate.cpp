#include "simulator/volcengine/certificate.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/sim_clock.h"
#include "simulator/world.h"

namespace cloudssl::sim::volcengine {

namespace {

using nlohmann::json;

std::string upper_hex(const unsigned char* data, unsigned int len) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

// Serial number and SHA-256 fingerprint of the leaf, upper-case hex as the API shows them.
void leaf_details(const std::string& pem, Certificate& c) {
  std::unique_ptr<BIO, decltype(&BIO_free_all)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free_all);
  std::unique_ptr<X509, decltype(&X509_free)> x(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
  if (!x) throw std::invalid_argument("volcengine certificate: the chain does not parse");
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  X509_digest(x.get(), EVP_sha256(), md, &len);
  c.fingerprint_sha256 = upper_hex(md, len);
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x.get());
  c.serial_number = upper_hex(serial->data, static_cast<unsigned int>(serial->length));
  X509_NAME* issuer = X509_get_issuer_name(x.get());
  const int idx = X509_NAME_get_index_by_NID(issuer, NID_commonName, -1);
  if (idx >= 0) {
    const ASN1_STRING* s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(issuer, idx));
    c.issuer.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                    static_cast<std::size_t>(ASN1_STRING_length(s)));
  }
}

// "-----BEGIN CERTIFICATE-----...-----END CERTIFICATE-----\n" blocks of a PEM text.
std::vector<std::string> pem_blocks(const std::string& pem) {
  static const std::string kEnd = "-----END CERTIFICATE-----";
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const auto begin = pem.find("-----BEGIN CERTIFICATE-----", pos);
    if (begin == std::string::npos) return out;
    const auto end = pem.find(kEnd, begin);
    if (end == std::string::npos) return out;
    out.push_back(pem.substr(begin, end + kEnd.size() - begin) + "\n");
    pos = end + kEnd.size();
  }
}

std::string substitute(std::string text, int n) {
  for (auto at = text.find("{n}"); at != std::string::npos; at = text.find("{n}")) {
    text.replace(at, 3, std::to_string(n));
  }
  return text;
}

void load_content(Certificate& c, const std::string& chain_pem, const std::string& key_pem) {
  CertInfo info;
  try {
    info = parse_certificate(chain_pem);
    if (!key_pem.empty() && !key_matches_certificate(chain_pem, key_pem)) {
      throw std::invalid_argument("volcengine certificate: the private key does not match");
    }
  } catch (const ApiFailure& e) {
    throw std::invalid_argument(std::string("volcengine certificate: ") + e.what());
  }
  c.chain = pem_blocks(chain_pem);
  c.private_key = key_pem;
  c.common_name = info.domain;
  c.san = info.all_domains();
  c.not_before = info.not_before;
  c.not_after = info.not_after;
  c.encryption_algorithm = info.encrypt_algorithm;
  c.key_type = info.encrypt_algorithm.rfind("ECC", 0) == 0 ? "ecc" : "rsa";
  std::string sha1 = info.fingerprint;
  std::transform(sha1.begin(), sha1.end(), sha1.begin(), ::toupper);
  c.fingerprint_sha1 = sha1;
  leaf_details(c.chain.front(), c);
}

Certificate from_spec(World& world, const json& spec, int n) {
  Certificate c;
  std::string chain_pem, key_pem = spec.value("private_key", "");
  if (spec.contains("Generate")) {
    const json& g = spec.at("Generate");
    const std::string domain = substitute(g.value("Domain", ""), n);
    if (domain.empty()) throw std::invalid_argument("volcengine Generate needs a Domain");
    std::vector<std::string> sans;
    for (const auto& s : g.value("SubjectAltNames", std::vector<std::string>{})) {
      sans.push_back(substitute(s, n));
    }
    const std::int64_t now = world.now();
    KeyPair kp = make_self_signed(domain, sans, now - now % 86400 - g.value("AgeDays", 0) * 86400LL,
                                  g.value("Days", 365), g.value("Algorithm", "ECC"));
    chain_pem = kp.certificate_pem;
    key_pem = kp.private_key_pem;
  } else if (spec.contains("chain")) {
    for (const auto& block : spec.at("chain")) chain_pem += block.get<std::string>();
  } else {
    throw std::invalid_argument("a volcengine seed certificate needs Generate or chain");
  }
  load_content(c, chain_pem, key_pem);
  c.id = substitute(spec.value("id", ""), n);
  if (c.id.empty()) c.id = "cert-" + world.random_hex(32);
  c.chain_id = substitute(spec.value("chain_id", ""), n);
  if (c.chain_id.empty()) c.chain_id = c.id;
  c.source_id = substitute(spec.value("source_id", ""), n);
  c.tag = substitute(spec.value("tag", ""), n);
  c.purpose = spec.value("purpose", "ssl");
  c.instance_type = spec.value("instance_type", 2);
  c.type = spec.value("type", "dv");
  c.order_brand = spec.value("order_brand", "");
  c.order_exist = spec.value("order_exist", !c.order_brand.empty());
  c.order_status = spec.value("order_status", 300);
  c.revoked = spec.value("revoked", false);
  c.project_name = spec.value("project_name", "default");
  c.csr = spec.value("csr", "");
  c.created = world.now();
  if (!known_instance_type(c.instance_type) || !known_type(c.type) ||
      (!c.order_brand.empty() && !known_order_brand(c.order_brand)) ||
      !known_order_status(c.order_status)) {
    throw std::invalid_argument("volcengine certificate " + c.id +
                                ": instance_type, type, order_brand or order_status is not one "
                                "of the documented values");
  }
  return c;
}

std::string applicable_domains(const Certificate& c) {
  std::string out = ",";
  for (const auto& name : c.san) out += name + ",";
  return out;
}

}  // namespace

bool known_instance_type(int value) { return value == 0 || value == 1 || value == 2 || value == 4; }

bool known_type(const std::string& value) {
  return value == "dv" || value == "ov" || value == "ev";
}

bool known_order_brand(const std::string& value) {
  static const std::set<std::string> brands = {
      "digicert_free", "digicert", "geotrust",   "digicert_pro", "globalsign",
      "alpha",         "vTrus",    "tianwei_sm", "wotrus",       "wotrus_sm"};
  return brands.count(value) > 0;
}

bool known_order_status(int value) {
  static const std::set<int> statuses = {-2, 100, 101, 200, 201, 202, 300, 301, 302, 400, 401, 500};
  return statuses.count(value) > 0;
}

int order_san_number(const Certificate& c) {
  if (c.common_name.rfind("*.", 0) == 0) return -1;
  return c.san.size() <= 1 ? 0 : static_cast<int>(c.san.size());
}

bool issued(const Certificate& c) { return !c.chain.empty() && c.order_status == 300; }

bool valid(const Certificate& c, std::int64_t now) {
  return issued(c) && !c.revoked && c.not_before <= now && now <= c.not_after;
}

json instance_view(const Certificate& c) {
  json subject = {{"common_name", c.common_name},
                  {"san", c.san},
                  {"organization", ""},
                  {"organization_unit", ""},
                  {"country", ""},
                  {"province", ""},
                  {"city", ""},
                  {"address", ""},
                  {"postal_code", ""}};
  json issuer = subject;
  issuer["common_name"] = c.issuer;
  issuer["san"] = nullptr;
  return {
      {"id", c.id},
      {"parent_id", c.id},
      {"chain_id", c.chain_id},
      {"upstream", "volcano"},
      {"deleted", 0},
      {"source_parent_id", ""},
      {"source_id", c.source_id},
      {"number", 1},
      {"cert_type", c.instance_type},
      {"instance_type", c.instance_type},
      {"disabled", 0},
      {"tag", c.tag},
      {"purpose", c.purpose},
      {"type", c.type},
      {"common_name", c.common_name},
      {"applicable_domains", applicable_domains(c)},
      {"order_exist", c.order_exist ? 1 : 0},
      {"order_brand", c.order_brand},
      {"order_san_number", order_san_number(c)},
      {"order_status", c.order_status},
      {"order_require_progress", 0},
      {"certificate_exist", issued(c) ? 1 : 0},
      {"certificate_revoked", c.revoked ? 1 : 0},
      {"deploy_info", nullptr},
      {"project_name", c.project_name},
      {"issuer", c.issuer},
      {"is_sm", false},
      {"ssl",
       {{"order_san_number", order_san_number(c)},
        {"san", c.san},
        {"certificate",
         {{"csr", c.csr},
          {"private_key", c.private_key},
          {"key_type", c.key_type},
          {"chain", c.chain},
          {"encrypt_key", ""},
          {"encrypt_chain", nullptr}}}}},
      {"log", json::array()},
      {"certificate_not_before", beijing_time(c.not_before)},
      {"certificate_not_after", beijing_time(c.not_after)},
      {"certificate_not_after_ms", c.not_after * 1000},
      {"certificate_not_before_ms", c.not_before * 1000},
      {"certificate_detail",
       {{"subject", subject},
        {"issuer", issuer},
        {"serial_number", c.serial_number},
        {"not_before", beijing_time(c.not_before)},
        {"not_after", beijing_time(c.not_after)},
        {"encryption_algorithm", c.encryption_algorithm},
        {"signature_algorithm", c.key_type == "ecc" ? "ECDSA-SHA256" : "SHA256-RSA"},
        {"fingerprint_sha_1", c.fingerprint_sha1},
        {"fingerprint_sha_256", c.fingerprint_sha256}}},
      {"encryption_certificate_detail", nullptr},
  };
}

json admin_view(const Certificate& c) {
  json j = c;
  j.erase("private_key");
  j.erase("csr");
  j["has_private_key"] = !c.private_key.empty();
  return j;
}

std::vector<std::string> apply_seed(World& world, const json& seed) {
  if (!seed.is_object()) throw std::invalid_argument("the volcengine seed must be an object");
  for (const auto& [key, value] : seed.items()) {
    if (key != "certificates")
      throw std::invalid_argument("unknown volcengine seed member: " + key);
  }
  std::vector<std::string> ids;
  auto& store = world.state.volcengine_certificates;
  for (const auto& spec : seed.value("certificates", json::array())) {
    if (!spec.is_object()) throw std::invalid_argument("volcengine certificates must be objects");
    const int count = spec.value("Count", 1);
    if (count < 1) throw std::invalid_argument("volcengine Count must be at least 1");
    for (int n = 1; n <= count; ++n) {
      Certificate c = from_spec(world, spec, n);
      if (std::any_of(store.begin(), store.end(), [&](const auto& o) { return o.id == c.id; })) {
        throw std::invalid_argument("volcengine certificate id " + c.id + " is taken");
      }
      ids.push_back(c.id);
      store.push_back(std::move(c));
    }
  }
  return ids;
}

}  // namespace cloudssl::sim::volcengine
