// Fuzz target: Tencent Cloud answers as the provider reads them — the envelope
// ({"Response": {...}}, Error.{Code,Message}, RequestId) in TencentDialect::read and the core
// Client's judgement of it and of the HTTP status, then each typed SSL/Tag action's reading of
// its Response. The client talks to a loopback server that answers every request with the
// input: byte 0 picks the action, byte 1 the HTTP status, the rest is the body.
// Properties: read() never throws; an action either returns or throws ApiError (what
// resources handle); anything else escapes and is reported as a crash, and a loop on hostile
// answers as a timeout.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/deployment_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tag/tag_actions.h"
#include "api/tencent/tencent_dialect.h"
#include "tests/fuzz/loopback_api.h"

namespace {

using namespace cloudssl::api;

cloudssl::fuzz::LoopbackApi& server() {
  static cloudssl::fuzz::LoopbackApi instance;
  return instance;
}

Client make(const tencent::Service& service) {
  tencent::ClientConfig config;
  config.credentials = {"AKIDFUZZ", "fuzz-secret", ""};
  config.endpoint = server().endpoint();
  config.max_retries = 0;  // one answer per call: retries would only repeat it
  ClientTuning tuning;
  tuning.rate_limits.enabled = false;
  return tencent::make_client(service, config, tuning);
}

Client& ssl() {
  static Client instance = make(tencent::kSslApi);
  return instance;
}

Client& tag() {
  static Client instance = make(tencent::kTagApi);
  return instance;
}

using Call = std::function<void()>;

// Indexes are part of the corpus's format (byte 0): append, never reorder.
const std::vector<Call>& calls() {
  static const std::vector<Call> table = {
      [] {
        UploadCertificateRequest r;
        r.certificate_public_key = "pem";
        r.alias = "a";
        r.project_id = 1;
        r.tags = {{"k", "v"}};
        r.repeatable = false;
        upload_certificate(ssl(), r);
      },
      [] { check_certificate_exist(ssl(), "pem"); },
      [] { describe_certificate(ssl(), "id"); },
      [] { describe_certificate_detail(ssl(), "id"); },
      [] { describe_certificates(ssl(), {}); },
      [] {
        DescribeCertificatesRequest r;
        r.limit = 2;
        describe_all_certificates(ssl(), r);
      },
      [] { modify_certificate_alias(ssl(), "id", "alias"); },
      [] {
        modify_certificate_project(ssl(), {"a", "b"}, 3);
      },
      [] { delete_certificate(ssl(), "id", true); },
      [] { delete_certificates(ssl(), {"a"}, true); },
      [] { describe_delete_certificates_task_result(ssl(), {"t"}); },
      [] { create_certificate_bind_resource_sync_task(ssl(), {"a"}, false); },
      [] { describe_certificate_bind_resource_task_detail(ssl(), "t"); },
      [] { apply_certificate(ssl(), {}); },
      [] { complete_certificate(ssl(), "id"); },
      [] { check_certificate_domain_verification(ssl(), "id"); },
      [] { upload_update_certificate_instance(ssl(), {}); },
      [] { describe_host_upload_update_record(ssl(), "id", 0, 10); },
      [] { describe_host_upload_update_record_detail(ssl(), 1); },
      [] {
        deploy_certificate_instance(ssl(), {"id", {"lb|l"}, "clb", "", {}, {}});
      },
      [] {
        const RecordProgress p = describe_host_deploy_record_detail(ssl(), 1);
        (void)record_finished(p);
        (void)failed_details(p);
      },
      [] { deploy_certificate_record_retry(ssl(), 1, {}); },
      [] { deploy_certificate_record_rollback(ssl(), 1); },
      [] { describe_host_deploy_record(ssl(), "id", "", 0, 10); },
      [] {
        update_certificate_instance(ssl(), {"old", "new", {"clb"}, {}, {}});
      },
      [] {
        const RecordProgress p = describe_host_update_record_detail(ssl(), 1);
        (void)record_finished(p);
        (void)failed_details(p);
      },
      [] { update_certificate_record_retry(ssl(), {}, 2); },
      [] { update_certificate_record_rollback(ssl(), 1); },
      [] { describe_host_update_record(ssl(), "id", "old", 0, 10); },
      [] { modify_certificates_expiring_notification_switch(ssl(), {"a"}, 1); },
      [] { describe_deployed_resources(ssl(), {"a"}, "clb"); },
      [] { describe_certificate_bind_resource_task_result(ssl(), {"t"}); },
      [] {
        modify_resource_tags(tag(), "qcs::ssl::certificate/id", {{"k", "v"}}, {"d"});
      },
  };
  return table;
}

// Every resource type with a listing: the listing and the flattening of what it returned.
constexpr std::array<const char*, 13> kListingTypes = {"clb", "cdn",        "waf", "live", "ddos",
                                                       "teo", "apigateway", "vod", "tke",  "tcb",
                                                       "cos", "lighthouse", "scf"};

// Picked after the calls and the listings (so older corpus entries keep their meaning): the
// not-found classifiers, where an error code becomes a value.
const std::vector<Call>& later_calls() {
  static const std::vector<Call> table = {
      [] { (void)find_certificate(ssl(), "id"); },
      [] { (void)find_certificate_detail(ssl(), "id"); },
  };
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!server().answer_with(data, size)) return 0;

  // The envelope alone: whatever the bytes, an Answer, never an exception.
  (void)tencent::dialect_of(ssl()).read(server().response());

  std::size_t pick = data[0] % (calls().size() + kListingTypes.size() + later_calls().size());
  try {
    if (pick < calls().size()) {
      calls()[pick]();
      return 0;
    }
    pick -= calls().size();
    if (pick < kListingTypes.size()) {
      HostInstanceListRequest request;
      request.resource_type = kListingTypes[pick];
      if (host_instance_list_action(request.resource_type).empty()) return 0;
      request.certificate_id = "id";
      const HostInstanceList list = describe_host_instance_list(ssl(), request);
      (void)flatten_host_instances(request.resource_type, list.instances);
      return 0;
    }
    later_calls()[pick - kListingTypes.size()]();
  } catch (const ApiError&) {
  }
  return 0;
}
