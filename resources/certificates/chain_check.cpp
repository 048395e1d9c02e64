#include "resources/certificates/chain_check.h"

#include "api/tencent/ssl/order_actions.h"
#include "provider/log/logger.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

namespace {

std::string names(const std::vector<std::string>& chain) {
  if (chain.empty()) return "(no names)";
  std::string out;
  for (const auto& n : chain) out += (out.empty() ? "\"" : " → \"") + n + "\"";
  return out;
}

}  // namespace

void warn_about_chain(api::Client& ssl, const std::string& certificate_pem,
                      const framework::Context& ctx, framework::Diagnostics& diags) {
  api::ChainCheck check;
  try {
    check = api::check_certificate_chain(ssl, certificate_pem, common::call_options(ctx));
  } catch (const api::ApiError& e) {
    log::debug("certificate chain not checked", {{"error_code", e.code()}});
    return;
  }
  const auto path = codec::Path::root("certificate_pem");
  if (!check.is_valid) {
    diags.warning("The certificate chain is incomplete",
                  "CheckCertificateChain read " + names(check.chains) +
                      " and found the chain incomplete or out of order: clients that do not "
                      "already hold the missing intermediate certificates reject it. Put the "
                      "leaf first, then each intermediate certificate up to the root, in "
                      "certificate_pem.",
                  path);
  } else if (!check.is_trusted_ca) {
    diags.warning("The certificate is not issued by a trusted CA",
                  "CheckCertificateChain read " + names(check.chains) +
                      " and does not trust its CA (a self-signed certificate or a private CA): "
                      "browsers and other clients reject it unless told to trust that CA.",
                  path);
  }
}

}  // namespace cloudssl::certificates
