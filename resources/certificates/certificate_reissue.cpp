// The reissue workflow of cloudssl_free_certificate (see the header).
#include "resources/certificates/certificate_reissue.h"

#include "api/tencent/ssl/certificate_actions.h"
#include "lib/pem/pem.h"
#include "resources/certificates/certificate_status.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

// The key of a free certificate ReplaceCertificate reissues (lib/pem's spelling).
constexpr const char* kReissuableKey = "RSA_2048";

std::string key_algorithm_of(const std::string& certificate_pem) {
  try {
    return pem::parse_chain(certificate_pem).facts().key_algorithm;
  } catch (const pem::PemError&) {
    return "";  // unknown: the API decides
  }
}

}  // namespace

std::optional<ReissueRefusal> reissue_refusal(const codec::Value& prior,
                                              const std::string& reverted_value) {
  const std::string id = prior.get_string("id").value_or("");
  const std::string revert = "Set reissue back to " + reverted_value;
  const std::string new_application =
      ", or apply for a new certificate instead (terraform apply -replace on this resource).";
  if (auto original = prior.get_string("replaced_by"); original && !original->empty()) {
    return ReissueRefusal{
        "Certificate " + id + " cannot be reissued again",
        "It is the reissue of certificate " + *original +
            ", and a free certificate can be reissued only once (ReplaceCertificate). " + revert +
            new_application};
  }
  const auto status = prior.get_int("status");
  if (issuance_state(status) != IssuanceState::Issued) {
    return ReissueRefusal{
        "Certificate " + id + " cannot be reissued yet",
        "It is " + status_text(status) +
            ": ReplaceCertificate reissues only an issued certificate. " + revert +
            " until it is issued (cloudssl_certificate_validation waits for that), then change "
            "it."};
  }
  if (auto pem_text = prior.get_string("certificate_pem")) {
    const std::string key = key_algorithm_of(*pem_text);
    if (!key.empty() && key != kReissuableKey) {
      return ReissueRefusal{"Certificate " + id + " cannot be reissued",
                            "Its key is " + key +
                                ": a free certificate can be reissued only when its key is RSA "
                                "2048 (ReplaceCertificate). " +
                                revert + new_application};
    }
  }
  return std::nullopt;
}

std::string reissue_dv_auth_method(const codec::Value& config) {
  if (auto method = config.get_string("reissue_dv_auth_method")) return *method;
  return config.get_string("dv_auth_method").value_or("");
}

api::ReplaceCertificateRequest reissue_request(const codec::Value& prior,
                                               const codec::Value& config) {
  api::ReplaceCertificateRequest r;
  r.certificate_id = prior.get_string("id").value_or("");
  r.valid_type = reissue_dv_auth_method(config);
  r.csr_type = config.get_string("reissue_csr_type").value_or("");
  r.csr_content = config.get_string("reissue_csr").value_or("");
  r.csr_key_password = config.get_string("reissue_csr_key_password").value_or("");
  r.reason = config.get_string("reissue_reason").value_or("");
  r.cert_csr_encrypt_algo = config.get_string("reissue_key_algorithm").value_or("");
  r.cert_csr_key_parameter = config.get_string("reissue_key_parameter").value_or("");
  return r;
}

ReissueOutcome reissue_once(api::Client& ssl, const api::ReplaceCertificateRequest& request,
                            const framework::Context& ctx) {
  auto existing_reissue = [&]() -> std::string {
    auto original = api::find_certificate(ssl, request.certificate_id, common::call_options(ctx));
    return original ? original->replaced_for : std::string();
  };
  if (std::string found = existing_reissue(); !found.empty()) return {found, true};
  api::CallOptions options = common::call_options(ctx);
  // An attempt whose answer was lost may have reissued: its reissue is the answer.
  options.find_landed = [&]() -> std::optional<nlohmann::json> {
    std::string found = existing_reissue();
    if (found.empty()) return std::nullopt;
    return nlohmann::json{{"CertificateId", found}};
  };
  try {
    return {api::replace_certificate(ssl, request, options), false};
  } catch (const api::ApiError& e) {
    // A reissue whose answer was lost and not found at once, refused when repeated.
    if (api::reissue_refused_already_replaced(e)) {
      if (std::string found = existing_reissue(); !found.empty()) return {found, true};
    }
    throw;
  }
}

std::string reissue_refusal_fix(const api::ApiError& e) {
  if (api::reissue_refused_already_replaced(e))
    return "It was reissued before, and a free certificate can be reissued only once. Apply for "
           "a new certificate instead (terraform apply -replace on this resource).";
  if (api::reissue_refused_algorithm(e))
    return "A free certificate is reissued only with an RSA 2048 key: leave reissue_key_algorithm "
           "and reissue_key_parameter unset (or RSA / 2048), and give reissue_csr an RSA 2048 "
           "request.";
  if (api::reissue_refused_status(e))
    return "Only an issued certificate can be reissued: wait for its issuance "
           "(cloudssl_certificate_validation), then change reissue.";
  if (api::reissue_refused_source(e))
    return "Only a certificate issued through Tencent Cloud can be reissued.";
  return "";
}

}  // namespace cloudssl::certificates
