#include "simulator/seed.h"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "simulator/actions/views.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/instances.h"
#include "simulator/volcengine/certificate.h"

namespace cloudssl::sim {

namespace {

bool valid_id(const std::string& id) {
  if (id.size() != 8) return false;
  for (unsigned char c : id) {
    if (!std::isalnum(c)) return false;
  }
  return true;
}

std::string seed_certificate(World& world, const nlohmann::json& spec) {
  if (!spec.is_object()) throw std::invalid_argument("each seed certificate must be an object");
  Certificate cert;
  std::string pub = spec.value("CertificatePublicKey", "");
  std::string key = spec.value("CertificatePrivateKey", "");
  if (spec.contains("Generate")) {
    const auto& g = spec["Generate"];
    const std::string domain = g.value("Domain", "");
    if (domain.empty()) throw std::invalid_argument("Generate needs a Domain");
    const std::int64_t now = world.now();
    KeyPair kp = make_self_signed(domain, g.value("SubjectAltNames", std::vector<std::string>{}),
                                  now - now % 86400 - g.value("AgeDays", 0) * 86400LL,
                                  g.value("Days", 90), g.value("Algorithm", "ECC"));
    pub = kp.certificate_pem;
    key = kp.private_key_pem;
  }
  if (pub.empty()) throw std::invalid_argument("a seed certificate needs content or Generate");
  load_certificate_content(cert, pub, key);
  const std::string wanted = spec.value("CertificateId", "");
  cert.id =
      valid_id(wanted) && !world.find_certificate(wanted) ? wanted : world.new_certificate_id();
  cert.alias = spec.value("Alias", "");
  cert.type = spec.value("CertificateType", "SVR");
  cert.project_id = spec.value("ProjectId", std::int64_t{0});
  cert.tags = tags_from(spec.value("Tags", nlohmann::json::array()));
  cert.status = spec.value("Status", 1);
  cert.from = spec.value("From", "upload");
  // How a CA-issued certificate was validated (DNS_AUTO, DNS, FILE): its revocation records.
  cert.verify_type = spec.value("VerifyType", "");
  cert.insert_time = world.now();
  const std::string id = cert.id;
  world.state.certificates[id] = std::move(cert);
  return id;
}

}  // namespace

std::vector<std::string> apply_seed(World& world, const nlohmann::json& seed) {
  if (!seed.is_object()) throw std::invalid_argument("a seed must be a JSON object");
  for (const auto& [key, value] : seed.items()) {
    if (key != "certificates" && key != "instances" && key != "volcengine" && key != "companies" &&
        key != "managers" && key != "packages") {
      throw std::invalid_argument("unknown seed member: " + key);
    }
  }
  std::vector<std::string> ids;
  for (const auto& spec : seed.value("certificates", nlohmann::json::array())) {
    ids.push_back(seed_certificate(world, spec));
  }
  const nlohmann::json instances = seed.value("instances", nlohmann::json::object());
  for (const auto& [type, docs] : instances.items()) {
    if (!is_resource_type(type)) throw std::invalid_argument("unknown resource type: " + type);
    if (!docs.is_array()) throw std::invalid_argument("instances." + type + " must be an array");
    for (const auto& doc : docs) {
      if (!doc.is_object()) throw std::invalid_argument("instances must be objects");
      world.state.instances[type].push_back(doc);
    }
  }
  if (seed.contains("volcengine")) volcengine::apply_seed(world, seed.at("volcengine"));
  // What paid certificates' submissions refer to: CompanyInfo, ManagerInfo (with the CompanyId
  // it belongs to) and PackageInfo objects as DescribeCompanies/Managers/Packages answer them.
  const std::pair<const char*, const char*> lists[] = {
      {"companies", "CompanyId"}, {"managers", "ManagerId"}, {"packages", "PackageId"}};
  for (const auto& [name, id_member] : lists) {
    if (!seed.contains(name)) continue;
    const nlohmann::json& items = seed.at(name);
    if (!items.is_array()) throw std::invalid_argument(std::string(name) + " must be an array");
    nlohmann::json& into = std::string(name) == "companies"  ? world.state.companies
                           : std::string(name) == "managers" ? world.state.managers
                                                             : world.state.packages;
    for (const auto& item : items) {
      if (!item.is_object() || !item.contains(id_member)) {
        throw std::invalid_argument(std::string("each of ") + name + " needs " + id_member);
      }
      if (std::string(name) == "managers" && !item.contains("CompanyId")) {
        throw std::invalid_argument("each of managers needs the CompanyId it belongs to");
      }
      into.push_back(item);
    }
  }
  world.list_cache.clear();
  return ids;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

void write_json_file(const std::string& path, const nlohmann::json& value) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << value.dump() << '\n';
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  // State files hold uploaded private keys: owner-only.
  std::filesystem::permissions(
      tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot replace " + path);
  }
}

}  // namespace cloudssl::sim
