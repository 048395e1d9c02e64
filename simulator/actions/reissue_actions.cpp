// Reissue (seed 004, ReplaceCertificate): an issued certificate from a CA (not an upload) gets a
// new certificate with a new id, which goes through domain validation like an application
// (ValidType DNS_AUTO, DNS or FILE) and is issued the same way. "An applied-for free certificate
// can be reissued only if its algorithm is RSA with a 2048-bit key, and only once": a free
// certificate that was reissued, or is itself a reissue, answers OrderAlreadyReplaced ("the
// order has already been reissued"), any other key RenewAlgorithmInvalid. The original keeps
// its status and content (it stays usable until it expires or is deleted); ReplacedFor on the
// original and ReplacedBy on the reissue link the two (model.h says which is which).
#include "simulator/actions/action_table.h"
#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

constexpr const char* kFreeKey = "RSA 2048";

void algorithm_invalid(const std::string& message) {
  throw ApiFailure("InvalidParameter.RenewAlgorithmInvalid", message);
}

// The key the reissue will have, as CertInfo::encrypt_algorithm spells it.
std::string requested_key(const Certificate& original, const std::string& csr_type,
                          const Params& p) {
  if (csr_type == "Original") return original.encrypt_algorithm;
  if (csr_type == "Upload") {
    const std::string key = csr_key_algorithm(p.str_or("CsrContent", ""));
    if (key.empty()) invalid_param("CsrContent is not a PEM certificate request.");
    return key;
  }
  const std::string algo = p.str_or("CertCSREncryptAlgo", "RSA");
  if (algo == "RSA") return "RSA " + p.str_or("CertCSRKeyParameter", "2048");
  if (algo == "ECC") {
    const std::string curve = p.str_or("CertCSRKeyParameter", "prime256v1");
    return curve == "secp384r1" ? "ECC 384" : "ECC 256";
  }
  if (algo == "SM2") return "SM2 256";
  invalid_param("CertCSREncryptAlgo must be RSA, ECC or SM2.");
  return "";
}

json replace_certificate(World& world, const Params& p, const RequestMeta&) {
  const std::string method = p.str("ValidType");
  if (method != "DNS_AUTO" && method != "DNS" && method != "FILE") {
    invalid_param("ValidType must be DNS_AUTO, DNS or FILE.");
  }
  const std::string csr_type = p.str_or("CsrType", "Original");
  if (csr_type != "Original" && csr_type != "Upload" && csr_type != "Online") {
    invalid_param("CsrType must be Original, Upload or Online.");
  }
  const bool has_csr = !p.str_or("CsrContent", "").empty();
  if (csr_type == "Upload" && !has_csr)
    invalid_param("CsrContent is required with CsrType Upload.");
  if (csr_type != "Upload" && has_csr)
    invalid_param("CsrContent is taken only with CsrType Upload.");
  if (csr_type != "Online" &&
      (p.opt_str("CertCSREncryptAlgo") || p.opt_str("CertCSRKeyParameter"))) {
    invalid_param("CertCSREncryptAlgo and CertCSRKeyParameter are taken only with CsrType Online.");
  }

  Certificate& original = world.certificate(p.str("CertificateId"));
  if (original.from == "upload") {
    throw ApiFailure("FailedOperation.InvalidCertificateSource",
                     "An uploaded certificate cannot be reissued.");
  }
  if (effective_status(original, world.now()) != 1) {
    throw ApiFailure("FailedOperation.InvalidCertificateStatusCode",
                     "Only an issued certificate can be reissued.");
  }
  if (original.is_free) {
    if (!original.replaced_for.empty() || !original.replaced_by.empty()) {
      throw ApiFailure("FailedOperation.OrderAlreadyReplaced",
                       "The order has already been reissued: a free certificate can be "
                       "reissued only once.");
    }
    if (original.encrypt_algorithm != kFreeKey) {
      algorithm_invalid("A free certificate can be reissued only with an RSA 2048 key.");
    }
  }
  const std::string key = requested_key(original, csr_type, p);
  if (original.is_free && key != kFreeKey) {
    algorithm_invalid("A free certificate is reissued only with an RSA 2048 key.");
  }

  Certificate reissue;
  reissue.id = world.new_certificate_id();
  reissue.alias = original.alias;
  reissue.project_id = original.project_id;
  reissue.tags = original.tags;
  reissue.type = original.type;
  reissue.from = original.from;
  reissue.package_type = original.package_type;
  reissue.certificate_use = original.certificate_use;
  reissue.is_free = original.is_free;
  reissue.domain = original.domain;
  reissue.sans = original.sans;
  reissue.verify_type = method;
  reissue.insert_time = world.now();
  reissue.encrypt_algorithm = key;
  reissue.replaced_by = original.id;
  // Issued with the uploaded request's key (which the simulator never sees).
  if (csr_type == "Upload") reissue.csr_pem = p.str("CsrContent");
  start_domain_validation(world, reissue, method, key.rfind("ECC", 0) == 0 ? "ECC" : "RSA");
  original.replaced_for = reissue.id;
  const std::string id = reissue.id;
  world.state.certificates[id] = std::move(reissue);
  return {{"CertificateId", id}};
}

}  // namespace

void register_reissue_actions(ActionTable& t) {
  t["ReplaceCertificate"] = {
      {"CertificateId", "ValidType", "CsrType", "CsrContent", "CsrkeyPassword", "Reason",
       "CertCSREncryptAlgo", "CertCSRKeyParameter"},
      replace_certificate};
}

}  // namespace cloudssl::sim
