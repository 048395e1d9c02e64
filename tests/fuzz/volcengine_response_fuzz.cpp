// Fuzz target: Volcengine answers as the provider reads them — the envelope
// ({"ResponseMetadata": {RequestId, Error: {Code, Message}}, "Result": ...}) in
// VolcengineDialect::read and the core Client's judgement of it and of the HTTP status, then
// CertificateGetInstance's reading of Result and its walk over pages. The client talks to a
// loopback server that answers every request with the input: byte 0 picks what is called,
// byte 1 the HTTP status, the rest is the body.
// Properties: read() never throws; a call either returns or throws ApiError, and the typed
// action may also refuse a malformed Result with std::runtime_error (its documented error);
// anything else (a JSON type error, say) escapes and is reported as a crash, a walk over
// pages that never ends as a timeout or memory blow-up.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "api/volcengine/certificate/certificate_get_instance.h"
#include "api/volcengine/volcengine_dialect.h"
#include "tests/fuzz/loopback_api.h"

namespace {

using namespace cloudssl::api;

cloudssl::fuzz::LoopbackApi& server() {
  static cloudssl::fuzz::LoopbackApi instance;
  return instance;
}

volcengine::ClientConfig config() {
  volcengine::ClientConfig c;
  c.credentials = {"AKLTFUZZ", "fuzz-secret", ""};
  c.endpoint = server().endpoint();
  c.max_retries = 0;  // one answer per call: retries would only repeat it
  return c;
}

Client& client() {
  static Client instance = [] {
    ClientTuning tuning;
    tuning.rate_limits.enabled = false;
    return volcengine::make_client(volcengine::kCertificateCenter, config(), tuning);
  }();
  return instance;
}

const volcengine::VolcengineDialect& dialect() {
  static const volcengine::VolcengineDialect instance(volcengine::kCertificateCenter,
                                                      config().credentials);
  return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!server().answer_with(data, size)) return 0;

  // The envelope alone: whatever the bytes, an Answer, never an exception.
  (void)dialect().read(server().response());

  try {
    switch (data[0] % 3) {
      case 0:  // the envelope through the client
        (void)client().call(HttpMethod::Get, volcengine::kCertificateGetInstance,
                            nlohmann::json::object());
        break;
      case 1: {  // the walk with small pages, as a data source listing many
        volcengine::CertificateFilters filters;
        filters.domain = "example.com";
        (void)volcengine::certificate_get_all(client(), {}, filters, 2, false);
        break;
      }
      default: {  // one id with its private key, as the ephemeral resource asks
        volcengine::CertificateFilters filters;
        filters.instance_ids = {"cert-1"};
        (void)volcengine::certificate_get_all(client(), {}, filters, volcengine::kMaxPageSize,
                                              true);
        break;
      }
    }
  } catch (const ApiError&) {
  } catch (const std::runtime_error&) {
    // CertificateGetInstance's refusal of a malformed Result (ApiError is one too). nlohmann's
    // exceptions are not runtime_errors, so a type error still escapes as a crash.
  }
  return 0;
}
